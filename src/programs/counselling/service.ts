/**
 * 心理咨询 counselling: the counsellors' team, rooms, bookable slots, appointments (requested,
 * confirmed, rescheduled, cancelled, completed), sealed session notes, follow-ups, and counts.
 *
 * What holds, and where: a slot is booked at most once (a partial unique index); a counsellor or a
 * room is never in two slots at once (exclusion constraints); a counsellor sees only their own
 * appointments, and a note only its author (row-level security, migration 0013). Notes are sealed
 * with the counselling-notes key; the audit trail records that a note was written, never its text.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { isMobilePhone } from '../../engines/people/identifiers.ts';
import { purposeSealer } from '../../engines/cases/sealing.ts';
import { createTeamMember, getTeamMember, updateTeamMember, type TeamMemberChanges, type TeamMemberInput, type TeamSpec } from '../../engines/cases/team.ts';
import { todayInShanghai, zhCollator, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { notifyPerson } from '../../engines/notify/service.ts';
import { counsellingError } from './errors.ts';
import { bookingNotice, type BookingChange } from './notices.ts';
import {
  counsellingAppointments,
  counsellingFollowUps,
  counsellingNotes,
  counsellingRooms,
  counsellingSlots,
  counsellorUnits,
  counsellors,
  type AppointmentRow,
  type AppointmentStatus,
  type CounsellorRow,
  type FollowUpMethod,
  type FollowUpRow,
  type Requester,
  type RoomRow,
  type SlotRow,
  type Topic,
} from './schema.ts';
import * as clock from '../../engines/clock.ts';

const notes = purposeSealer('counselling-notes');

function isExclusionViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    if ((cur as { code?: string }).code === '23P01') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

// ── The team and the rooms ──────────────────────────────────────────────────────────────────

export interface CounsellorInput extends TeamMemberInput {
  qualification: string;
  qualificationNo?: string | null | undefined;
}

const team: TeamSpec = {
  role: 'counsellor',
  entity: 'counsellor',
  members: counsellors,
  memberId: counsellors.id,
  served: counsellorUnits,
  servedMember: counsellorUnits.counsellorId,
  servedMemberKey: 'counsellorId',
  errors: {
    notFound: () => counsellingError('COUNSELLOR_NOT_FOUND'),
    phoneInvalid: () => counsellingError('PHONE_INVALID'),
    userInvalid: () => counsellingError('COUNSELLOR_USER_INVALID'),
    unique: { counsellors_user_id_unique: () => counsellingError('COUNSELLOR_USER_TAKEN') },
  },
};

export async function createCounsellor(ctx: Ctx, input: CounsellorInput): Promise<CounsellorRow> {
  return createTeamMember<CounsellorRow>(ctx, team, input, { qualification: input.qualification.trim(), qualificationNo: input.qualificationNo ?? null });
}

export async function getCounsellor(ctx: Ctx, id: number): Promise<CounsellorRow> {
  return getTeamMember<CounsellorRow>(ctx, team, id);
}

export async function updateCounsellor(ctx: Ctx, id: number, input: TeamMemberChanges & Partial<Pick<CounsellorInput, 'qualification' | 'qualificationNo'>>): Promise<CounsellorRow> {
  return updateTeamMember<CounsellorRow>(ctx, team, id, input);
}

export function presentCounsellor(c: CounsellorRow) {
  return {
    id: c.id,
    unitId: c.unitId,
    userId: c.userId,
    name: c.name,
    qualification: c.qualification,
    qualificationNo: c.qualificationNo,
    phone: c.phone,
    available: c.available,
    availabilityNote: c.availabilityNote,
    active: c.active,
    joinedOn: c.joinedOn,
  };
}

export async function listCounsellors(ctx: Ctx, f: { available?: boolean | undefined }) {
  const rows = await ctx.db
    .select()
    .from(counsellors)
    .where(and(eq(counsellors.active, true), f.available === undefined ? undefined : eq(counsellors.available, f.available)));
  const served = rows.length
    ? await ctx.db
        .select({ counsellorId: counsellorUnits.counsellorId, unitId: counsellorUnits.unitId, name: orgUnits.name })
        .from(counsellorUnits)
        .leftJoin(orgUnits, eq(orgUnits.id, counsellorUnits.unitId))
        .where(
          inArray(
            counsellorUnits.counsellorId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows
    .sort((a, b) => zhCollator.compare(a.name, b.name))
    .map((c) => ({ ...presentCounsellor(c), unitsServed: served.filter((s) => s.counsellorId === c.id).map((s) => ({ id: s.unitId, name: s.name ?? '' })) }));
}

export async function createRoom(ctx: Ctx, input: { unitId: number; name: string; address?: string | null | undefined }): Promise<RoomRow> {
  await getUnit(ctx, input.unitId);
  const [row] = (await ctx.db
    .insert(counsellingRooms)
    .values({ unitId: input.unitId, name: input.name.trim(), address: input.address ?? null })
    .returning()) as [RoomRow];
  await recordAudit(ctx, { action: 'create', entity: 'counselling_room', entityId: row.id, unitId: row.unitId, after: row });
  return row;
}

export async function listRooms(ctx: Ctx) {
  const rows = await ctx.db.select().from(counsellingRooms).where(eq(counsellingRooms.active, true));
  return rows.sort((a, b) => zhCollator.compare(a.name, b.name));
}

async function getRoom(ctx: Ctx, id: number): Promise<RoomRow> {
  const [row] = await ctx.db.select().from(counsellingRooms).where(eq(counsellingRooms.id, id));
  if (!row) throw counsellingError('ROOM_NOT_FOUND');
  return row;
}

// ── Slots ───────────────────────────────────────────────────────────────────────────────────

/** Offers a counsellor's time in a room; the room's unit offers it (its subtree may book it). */
export async function createSlot(ctx: Ctx, input: { counsellorId: number; roomId: number; startsAt: Date; endsAt: Date }): Promise<SlotRow> {
  const c = await getCounsellor(ctx, input.counsellorId);
  const room = await getRoom(ctx, input.roomId);
  const minutes = (input.endsAt.getTime() - input.startsAt.getTime()) / 60000;
  if (!(minutes > 0 && minutes <= 240)) throw counsellingError('SLOT_PERIOD_INVALID');
  if (input.startsAt.getTime() <= clock.nowMs()) throw counsellingError('SLOT_IN_PAST');
  let row: SlotRow;
  try {
    [row] = (await ctx.db.transaction((sp) =>
      sp.insert(counsellingSlots).values({ unitId: room.unitId, counsellorId: c.id, roomId: room.id, startsAt: input.startsAt, endsAt: input.endsAt }).returning(),
    )) as [SlotRow];
  } catch (e) {
    if (isExclusionViolation(e)) throw counsellingError('SLOT_OVERLAP');
    throw e;
  }
  await recordAudit(ctx, { action: 'create', entity: 'counselling_slot', entityId: row.id, unitId: row.unitId, after: row });
  return row;
}

