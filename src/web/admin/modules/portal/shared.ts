/** Wire types of the portal's API and small helpers shared by its pages. */
import { formatTime, inShanghai } from '../../lib/time.ts';

export interface Membership {
  name: string;
  idMasked: string;
  phone: string;
  status: 'member' | 'left';
  unionName: string | null;
  enterpriseName: string | null;
  joinedOn: string | null;
}
export interface CaseItem {
  id: number;
  ref: string;
  title: string;
  stage: string;
  status: 'open' | 'closed';
  openedOn: string;
  closedOn: string | null;
  result: string | null;
  channel: string;
  disputeType: string;
  claimedFen: number;
  recoveredFen: number;
  employerName: string;
  nextDueOn: string | null;
}
export interface CaseDetail extends Omit<CaseItem, 'nextDueOn'> {
  unitName: string;
  employerCreditCode: string | null;
  facts: string | null;
  stages: { stage: string; startedOn: string; endedOn: string | null; outcome: string | null; amountFen: number }[];
  deadlines: { key: string; label: string; dueOn: string; metOn: string | null; state: string }[];
  aidRequests: { id: number; requestedOn: string; reason: string; decision: string; decidedOn: string | null; decisionNote: string | null; lawyerName: string | null }[];
}
export interface OpenSlot {
  id: number;
  startsAt: string;
  endsAt: string;
  counsellorName: string;
  qualification: string;
  roomName: string;
  roomAddress: string | null;
}
export interface MyAppointment {
  id: number;
  startsAt: string;
  endsAt: string;
  counsellorName: string;
  roomName: string;
  topic: string;
  status: string;
  requestedAt: string;
  cancelReason: string | null;
}

export const DISPUTE_TYPES = ['wages', 'social_insurance', 'termination', 'work_injury', 'overtime', 'other'] as const;
export const TOPICS = ['work_stress', 'relationships', 'family', 'emotions', 'career', 'other'] as const;

export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 12月1日 周二 09:00–10:00 */
export function period(startsAt: string, endsAt: string): string {
  return `${inShanghai(startsAt).format('M月D日 ddd HH:mm')}–${formatTime(endsAt)}`;
}

export const STAGE_COLORS: Record<string, string> = { intake: 'blue', mediation: 'cyan', arbitration: 'orange', first_instance: 'purple', appeal: 'magenta' };
export const APPT_COLORS: Record<string, string> = { requested: 'gold', confirmed: 'green', cancelled: 'default', completed: 'blue', no_show: 'red' };
export const LIVE_APPT = ['requested', 'confirmed'];

/** 12月1日 09:30 */
export const when = (at: string) => inShanghai(at).format('M月D日 HH:mm');
