/**
 * 职工服务门户: what a signed-in worker may see and do. Every function runs in the worker's scope,
 * where row-level security (migrations 0022 and 0029) already limits them to their own membership, the
 * cases they filed or are a party to wherever they are held (their own party row only, no assignments
 * or documents) and the appointments they booked. The work itself is the legal and counselling
 * programs'; this module chooses what a worker is shown of it — no internal notes, no other people's data.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { unseal } from '../../engines/people/sealing.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { enterprises, memberships, persons } from '../membership/index.ts';
import { disputeRecord, listDisputes, openDispute, requestAid, legalAidRequests, legalParties, type DisputeType } from '../legal/index.ts';
import {
  appointmentDetail,
  cancelAppointment,
  getAppointment,
  type presentAppointment,
  listAppointments,
  listSlots,
  rescheduleAppointment,
  requestAppointment,
  counsellorUnits,
  counsellors,
  counsellingRooms,
  type Topic,
} from '../counselling/index.ts';
import { notifyUnit, RECIPIENT_ROLES } from '../../engines/notify/service.ts';
import { kickLiveHubs } from '../../engines/notify/live.ts';
import { rowsOf } from '../../db/sql.ts';
import { portalError } from './errors.ts';
import { portalAccounts } from './schema.ts';
import * as clock from '../../engines/clock.ts';

/** The person behind the worker's login (their own row is the only one they can read). */
async function me(ctx: Ctx) {
  const [row] = await ctx.db
    .select({ p: persons, phone: portalAccounts.phone })
    .from(portalAccounts)
    .innerJoin(persons, eq(persons.id, portalAccounts.personId))
    .where(eq(portalAccounts.userId, ctx.actor.userId));
  if (!row) throw portalError('PORTAL_ACCOUNT_UNBOUND');
  return row;
}

// ── Membership ──────────────────────────────────────────────────────────────────────────────

export async function myMembership(ctx: Ctx) {
  const { p, phone } = await me(ctx);
  const periods = await ctx.db
    .select({ m: memberships, unionName: orgUnits.name, enterpriseName: enterprises.name })
    .from(memberships)
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.unionUnitId))
    .leftJoin(enterprises, eq(enterprises.id, memberships.enterpriseId))
    .orderBy(asc(memberships.joinedOn));
  const current = periods.find((r) => r.m.leftOn === null);
  return {
    name: p.name,
    idMasked: p.idMasked,
    phone,
    status: current ? ('member' as const) : ('left' as const),
    unionName: current?.unionName ?? null,
    enterpriseName: current?.enterpriseName ?? null,
    joinedOn: current?.m.joinedOn ?? null,
    periods: periods.map((r) => ({ unionName: r.unionName, enterpriseName: r.enterpriseName, joinedOn: r.m.joinedOn, leftOn: r.m.leftOn, leaveReason: r.m.leaveReason })),
  };
}

// ── Labour disputes and legal aid ───────────────────────────────────────────────────────────

export interface PortalDispute {
  disputeType: DisputeType;
  claimedFen: number;
  employerName: string;
  employerCreditCode?: string | null | undefined;
  facts: string;
  /** When the worker learned of the violation. */
  knewOn?: IsoDate | null | undefined;
}

/** The worker files a dispute with their union, as its worker, through the portal. */
export async function fileDispute(ctx: Ctx, input: PortalDispute) {
  const { p, phone } = await me(ctx);
  const today = todayInShanghai();
  const c = await openDispute(ctx, {
    unitId: ctx.actor.unitId,
    channel: 'portal',
    channelNote: '职工本人通过职工服务门户提交',
    disputeType: input.disputeType,
    claimedFen: input.claimedFen,
    employerName: input.employerName,
    employerCreditCode: input.employerCreditCode ?? null,
    facts: input.facts,
    openedOn: today,
    knewOn: input.knewOn && input.knewOn <= today ? input.knewOn : null,
    workers: [{ name: p.name, idNumber: unseal(p.idSealed), phone, migrantWorker: p.migrantWorker }],
  });
  // The union's cadres hear of it at once.
  await notifyUnit(ctx, { unitId: c.unitId, kind: 'portal', title: '职工门户收到劳动争议', body: `${p.name}通过职工服务门户提交：${c.title}`, link: `/legal/cases/${c.id}` });
  return myCase(ctx, c.id);
}