export async function getSlot(ctx: Ctx, id: number): Promise<SlotRow> {
  const [row] = await ctx.db.select().from(counsellingSlots).where(eq(counsellingSlots.id, id));
  if (!row) throw counsellingError('SLOT_NOT_FOUND');
  return row;
}

const LIVE: AppointmentStatus[] = ['requested', 'confirmed', 'completed'];

export async function withdrawSlot(ctx: Ctx, id: number): Promise<void> {
  const slot = await getSlot(ctx, id);
  const [live] = await ctx.db
    .select({ id: counsellingAppointments.id })
    .from(counsellingAppointments)
    .where(and(eq(counsellingAppointments.slotId, id), inArray(counsellingAppointments.status, LIVE)));
  if (live) throw counsellingError('SLOT_HAS_APPOINTMENT');
  const updated = await ctx.db.update(counsellingSlots).set({ withdrawn: true }).where(eq(counsellingSlots.id, id)).returning({ id: counsellingSlots.id });
  if (!updated.length) throw counsellingError('SLOT_NOT_FOUND');
  await recordAudit(ctx, { action: 'update', entity: 'counselling_slot', entityId: id, unitId: slot.unitId, before: { withdrawn: false }, after: { withdrawn: true } });
}

/** Slots in a time range, with whether each is still free (a booked slot shows as taken, not by whom). */
export async function listSlots(ctx: Ctx, f: { from: Date; to: Date; counsellorId?: number | undefined; roomId?: number | undefined; freeOnly?: boolean | undefined }) {
  const slotId = sql.raw('"counselling_slots"."id"');
  // Whether a slot is taken is known even when the booking is not this user's to see (migration 0014).
  const takenAnywhere = sql<boolean>`gonghui_counselling_slot_taken(${slotId})`;
  const rows = await ctx.db
    .select({ s: counsellingSlots, counsellorName: counsellors.name, roomName: counsellingRooms.name, taken: takenAnywhere })
    .from(counsellingSlots)
    .innerJoin(counsellors, eq(counsellors.id, counsellingSlots.counsellorId))
    .innerJoin(counsellingRooms, eq(counsellingRooms.id, counsellingSlots.roomId))
    .where(
      and(
        eq(counsellingSlots.withdrawn, false),
        gte(counsellingSlots.startsAt, f.from),
        lt(counsellingSlots.startsAt, f.to),
        f.counsellorId ? eq(counsellingSlots.counsellorId, f.counsellorId) : undefined,
        f.roomId ? eq(counsellingSlots.roomId, f.roomId) : undefined,
        f.freeOnly ? sql`NOT ${takenAnywhere}` : undefined,
      ),
    )
    .orderBy(asc(counsellingSlots.startsAt), asc(counsellingSlots.id))
    .limit(1000);
  return rows.map((r) => ({ ...presentSlot(r.s), counsellorName: r.counsellorName, roomName: r.roomName, taken: r.taken }));
}

