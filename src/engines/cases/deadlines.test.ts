import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  calendarHolds,
  computeDeadlines,
  daysBetween,
  deadlineState,
  firstWorkingDayFrom,
  isRestDay,
  makeCalendar,
  WEEKENDS_ONLY,
  type DeadlineRule,
} from './deadlines.ts';

describe('calendar arithmetic (Asia/Shanghai dates)', () => {
  it('adds days across month and year ends, and over 29 February in leap years', () => {
    expect(addDays('2013-01-31', 1)).toBe('2013-02-01');
    expect(addDays('2013-12-31', 1)).toBe('2014-01-01');
    expect(addDays('2012-02-28', 1)).toBe('2012-02-29');
    expect(addDays('2013-02-28', 1)).toBe('2013-03-01');
    expect(addDays('2012-03-01', -1)).toBe('2012-02-29');
    expect(addDays('2016-02-15', 15)).toBe('2016-03-01');
    expect(addDays('2015-02-15', 15)).toBe('2015-03-02');
  });

  it('adds months and years to the corresponding day, or the month end when there is none', () => {
    expect(addMonths('2013-01-31', 1)).toBe('2013-02-28');
    expect(addMonths('2012-01-31', 1)).toBe('2012-02-29');
    expect(addMonths('2013-03-31', 1)).toBe('2013-04-30');
    expect(addMonths('2013-12-15', 1)).toBe('2014-01-15');
    expect(addMonths('2013-01-15', -1)).toBe('2012-12-15');
    expect(addYears('2012-02-29', 1)).toBe('2013-02-28');
    expect(addYears('2012-02-29', 4)).toBe('2016-02-29');
    expect(addYears('2011-02-28', 1)).toBe('2012-02-28');
    expect(addYears('2013-06-30', 1)).toBe('2014-06-30');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2013-01-01', '2013-01-01')).toBe(0);
    expect(daysBetween('2012-02-28', '2012-03-01')).toBe(2);
    expect(daysBetween('2013-02-28', '2013-03-01')).toBe(1);
    expect(daysBetween('2013-12-31', '2013-01-01')).toBe(-364);
    expect(daysBetween('2012-01-01', '2013-01-01')).toBe(366);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('2013-02-29', 1)).toThrow();
    expect(() => addYears('2013-13-01', 1)).toThrow();
  });
});

describe('deadline rules', () => {
  it('tells how a deadline stands today', () => {
    expect(deadlineState({ dueOn: '2013-03-06', metOn: null }, '2013-03-01')).toMatchObject({ state: 'due_soon', daysLeft: 5 });
    expect(deadlineState({ dueOn: '2013-03-06', metOn: null }, '2013-02-01')).toMatchObject({ state: 'open', daysLeft: 33 });
    expect(deadlineState({ dueOn: '2013-03-06', metOn: null }, '2013-03-06')).toMatchObject({ state: 'due_soon', daysLeft: 0 });
    expect(deadlineState({ dueOn: '2013-03-06', metOn: null }, '2013-03-08')).toMatchObject({ state: 'overdue', lateBy: 2 });
    expect(deadlineState({ dueOn: '2013-03-06', metOn: '2013-03-09' }, '2013-04-01')).toMatchObject({ state: 'met', lateBy: 3 });
    expect(deadlineState({ dueOn: '2013-03-06', metOn: null }, '2013-04-01', { closedOn: '2013-02-01' })).toMatchObject({ state: 'void' });
  });

  it('uses the latest start and the first meeting event of a generic rule', () => {
    const rule: DeadlineRule = { key: 'k', label: 'k', basis: '', from: ['a', 'b'], period: { months: 1, days: 1 }, metBy: ['m'] };
    const [d] = computeDeadlines(
      [rule],
      [
        { kind: 'a', occurredOn: '2013-01-30' },
        { kind: 'b', occurredOn: '2013-01-31' },
        { kind: 'm', occurredOn: '2013-01-15' },
        { kind: 'm', occurredOn: '2013-02-10' },
        { kind: 'm', occurredOn: '2013-02-05' },
      ],
    );
    expect(d).toMatchObject({ fromOn: '2013-01-31', dueOn: '2013-03-01', metOn: '2013-02-05' });
  });
});

