/**
 * Sign-in throttling without lockout: failures are counted per account name and source address,
 * and after a few free attempts each further one from that address waits longer (1 s, 2 s, 4 s …
 * up to a ceiling). The real user, signing in from their own address, is not held back by an
 * attacker elsewhere. An address failing across many names is held back as a whole. A burst (from
 * one address, or against one name from many) is told to the city's administrators, once.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { raiseNudge } from '../notify/service.ts';
import { loginFailures } from './schema.ts';

export interface ThrottlePolicy {
  /** Failures from one address against one name before delays begin. */
  freeAttempts: number;
  /** The longest delay, in minutes. */
  longestDelayMinutes: number;
}

/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures from one address, across names, within the window, before it is held back whole. */
export const ADDRESS_LIMIT = 50;
/** Failures within the window that make a burst the administrators are told of. */
export const BURST_ALERT_AT = 20;

/** How long the next attempt waits after `failures` failures. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  return Math.min(2 ** (failures - policy.freeAttempts) * 1000, policy.longestDelayMinutes * 60_000);
}

/** The account name as counted: as typed, trimmed and lower-cased, known or not. */
export const accountKey = (username: string) => username.trim().toLowerCase().slice(0, 64);

/** Whether an attempt from this address against this name must wait. */
export async function isHeldBack(db: Db, account: string, address: string, now: Date): Promise<boolean> {
  const [own] = await db
    .select({ blockedUntil: loginFailures.blockedUntil })
    .from(loginFailures)
    .where(and(eq(loginFailures.account, account), eq(loginFailures.address, address)));
  if (own?.blockedUntil && own.blockedUntil > now) return true;
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const [fromAddress] = await db
    .select({ n: sql<number>`coalesce(sum(${loginFailures.failures}), 0)::int` })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), gt(loginFailures.lastAt, since)));
  return (fromAddress?.n ?? 0) >= ADDRESS_LIMIT;
}

export interface Burst {
  kind: 'address' | 'account';
  key: string;
  failures: number;
}

/** Counts a failure; returns the burst it completes, if it is the one that reaches the alert mark. */
export async function countFailure(db: Db, account: string, address: string, now: Date, policy: ThrottlePolicy): Promise<Burst | null> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const [row] = rowsOf<{ failures: number }>(
    await db.execute(sql`
      INSERT INTO login_failures (account, address, failures, last_at)
      VALUES (${account}, ${address}, 1, ${now})
      ON CONFLICT (account, address) DO UPDATE
        SET failures = CASE WHEN login_failures.last_at < ${since} THEN 1 ELSE login_failures.failures + 1 END,
            last_at = excluded.last_at
      RETURNING failures`),
  );
  const failures = row!.failures;
  const delay = delayAfter(failures, policy);
  await db
    .update(loginFailures)
    .set({ blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null })
    .where(and(eq(loginFailures.account, account), eq(loginFailures.address, address)));
  const [totals] = rowsOf<{ by_address: number; by_account: number }>(
    await db.execute(sql`
      SELECT coalesce(sum(failures) FILTER (WHERE address = ${address}), 0)::int AS by_address,
             coalesce(sum(failures) FILTER (WHERE account = ${account}), 0)::int AS by_account
        FROM login_failures WHERE (address = ${address} OR account = ${account}) AND last_at > ${since}`),
  );
  if (totals!.by_address === BURST_ALERT_AT) return { kind: 'address', key: address, failures: totals!.by_address };
  if (totals!.by_account === BURST_ALERT_AT) return { kind: 'account', key: account, failures: totals!.by_account };
  return null;
}

/** A successful sign-in clears its own address's count for the name. */
export async function clearFailures(db: Db, account: string, address: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.account, account), eq(loginFailures.address, address)));
}

/** Tells the city's administrators of a burst (at most once a day for each address or name). */
export async function alertBurst(ctxOfRoot: Ctx, burst: Burst, day: string): Promise<void> {
  const what = burst.kind === 'address' ? `来自地址 ${burst.key} 的登录` : `用户名“${burst.key}”的登录`;
  await raiseNudge(ctxOfRoot, {
    unitId: ctxOfRoot.scope.unitId,
    causeKey: `login.burst:${day}:${burst.kind}:${burst.key}`,
    kind: 'security',
    title: '登录失败次数异常',
    body: `${what}在 15 分钟内失败 ${burst.failures} 次，可能有人在猜测密码。该来源已被逐次延迟；请在审计日志中核查。`,
    link: '/audit?action=login_failed',
  });
}