export function presentSlot(s: SlotRow) {
  return { id: s.id, unitId: s.unitId, counsellorId: s.counsellorId, roomId: s.roomId, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() };
}

// ── Appointments ────────────────────────────────────────────────────────────────────────────

export interface NewAppointment {
  slotId: number;
  /** The unit the client comes through (the requesting union, or the worker's). */
  unitId: number;
  requestedBy: Requester;
  clientName: string;
  clientPhone?: string | null | undefined;
  topic: Topic;
}

async function bookableSlot(ctx: Ctx, slotId: number): Promise<SlotRow> {
  const slot = await getSlot(ctx, slotId);
  if (slot.withdrawn) throw counsellingError('SLOT_WITHDRAWN');
  if (slot.startsAt.getTime() <= clock.nowMs()) throw counsellingError('SLOT_IN_PAST');
  const c = await getCounsellor(ctx, slot.counsellorId);
  if (!c.available || !c.active) throw counsellingError('COUNSELLOR_UNAVAILABLE');
  return slot;
}

export async function requestAppointment(ctx: Ctx, input: NewAppointment): Promise<AppointmentRow> {
  await getUnit(ctx, input.unitId);
  if (input.clientPhone && !isMobilePhone(input.clientPhone)) throw counsellingError('PHONE_INVALID');
  const slot = await bookableSlot(ctx, input.slotId);
  let row: AppointmentRow;
  try {
    [row] = (await ctx.db.transaction((sp) =>
      sp
        .insert(counsellingAppointments)
        .values({
          unitId: input.unitId,
          slotId: slot.id,
          counsellorId: slot.counsellorId,
          requestedBy: input.requestedBy,
          clientName: input.clientName.trim(),
          clientPhone: input.clientPhone || null,
          topic: input.topic,
          createdBy: ctx.actor.userId,
        })
        .returning(),
    )) as [AppointmentRow];
  } catch (e) {
    if (isUniqueViolation(e, 'counselling_appointments_one_per_slot')) throw counsellingError('SLOT_TAKEN');
    throw e;
  }
  await recordAudit(ctx, {
    action: 'create',
    entity: 'counselling_appointment',
    entityId: row.id,
    unitId: row.unitId,
    after: { slotId: row.slotId, counsellorId: row.counsellorId, requestedBy: row.requestedBy, status: row.status },
  });
  return row;
}

export async function getAppointment(ctx: Ctx, id: number): Promise<AppointmentRow> {
  const [row] = await ctx.db.select().from(counsellingAppointments).where(eq(counsellingAppointments.id, id));
  if (!row) throw counsellingError('APPOINTMENT_NOT_FOUND');
  return row;
}

