/**
 * Dates and times in the web app are Asia/Shanghai's, whatever zone the browser is set to: an
 * instant from the server is shown on a Shanghai clock, "today" is Shanghai's today, and a time of
 * day entered in a form is a Shanghai time.
 *
 * antd's DatePicker holds a calendar day as midnight of that day in the browser's zone; `today()`
 * gives Shanghai's today in that form, so pickers, `disabledDate` and `.format('YYYY-MM-DD')` read
 * the right day. Date-only strings ('2026-05-01') carry no zone and are used as they are.
 */
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI = 'Asia/Shanghai';

/**
 * The app's clock follows the server's: every answer carries the server's time (the server's
 * engines/clock), and "now" here is this browser's clock moved by the difference. A phone set to
 * the wrong day still shows the right "today", and a test run's day reaches the browser.
 */
const SERVER_TIME_HEADER = 'x-server-time';
let offsetMs = 0;

/** Takes the server's time from an answer; differences under two seconds are latency, not skew. */
export function followServerClock(res: Response): void {
  const server = Number(res.headers.get(SERVER_TIME_HEADER));
  if (!Number.isFinite(server) || server <= 0) return;
  const measured = server - Date.now();
  if (Math.abs(measured - offsetMs) > 2000) offsetMs = measured;
}

/** Milliseconds since the epoch on the server's clock. */
export const nowMs = (): number => Date.now() + offsetMs;

/** The current instant on the server's clock, as ISO text. */
export const nowIso = (): string => new Date(nowMs()).toISOString();

/** An instant: an ISO timestamp from the server, epoch milliseconds, a Date or a Dayjs. */
export type Instant = string | number | Date | Dayjs;

/** The instant (now, when none is given) on a Shanghai clock; format it as you like. */
export function inShanghai(at?: Instant): Dayjs {
  return dayjs(at === undefined ? nowMs() : at).tz(SHANGHAI);
}

/** 2026-12-01 09:00 */
export const formatDateTime = (at: Instant): string => inShanghai(at).format('YYYY-MM-DD HH:mm');

/** 2026-12-01 — the Shanghai date of an instant. */
export const formatDate = (at: Instant): string => inShanghai(at).format('YYYY-MM-DD');

/** 09:00 */
export const formatTime = (at: Instant): string => inShanghai(at).format('HH:mm');

/** Shanghai's date today, 'YYYY-MM-DD'. */
export const todayInShanghai = (): string => inShanghai().format('YYYY-MM-DD');

/** Shanghai's today as a calendar day for pickers and day arithmetic (see above). */
export const today = (): Dayjs => dayjs(todayInShanghai());

/** A Shanghai date and clock time ('2026-12-01', '09:00') as an instant: '2026-12-01T09:00:00+08:00'. */
export function shanghaiInstant(date: string, time: string): string {
  return dayjs.tz(`${date}T${time}`, SHANGHAI).format();
}

/** From the start of the first to the end of the last of these calendar days in Shanghai, as ISO instants for a query. */
export function shanghaiDays(first: Dayjs, last: Dayjs): { from: string; to: string } {
  return {
    from: dayjs.tz(first.format('YYYY-MM-DD'), SHANGHAI).startOf('day').toISOString(),
    to: dayjs.tz(last.format('YYYY-MM-DD'), SHANGHAI).endOf('day').toISOString(),
  };
}

/** A DatePicker's disabledDate for days that cannot lie ahead: those after Shanghai's today. */
export const notFuture = (d: Dayjs): boolean => d.isAfter(today(), 'day');
