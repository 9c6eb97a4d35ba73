/** Calendar dates are Asia/Shanghai dates, written 'YYYY-MM-DD'. */
export type IsoDate = string;

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Shanghai; cheap enough to call once per imported row. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Chinese text in dictionary (pinyin) order. */
export const zhCollator = new Intl.Collator('zh-CN');
