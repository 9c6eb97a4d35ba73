/** This program's entry in the side menu. */
import { IdcardOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const membershipMenu: MenuEntry<'members.read' | 'members.write'> = {
  path: '/membership',
  label: 'menu.membership',
  icon: <IdcardOutlined />,
  permission: 'members.read',
  children: [
    { path: '/membership/stats', label: 'menu.membership.stats', icon: null },
    { path: '/membership/enterprises', label: 'menu.membership.enterprises', icon: null },
    { path: '/membership/unions', label: 'menu.membership.unions', icon: null },
    { path: '/membership/members', label: 'menu.membership.members', icon: null },
    { path: '/membership/imports', label: 'menu.membership.imports', icon: null, permission: 'members.write' },
  ],
};