async function setStatus(ctx: Ctx, a: AppointmentRow, from: AppointmentStatus[], set: Partial<typeof counsellingAppointments.$inferInsert> & { status: AppointmentStatus }) {
  if (!from.includes(a.status)) throw counsellingError('APPOINTMENT_STATUS');
  const [after] = await ctx.db.update(counsellingAppointments).set(set).where(eq(counsellingAppointments.id, a.id)).returning();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'counselling_appointment',
    entityId: a.id,
    unitId: a.unitId,
    before: { status: a.status, slotId: a.slotId },
    after: { status: after!.status, slotId: after!.slotId },
  });
  return after!;
}

/** Tells the worker who booked through the portal what the union did with the booking (not what they did themselves). */
async function tellBooker(ctx: Ctx, a: AppointmentRow, change: BookingChange): Promise<void> {
  if (a.requestedBy !== 'worker' || a.createdBy === ctx.actor.userId) return;
  const slot = await getSlot(ctx, a.slotId);
  const c = await getCounsellor(ctx, a.counsellorId);
  const room = await getRoom(ctx, slot.roomId);
  const notice = bookingNotice(change, { startsAt: slot.startsAt, endsAt: slot.endsAt, counsellorName: c.name, roomName: room.name, roomAddress: room.address });
  await notifyPerson(ctx, { person: { portalUserId: a.createdBy }, unitId: a.unitId, ...notice });
}

export async function confirmAppointment(ctx: Ctx, id: number) {
  const after = await setStatus(ctx, await getAppointment(ctx, id), ['requested'], { status: 'confirmed', confirmedAt: clock.now() });
  await tellBooker(ctx, after, { change: 'confirmed' });
  return after;
}

export async function cancelAppointment(ctx: Ctx, id: number, reason: string) {
  const after = await setStatus(ctx, await getAppointment(ctx, id), ['requested', 'confirmed'], { status: 'cancelled', cancelledAt: clock.now(), cancelReason: reason.trim() });
  await tellBooker(ctx, after, { change: 'cancelled', reason: after.cancelReason ?? '' });
  return after;
}

export async function completeAppointment(ctx: Ctx, id: number) {
  const a = await getAppointment(ctx, id);
  const slot = await getSlot(ctx, a.slotId);
  if (slot.startsAt.getTime() > clock.nowMs()) throw counsellingError('APPOINTMENT_STATUS', '咨询尚未开始，不能登记为已完成');
  return setStatus(ctx, a, ['confirmed'], { status: 'completed', completedAt: clock.now() });
}

export async function markNoShow(ctx: Ctx, id: number) {
  const a = await getAppointment(ctx, id);
  const slot = await getSlot(ctx, a.slotId);
  if (slot.startsAt.getTime() > clock.nowMs()) throw counsellingError('APPOINTMENT_STATUS', '咨询尚未开始');
  return setStatus(ctx, a, ['requested', 'confirmed'], { status: 'no_show' });
}

/** Moves an appointment to another free slot (of the same or another counsellor); the old slot is free again. */
export async function rescheduleAppointment(ctx: Ctx, id: number, slotId: number) {
  const a = await getAppointment(ctx, id);
  if (a.status !== 'requested' && a.status !== 'confirmed') throw counsellingError('APPOINTMENT_STATUS');
  if (a.slotId === slotId) return a;
  const slot = await bookableSlot(ctx, slotId);
  let after: AppointmentRow;
  try {
    const rows = await ctx.db.transaction((sp) =>
      sp
        .update(counsellingAppointments)
        // A new counsellor must confirm again.
        .set({ slotId: slot.id, counsellorId: slot.counsellorId, ...(slot.counsellorId !== a.counsellorId ? { status: 'requested' as const, confirmedAt: null } : {}) })
        .where(eq(counsellingAppointments.id, id))
        .returning(),
    );
    after = rows[0]!;
  } catch (e) {
    if (isUniqueViolation(e, 'counselling_appointments_one_per_slot')) throw counsellingError('SLOT_TAKEN');
    throw e;
  }
  await recordAudit(ctx, {
    action: 'update',
    entity: 'counselling_appointment',
    entityId: id,
    unitId: a.unitId,
    before: { slotId: a.slotId, status: a.status },
    after: { slotId: after.slotId, status: after.status },
  });
  await tellBooker(ctx, after, { change: 'moved', awaitsConfirmation: after.status === 'requested' });
  return after;
}

