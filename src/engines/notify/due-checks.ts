/**
 * "Something falls due" checks: each program registers the check that raises its nudges (a
 * hardship review, a case deadline …) in its own folder; the supervision scheduler runs them all
 * for the whole tree once an hour. A check raises each nudge once per cause (raiseNudge), so
 * running it again changes nothing.
 */
import type { Ctx } from '../context.ts';

export interface DueCheck {
  /** Stable name, for the log. */
  name: string;
  run(ctx: Ctx): Promise<{ raised: number }>;
}

const checks = new Map<string, DueCheck>();

export function registerDueCheck(check: DueCheck): void {
  checks.set(check.name, check);
}

export function dueChecks(): DueCheck[] {
  return [...checks.values()];
}
