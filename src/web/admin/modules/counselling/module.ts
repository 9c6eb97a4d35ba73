/** 心理咨询 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { counsellingMenu } from './menu.tsx';

export const counsellingModule = defineModule({
  name: 'counselling',
  permissions: ['counselling.read', 'counselling.write', 'counselling.manage', 'counselling.notes'],
  menu: counsellingMenu,
  routes: [{ path: 'counselling/*', permission: 'counselling.read', load: () => import('./index.tsx') }],
  auditEntities: {
    counsellor: { zh: '心理咨询师', en: 'Counsellor' },
    counselling_room: { zh: '咨询室', en: 'Room' },
    counselling_slot: { zh: '咨询时段', en: 'Slot' },
    counselling_appointment: { zh: '咨询预约', en: 'Appointment' },
    counselling_note: { zh: '咨询记录', en: 'Session note' },
    counselling_follow_up: { zh: '回访', en: 'Follow-up' },
  },
});
