import { describe, expect, it } from 'vitest';
import { dateCell, readWrittenDate } from './dates.ts';
import { todayInShanghai } from '../time.ts';
import { addDays } from '../time.ts';

describe('a date as cadres write it', () => {
  it('reads every common way of writing one day', () => {
    for (const written of ['2025-03-01', '2025/3/1', '2025.3.1', '2025年3月1日', '2025 年 3 月 1 日', '20250301', '２０２５/３/１', '2025-3-01']) {
      expect(readWrittenDate(written), written).toBe('2025-03-01');
    }
  });

  it('tells a day that does not exist from one it cannot read', () => {
    expect(readWrittenDate('2025/2/29')).toBe('impossible');
    expect(readWrittenDate('2024年2月30日')).toBe('impossible');
    expect(readWrittenDate('20251301')).toBe('impossible');
    expect(readWrittenDate('三月一日')).toBe('unreadable');
    expect(readWrittenDate('2025-03')).toBe('unreadable');
    expect(dateCell('入会日期')('2025/2/29')).toEqual({ error: '入会日期“2025/2/29”这一天不存在' });
    expect(dateCell('入会日期')('昨天')).toEqual({ error: '入会日期无法识别，请写成 2025-03-01 或 2025/3/1' });
  });

  it('refuses a day still ahead, unless the column allows it', () => {
    const tomorrow = addDays(todayInShanghai(), 1);
    expect(dateCell('成立日期')(tomorrow)).toEqual({ error: '成立日期不能晚于今天' });
    expect(dateCell('复核日期', { future: true })(tomorrow)).toEqual({ value: tomorrow });
  });
});
