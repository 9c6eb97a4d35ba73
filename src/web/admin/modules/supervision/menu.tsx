/** This program's entry in the side menu (the layout lists every program's menu). */
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const supervisionMenu: Program = {
  path: '/supervision',
  label: { zh: '督查督办', en: 'Supervision' },
  icon: <FundProjectionScreenOutlined />,
  permission: 'supervision.read',
  children: [
    { path: '/supervision/dashboard', label: { zh: '工作看板', en: 'Dashboard' }, icon: null },
    { path: '/supervision/bulletins', label: { zh: '督查通报', en: 'Bulletins' }, icon: null },
    { path: '/supervision/reviews', label: { zh: '季度点评', en: 'Reviews' }, icon: null },
    { path: '/supervision/targets', label: { zh: '目标任务', en: 'Targets' }, icon: null },
    { path: '/supervision/notifications', label: { zh: '消息提醒', en: 'Notifications' }, icon: null, permission: 'notifications.read' },
  ],
};
