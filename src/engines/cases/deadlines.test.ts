import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, computeDeadlines, daysBetween, deadlineState, type DeadlineRule } from './deadlines.ts';

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
    const [d] = computeDeadlines([rule], [
      { kind: 'a', occurredOn: '2013-01-30' },
      { kind: 'b', occurredOn: '2013-01-31' },
      { kind: 'm', occurredOn: '2013-01-15' },
      { kind: 'm', occurredOn: '2013-02-10' },
      { kind: 'm', occurredOn: '2013-02-05' },
    ]);
    expect(d).toMatchObject({ fromOn: '2013-01-31', dueOn: '2013-03-01', metOn: '2013-02-05' });
  });
});