export async function myCases(ctx: Ctx, f: { q?: string | undefined; offset: number; limit: number }) {
  const page = await listDisputes(ctx, { q: f.q, offset: f.offset, limit: f.limit });
  return {
    items: page.items.map((d) => ({
      id: d.id,
      ref: d.ref,
      title: d.title,
      stage: d.stage,
      status: d.status,
      openedOn: d.openedOn,
      closedOn: d.closedOn,
      result: d.result,
      channel: d.channel,
      disputeType: d.disputeType,
      claimedFen: d.claimedFen,
      recoveredFen: d.recoveredFen,
      employerName: d.employerName,
      nextDueOn: d.nextDueOn,
    })),
    total: page.total,
  };
}

/**
 * One of the worker's cases: stage, deadlines, outcome and their legal aid; no notes, no other workers.
 * The case may be held above the worker's union (by the county's legal service): the holding unit's
 * name and the lawyers named on its aid requests are read through functions that answer only for the
 * worker's own case (migration 0029), since that unit and its team lie outside the worker's scope.
 */
export async function myCase(ctx: Ctx, caseId: number) {
  const d = await disputeRecord(ctx, caseId);
  const [unit] = rowsOf<{ name: string | null }>(await ctx.db.execute(sql`SELECT gonghui_own_case_unit_name(${caseId}) AS name`));
  const named = d.aidRequests.some((a) => a.lawyerId !== null);
  const names = named ? rowsOf<{ id: number; name: string; firm: string }>(await ctx.db.execute(sql`SELECT id, name, firm FROM gonghui_own_case_lawyers(${caseId})`)) : [];
  return {
    id: d.id,
    ref: d.ref,
    title: d.title,
    unitName: unit?.name ?? d.unitName,
    stage: d.stage,
    status: d.status,
    openedOn: d.openedOn,
    closedOn: d.closedOn,
    result: d.result,
    channel: d.channel,
    disputeType: d.disputeType,
    claimedFen: d.claimedFen,
    recoveredFen: d.recoveredFen,
    employerName: d.employerName,
    employerCreditCode: d.employerCreditCode,
    facts: d.facts,
    stages: d.stages.map((s) => ({ stage: s.stage, startedOn: s.startedOn, endedOn: s.endedOn, outcome: s.outcome, amountFen: s.amountFen })),
    deadlines: d.deadlines.map((x) => ({ key: x.key, label: x.label, dueOn: x.dueOn, metOn: x.metOn, state: x.state })),
    aidRequests: d.aidRequests.map((a) => {
      const l = names.find((n) => Number(n.id) === a.lawyerId);
      return { id: a.id, requestedOn: a.requestedOn, reason: a.reason, decision: a.decision, decidedOn: a.decidedOn, decisionNote: a.decisionNote, lawyerName: l ? `${l.name}（${l.firm}）` : null };
    }),
  };
}

/** The worker asks for legal aid on their own case (one request waits for a decision at a time). */
export async function requestAidOnMyCase(ctx: Ctx, caseId: number, reason: string) {
  await myCase(ctx, caseId);
  const [party] = await ctx.db.select({ id: legalParties.id }).from(legalParties).where(eq(legalParties.caseId, caseId)).limit(1);
  if (!party) throw portalError('PORTAL_ACCOUNT_UNBOUND');
  const [pending] = await ctx.db
    .select({ id: legalAidRequests.id })
    .from(legalAidRequests)
    .where(and(eq(legalAidRequests.caseId, caseId), eq(legalAidRequests.partyId, party.id), eq(legalAidRequests.decision, 'pending')));
  if (pending) throw portalError('PORTAL_AID_PENDING');
  await requestAid(ctx, caseId, { partyId: party.id, requestedOn: todayInShanghai(), reason });
  const c = await myCase(ctx, caseId);
  // The cadres of the unit holding the case decide, be it the worker's union or the county above it.
  const [told] = rowsOf<{ n: number }>(
    await ctx.db.execute(
      sql`SELECT gonghui_tell_own_case_unit(${caseId}, ${`{${RECIPIENT_ROLES.join(',')}}`}::text[], 'portal', '职工申请法律援助', ${`${c.ref} ${c.title}：职工通过职工服务门户申请法律援助，请审查决定`}, ${`/legal/cases/${caseId}`}) AS n`,
    ),
  );
  if (Number(told?.n ?? 0)) kickLiveHubs();
  return c;
}

