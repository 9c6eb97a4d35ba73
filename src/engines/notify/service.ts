/**
 * Notifications: in the app for each user (read / unread), pushed live, summed up in a daily digest
 * by e-mail or SMS. Nudges are notifications with a cause: a nudge fires once when its cause is
 * raised, not at every check, and again only after the cause was cleared and raised anew.
 *
 * Other programs raise "something falls due" nudges through `raiseNudge` (and clear them with
 * `clearNudge` when done), in their own request's context:
 *
 *   await raiseNudge(ctx, {
 *     unitId: household.unitId, causeKey: `hardship.review:${household.id}:2027`, kind: 'due',
 *     title: '困难职工档案年度复核到期', body: '…户的档案应于 2027-03-31 前完成年度复核，请入户核查后在系统中登记。',
 *     link: `/hardship/households/${household.id}`,
 *   });
 */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { notifyError } from './errors.ts';
import { kickLiveHubs } from './live.ts';
import { notificationContacts, notifications, type NotificationRow } from './schema.ts';
import * as clock from '../clock.ts';

export interface NotificationInput {
  /** The unit the notification is about; it goes to that unit's users. */
  unitId: number;
  /** 'behind_target', 'due', 'bulletin', … */
  kind: string;
  title: string;
  /** What happened and what to do. */
  body: string;
  /** Where to go in the web app. */
  link?: string | null;
}

/** Roles that receive a unit's notifications (the cadres; not lawyers, counsellors or workers). */
export const RECIPIENT_ROLES = ['city_admin', 'county_admin', 'grassroots_staff', 'reviewer'];

/** Sends a notification to every active cadre of the unit; returns how many received it. */
export async function notifyUnit(ctx: Ctx, input: NotificationInput & { causeKey?: string | null }): Promise<number> {
  return (await notifyUnits(ctx, [input]))[0]!;
}

/**
 * Sends each notification to every active cadre of its unit, all in one statement; returns how many
 * received each, in order. No RETURNING: the sender may not read other users' notifications back.
 */
async function notifyUnits(ctx: Ctx, inputs: (NotificationInput & { causeKey?: string | null })[]): Promise<number[]> {
  if (!inputs.length) return [];
  const col = <V>(f: (i: NotificationInput & { causeKey?: string | null }) => V) => sql.param(inputs.map(f));
  const sent = rowsOf<{ i: number; n: number }>(
    await ctx.db.execute(sql`
      WITH recipients AS (
        SELECT u.id AS user_id, x.*
          FROM unnest(${col((i) => i.unitId)}::int[], ${col((i) => i.causeKey ?? null)}::text[], ${col((i) => i.kind)}::text[],
                      ${col((i) => i.title)}::text[], ${col((i) => i.body)}::text[], ${col((i) => i.link ?? null)}::text[])
                 WITH ORDINALITY AS x(unit_id, cause_key, kind, title, body, link, i)
          JOIN users u ON u.unit_id = x.unit_id AND NOT u.disabled
           AND u.role IN (SELECT jsonb_array_elements_text(${JSON.stringify(RECIPIENT_ROLES)}::jsonb))
      ), sent AS (
        INSERT INTO notifications (user_id, unit_id, kind, title, body, link, cause_key)
        SELECT user_id, unit_id, kind, title, body, link, cause_key FROM recipients
      )
      SELECT i::int AS i, count(*)::int AS n FROM recipients GROUP BY i`),
  );
  const counts = inputs.map(() => 0);
  for (const r of sent) counts[Number(r.i) - 1] = Number(r.n);
  if (sent.length) kickLiveHubs();
  return counts;
}

/**
 * Whom a notice to a worker is for: a person (by id, or by the keyed hash of their ID number, which
 * is how a case names its workers), or the workers' portal login that made a record (a booking).
 */
export type PersonRef = { personId: number } | { idHash: string } | { portalUserId: number };

/**
 * Finds the logins that speak for a person (ids of users). The engine keeps no such binding: the
 * program that does (the workers' portal) registers it; with none registered a person has no login.
 */
export type PersonLogins = (ctx: Ctx, person: PersonRef) => Promise<number[]>;

let personLogins: PersonLogins = async () => [];

