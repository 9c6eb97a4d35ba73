/**
 * Deadlines computed from a case's dated events: pure functions on Asia/Shanghai calendar dates.
 *
 * Periods are counted the way Chinese law counts them (民法典 第二百零一、二百零二条): the day the
 * period starts from is not counted; a period of days ends N days later; a period of months or
 * years ends on the corresponding day of the last month, or on that month's last day when it has
 * no such day (one year from 2012-02-29 ends on 2013-02-28). The due date is the last day on
 * which the act may still be done. When that day is a rest day (法定休假日: a weekend or public
 * holiday), the period ends on the first working day after it (第二百零三条); a weekend day made a
 * working day (调休上班) is a working day. Rest days come from the official calendar the city keeps;
 * a year it does not hold counts weekends only.
 */
import { addDays, addMonths, isValidIsoDate, type IsoDate } from '../time.ts';

export { addDays, addMonths };

const DAY = 86400000;

function parts(d: IsoDate): [number, number, number] {
  if (!isValidIsoDate(d)) throw new Error(`Not a calendar date: ${d}`);
  return d.split('-').map(Number) as [number, number, number];
}

export function addYears(d: IsoDate, years: number): IsoDate {
  return addMonths(d, years * 12);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY);
}

/** The official rest days of the years the calendar holds. */
export interface RestDayCalendar {
  /** The years the calendar holds; any other year counts weekends only. */
  years: ReadonlySet<number>;
  holidays: ReadonlySet<IsoDate>;
  /** Weekend days made working days (调休上班). */
  workdays: ReadonlySet<IsoDate>;
}

/** No official calendar: weekends are the only rest days. */
export const WEEKENDS_ONLY: RestDayCalendar = { years: new Set(), holidays: new Set(), workdays: new Set() };

export function makeCalendar(days: readonly { day: IsoDate; kind: 'holiday' | 'workday' }[]): RestDayCalendar {
  const years = new Set<number>();
  const holidays = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  for (const d of days) {
    years.add(Number(d.day.slice(0, 4)));
    (d.kind === 'holiday' ? holidays : workdays).add(d.day);
  }
  return { years, holidays, workdays };
}

export function calendarHolds(cal: RestDayCalendar, d: IsoDate): boolean {
  return cal.years.has(parts(d)[0]);
}

export function isRestDay(cal: RestDayCalendar, d: IsoDate): boolean {
  if (cal.workdays.has(d)) return false;
  if (cal.holidays.has(d)) return true;
  const [y, m, day] = parts(d);
  const weekday = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The day itself when it is a working day, else the first working day after it. */
export function firstWorkingDayFrom(cal: RestDayCalendar, d: IsoDate): IsoDate {
  let out = d;
  for (let i = 0; i < 60 && isRestDay(cal, out); i++) out = addDays(out, 1);
  return out;
}

export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

export function addPeriod(d: IsoDate, p: Period): IsoDate {
  let out = d;
  if (p.years) out = addYears(out, p.years);
  if (p.months) out = addMonths(out, p.months);
  if (p.days) out = addDays(out, p.days);
  return out;
}

/**
 * A deadline of a flow: it runs from the latest of the `from` events (a later interruption
 * restarts it), is pushed back by `extension` when that event is recorded, and is met by the
 * first `metBy` event on or after its start.
 */
export interface DeadlineRule {
  key: string;
  label: string;
  /** The legal basis, shown beside the date. */
  basis: string;
  from: readonly string[];
  period: Period;
  extension?: { event: string; period: Period };
  metBy: readonly string[];
}

export interface DatedEvent {
  kind: string;
  occurredOn: IsoDate;
}

export interface Deadline {
  key: string;
  fromOn: IsoDate;
  dueOn: IsoDate;
  extended: boolean;
  /** When the act was done (or null while it is still to be done). */
  metOn: IsoDate | null;
  /** The day the period ended when it was a rest day and `dueOn` moved past it; else null. */
  nominalDueOn: IsoDate | null;
}

/**
 * Every deadline the events start; a rule none of whose start events happened gives none. A due
 * date on a rest day moves to the next working day (weekends only, when no calendar is given).
 */
export function computeDeadlines(rules: readonly DeadlineRule[], events: readonly DatedEvent[], calendar: RestDayCalendar = WEEKENDS_ONLY): Deadline[] {
  const out: Deadline[] = [];
  for (const rule of rules) {
    const starts = events
      .filter((e) => rule.from.includes(e.kind))
      .map((e) => e.occurredOn)
      .sort();
    const fromOn = starts[starts.length - 1];
    if (!fromOn) continue;
    let dueOn = addPeriod(fromOn, rule.period);
    let extended = false;
    if (rule.extension && events.some((e) => e.kind === rule.extension!.event && e.occurredOn >= fromOn)) {
      dueOn = addPeriod(dueOn, rule.extension.period);
      extended = true;
    }
    const met = events
      .filter((e) => rule.metBy.includes(e.kind) && e.occurredOn >= fromOn)
      .map((e) => e.occurredOn)
      .sort();
    const moved = firstWorkingDayFrom(calendar, dueOn);
    out.push({ key: rule.key, fromOn, dueOn: moved, extended, metOn: met[0] ?? null, nominalDueOn: moved === dueOn ? null : dueOn });
  }
  return out;
}

export type DeadlineState = 'met' | 'open' | 'due_soon' | 'overdue' | 'void';

/**
 * How a deadline stands today: met (done in time or late — `lateBy` tells), still open, due within
 * `soonDays`, overdue, or void (the case closed before it mattered).
 */
export function deadlineState(
  d: Pick<Deadline, 'dueOn' | 'metOn'>,
  today: IsoDate,
  opts: { soonDays?: number; closedOn?: IsoDate | null } = {},
): { state: DeadlineState; daysLeft: number; lateBy: number } {
  const daysLeft = daysBetween(today, d.dueOn);
  if (d.metOn) return { state: 'met', daysLeft, lateBy: Math.max(0, daysBetween(d.dueOn, d.metOn)) };
  if (opts.closedOn) return { state: 'void', daysLeft, lateBy: 0 };
  if (daysLeft < 0) return { state: 'overdue', daysLeft, lateBy: -daysLeft };
  if (daysLeft <= (opts.soonDays ?? 7)) return { state: 'due_soon', daysLeft, lateBy: 0 };
  return { state: 'open', daysLeft, lateBy: 0 };
}