// ── Counselling ─────────────────────────────────────────────────────────────────────────────

/** The counsellors who serve the worker's union or a unit above it. */
async function servingCounsellorIds(ctx: Ctx): Promise<Set<number>> {
  const line = ctx.scope.path.split('/').filter(Boolean).map(Number);
  const rows = await ctx.db
    .selectDistinct({ id: counsellorUnits.counsellorId })
    .from(counsellorUnits)
    .innerJoin(counsellors, eq(counsellors.id, counsellorUnits.counsellorId))
    .where(and(inArray(counsellorUnits.unitId, line), eq(counsellors.active, true), eq(counsellors.available, true)));
  return new Set(rows.map((r) => r.id));
}

/** Free slots of the counsellors serving the worker's union, from now on (four weeks by default). */
export async function openSlots(ctx: Ctx, f: { days?: number | undefined } = {}) {
  const serving = await servingCounsellorIds(ctx);
  const from = clock.now();
  const to = new Date(from.getTime() + (f.days ?? 28) * 86400_000);
  const slots = await listSlots(ctx, { from, to, freeOnly: true });
  const rooms = await ctx.db.select({ id: counsellingRooms.id, address: counsellingRooms.address }).from(counsellingRooms);
  const quals = await ctx.db.select({ id: counsellors.id, qualification: counsellors.qualification }).from(counsellors);
  return slots
    .filter((s) => serving.has(s.counsellorId))
    .map((s) => ({
      id: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      counsellorName: s.counsellorName,
      qualification: quals.find((q) => q.id === s.counsellorId)?.qualification ?? '',
      roomName: s.roomName,
      roomAddress: rooms.find((r) => r.id === s.roomId)?.address ?? null,
    }));
}

async function offeredSlot(ctx: Ctx, slotId: number): Promise<void> {
  const open = await openSlots(ctx, { days: 366 });
  if (!open.some((s) => s.id === slotId)) throw portalError('PORTAL_SLOT_NOT_OFFERED');
}

const presentMine = (a: ReturnType<typeof presentAppointment>) => ({
  id: a.id,
  startsAt: a.startsAt,
  endsAt: a.endsAt,
  counsellorName: a.counsellorName,
  roomName: a.roomName,
  topic: a.topic,
  status: a.status,
  requestedAt: a.requestedAt,
  cancelReason: a.cancelReason,
});

export async function myAppointments(ctx: Ctx, f: { offset: number; limit: number }) {
  const page = await listAppointments(ctx, { offset: f.offset, limit: f.limit });
  return { items: page.items.map(presentMine), total: page.total };
}

async function myAppointment(ctx: Ctx, id: number) {
  return presentMine(await appointmentDetail(ctx, id));
}

export async function bookSlot(ctx: Ctx, input: { slotId: number; topic: Topic }) {
  const { p, phone } = await me(ctx);
  await offeredSlot(ctx, input.slotId);
  const a = await requestAppointment(ctx, { slotId: input.slotId, unitId: ctx.actor.unitId, requestedBy: 'worker', clientName: p.name, clientPhone: phone, topic: input.topic });
  return myAppointment(ctx, a.id);
}

export async function rescheduleMine(ctx: Ctx, id: number, slotId: number) {
  await getAppointment(ctx, id);
  await offeredSlot(ctx, slotId);
  await rescheduleAppointment(ctx, id, slotId);
  return myAppointment(ctx, id);
}

export async function cancelMine(ctx: Ctx, id: number, reason: string) {
  await cancelAppointment(ctx, id, reason || '职工本人取消');
  return myAppointment(ctx, id);
}
