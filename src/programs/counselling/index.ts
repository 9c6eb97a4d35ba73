/** 心理咨询: counsellors, rooms and slots, appointments and sealed session notes. */
import type { Program } from '../program.ts';
import { counsellingRoutes } from './routes.ts';
import { seedCounsellingDemo } from './demo.ts';
import './indicators.ts';

export const counselling: Program = {
  name: 'counselling',
  title: '心理咨询',
  routes: (app) => counsellingRoutes(app),
  demo: { phase: 'records', seed: seedCounsellingDemo, analyse: ['counselling_appointments'] },
};

// What other programs may use: a worker's own bookings (the portal).
export { appointmentDetail, cancelAppointment, getAppointment, presentAppointment, listAppointments, listSlots, rescheduleAppointment, requestAppointment } from './service.ts';
export { counsellorUnits, counsellors, counsellingRooms, TOPICS, type Topic } from './schema.ts';
