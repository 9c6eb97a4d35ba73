import { afterEach, describe, expect, it } from 'vitest';
import * as clock from './clock.ts';
import { dayOfCommit, describeDay, isCalendarDay, testDay } from '../../scripts/test-day.mjs';

const runDay = process.env.GONGHUI_TEST_TODAY!;

afterEach(() => clock.setToday(runDay));

describe('the one clock', () => {
  it('runs on the test run’s day, from 10:00 Beijing time', () => {
    expect(isCalendarDay(runDay)).toBe(true);
    expect(clock.today()).toBe(runDay);
    const beijingHour = (clock.now().getUTCHours() + 8) % 24;
    expect(beijingHour).toBeGreaterThanOrEqual(10);
  });

  it('is set to a day and keeps running from there', async () => {
    clock.setToday('2028-02-29', '23:59:59');
    expect(clock.today()).toBe('2028-02-29');
    const before = clock.nowMs();
    await new Promise((r) => setTimeout(r, 1100));
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(1000);
    expect(clock.today()).toBe('2028-03-01');
  });

  it('takes a day only as a real calendar date', () => {
    expect(() => clock.setToday('2027-02-29')).toThrow(/not a calendar date/);
    expect(() => clock.setToday('2027-2-1')).toThrow(/YYYY-MM-DD/);
    expect(() => clock.setClockTo(new Date('nonsense'))).toThrow();
  });

  it('follows a test day from the environment only in a test run', () => {
    expect(() => clock.clockFromEnvironment({ GONGHUI_TEST_TODAY: '2026-10-01', NODE_ENV: 'production' })).toThrow(/test runs only/);
    expect(clock.today()).toBe(runDay);
    expect(clock.clockFromEnvironment({ NODE_ENV: 'production' })).toBeNull();
    expect(clock.clockFromEnvironment({ GONGHUI_TEST_TODAY: '2026-10-01', NODE_ENV: 'test' })).toBe('2026-10-01');
    expect(clock.today()).toBe('2026-10-01');
  });

  it('is the machine’s clock again when reset', () => {
    clock.resetClock();
    expect(clock.clockOffsetMs()).toBe(0);
    expect(Math.abs(clock.nowMs() - new Date(clock.now()).getTime())).toBeLessThan(5);
  });
});

describe('the test run’s day', () => {
  it('is the day named in GONGHUI_TEST_TODAY, refused when not a date', () => {
    expect(testDay({ GONGHUI_TEST_TODAY: '2026-02-14' })).toEqual({ day: '2026-02-14', source: 'GONGHUI_TEST_TODAY' });
    expect(() => testDay({ GONGHUI_TEST_TODAY: '2026-02-30' })).toThrow(/not a calendar date/);
  });

  it('is otherwise derived from the commit, spread over weekdays and years', () => {
    const days = ['0a', '3f', '77', '9c', 'b1', 'd4', 'ee', 'ff', '12', '58'].map((p) => dayOfCommit(`${p}${'1'.repeat(38)}`));
    for (const d of days) {
      expect(isCalendarDay(d)).toBe(true);
      expect(d >= '2025-01-01' && d <= '2028-12-31').toBe(true);
    }
    expect(new Set(days.map((d) => describeDay(d).split(' ')[1])).size).toBeGreaterThanOrEqual(4);
    expect(dayOfCommit('a'.repeat(40))).toBe(dayOfCommit('a'.repeat(40)));
    expect(testDay({}, process.cwd()).day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
