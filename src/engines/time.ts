/** Calendar dates are Asia/Shanghai dates, written 'YYYY-MM-DD'. */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export type IsoDate = string;

export function todayInShanghai(now: Date = new Date()): IsoDate {
  return shanghaiDate.format(now);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Chinese text in dictionary (pinyin) order. */
export const zhCollator = new Intl.Collator('zh-CN');
