/**
 * Accounts: logins, sessions, passwords and the users an admin manages within their subtree.
 * Login and session look-ups run as the system (before any scope exists); the rest is scoped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../like.ts';
import type { Database, Db } from '../../db/client.ts';
import type { Actor, Ctx, Scope } from '../context.ts';
import { recordAudit, recordSystemAudit } from '../audit/service.ts';
import { isScopeViolation, isUniqueViolation } from '../db-errors.ts';
import { getUnit, inSubtree, registerCloseVeto } from '../org/service.ts';
import { orgUnits, type OrgUnitKind } from '../org/schema.ts';
import { runAsSystem, scopeOfUnit } from '../org/scope.ts';
import { accountError } from './errors.ts';
import { generatePassword, hashPassword, isStrongEnough, timingDummyHash, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { sessions, users, type UserRow } from './schema.ts';
import * as clock from '../clock.ts';
import { todayInShanghai } from '../time.ts';
import { accountKey, alertBurst, clearFailures, countFailure, isHeldBack } from './throttle.ts';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export interface SessionInfo {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

type LoginOutcome = { ok: true; session: SessionInfo; user: UserRow } | { ok: false; code: 'LOGIN_FAILED' | 'ACCOUNT_DISABLED' };

/** Where a sign-in comes from, kept on the session for its owner to recognise it. */
export interface LoginClient {
  ip?: string;
  userAgent?: string;
}

export async function login(database: Database, policy: SessionPolicy, input: { username: string; password: string }, client: LoginClient = {}): Promise<{ session: SessionInfo; user: UserRow }> {
  const throttle = { freeAttempts: policy.lockoutThreshold, longestDelayMinutes: policy.lockoutMinutes };
  // A failed attempt is counted and committed; the error is raised after the transaction.
  const outcome = await runAsSystem(database, async (db): Promise<LoginOutcome> => {
    const now = clock.now();
    const account = accountKey(input.username);
    const address = client.ip ?? 'unknown';
    // Held back, unknown or wrong: one answer, after one password hash's work.
    if (await isHeldBack(db, account, address, now)) {
      await verifyPassword(await timingDummyHash(), input.password);
      return { ok: false, code: 'LOGIN_FAILED' };
    }
    const [user] = await db.select().from(users).where(eq(users.username, input.username.trim()));
    const passwordRight = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await timingDummyHash(), input.password).then(() => false);
    if (!user || !passwordRight) {
      const burst = await countFailure(db, account, address, now, throttle);
      if (user) {
        await recordSystemAudit(db, { userId: user.id, name: user.username }, { action: 'login_failed', entity: 'user', entityId: user.id, unitId: user.unitId, after: { address } });
      }
      if (burst) {
        const root = await cityRoot(db);
        if (root) await alertBurst(rootCtx(db, root), burst, todayInShanghai(now));
      }
      return { ok: false, code: 'LOGIN_FAILED' };
    }
    if (user.disabled) return { ok: false, code: 'ACCOUNT_DISABLED' };
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3600_000);
    await db.insert(sessions).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      clientIp: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 200) ?? null,
    });
    await clearFailures(db, account, address);
    await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await recordSystemAudit(db, { userId: user.id, name: user.username }, { action: 'login', entity: 'user', entityId: user.id, unitId: user.unitId, after: { address } });
    return { ok: true, session: { token, csrfToken, expiresAt }, user };
  });
  if (!outcome.ok) throw accountError(outcome.code);
  return outcome;
}

/** The city: where the administrators who hear of sign-in bursts sit. */
async function cityRoot(db: Db): Promise<{ id: number; path: string } | null> {
  const [root] = await db.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(isNull(orgUnits.parentId)).orderBy(asc(orgUnits.id)).limit(1);
  return root ?? null;
}

/** The system acting at the city, for the alert it raises (no user is signed in yet). */
function rootCtx(db: Db, root: { id: number; path: string }): Ctx {
  return { db, actor: { userId: 0, username: 'system', displayName: '系统', role: 'city_admin', unitId: root.id }, scope: { unitId: root.id, path: root.path } };
}

