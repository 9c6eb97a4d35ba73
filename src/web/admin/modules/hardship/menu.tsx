/** This program's entry in the side menu (its module, module.ts, brings it to the layout). */
import { HeartOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const hardshipMenu: MenuEntry<'hardship.read' | 'hardship.write' | 'hardship.sensitive'> = {
  path: '/hardship',
  label: { zh: '困难职工帮扶', en: 'Hardship archive' },
  icon: <HeartOutlined />,
  permission: 'hardship.read',
  children: [
    { path: '/hardship/households', label: { zh: '困难职工档案', en: 'Households' }, icon: null },
    { path: '/hardship/standards', label: { zh: '认定标准', en: 'Standards' }, icon: null },
  ],
};