describe('rest days move a due date (民法典 第二百零三条)', () => {
  const range = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  };
  // Part of the State Council's calendars for 2024 and 2025.
  const calendar = makeCalendar([
    ...range('2024-02-10', '2024-02-17').map((day) => ({ day, kind: 'holiday' as const })),
    { day: '2024-02-04', kind: 'workday' },
    { day: '2024-02-18', kind: 'workday' },
    ...range('2025-01-28', '2025-02-04').map((day) => ({ day, kind: 'holiday' as const })),
    { day: '2025-01-26', kind: 'workday' },
    { day: '2025-02-08', kind: 'workday' },
    ...range('2025-10-01', '2025-10-08').map((day) => ({ day, kind: 'holiday' as const })),
  ]);
  const days = (n: number): DeadlineRule => ({ key: 'k', label: 'k', basis: '', from: ['s'], period: { days: n }, metBy: [] });
  const due = (rule: DeadlineRule, from: string, cal = calendar) => computeDeadlines([rule], [{ kind: 's', occurredOn: from }], cal)[0]!;

  it('tells rest days: weekends and holidays, but not make-up working days', () => {
    expect(isRestDay(calendar, '2024-02-12')).toBe(true); // 春节, a Monday
    expect(isRestDay(calendar, '2024-02-18')).toBe(false); // a Sunday worked
    expect(isRestDay(calendar, '2024-03-16')).toBe(true); // a Saturday
    expect(isRestDay(calendar, '2024-03-15')).toBe(false);
    expect(firstWorkingDayFrom(calendar, '2024-02-10')).toBe('2024-02-18');
  });

  it('moves a deadline landing in 春节 to the first working day after it, a make-up Sunday included', () => {
    // 15 days from 31 January 2024 end on 15 February, in the holiday; Sunday 18 February is worked.
    expect(due(days(15), '2024-01-31')).toMatchObject({ dueOn: '2024-02-18', nominalDueOn: '2024-02-15' });
    // 45 days from 19 December 2024 end on Sunday 2 February 2025, in the holiday: Wednesday 5 February.
    expect(due(days(45), '2024-12-19')).toMatchObject({ dueOn: '2025-02-05', nominalDueOn: '2025-02-02' });
    // 15 days after an award served on 16 September 2025 end on 1 October: after the National Day week.
    expect(due(days(15), '2025-09-16')).toMatchObject({ dueOn: '2025-10-09', nominalDueOn: '2025-10-01' });
  });

  it('moves a deadline landing on a weekend to the Monday', () => {
    expect(due(days(15), '2024-03-01')).toMatchObject({ dueOn: '2024-03-18', nominalDueOn: '2024-03-16' });
  });

  it('keeps a deadline landing on a make-up working day, which only the calendar knows', () => {
    expect(due(days(15), '2024-01-20')).toMatchObject({ dueOn: '2024-02-04', nominalDueOn: null });
    expect(due(days(15), '2024-01-20', WEEKENDS_ONLY)).toMatchObject({ dueOn: '2024-02-05', nominalDueOn: '2024-02-04' });
  });

  it('counts across month ends and leap years before moving', () => {
    const year: DeadlineRule = { ...days(0), period: { years: 1 } };
    // From leap day: the year ends on Friday 28 February 2025, a working day.
    expect(due(year, '2024-02-29')).toMatchObject({ dueOn: '2025-02-28', nominalDueOn: null });
    // Up to leap day: 15 days from 14 February 2024 end on Thursday 29 February.
    expect(due(days(15), '2024-02-14')).toMatchObject({ dueOn: '2024-02-29', nominalDueOn: null });
    // A month from 31 January 2026 is 28 February, a Saturday: Monday 2 March (weekends only; 2026 is not in this calendar).
    expect(due({ ...days(0), period: { months: 1 } }, '2026-01-31')).toMatchObject({ dueOn: '2026-03-02', nominalDueOn: '2026-02-28' });
  });

  it('says which years the calendar holds; others count weekends only', () => {
    expect(calendarHolds(calendar, '2024-05-01')).toBe(true);
    expect(calendarHolds(calendar, '2027-01-01')).toBe(false);
    // 1 January 2027 is a Friday: without the year's calendar it is a working day.
    expect(due(days(15), '2026-12-17')).toMatchObject({ dueOn: '2027-01-01', nominalDueOn: null });
  });
});
