/** This program's entry in the side menu (the layout lists every program's menu). */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const legalMenu: Program = {
  path: '/legal',
  label: { zh: '法律服务', en: 'Legal services' },
  icon: <SafetyCertificateOutlined />,
  permission: 'legal.read',
  children: [
    { path: '/legal/cases', label: { zh: '劳动争议案件', en: 'Cases' }, icon: null },
    { path: '/legal/lawyers', label: { zh: '律师团队', en: 'Lawyers' }, icon: null },
    { path: '/legal/statistics', label: { zh: '统计', en: 'Statistics' }, icon: null },
    { path: '/legal/calendar', label: { zh: '节假日安排', en: 'Holiday calendar' }, icon: null },
  ],
};
