/**
 * Self-registration for the workers' portal. A worker gives name, ID number and mobile number; they
 * must match a person with a current membership (and the phone on file, if the union keeps one). A
 * six-digit code goes by SMS; the worker comes back with it and a password of their choosing, and
 * gets a login of role `worker` at their union, bound to the person (portal_accounts).
 *
 * This runs before anyone is signed in, so as the system, like login. Every request for a code,
 * granted or refused, is a row of portal_codes: one a minute and five a day per ID number and per
 * phone. A code lives ten minutes and allows five wrong tries; only its keyed hash is stored.
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { recordSystemAudit } from '../../engines/audit/service.ts';
import { createUserAsSystem } from '../../engines/accounts/service.ts';
import { isStrongEnough } from '../../engines/accounts/passwords.ts';
import { users } from '../../engines/accounts/schema.ts';
import type { MessageChannel } from '../../engines/notify/channels.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { isMobilePhone, parseIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash } from '../../engines/people/sealing.ts';
import { memberships, persons, type PersonRow } from '../membership/index.ts';
import { portalError } from './errors.ts';
import { portalAccounts, portalCodes } from './schema.ts';
import * as clock from '../../engines/clock.ts';

export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_INTERVAL_SECONDS = 60;
export const CODES_PER_DAY = 5;

export interface Identity {
  name: string;
  idNumber: string;
  phone: string;
}

const codeHash = (phone: string, code: string) => lookupHash(`portal-code:${phone}:${code}`);

function parseIdentity(input: Identity): { name: string; idHash: string; phone: string } {
  const id = parseIdCard(input.idNumber.trim());
  if (!id.ok) throw portalError('PORTAL_ID_INVALID');
  const phone = input.phone.trim();
  if (!isMobilePhone(phone)) throw portalError('PORTAL_PHONE_INVALID');
  return { name: input.name.trim(), idHash: lookupHash(id.info.number), phone };
}

type Match = { ok: true; person: PersonRow; unionUnitId: number } | { ok: false; code: 'PORTAL_IDENTITY_MISMATCH' | 'PORTAL_PHONE_MISMATCH' | 'PORTAL_NOT_A_MEMBER' | 'PORTAL_ALREADY_REGISTERED' };

/** The person the identity names, their current union, and whether they may register. */
async function match(db: Db, who: { name: string; idHash: string; phone: string }): Promise<Match> {
  const [person] = await db.select().from(persons).where(eq(persons.idHash, who.idHash));
  if (!person || person.name !== who.name) return { ok: false, code: 'PORTAL_IDENTITY_MISMATCH' };
  const [current] = await db
    .select({ unionUnitId: memberships.unionUnitId })
    .from(memberships)
    .where(and(eq(memberships.personId, person.id), isNull(memberships.leftOn)));
  if (!current) return { ok: false, code: 'PORTAL_NOT_A_MEMBER' };
  if (person.phone && person.phone !== who.phone) return { ok: false, code: 'PORTAL_PHONE_MISMATCH' };
  const [bound] = await db.select({ userId: portalAccounts.userId }).from(portalAccounts).where(eq(portalAccounts.personId, person.id));
  if (bound) return { ok: false, code: 'PORTAL_ALREADY_REGISTERED' };
  return { ok: true, person, unionUnitId: current.unionUnitId };
}

type CodeOutcome = { ok: true; code: string; expiresAt: Date } | { ok: false; code: Exclude<Match, { ok: true }>['code'] | 'PORTAL_CODE_TOO_SOON' | 'PORTAL_CODE_DAILY_LIMIT' };