export interface ResolvedSession {
  actor: Actor;
  scope: Scope;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The session behind a cookie token, or null when absent, expired (idle or absolute) or the user disabled. */
export async function resolveSession(database: Database, policy: SessionPolicy, token: string): Promise<ResolvedSession | null> {
  return runAsSystem(database, async (db) => {
    const th = tokenHash(token);
    const [row] = await db.select({ s: sessions, u: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, th));
    if (!row) return null;
    const now = clock.nowMs();
    const idleDeadline = row.s.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
    if (row.u.disabled || row.s.expiresAt.getTime() <= now || idleDeadline <= now) {
      await db.delete(sessions).where(eq(sessions.tokenHash, th));
      return null;
    }
    // Touch at most once a minute: reads should not each become a write.
    if (now - row.s.lastSeenAt.getTime() > 60_000) {
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.tokenHash, th));
    }
    const scope = await scopeOfUnit(db, row.u.unitId);
    if (!scope) return null;
    return {
      actor: { userId: row.u.id, username: row.u.username, displayName: row.u.displayName, role: row.u.role, unitId: row.u.unitId },
      scope,
      csrfToken: row.s.csrfToken,
      mustChangePassword: row.u.mustChangePassword,
    };
  });
}

export async function logout(database: Database, token: string): Promise<void> {
  await runAsSystem(database, async (db) => {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  });
}

/**
 * Changes the caller's password and ends every other session of theirs: whoever else was signed
 * in with the old password is signed out. `sessionToken` is the session the change came from,
 * which stays.
 */
export async function changeOwnPassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }, sessionToken?: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw accountError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw accountError('PASSWORD_WRONG');
  if (input.currentPassword === input.newPassword) throw accountError('PASSWORD_REUSED');
  if (!isStrongEnough(input.newPassword, user.username)) throw accountError('PASSWORD_TOO_WEAK');
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, passwordChangedAt: clock.now() })
    .where(eq(users.id, user.id));
  const ended = await ctx.db
    .delete(sessions)
    .where(and(eq(sessions.userId, user.id), sessionToken ? ne(sessions.tokenHash, tokenHash(sessionToken)) : undefined))
    .returning({ id: sessions.userId });
  await recordAudit(ctx, { action: 'change_password', entity: 'user', entityId: user.id, unitId: user.unitId, after: { otherSessionsEnded: ended.length } });
}

/** Which unit kinds each role may sit at, and which roles an actor may grant. */
const ROLE_UNIT_KINDS: Record<Role, readonly OrgUnitKind[] | 'any'> = {
  city_admin: ['city'],
  county_admin: ['county'],
  grassroots_staff: ['township', 'grassroots', 'branch'],
  reviewer: 'any',
  auditor: 'any',
  lawyer: 'any',
  counsellor: 'any',
  worker: ['grassroots', 'branch', 'township'],
};

function mayGrant(actor: Actor, role: Role): boolean {
  if (actor.role === 'city_admin') return true;
  if (actor.role === 'county_admin') return role !== 'city_admin';
  return false;
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: number;
  role: Role;
}

export async function createUser(ctx: Ctx, input: NewUser): Promise<{ user: UserRow; initialPassword: string }> {
  if (!mayGrant(ctx.actor, input.role)) throw accountError('ROLE_NOT_GRANTABLE');
  const unit = await getUnit(ctx, input.unitId);
  const kinds = ROLE_UNIT_KINDS[input.role];
  if (kinds !== 'any' && !kinds.includes(unit.kind)) throw accountError('ROLE_UNIT_MISMATCH');
  const initialPassword = generatePassword();
  let user: UserRow;
  try {
    [user] = (await ctx.db
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        unitId: unit.id,
        role: input.role,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
      })
      .returning()) as [UserRow];
  } catch (e) {
    if (isUniqueViolation(e, 'users_username_unique')) throw accountError('USERNAME_TAKEN');
    if (isScopeViolation(e)) throw accountError('USER_NOT_FOUND');
    throw e;
  }
  await recordAudit(ctx, { action: 'create', entity: 'user', entityId: user.id, unitId: user.unitId, after: presentUser(user) });
  return { user, initialPassword };
}

export async function getUser(ctx: Ctx, id: number): Promise<UserRow> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!user) throw accountError('USER_NOT_FOUND');
  return user;
}