export interface AppointmentFilter {
  status?: AppointmentStatus | undefined;
  underUnitId?: number | undefined;
  counsellorId?: number | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  offset: number;
  limit: number;
}

export async function listAppointments(ctx: Ctx, f: AppointmentFilter) {
  const conds: (SQL | undefined)[] = [];
  if (f.underUnitId !== undefined) {
    const [lo, hi] = subtreeRange((await getUnit(ctx, f.underUnitId)).path);
    conds.push(sql`${counsellingAppointments.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`);
  }
  if (f.status) conds.push(eq(counsellingAppointments.status, f.status));
  if (f.counsellorId) conds.push(eq(counsellingAppointments.counsellorId, f.counsellorId));
  if (f.from) conds.push(sql`(${counsellingSlots.startsAt} AT TIME ZONE 'Asia/Shanghai')::date >= ${f.from}`);
  if (f.to) conds.push(sql`(${counsellingSlots.startsAt} AT TIME ZONE 'Asia/Shanghai')::date <= ${f.to}`);
  const where = and(...conds);
  const rows = await ctx.db
    .select({ a: counsellingAppointments, s: counsellingSlots, counsellorName: counsellors.name, roomName: counsellingRooms.name, unitName: orgUnits.name })
    .from(counsellingAppointments)
    .innerJoin(counsellingSlots, eq(counsellingSlots.id, counsellingAppointments.slotId))
    .innerJoin(counsellors, eq(counsellors.id, counsellingAppointments.counsellorId))
    .innerJoin(counsellingRooms, eq(counsellingRooms.id, counsellingSlots.roomId))
    .innerJoin(orgUnits, eq(orgUnits.id, counsellingAppointments.unitId))
    .where(where)
    .orderBy(desc(counsellingSlots.startsAt), desc(counsellingAppointments.id))
    .offset(f.offset)
    .limit(f.limit);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(counsellingAppointments)
    .innerJoin(counsellingSlots, eq(counsellingSlots.id, counsellingAppointments.slotId))
    .where(where);
  return { items: rows.map((r) => presentAppointment(r.a, r.s, { counsellorName: r.counsellorName, roomName: r.roomName, unitName: r.unitName })), total: count?.n ?? 0 };
}

export async function appointmentDetail(ctx: Ctx, id: number) {
  const a = await getAppointment(ctx, id);
  const slot = await getSlot(ctx, a.slotId);
  const c = await getCounsellor(ctx, a.counsellorId);
  const room = await getRoom(ctx, slot.roomId);
  const [unit] = await ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, a.unitId));
  const followUps = await ctx.db.select().from(counsellingFollowUps).where(eq(counsellingFollowUps.appointmentId, id)).orderBy(asc(counsellingFollowUps.dueOn));
  return { ...presentAppointment(a, slot, { counsellorName: c.name, roomName: room.name, unitName: unit?.name ?? '' }), followUps: followUps.map(presentFollowUp) };
}

export function presentAppointment(a: AppointmentRow, s: SlotRow, names: { counsellorName: string; roomName: string; unitName: string }) {
  return {
    id: a.id,
    unitId: a.unitId,
    unitName: names.unitName,
    slotId: a.slotId,
    counsellorId: a.counsellorId,
    counsellorName: names.counsellorName,
    roomId: s.roomId,
    roomName: names.roomName,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    requestedBy: a.requestedBy,
    clientName: a.clientName,
    clientPhone: a.clientPhone,
    topic: a.topic,
    status: a.status,
    requestedAt: a.requestedAt.toISOString(),
    confirmedAt: a.confirmedAt?.toISOString() ?? null,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    cancelReason: a.cancelReason,
    completedAt: a.completedAt?.toISOString() ?? null,
    /** That a session note exists and when it was last written; its text only its author reads. */
    noteWritten: a.noteWrittenAt !== null,
    noteWrittenAt: a.noteWrittenAt?.toISOString() ?? null,
  };
}

// ── Notes: the counsellor's own, sealed ─────────────────────────────────────────────────────

