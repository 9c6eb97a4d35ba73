/** This program's entry in the side menu (the layout lists every program's menu). */
import { SmileOutlined } from '@ant-design/icons';
import type { Program } from '../../layout/AppLayout.tsx';

export const counsellingMenu: Program = {
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
