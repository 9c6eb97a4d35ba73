import { describe, expect, it } from 'vitest';
import { attainment, expectedValue, progressOf, shareDue, statusOf, validProfile } from './status.ts';
import { monthEnd, monthEndBefore, periodEnds, periodLabel } from './periods.ts';

describe('expected progress', () => {
  it('is linear through the year by default', () => {
    const plan = { year: 2026, target: 0.96, baseline: 0.9, profile: null };
    expect(shareDue(plan, '2025-12-31')).toBe(0);
    expect(shareDue(plan, '2026-12-31')).toBe(1);
    expect(shareDue(plan, '2027-01-01')).toBe(1);
    // 1 July 2026 is day 182 of 365.
    expect(expectedValue(plan, '2026-07-01')).toBeCloseTo(0.9 + 0.06 * (182 / 365), 10);
  });

  it('follows a monthly profile, pro rata within the month', () => {
    const profile = [0, 0, 0.3, 0.3, 0.3, 0.6, 0.6, 0.6, 0.9, 0.9, 0.9, 1];
    const plan = { year: 2026, target: 1000, baseline: 0, profile };
    expect(expectedValue(plan, '2026-02-28')).toBe(0);
    expect(expectedValue(plan, '2026-03-31')).toBeCloseTo(300, 10);
    expect(expectedValue(plan, '2026-06-15')).toBeCloseTo(300 + 300 * (15 / 30), 10);
    expect(expectedValue(plan, '2026-12-31')).toBeCloseTo(1000, 10);
    expect(validProfile(profile)).toBe(true);
    expect(validProfile([...profile.slice(0, 11), 0.99])).toBe(false);
    expect(validProfile([0.5, 0.4, ...profile.slice(2)])).toBe(false);
  });
});

describe('status', () => {
  it('is green at or above the expected value, yellow within 1 %, red below', () => {
    expect(statusOf(attainment(0.95, 0.95, 'higher'))).toBe('green');
    expect(statusOf(attainment(0.942, 0.95, 'higher'))).toBe('yellow'); // 99.2 %
    expect(statusOf(attainment(0.94, 0.95, 'higher'))).toBe('red'); // 98.9 %: one point behind
    expect(statusOf(attainment(null, 0.95, 'higher'))).toBe('red');
    // Lower is better: 101 against an expected 100 is 99.0 %.
    expect(statusOf(attainment(101, 100, 'lower'))).toBe('yellow');
    expect(statusOf(attainment(103, 100, 'lower'))).toBe('red');
    expect(statusOf(attainment(90, 100, 'lower'))).toBe('green');
    expect(statusOf(attainment(0, 100, 'lower'))).toBe('green');
  });

  it('reports progress against the target and against the value expected by the date', () => {
    const p = progressOf({ year: 2026, target: 16464, baseline: 14000, profile: null }, 15000, 'higher', '2026-07-01');
    const expected = 14000 + 2464 * (182 / 365);
    expect(p.expected).toBeCloseTo(expected, 6);
    expect(p.ofTarget).toBeCloseTo(15000 / 16464, 10);
    expect(p.attainment).toBeCloseTo(15000 / expected, 10);
    expect(p.status).toBe('red');
  });
});

describe('periods', () => {
  it('finds month ends, quarters and halves', () => {
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEndBefore('2026-03-15')).toBe('2026-02-28');
    expect(monthEndBefore('2026-01-15')).toBe('2025-12-31');
    expect(periodEnds(2026, 'quarter')).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(periodEnds(2026, 'half')).toEqual(['2026-06-30', '2026-12-31']);
    expect(periodLabel('2026-06-30', 'quarter')).toBe('2026年第二季度');
    expect(periodLabel('2026-12-31', 'half')).toBe('2026年下半年');
  });
});
