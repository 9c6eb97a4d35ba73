/** 心理咨询: wire types and code lists. Session notes never travel here except to their own counsellor. */
import { formatTime, inShanghai } from '../../lib/time.ts';

export const BASE = '/api/v1/counselling';
export const STATUSES = ['requested', 'confirmed', 'cancelled', 'completed', 'no_show'] as const;
export const TOPICS = ['work_stress', 'relationships', 'family', 'emotions', 'career', 'other'] as const;
export const REQUESTERS = ['worker', 'union'] as const;
export const METHODS = ['phone', 'visit', 'session'] as const;
export const COUNTS = ['requested', 'sessions', 'cancelled', 'noShow', 'clients', 'followUpsPlanned', 'followUpsDone'] as const;
export type CountKey = (typeof COUNTS)[number];

export interface Counsellor {
  id: number;
  unitId: number;
  userId: number | null;
  name: string;
  qualification: string;
  qualificationNo: string | null;
  phone: string | null;
  available: boolean;
  availabilityNote: string | null;
  active: boolean;
  joinedOn: string;
  unitsServed?: { id: number; name: string }[];
}
export interface Room {
  id: number;
  unitId: number;
  name: string;
  address: string | null;
}
export interface Slot {
  id: number;
  unitId: number;
  counsellorId: number;
  roomId: number;
  startsAt: string;
  endsAt: string;
  counsellorName: string;
  roomName: string;
  taken: boolean;
}
export interface FollowUp {
  id: number;
  appointmentId: number;
  method: string;
  dueOn: string;
  doneOn: string | null;
}
export interface Appointment {
  id: number;
  unitId: number;
  unitName: string;
  slotId: number;
  counsellorId: number;
  counsellorName: string;
  roomId: number;
  roomName: string;
  startsAt: string;
  endsAt: string;
  requestedBy: string;
  clientName: string;
  clientPhone: string | null;
  topic: string;
  status: (typeof STATUSES)[number];
  requestedAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  completedAt: string | null;
  /** That a session note exists, and when it was last written (never its text). */
  noteWritten: boolean;
  noteWrittenAt: string | null;
  followUps?: FollowUp[];
}
export type Counts = Record<CountKey, number>;
export interface Statistics {
  unit: { id: number; name: string };
  from: string;
  to: string;
  totals: Counts;
  counsellors: number;
  byUnit: (Counts & { unitId: number; unitName: string })[];
}

export const STATUS_COLOR: Record<string, string> = { requested: 'orange', confirmed: 'blue', cancelled: 'default', completed: 'green', no_show: 'red' };

/** A slot's time as people read it: 12-01 周二 09:00–10:00. */
export function slotTime(startsAt: string, endsAt: string): string {
  return `${inShanghai(startsAt).format('YYYY-MM-DD ddd HH:mm')}–${formatTime(endsAt)}`;
}

/** The free slots offered when booking: from now to 30 days ahead. */
export const bookingWindow = () => ({ from: inShanghai().format(), to: inShanghai().add(30, 'day').format() });
