/** This program's entry in the side menu (its module, module.ts, brings it to the layout). */
import { SmileOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../module.ts';

export const counsellingMenu: MenuEntry<'counselling.read' | 'counselling.write' | 'counselling.manage' | 'counselling.notes'> = {
  path: '/counselling',
  label: { zh: '心理咨询', en: 'Counselling' },
  icon: <SmileOutlined />,
  permission: 'counselling.read',
  children: [
    { path: '/counselling/appointments', label: { zh: '预约', en: 'Appointments' }, icon: null },
    { path: '/counselling/counsellors', label: { zh: '咨询师与时段', en: 'Counsellors' }, icon: null },
    { path: '/counselling/statistics', label: { zh: '统计', en: 'Statistics' }, icon: null },
  ],
};
