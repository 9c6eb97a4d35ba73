/** This program's entry in the side menu (the layout lists every program's menu). */
import { GiftOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const reliefMenu: Program = {
  path: '/relief',
  label: { zh: '送温暖与助学', en: 'Relief campaigns' },
  icon: <GiftOutlined />,
  permission: 'relief.read',
  children: [
    { path: '/relief/campaigns', label: { zh: '帮扶活动', en: 'Campaigns' }, icon: null },
    { path: '/relief/applications', label: { zh: '申请与审批', en: 'Applications' }, icon: null },
    { path: '/relief/batches', label: { zh: '资金发放', en: 'Payments' }, icon: null },
  ],
};
