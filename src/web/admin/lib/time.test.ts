// A browser far from Shanghai: New York is 13 hours behind it in December, a day behind in the evening.
process.env.TZ = 'America/New_York';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { formatDate, formatDateTime, formatTime, inShanghai, notFuture, shanghaiDays, shanghaiInstant, today, todayInShanghai } from './time.ts';
import { slotTime } from '../modules/counselling/shared.ts';
import { period, when } from '../modules/portal/shared.ts';

// 09:00 on Tuesday 1 December 2026 in Shanghai; 20:00 on Monday 30 November in New York.
const NINE_IN_SHANGHAI = '2026-12-01T01:00:00Z';

describe('times in the web app are Shanghai times in any browser zone', () => {
  beforeEach(() => dayjs.locale('zh-cn'));
  afterEach(() => {
    vi.useRealTimers();
    dayjs.locale('en');
  });

  it('runs where the local clock is not Shanghai’s', () => {
    // Without this the assertions below would hold for plain dayjs too.
    expect(dayjs(NINE_IN_SHANGHAI).format('YYYY-MM-DD HH:mm')).toBe('2026-11-30 20:00');
  });

  it('shows an instant from the server on a Shanghai clock', () => {
    expect(formatDateTime(NINE_IN_SHANGHAI)).toBe('2026-12-01 09:00');
    expect(formatDate(NINE_IN_SHANGHAI)).toBe('2026-12-01');
    expect(formatTime(NINE_IN_SHANGHAI)).toBe('09:00');
    expect(formatTime(new Date(NINE_IN_SHANGHAI))).toBe('09:00');
    expect(inShanghai(NINE_IN_SHANGHAI).format('MM-DD ddd HH:mm:ss')).toBe('12-01 周二 09:00:00');
  });

  it('labels counselling slots and the portal’s messages in Shanghai time', () => {
    expect(slotTime(NINE_IN_SHANGHAI, '2026-12-01T02:00:00Z')).toBe('2026-12-01 周二 09:00–10:00');
    expect(period(NINE_IN_SHANGHAI, '2026-12-01T02:00:00Z')).toBe('12月1日 周二 09:00–10:00');
    expect(when(NINE_IN_SHANGHAI)).toBe('12月1日 09:00');
  });

  it('takes today as Shanghai’s today, also a picker day of that date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NINE_IN_SHANGHAI);
    expect(todayInShanghai()).toBe('2026-12-01');
    const day = today();
    expect(day.format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 00:00');
    expect(day.isSame(dayjs('2026-12-01'), 'day')).toBe(true);
    expect(day.add(1, 'day').format('YYYY-MM-DD')).toBe('2026-12-02');
    // A picker may offer Shanghai's today though New York's calendar is still on 30 November.
    expect(notFuture(dayjs('2026-12-01'))).toBe(false);
    expect(notFuture(dayjs('2026-12-02'))).toBe(true);
    // Late in Shanghai's evening it is still the same day there, whatever day New York has reached.
    vi.setSystemTime('2026-12-01T15:59:00Z');
    expect(todayInShanghai()).toBe('2026-12-01');
    vi.setSystemTime('2026-12-01T16:00:00Z');
    expect(todayInShanghai()).toBe('2026-12-02');
  });

  it('reads a date and a time of day entered in a form as Shanghai time', () => {
    const at = shanghaiInstant('2026-12-01', '09:00');
    expect(at).toBe('2026-12-01T09:00:00+08:00');
    expect(new Date(at).toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it('bounds picked calendar days by Shanghai midnights', () => {
    expect(shanghaiDays(dayjs('2026-12-01'), dayjs('2026-12-14'))).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-14T15:59:59.999Z' });
  });
});
