/**
 * What a worker who booked through the workers' portal is told when the union confirms, moves or
 * cancels their booking: plain Chinese, what happened and what to do next, times in Shanghai.
 */
import { shanghaiPeriod } from '../../engines/time.ts';

export type BookingChange = { change: 'confirmed' } | { change: 'moved'; awaitsConfirmation: boolean } | { change: 'cancelled'; reason: string };

export interface BookingFacts {
  startsAt: Date;
  endsAt: Date;
  counsellorName: string;
  roomName: string;
  roomAddress: string | null;
}

/** The worker's counselling page on the portal. */
export const PORTAL_COUNSELLING = '/portal/counselling';

export function bookingNotice(c: BookingChange, b: BookingFacts): { kind: 'counselling'; title: string; body: string; link: string } {
  const when = shanghaiPeriod(b.startsAt, b.endsAt);
  const where = b.roomAddress ? `${b.roomName}（${b.roomAddress}）` : b.roomName;
  switch (c.change) {
    case 'confirmed':
      return {
        kind: 'counselling',
        title: '心理咨询预约已确认',
        body: `您的心理咨询预约已确认：${when}，咨询师${b.counsellorName}，地点：${where}。请准时到达；如不能前来，请提前在“心理咨询”中改约或取消。`,
        link: PORTAL_COUNSELLING,
      };
    case 'moved':
      return {
        kind: 'counselling',
        title: '心理咨询预约已改期',
        body: `您的心理咨询预约已改到：${when}，咨询师${b.counsellorName}，地点：${where}。${c.awaitsConfirmation ? '咨询师确认后会再通知您。' : '请准时到达。'}如时间不合适，请在“心理咨询”中改约或取消。`,
        link: PORTAL_COUNSELLING,
      };
    case 'cancelled':
      return {
        kind: 'counselling',
        title: '心理咨询预约已取消',
        body: `您${when}的心理咨询预约已取消${c.reason ? `，原因：${c.reason}` : ''}。如仍需咨询，请在“心理咨询”中重新预约。`,
        link: PORTAL_COUNSELLING,
      };
  }
}
