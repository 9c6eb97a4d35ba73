/** This program's entry in the side menu (its module, module.ts, brings it to the layout). */
import { GiftOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const reliefMenu: MenuEntry<'relief.read' | 'relief.write' | 'relief.approve'> = {
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