export function registerPersonLogins(resolver: PersonLogins): void {
  personLogins = resolver;
}

/**
 * Tells a worker, on the workers' portal, what the union decided about their affairs: the notice
 * goes to the login(s) bound to the person (found by the registered `PersonLogins`: the portal's
 * accounts, the one binding of a person to a login), into the same list the cadres' notifications are in, so the list, the read marks and the
 * live push serve the worker too. A person without a portal account gets nothing (and that is no
 * error), nor does the actor themselves (a worker who cancels their own booking is not told of it).
 *
 * It runs in the deciding cadre's transaction and scope: the worker's login is found among the users
 * the cadre may see (a worker's login sits at their union, in the subtree of whoever handles their
 * case or booking); one outside it is skipped rather than failing the decision. `unitId` is the unit
 * the record belongs to; `link` a page of the portal (/portal/…).
 */
export async function notifyPerson(ctx: Ctx, input: NotificationInput & { person: PersonRef }): Promise<number> {
  const logins = await personLogins(ctx, input.person);
  if (!logins.length) return 0;
  const r = await ctx.db.execute(sql`
    INSERT INTO notifications (user_id, unit_id, kind, title, body, link)
    SELECT u.id, ${input.unitId}, ${input.kind}, ${input.title}, ${input.body}, ${input.link ?? null}
      FROM users u
     WHERE u.id = ANY(${sql.param(logins)}::int[]) AND NOT u.disabled AND u.id <> ${ctx.actor.userId}`);
  const n = Number((r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as unknown as { affectedRows?: number }).affectedRows ?? 0);
  if (n) kickLiveHubs();
  return n;
}

/**
 * Raises a nudge for a cause ('target:membership.formationRate:2026', 'hardship.review:42:2027').
 * The first raise notifies the unit's users; raising an open cause again does nothing. The
 * dedupe is a row per unit and cause, taken with INSERT … ON CONFLICT, so concurrent checks agree.
 */
export async function raiseNudge(ctx: Ctx, input: NotificationInput & { causeKey: string }): Promise<{ raised: boolean; notified: number }> {
  const [r] = await raiseNudges(ctx, [input]);
  return { raised: r!.raised, notified: r!.notified };
}

/**
 * Many nudges in two statements, whatever their number (a scheduled check may raise one for
 * every unit of the city): the same outcome, in the same order, as raising each in turn. A cause
 * listed twice is raised once.
 */
export async function raiseNudges(ctx: Ctx, inputs: (NotificationInput & { causeKey: string })[]): Promise<{ unitId: number; causeKey: string; raised: boolean; notified: number }[]> {
  if (!inputs.length) return [];
  const first = new Map<string, NotificationInput & { causeKey: string }>();
  for (const i of inputs) if (!first.has(`${i.unitId}/${i.causeKey}`)) first.set(`${i.unitId}/${i.causeKey}`, i);
  const unique = [...first.values()];
  const raised = rowsOf<{ unit_id: number; cause_key: string }>(
    await ctx.db.execute(sql`
      INSERT INTO notification_causes AS c (unit_id, cause_key)
      SELECT * FROM unnest(${sql.param(unique.map((i) => i.unitId))}::int[], ${sql.param(unique.map((i) => i.causeKey))}::text[])
      ON CONFLICT (unit_id, cause_key) DO UPDATE SET cleared_at = NULL, raised_at = clock_now(), times = c.times + 1
        WHERE c.cleared_at IS NOT NULL
      RETURNING c.unit_id, c.cause_key`),
  );
  const isRaised = new Set(raised.map((r) => `${r.unit_id}/${r.cause_key}`));
  const fresh = unique.filter((i) => isRaised.has(`${i.unitId}/${i.causeKey}`));
  const counts = await notifyUnits(ctx, fresh);
  const notified = new Map(fresh.map((i, n) => [`${i.unitId}/${i.causeKey}`, counts[n]!]));
  return inputs.map((i) => {
    const key = `${i.unitId}/${i.causeKey}`;
    const own = first.get(key) === i;
    return { unitId: i.unitId, causeKey: i.causeKey, raised: own && isRaised.has(key), notified: own ? (notified.get(key) ?? 0) : 0 };
  });
}

