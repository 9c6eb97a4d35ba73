/** This program's entry in the side menu (the layout lists every program's menu). */
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const supervisionMenu: Program = {
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