/** Checks the identity and sends a registration code to the phone. */
export async function requestRegistrationCode(database: Database, sms: MessageChannel, input: Identity, now = clock.now()): Promise<{ expiresAt: string; resendAfterSeconds: number }> {
  const who = parseIdentity(input);
  // A refused request is recorded too (and committed), so guessing is limited like sending.
  const outcome = await runAsSystem(database, async (db): Promise<CodeOutcome> => {
    // One request at a time per ID number and per phone, so the limits hold under concurrency.
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`portal-code:${who.idHash}`})), pg_advisory_xact_lock(hashtext(${`portal-code:${who.phone}`}))`);
    const [recent] = await db
      .select({ last: sql<Date | null>`max(${portalCodes.sentAt})`, today: sql<number>`count(*)::int` })
      .from(portalCodes)
      .where(and(or(eq(portalCodes.idHash, who.idHash), eq(portalCodes.phone, who.phone)), gte(portalCodes.sentAt, new Date(now.getTime() - 24 * 3600_000))));
    const last = recent?.last ? new Date(recent.last) : null;
    if (last && now.getTime() - last.getTime() < CODE_INTERVAL_SECONDS * 1000) return { ok: false, code: 'PORTAL_CODE_TOO_SOON' };
    if ((recent?.today ?? 0) >= CODES_PER_DAY) return { ok: false, code: 'PORTAL_CODE_DAILY_LIMIT' };
    const m = await match(db, who);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
    // A refused request leaves a row that no code can match.
    await db.insert(portalCodes).values({ idHash: who.idHash, phone: who.phone, codeHash: m.ok ? codeHash(who.phone, code) : '', sentAt: now, expiresAt: m.ok ? expiresAt : now });
    return m.ok ? { ok: true, code, expiresAt } : { ok: false, code: m.code };
  });
  if (!outcome.ok) throw portalError(outcome.code);
  await sms.send(who.phone, { subject: '职工服务门户注册验证码', text: `您的职工服务门户注册验证码为 ${outcome.code}，${CODE_TTL_MINUTES} 分钟内有效。如非本人操作，请忽略本短信。` });
  return { expiresAt: outcome.expiresAt.toISOString(), resendAfterSeconds: CODE_INTERVAL_SECONDS };
}

type RegisterOutcome =
  | { ok: true; username: string; userId: number }
  | { ok: false; code: Exclude<Match, { ok: true }>['code'] | 'PORTAL_CODE_WRONG' | 'PORTAL_CODE_EXPIRED' | 'PORTAL_CODE_LOCKED' | 'PORTAL_USERNAME_TAKEN' };

/**
 * Opens the worker's account when the code is right: username = the mobile number, role worker,
 * unit = the union of their current membership. A wrong code counts against the code (committed).
 */
export async function registerWorker(database: Database, input: Identity & { code: string; password: string }, now = clock.now()): Promise<{ username: string; userId: number }> {
  const who = parseIdentity(input);
  if (!isStrongEnough(input.password, who.phone)) throw portalError('PORTAL_PASSWORD_WEAK');
  const outcome = await runAsSystem(database, async (db): Promise<RegisterOutcome> => {
    const [sent] = await db
      .select()
      .from(portalCodes)
      .where(and(eq(portalCodes.idHash, who.idHash), eq(portalCodes.phone, who.phone), ne(portalCodes.codeHash, ''), isNull(portalCodes.usedAt)))
      .orderBy(desc(portalCodes.sentAt), desc(portalCodes.id))
      .limit(1)
      .for('update');
    if (!sent) return { ok: false, code: 'PORTAL_CODE_WRONG' };
    if (sent.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, code: 'PORTAL_CODE_LOCKED' };
    if (sent.expiresAt.getTime() <= now.getTime()) return { ok: false, code: 'PORTAL_CODE_EXPIRED' };
    if (sent.codeHash !== codeHash(who.phone, input.code.trim())) {
      await db
        .update(portalCodes)
        .set({ attempts: sent.attempts + 1 })
        .where(eq(portalCodes.id, sent.id));
      return { ok: false, code: sent.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'PORTAL_CODE_LOCKED' : 'PORTAL_CODE_WRONG' };
    }
    const m = await match(db, who);
    if (!m.ok) return m;
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, who.phone));
    if (taken) return { ok: false, code: 'PORTAL_USERNAME_TAKEN' };
    await db.update(portalCodes).set({ usedAt: now }).where(eq(portalCodes.id, sent.id));
    const { user } = await createUserAsSystem(db, {
      username: who.phone,
      displayName: m.person.name,
      unitId: m.unionUnitId,
      role: 'worker',
      password: input.password,
      mustChangePassword: false,
    });
    await db.insert(portalAccounts).values({ userId: user.id, personId: m.person.id, phone: who.phone, registeredAt: now });
    await recordSystemAudit(
      db,
      { userId: user.id, name: user.username },
      {
        action: 'create',
        entity: 'portal_account',
        entityId: user.id,
        unitId: user.unitId,
        after: { personId: m.person.id, idMasked: m.person.idMasked },
      },
    );
    return { ok: true, username: user.username, userId: user.id };
  });
  if (!outcome.ok) throw portalError(outcome.code);
  return { username: outcome.username, userId: outcome.userId };
}

/** Binds an existing worker login to a person (the demo and the CLI; registration does this itself). */
export async function bindWorkerAsSystem(db: Db, input: { userId: number; personId: number; phone: string }): Promise<void> {
  await db.insert(portalAccounts).values(input);
}
