/** This program's entry in the side menu. */
import { IdcardOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const membershipMenu: MenuEntry<'members.read' | 'members.write'> = {
  path: '/membership',
  label: { zh: '会员与建会', en: 'Membership' },
  icon: <IdcardOutlined />,
  permission: 'members.read',
  children: [
    { path: '/membership/stats', label: { zh: '建会入会统计', en: 'Coverage statistics' }, icon: null },
    { path: '/membership/enterprises', label: { zh: '企业', en: 'Enterprises' }, icon: null },
    { path: '/membership/unions', label: { zh: '基层工会', en: 'Grassroots unions' }, icon: null },
    { path: '/membership/members', label: { zh: '会员', en: 'Members' }, icon: null },
    { path: '/membership/imports', label: { zh: '名册导入', en: 'Roster import' }, icon: null, permission: 'members.write' },
  ],
};
