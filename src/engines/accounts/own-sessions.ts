/**
 * A user's own sign-ins: the sessions open in their name (to end one they do not recognise) and
 * their recent logins and failed attempts, read from the audit trail.
 */
import { and, desc, eq, inArray, like } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { auditLog } from '../audit/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { accountError } from './errors.ts';
import { sessions } from './schema.ts';
import { tokenHash } from './service.ts';

/** A session's public name: the head of its token's hash, which tells nothing of the token. */
const SESSION_ID_LENGTH = 16;
const sessionIdOf = (hash: string) => hash.slice(0, SESSION_ID_LENGTH);

export interface OwnSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

export async function listOwnSessions(ctx: Ctx, currentToken: string | undefined): Promise<OwnSession[]> {
  const current = currentToken ? tokenHash(currentToken) : null;
  const rows = await ctx.db.select().from(sessions).where(eq(sessions.userId, ctx.actor.userId)).orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: sessionIdOf(s.tokenHash),
    current: s.tokenHash === current,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    clientIp: s.clientIp,
    userAgent: s.userAgent,
  }));
}

/** Ends one of the caller's own sessions (another user's is not there for them). */
export async function endOwnSession(ctx: Ctx, id: string): Promise<void> {
  const ended = await ctx.db
    .delete(sessions)
    .where(and(eq(sessions.userId, ctx.actor.userId), like(sessions.tokenHash, `${id}%`)))
    .returning({ userId: sessions.userId });
  if (ended.length === 0) throw accountError('SESSION_NOT_FOUND');
  await recordAudit(ctx, { action: 'logout', entity: 'user', entityId: ctx.actor.userId, unitId: ctx.actor.unitId, after: { endedSession: id } });
}

export interface LoginEvent {
  at: string;
  outcome: 'login' | 'login_failed';
  /** After a failure: how many in a row, or that the account was locked. */
  detail: Record<string, unknown> | null;
}

/** The caller's most recent sign-ins and failed attempts. */
export async function ownLoginHistory(ctx: Ctx, limit = 30): Promise<LoginEvent[]> {
  const rows = await ctx.db
    .select({ at: auditLog.at, action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(ctx.actor.userId)), inArray(auditLog.action, ['login', 'login_failed'])))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  return rows.map((r) => ({ at: r.at.toISOString(), outcome: r.action as LoginEvent['outcome'], detail: (r.after as Record<string, unknown> | null) ?? null }));
}
