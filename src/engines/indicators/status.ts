/**
 * Progress against a target, and its colour — defined here and nowhere else.
 *
 * expected(date) = baseline + (target − baseline) × share(date), where share is the part of the
 * year's progress due by that date: days elapsed ÷ days in the year (linear), or, with a monthly
 * profile, the profile's cumulative share at the month's end before, plus the month's part pro rata.
 *
 * attainment = actual ÷ expected when higher is better, expected ÷ actual when lower is better.
 *   green  — attainment ≥ 100 %: on or ahead of schedule;
 *   yellow — attainment ≥ 99 %: slightly behind (within 1 % of the expected value);
 *   red    — below 99 %, or no figure: behind schedule (its users are nudged).
 */
import type { IsoDate } from '../time.ts';
import { dayOfYear, daysInYear } from './periods.ts';

export const STATUS_THRESHOLDS = { green: 1, yellow: 0.99 } as const;

export type TargetStatus = 'green' | 'yellow' | 'red';

export interface TargetPlan {
  year: number;
  target: number;
  baseline: number;
  /** 12 cumulative shares (month ends), the last 1; null = linear through the year. */
  profile: number[] | null;
}

/** Share of the year's progress due by the end of `date` (0 before the year, 1 after it). */
export function shareDue(plan: Pick<TargetPlan, 'year' | 'profile'>, date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  if (y < plan.year) return 0;
  if (y > plan.year) return 1;
  if (!plan.profile) return dayOfYear(date) / daysInYear(plan.year);
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const before = m === 1 ? 0 : plan.profile[m - 2]!;
  return before + (plan.profile[m - 1]! - before) * (d / monthDays);
}

export function expectedValue(plan: TargetPlan, date: IsoDate): number {
  return plan.baseline + (plan.target - plan.baseline) * shareDue(plan, date);
}

export function attainment(actual: number | null, expected: number, direction: 'higher' | 'lower'): number | null {
  if (actual === null || !Number.isFinite(actual)) return null;
  if (direction === 'higher') return expected <= 0 ? (actual >= expected ? 1 : 0) : actual / expected;
  return actual <= 0 ? 1 : expected / actual;
}

export function statusOf(att: number | null): TargetStatus {
  if (att === null) return 'red';
  if (att >= STATUS_THRESHOLDS.green - 1e-9) return 'green';
  if (att >= STATUS_THRESHOLDS.yellow - 1e-9) return 'yellow';
  return 'red';
}

export interface Progress {
  target: number;
  baseline: number;
  expected: number;
  /** actual against the target (actual ÷ target; for lower-is-better target ÷ actual). */
  ofTarget: number | null;
  /** actual against the value expected by the date. */
  attainment: number | null;
  status: TargetStatus;
}

export function progressOf(plan: TargetPlan, actual: number | null, direction: 'higher' | 'lower', date: IsoDate): Progress {
  const expected = expectedValue(plan, date);
  const att = attainment(actual, expected, direction);
  return { target: plan.target, baseline: plan.baseline, expected, ofTarget: attainment(actual, plan.target, direction), attainment: att, status: statusOf(att) };
}

/** A profile is 12 non-decreasing shares in [0, 1] ending at 1. */
export function validProfile(p: number[]): boolean {
  return p.length === 12 && p.every((x, i) => Number.isFinite(x) && x >= 0 && x <= 1 && (i === 0 || x >= p[i - 1]!)) && Math.abs(p[11]! - 1) < 1e-9;
}