/** Clears a cause (the unit caught up, the review was done): a later raise will nudge again. */
export async function clearNudge(ctx: Ctx, unitId: number, causeKey: string): Promise<boolean> {
  const r = await ctx.db.execute(sql`
    UPDATE notification_causes SET cleared_at = clock_now() WHERE unit_id = ${unitId} AND cause_key = ${causeKey} AND cleared_at IS NULL RETURNING unit_id`);
  return rowsOf(r).length > 0;
}

/** The open causes of a unit whose keys start with a prefix (e.g. 'target:'). */
export async function openCauses(ctx: Ctx, unitIds: number[], prefix: string): Promise<{ unitId: number; causeKey: string }[]> {
  if (!unitIds.length) return [];
  const r = await ctx.db.execute(sql`
    SELECT unit_id, cause_key FROM notification_causes
     WHERE cleared_at IS NULL AND starts_with(cause_key, ${prefix})
       AND unit_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(unitIds)}::jsonb)::int)`);
  return rowsOf<{ unit_id: number; cause_key: string }>(r).map((x) => ({ unitId: Number(x.unit_id), causeKey: x.cause_key }));
}

// ── The user's own notifications ─────────────────────────────────────────────────────────────

export async function listNotifications(ctx: Ctx, f: { unreadOnly?: boolean | undefined; offset: number; limit: number }) {
  const where = and(eq(notifications.userId, ctx.actor.userId), f.unreadOnly ? isNull(notifications.readAt) : undefined);
  const items = await ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).offset(f.offset).limit(f.limit);
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  return { items: items.map(presentNotification), total: Number(total?.n ?? 0), unread: await unreadCount(ctx) };
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  const [r] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
  return Number(r?.n ?? 0);
}

/** Marks some (or all) of the user's notifications read; returns how many changed. */
export async function markRead(ctx: Ctx, ids: number[] | 'all'): Promise<number> {
  const cond = and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [0]));
  const rows = await ctx.db.update(notifications).set({ readAt: clock.now() }).where(cond).returning({ id: notifications.id });
  return rows.length;
}

export async function getNotification(ctx: Ctx, id: number): Promise<NotificationRow> {
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.userId)));
  if (!row) throw notifyError('NOTIFICATION_NOT_FOUND');
  return row;
}

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    unitId: n.unitId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

// ── Contacts for the digest ──────────────────────────────────────────────────────────────────

export interface ContactsInput {
  email: string | null;
  mobile: string | null;
  digestByEmail: boolean;
  digestBySms: boolean;
}

export async function getContacts(ctx: Ctx): Promise<ContactsInput> {
  const [row] = await ctx.db.select().from(notificationContacts).where(eq(notificationContacts.userId, ctx.actor.userId));
  return { email: row?.email ?? null, mobile: row?.mobile ?? null, digestByEmail: row?.digestByEmail ?? false, digestBySms: row?.digestBySms ?? false };
}

export async function setContacts(ctx: Ctx, input: ContactsInput): Promise<ContactsInput> {
  const email = input.email?.trim() || null;
  const mobile = input.mobile?.trim() || null;
  if (mobile && !/^1[3-9]\d{9}$/.test(mobile)) throw notifyError('NOTIFY_MOBILE_INVALID');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw notifyError('NOTIFY_EMAIL_INVALID');
  if ((input.digestByEmail && !email) || (input.digestBySms && !mobile)) throw notifyError('NOTIFY_CONTACT_MISSING');
  const values = { userId: ctx.actor.userId, email, mobile, digestByEmail: input.digestByEmail, digestBySms: input.digestBySms, updatedAt: clock.now() };
  await ctx.db.insert(notificationContacts).values(values).onConflictDoUpdate({ target: notificationContacts.userId, set: values });
  await recordAudit(ctx, {
    action: 'update',
    entity: 'notification_contacts',
    entityId: ctx.actor.userId,
    unitId: ctx.actor.unitId,
    after: { email: email ? 'set' : null, mobile: mobile ? 'set' : null, digestByEmail: input.digestByEmail, digestBySms: input.digestBySms },
  });
  return { email, mobile, digestByEmail: input.digestByEmail, digestBySms: input.digestBySms };
}
