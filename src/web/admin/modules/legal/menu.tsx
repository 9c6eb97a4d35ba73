/** This program's entry in the side menu (its module, module.ts, brings it to the layout). */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const legalMenu: MenuEntry<'legal.read' | 'legal.write' | 'legal.manage'> = {
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