async function ownAppointment(ctx: Ctx, appointmentId: number): Promise<AppointmentRow> {
  const a = await getAppointment(ctx, appointmentId).catch(() => {
    throw counsellingError('NOTE_NOT_YOURS');
  });
  const [mine] = await ctx.db
    .select({ id: counsellors.id })
    .from(counsellors)
    .where(and(eq(counsellors.id, a.counsellorId), eq(counsellors.userId, ctx.actor.userId)));
  if (!mine) throw counsellingError('NOTE_NOT_YOURS');
  return a;
}

/** Writes a session note. The trail records that it was written, by whom and when, never what it says. */
export async function writeNote(ctx: Ctx, appointmentId: number, body: string) {
  const a = await ownAppointment(ctx, appointmentId);
  if (a.status !== 'confirmed' && a.status !== 'completed') throw counsellingError('APPOINTMENT_STATUS', '只能为已确认或已完成的咨询记录');
  const [row] = await ctx.db
    .insert(counsellingNotes)
    .values({ appointmentId, unitId: a.unitId, counsellorUserId: ctx.actor.userId, bodySealed: notes.seal(body) })
    .returning({ id: counsellingNotes.id, writtenAt: counsellingNotes.writtenAt });
  // The appointment tells everyone in scope that a note exists, and when; only its author reads it.
  await ctx.db.update(counsellingAppointments).set({ noteWrittenAt: row!.writtenAt }).where(eq(counsellingAppointments.id, appointmentId));
  await recordAudit(ctx, { action: 'create', entity: 'counselling_note', entityId: row!.id, unitId: a.unitId, after: { appointmentId } });
  return { id: row!.id, writtenAt: row!.writtenAt.toISOString() };
}

export async function readNotes(ctx: Ctx, appointmentId: number) {
  const a = await ownAppointment(ctx, appointmentId);
  const rows = await ctx.db.select().from(counsellingNotes).where(eq(counsellingNotes.appointmentId, appointmentId)).orderBy(asc(counsellingNotes.id));
  await recordAudit(ctx, { action: 'view', entity: 'counselling_note', entityId: appointmentId, unitId: a.unitId, reason: '咨询师查看本人的咨询记录' });
  return rows.map((n) => ({ id: n.id, writtenAt: n.writtenAt.toISOString(), body: notes.unseal(n.bodySealed) }));
}

// ── Follow-ups ──────────────────────────────────────────────────────────────────────────────

export async function addFollowUp(ctx: Ctx, appointmentId: number, input: { method: FollowUpMethod; dueOn: IsoDate }): Promise<FollowUpRow> {
  const a = await getAppointment(ctx, appointmentId);
  if (a.status !== 'completed') throw counsellingError('APPOINTMENT_STATUS', '咨询完成后才能安排回访');
  if (input.dueOn < todayInShanghai()) throw counsellingError('FOLLOW_UP_DATE_INVALID');
  const [row] = (await ctx.db.insert(counsellingFollowUps).values({ appointmentId, method: input.method, dueOn: input.dueOn, createdBy: ctx.actor.userId }).returning()) as [FollowUpRow];
  await recordAudit(ctx, { action: 'create', entity: 'counselling_follow_up', entityId: row.id, unitId: a.unitId, after: { appointmentId, method: row.method, dueOn: row.dueOn } });
  return row;
}

export async function completeFollowUp(ctx: Ctx, id: number, doneOn: IsoDate): Promise<FollowUpRow> {
  const [f] = await ctx.db.select().from(counsellingFollowUps).where(eq(counsellingFollowUps.id, id));
  if (!f) throw counsellingError('FOLLOW_UP_NOT_FOUND');
  if (doneOn > todayInShanghai()) throw counsellingError('FOLLOW_UP_DATE_INVALID');
  const a = await getAppointment(ctx, f.appointmentId);
  const [after] = await ctx.db
    .update(counsellingFollowUps)
    .set({ doneOn })
    .where(and(eq(counsellingFollowUps.appointmentId, f.appointmentId), eq(counsellingFollowUps.id, id), isNull(counsellingFollowUps.doneOn)))
    .returning();
  if (!after) throw counsellingError('APPOINTMENT_STATUS', '该回访已完成');
  await recordAudit(ctx, { action: 'update', entity: 'counselling_follow_up', entityId: id, unitId: a.unitId, after: { doneOn } });
  return after;
}

