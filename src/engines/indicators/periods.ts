/** Months, quarters and half-years as Asia/Shanghai calendar dates. */
import { isValidIsoDate, type IsoDate } from '../time.ts';
import { indicatorError } from './errors.ts';

/** The last day of the month of a date: '2026-02-11' → '2026-02-28'. */
export function monthEnd(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The last day of the month `n` months before the month of `date` (n = 1: the previous month). */
export function monthEndBefore(date: IsoDate, n = 1): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - n, 0)).toISOString().slice(0, 10);
}

/** 'YYYY-MM' or a date → the month's last day. */
export function periodOf(value: string): IsoDate {
  const d = /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value;
  if (!isValidIsoDate(d)) throw indicatorError('SNAPSHOT_PERIOD_INVALID');
  return monthEnd(d);
}

/** The most recent month that is over on `today`. */
export function lastClosedPeriod(today: IsoDate): IsoDate {
  return monthEndBefore(today, 1);
}

export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86400000;
}

/** Day of the year, 1 on 1 January. */
export function dayOfYear(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000 + 1;
}

export const PERIOD_KINDS = ['month', 'quarter', 'half'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The ends of a year's periods of a kind: months, quarters (3, 6, 9, 12) or halves (6, 12). */
export function periodEnds(year: number, kind: PeriodKind): IsoDate[] {
  const months = kind === 'month' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : kind === 'quarter' ? [3, 6, 9, 12] : [6, 12];
  return months.map((m) => new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10));
}

/** '2026-03-31' → '2026年第一季度' / '2026年上半年' / '2026年3月'. */
export function periodLabel(end: IsoDate, kind: PeriodKind): string {
  const [y, m] = end.split('-').map(Number) as [number, number];
  if (kind === 'quarter') return `${y}年第${['一', '二', '三', '四'][Math.ceil(m / 3) - 1]}季度`;
  if (kind === 'half') return `${y}年${m <= 6 ? '上' : '下'}半年`;
  return `${y}年${m}月`;
}
