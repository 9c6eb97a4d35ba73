/** Calendar dates are Asia/Shanghai dates, written 'YYYY-MM-DD'. */
import { SHANGHAI_OFFSET_MS, shanghaiDateOf, type IsoDate } from './clock.ts';

export type { IsoDate } from './clock.ts';

/** Today's date in Shanghai on the one clock (or the Shanghai date of `at`); cheap enough to call once per imported row. */
export function todayInShanghai(at?: Date): IsoDate {
  return shanghaiDateOf(at);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DAY_MS = 86400000;

function dateParts(d: IsoDate): [number, number, number] {
  if (!isValidIsoDate(d)) throw new Error(`Not a calendar date: ${d}`);
  return d.split('-').map(Number) as [number, number, number];
}

/** The date `days` later (earlier when negative). */
export function addDays(d: IsoDate, days: number): IsoDate {
  const [y, m, day] = dateParts(d);
  return new Date(Date.UTC(y, m - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The corresponding day `months` later, or that month's last day when it has none. */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const [y, m, day] = dateParts(d);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(day, last))).toISOString().slice(0, 10);
}

/** Chinese text in dictionary (pinyin) order. */
export const zhCollator = new Intl.Collator('zh-CN');

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const two = (n: number) => String(n).padStart(2, '0');

/** A period as a worker reads it, in Shanghai time: 「12月1日 周二 09:00–10:00」. */
export function shanghaiPeriod(startsAt: Date, endsAt: Date): string {
  const s = new Date(startsAt.getTime() + SHANGHAI_OFFSET_MS);
  const e = new Date(endsAt.getTime() + SHANGHAI_OFFSET_MS);
  const day = `${s.getUTCMonth() + 1}月${s.getUTCDate()}日 ${WEEKDAYS[s.getUTCDay()]}`;
  const sameDay = s.toISOString().slice(0, 10) === e.toISOString().slice(0, 10);
  const end = sameDay ? `${two(e.getUTCHours())}:${two(e.getUTCMinutes())}` : `${e.getUTCMonth() + 1}月${e.getUTCDate()}日 ${two(e.getUTCHours())}:${two(e.getUTCMinutes())}`;
  return `${day} ${two(s.getUTCHours())}:${two(s.getUTCMinutes())}–${end}`;
}

/** A calendar date in Chinese: 「2026年11月20日」. */
export function zhDate(day: IsoDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
