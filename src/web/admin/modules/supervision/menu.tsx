/** This program's entry in the side menu (its module, module.ts, brings it to the layout). */
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const supervisionMenu: MenuEntry<'supervision.read' | 'supervision.manage'> = {
  path: '/supervision',
  label: { zh: '督查督办', en: 'Supervision' },
  icon: <FundProjectionScreenOutlined />,
  // Shown to whoever reads notifications; the supervision pages only to those who read the figures.
  permission: 'notifications.read',
  children: [
    { path: '/supervision/dashboard', label: { zh: '工作看板', en: 'Dashboard' }, icon: null, permission: 'supervision.read' },
    { path: '/supervision/bulletins', label: { zh: '督查通报', en: 'Bulletins' }, icon: null, permission: 'supervision.read' },
    { path: '/supervision/reviews', label: { zh: '季度点评', en: 'Reviews' }, icon: null, permission: 'supervision.read' },
    { path: '/supervision/targets', label: { zh: '目标任务', en: 'Targets' }, icon: null, permission: 'supervision.read' },
    { path: '/supervision/notifications', label: { zh: '消息提醒', en: 'Notifications' }, icon: null, permission: 'notifications.read' },
  ],
};