export function presentFollowUp(f: FollowUpRow) {
  return { id: f.id, appointmentId: f.appointmentId, method: f.method, dueOn: f.dueOn, doneOn: f.doneOn };
}

// ── Counts, never content ───────────────────────────────────────────────────────────────────

export interface CounsellingCounts {
  requested: number;
  sessions: number;
  cancelled: number;
  noShow: number;
  clients: number;
  followUpsPlanned: number;
  followUpsDone: number;
}

/**
 * Anonymous counts by unit and period (the slot's Shanghai date): appointments, sessions held,
 * cancellations, no-shows, distinct clients (by name and phone, never shown) and follow-ups.
 * No figure leads to a note or names anyone.
 */
export async function counsellingStatistics(ctx: Ctx, f: { unitId?: number | undefined; from: IsoDate; to: IsoDate }) {
  if (f.from > f.to) throw counsellingError('STATISTICS_PERIOD_INVALID');
  const unit = await getUnit(ctx, f.unitId ?? ctx.scope.unitId);
  const [lo, hi] = subtreeRange(unit.path);
  const bucket = sql`COALESCE(NULLIF(split_part(u.path, '/', ${unit.depth + 3}), '')::int, ${unit.id})`;
  const r = await ctx.db.execute(sql`
    SELECT ${bucket} AS bucket,
      count(*)::int AS requested,
      count(*) FILTER (WHERE a.status = 'completed')::int AS sessions,
      count(*) FILTER (WHERE a.status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE a.status = 'no_show')::int AS "noShow",
      count(DISTINCT (a.client_name, a.client_phone)) FILTER (WHERE a.status = 'completed')::int AS clients,
      COALESCE(sum((SELECT count(*) FROM counselling_follow_ups fu WHERE fu.appointment_id = a.id)), 0)::int AS "followUpsPlanned",
      COALESCE(sum((SELECT count(*) FROM counselling_follow_ups fu WHERE fu.appointment_id = a.id AND fu.done_on IS NOT NULL)), 0)::int AS "followUpsDone"
    FROM counselling_appointments a
    JOIN counselling_slots s ON s.id = a.slot_id
    JOIN org_units u ON u.id = a.unit_id
    WHERE u.path >= ${lo} AND u.path < ${hi}
      AND (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${f.from} AND ${f.to}
    GROUP BY 1`);
  const zero = (): CounsellingCounts => ({ requested: 0, sessions: 0, cancelled: 0, noShow: 0, clients: 0, followUpsPlanned: 0, followUpsDone: 0 });
  const byBucket = new Map<number, CounsellingCounts>();
  for (const row of rowsOf<CounsellingCounts & { bucket: number }>(r)) {
    const { bucket: b, ...counts } = row;
    byBucket.set(Number(b), counts);
  }
  const totals = zero();
  for (const b of byBucket.values()) for (const k of Object.keys(totals) as (keyof CounsellingCounts)[]) totals[k] += b[k];
  const children = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), ne(orgUnits.status, 'closed')));
  const rows = children.sort((a, b) => zhCollator.compare(a.name, b.name)).map((c) => ({ unitId: c.id, unitName: c.name, ...(byBucket.get(c.id) ?? zero()) }));
  const own = byBucket.get(unit.id);
  if (own) rows.push({ unitId: unit.id, unitName: `${unit.name}（本级）`, ...own });
  // The unit's counsellors: those kept by a unit of its subtree, or serving one (not the team of a unit above that serves elsewhere).
  const counsellorsActive = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(counsellors)
    .where(
      and(
        eq(counsellors.active, true),
        sql`(${counsellors.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})
          OR EXISTS (SELECT 1 FROM counsellor_units cu JOIN org_units su ON su.id = cu.unit_id WHERE cu.counsellor_id = ${counsellors.id} AND su.path >= ${lo} AND su.path < ${hi}))`,
      ),
    );
  return { unit: { id: unit.id, name: unit.name }, from: f.from, to: f.to, totals, counsellors: counsellorsActive[0]?.n ?? 0, byUnit: rows };
}
