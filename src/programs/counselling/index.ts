/** 心理咨询: counsellors, rooms and slots, appointments and sealed session notes. */
import type { Program } from '../program.ts';
import { counsellingRoutes } from './routes.ts';
import { seedCounsellingDemo } from './demo.ts';
import { counsellingIndicators } from './indicators.ts';

export const counselling: Program = {
  name: 'counselling',
  title: '心理咨询',
  permissions: {
    owns: {
      'counselling.read': '查看咨询时段与预约（不含咨询记录）',
      'counselling.write': '开放时段、登记与确认预约',
      'counselling.manage': '维护咨询师团队与咨询室',
      'counselling.notes': '撰写与查看本人的咨询记录（他人的记录任何人不可读）',
    },
    grants: {
      city_admin: ['counselling.read', 'counselling.write', 'counselling.manage'],
      county_admin: ['counselling.read', 'counselling.write', 'counselling.manage'],
      grassroots_staff: ['counselling.read', 'counselling.write'],
      reviewer: ['counselling.read'],
      auditor: ['counselling.read'],
      counsellor: ['counselling.read', 'counselling.write', 'counselling.notes'],
    },
  },
  resources: { counsellor: '心理咨询师', counselling_slot: '咨询时段', appointment: '咨询预约', follow_up: '回访' },
  indicators: counsellingIndicators,
  testing: () => import('./testing.ts'),
  routes: (app) => counsellingRoutes(app),
  demo: { phase: 'records', seed: seedCounsellingDemo, analyse: ['counselling_appointments'] },
};

// What other programs may use: a worker's own bookings (the portal).
export { appointmentDetail, cancelAppointment, getAppointment, presentAppointment, listAppointments, listSlots, rescheduleAppointment, requestAppointment } from './service.ts';
export { counsellorUnits, counsellors, counsellingRooms, TOPICS, type Topic } from './schema.ts';
