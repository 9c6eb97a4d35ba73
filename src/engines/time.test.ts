import { describe, expect, it } from 'vitest';
import { isValidIsoDate, shanghaiPeriod, todayInShanghai, zhCollator, zhDate } from './time.ts';

describe('dates and sorting', () => {
  it('takes today in Asia/Shanghai, not UTC', () => {
    // 2026-01-31 17:30 UTC is already 1 February in Beijing.
    expect(todayInShanghai(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02-01');
    expect(todayInShanghai(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
  });
  it('checks calendar dates, leap years included', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-13-01')).toBe(false);
    expect(isValidIsoDate('2023-1-01')).toBe(false);
  });
  it('sorts Chinese names in pinyin order', () => {
    expect(['邵武市', '建阳区', '延平区', '光泽县'].sort(zhCollator.compare)).toEqual(['光泽县', '建阳区', '邵武市', '延平区']);
  });
  it('writes a period and a date as a worker reads them, in Shanghai time', () => {
    // 2026-12-01 01:00 UTC is 09:00 on Tuesday 1 December in Beijing.
    expect(shanghaiPeriod(new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T02:00:00Z'))).toBe('12月1日 周二 09:00–10:00');
    // 16:30 UTC on 30 November is already 1 December there.
    expect(shanghaiPeriod(new Date('2026-11-30T16:30:00Z'), new Date('2026-11-30T17:15:00Z'))).toBe('12月1日 周二 00:30–01:15');
    expect(zhDate('2026-03-05')).toBe('2026年3月5日');
  });
});
