/** This program's entry in the side menu (the layout lists every program's menu). */
import { HeartOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const hardshipMenu: Program = {
  path: '/hardship',
  label: { zh: '困难职工帮扶', en: 'Hardship archive' },
  icon: <HeartOutlined />,
  permission: 'hardship.read',
  children: [
    { path: '/hardship/households', label: { zh: '困难职工档案', en: 'Households' }, icon: null },
    { path: '/hardship/standards', label: { zh: '认定标准', en: 'Standards' }, icon: null },
  ],
};