export async function listUsers(
  ctx: Ctx,
  f: { underUnitId?: number | undefined; q?: string | undefined; role?: Role | undefined; offset: number; limit: number },
): Promise<{ items: (UserRow & { unitName: string })[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (f.underUnitId !== undefined) conds.push(inSubtree((await getUnit(ctx, f.underUnitId)).path));
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.q) {
    const like = escapeLike(f.q);
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  const where = and(...conds);
  const rows = await ctx.db
    .select({ u: users, unitName: orgUnits.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(where)
    .orderBy(asc(orgUnits.path), asc(users.username))
    .offset(f.offset)
    .limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.unitId)).where(where);
  return { items: rows.map((r) => ({ ...r.u, unitName: r.unitName })), total: count?.n ?? 0 };
}

/** An admin sets a new random password; the user must change it at next login. */
export async function resetPassword(ctx: Ctx, id: number): Promise<{ user: UserRow; initialPassword: string }> {
  const user = await getUser(ctx, id);
  if (!mayGrant(ctx.actor, user.role)) throw accountError('ROLE_NOT_GRANTABLE', '您不能重置该用户的密码');
  const initialPassword = generatePassword();
  const [after] = (await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(initialPassword), mustChangePassword: true, failedLogins: 0, lockedUntil: null })
    .where(eq(users.id, id))
    .returning()) as [UserRow];
  await ctx.db.delete(sessions).where(eq(sessions.userId, id));
  await recordAudit(ctx, { action: 'reset_password', entity: 'user', entityId: id, unitId: user.unitId });
  return { user: after, initialPassword };
}

export async function setUserDisabled(ctx: Ctx, id: number, disabled: boolean): Promise<UserRow> {
  const user = await getUser(ctx, id);
  if (id === ctx.actor.userId) throw accountError('CANNOT_DISABLE_SELF');
  if (!mayGrant(ctx.actor, user.role)) throw accountError('ROLE_NOT_GRANTABLE', '您不能停用或启用该用户');
  const [after] = (await ctx.db.update(users).set({ disabled }).where(eq(users.id, id)).returning()) as [UserRow];
  if (disabled) await ctx.db.delete(sessions).where(eq(sessions.userId, id));
  await recordAudit(ctx, { action: disabled ? 'disable' : 'enable', entity: 'user', entityId: id, unitId: user.unitId, before: presentUser(user), after: presentUser(after) });
  return after;
}

/** Row → wire, once: the password hash never leaves the service. */
export function presentUser(u: UserRow & { unitName?: string }) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    ...(u.unitName !== undefined ? { unitName: u.unitName } : {}),
    role: u.role,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    locked: !!u.lockedUntil && u.lockedUntil > clock.now(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}

// A unit whose people still have active accounts is not closed until they are disabled or moved.
registerCloseVeto('active-users', async (ctx, unit) => {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.unitId, unit.id), eq(users.disabled, false)));
  return row && row.n > 0 ? `仍有 ${row.n} 个启用的账号` : null;
});

/** CLI and seeding: create a user as the system (no scope), returning the initial password. */
export async function createUserAsSystem(db: Db, input: NewUser & { password?: string; mustChangePassword?: boolean }): Promise<{ user: UserRow; password: string }> {
  const password = input.password ?? generatePassword();
  const [user] = (await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      unitId: input.unitId,
      role: input.role,
      passwordHash: await hashPassword(password),
      mustChangePassword: input.mustChangePassword ?? true,
    })
    .returning()) as [UserRow];
  await recordSystemAudit(db, { userId: null, name: 'system' }, { action: 'create', entity: 'user', entityId: user.id, unitId: user.unitId, after: presentUser(user) });
  return { user, password };
}

export async function resetPasswordAsSystem(db: Db, username: string): Promise<string | null> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) return null;
  const password = generatePassword();
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), mustChangePassword: true, failedLogins: 0, lockedUntil: null, disabled: false })
    .where(eq(users.id, user.id));
  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await recordSystemAudit(db, { userId: null, name: 'system' }, { action: 'reset_password', entity: 'user', entityId: user.id, unitId: user.unitId });
  return password;
}
