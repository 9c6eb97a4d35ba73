/**
 * 困难职工档案 — the hardship household archive ("archive first, then aid"). One household, one file,
 * federation-wide (the worker's ID number, by keyed hash, is unique; a refusal names the county
 * where the file is). Life cycle: applied → verified at home (入户核查, by someone other than who
 * registered it) → public notice (公示) → filed; reviewed every year; exits (脱困 and the other
 * reasons) and re-entry (返困). Every step is an event in the file's history and an audit entry;
 * every view of the full ID number, bank account or incomes is logged with its reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, desc, eq, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { sealBankAccount, sealIdNumber } from '../../engines/people/id-number.ts';
import { isMobilePhone, maskBankAccount, parseIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash, unseal } from '../../engines/people/sealing.ts';
import { escapeLike } from '../../engines/like.ts';
import { addDays, addMonths, todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { clearNudge, raiseNudges } from '../../engines/notify/service.ts';
import { hardshipError } from './errors.ts';
import { gradeHousehold, HARDSHIP_CAUSES, type GradeBasis } from './grading.ts';
import {
  hardshipAttachments,
  hardshipEvents,
  hardshipFinances,
  hardshipHouseholds,
  hardshipMembers,
  hardshipStandards,
  type ExitReason,
  type HardshipGrade,
  type HardshipStandardRow,
  type HouseholdIntake,
  type HouseholdRow,
  type HouseholdStatus,
} from './schema.ts';
import * as clock from '../../engines/clock.ts';

function notInFuture(d: IsoDate): void {
  if (d > todayInShanghai()) throw hardshipError('HOUSEHOLD_DATE_INVALID');
}

// ── Standards ───────────────────────────────────────────────────────────────────────────────

export interface StandardInput {
  unitId: number;
  validFrom: IsoDate;
  minimumLivingFen: number;
  deepPct?: number | undefined;
  relativePct?: number | undefined;
  accidentCostPct?: number | undefined;
  migrantMinMonths?: number | undefined;
  reviewMonths?: number | undefined;
  noticeDays?: number | undefined;
}

/** Sets (or corrects) a unit's standard from a date. */
export async function setStandard(ctx: Ctx, input: StandardInput): Promise<HardshipStandardRow> {
  await getUnit(ctx, input.unitId);
  const values = {
    unitId: input.unitId,
    validFrom: input.validFrom,
    minimumLivingFen: input.minimumLivingFen,
    deepPct: input.deepPct ?? 100,
    relativePct: input.relativePct ?? 200,
    accidentCostPct: input.accidentCostPct ?? 80,
    migrantMinMonths: input.migrantMinMonths ?? 12,
    reviewMonths: input.reviewMonths ?? 12,
    noticeDays: input.noticeDays ?? 7,
  };
  const [row] = await ctx.db
    .insert(hardshipStandards)
    .values(values)
    .onConflictDoUpdate({ target: [hardshipStandards.unitId, hardshipStandards.validFrom], set: values })
    .returning();
  await recordAudit(ctx, { action: 'update', entity: 'hardship_standard', entityId: `${input.unitId}:${input.validFrom}`, unitId: input.unitId, after: row });
  return row!;
}

/** The standard that applies to a unit on a date: its own, else its nearest ancestor's. */
export async function standardFor(ctx: Ctx, unitId: number, on: IsoDate): Promise<HardshipStandardRow> {
  const unit = await getUnit(ctx, unitId);
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const r = await ctx.db
    .select()
    .from(hardshipStandards)
    .where(and(sql`${hardshipStandards.unitId} = ANY(${`{${ids.join(',')}}`}::int[])`, lte(hardshipStandards.validFrom, on)))
    .orderBy(sql`array_position(${`{${ids.join(',')}}`}::int[], ${hardshipStandards.unitId}) DESC`, desc(hardshipStandards.validFrom))
    .limit(1);
  if (!r[0]) throw hardshipError('HOUSEHOLD_NO_STANDARD');
  return r[0];
}

export async function listStandards(ctx: Ctx) {
  return ctx.db.select().from(hardshipStandards).orderBy(asc(hardshipStandards.unitId), desc(hardshipStandards.validFrom));
}

// ── Registering ─────────────────────────────────────────────────────────────────────────────

export interface MemberInput {
  name: string;
  relation: string;
  birthDate?: IsoDate | null | undefined;
  idNumber?: string | null | undefined;
  health?: string | null | undefined;
  occupation?: string | null | undefined;
  schoolLevel?: string | null | undefined;
}

export interface FinanceInput {
  kind: 'income' | 'expense';
  category: string;
  annualFen: number;
  hardshipCost?: boolean | undefined;
  note?: string | null | undefined;
}

export interface HouseholdInput {
  unitId: number;
  intake?: HouseholdIntake | undefined;
  workerName: string;
  idNumber: string;
  ethnicity?: string | null | undefined;
  health?: string | null | undefined;
  disability?: string | null | undefined;
  employment?: string | null | undefined;
  employer?: string | null | undefined;
  industry?: string | null | undefined;
  housing?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  migrantWorker?: boolean | undefined;
  employedSince?: IsoDate | null | undefined;
  mainCause: string;
  secondaryCauses?: string[] | undefined;
  bankName?: string | null | undefined;
  bankAccount?: string | null | undefined;
  accident?: boolean | undefined;
  appliedOn?: IsoDate | undefined;
  members: MemberInput[];
  finances: FinanceInput[];
}

const sealId = (raw: string) => sealIdNumber(raw, (m) => hardshipError('HOUSEHOLD_ID_INVALID', m));

export { maskBankAccount };

function sealBank(raw: string | null | undefined) {
  if (!raw) return { bankAccountSealed: null, bankAccountMasked: null, bankAccountHash: null };
  const b = sealBankAccount(raw, (m) => hardshipError('HOUSEHOLD_BANK_ACCOUNT_INVALID', m));
  return { bankAccountSealed: b.sealed, bankAccountMasked: b.masked, bankAccountHash: b.hash };
}

function checkCauses(main: string, secondary: string[]): void {
  const all = [main, ...secondary];
  if (!all.every((c) => c in HARDSHIP_CAUSES) || secondary.length > 3 || new Set(all).size !== all.length) throw hardshipError('HOUSEHOLD_CAUSE_INVALID');
}

function memberRows(householdId: number, members: MemberInput[]) {
  return members.map((m, i) => {
    const id = m.idNumber ? sealId(m.idNumber) : null;
    return {
      householdId,
      seq: i + 1,
      name: m.name.trim(),
      relation: m.relation,
      birthDate: id?.info.birthDate ?? m.birthDate ?? null,
      idHash: id?.hash ?? null,
      idSealed: id?.sealed ?? null,
      idMasked: id?.masked ?? null,
      health: m.health ?? null,
      occupation: m.occupation ?? null,
      schoolLevel: m.schoolLevel ?? null,
    };
  });
}

function financeRows(householdId: number, finances: FinanceInput[]) {
  return finances.map((f, i) => {
    if (!Number.isSafeInteger(f.annualFen) || f.annualFen < 0) throw hardshipError('HOUSEHOLD_AMOUNT_INVALID');
    return { householdId, seq: i + 1, kind: f.kind, category: f.category, annualFen: f.annualFen, hardshipCost: f.kind === 'expense' && !!f.hardshipCost, note: f.note ?? null };
  });
}

/** Grades figures as they stand (nothing stored): for a form that shows the grade as it is typed. */
export async function previewGrade(
  ctx: Ctx,
  input: {
    unitId: number;
    members: { length: number };
    finances: FinanceInput[];
    accident?: boolean | undefined;
    migrantWorker?: boolean | undefined;
    employedSince?: IsoDate | null | undefined;
    onDate?: IsoDate | undefined;
  },
): Promise<GradeBasis> {
  const on = input.onDate ?? todayInShanghai();
  const std = await standardFor(ctx, input.unitId, on);
  return gradeHousehold(
    {
      householdSize: input.members.length + 1,
      incomes: input.finances.filter((f) => f.kind === 'income').map((f) => f.annualFen),
      expenses: input.finances.filter((f) => f.kind === 'expense').map((f) => ({ annualFen: f.annualFen, hardshipCost: !!f.hardshipCost })),
      accident: !!input.accident,
      migrantWorker: !!input.migrantWorker,
      employedSince: input.employedSince ?? null,
      onDate: on,
    },
    std,
  );
}

async function event(ctx: Ctx, householdId: number, action: string, details: Record<string, unknown> | null, onDate = todayInShanghai()) {
  await ctx.db.insert(hardshipEvents).values({ householdId, action, onDate, actorId: ctx.actor.userId, actorName: ctx.actor.displayName || ctx.actor.username, details });
}

async function alreadyOnFile(ctx: Ctx, hash: string) {
  const r = await ctx.db.execute(sql`SELECT gonghui_hardship_file_county(${hash}) AS county`);
  const county = rowsOf<{ county: string | null }>(r)[0]?.county;
  return hardshipError('HOUSEHOLD_ALREADY_ON_FILE', county ? `该职工已在${county}建有困难职工档案（一户一档），不能重复建档` : undefined);
}

export async function registerHousehold(ctx: Ctx, input: HouseholdInput): Promise<HouseholdRow> {
  await getUnit(ctx, input.unitId);
  const id = sealId(input.idNumber);
  if (input.phone && !isMobilePhone(input.phone)) throw hardshipError('HOUSEHOLD_PHONE_INVALID');
  const secondary = input.secondaryCauses ?? [];
  checkCauses(input.mainCause, secondary);
  const appliedOn = input.appliedOn ?? todayInShanghai();
  notInFuture(appliedOn);
  const basis = await previewGrade(ctx, { ...input, onDate: appliedOn });
  const hash = id.hash;
  let row: HouseholdRow;
  try {
    [row] = (await ctx.db.transaction((sp) =>
      sp
        .insert(hardshipHouseholds)
        .values({
          unitId: input.unitId,
          intake: input.intake ?? 'new',
          workerName: input.workerName.trim(),
          idHash: hash,
          idSealed: id.sealed,
          idMasked: id.masked,
          gender: id.info.gender,
          birthDate: id.info.birthDate,
          ethnicity: input.ethnicity ?? null,
          health: input.health ?? null,
          disability: input.disability ?? null,
          employment: input.employment ?? null,
          employer: input.employer ?? null,
          industry: input.industry ?? null,
          housing: input.housing ?? null,
          phone: input.phone || null,
          address: input.address ?? null,
          migrantWorker: !!input.migrantWorker,
          employedSince: input.employedSince ?? null,
          mainCause: input.mainCause,
          secondaryCauses: secondary,
          bankName: input.bankName ?? null,
          ...sealBank(input.bankAccount),
          accident: !!input.accident,
          householdSize: input.members.length + 1,
          grade: basis.grade,
          gradeBasis: basis,
          appliedOn,
          createdBy: ctx.actor.userId,
        })
        .returning(),
    )) as [HouseholdRow];
  } catch (e) {
    if (isUniqueViolation(e, 'hardship_households_id_hash_unique')) throw await alreadyOnFile(ctx, hash);
    throw e;
  }
  if (input.members.length) await ctx.db.insert(hardshipMembers).values(memberRows(row.id, input.members));
  if (input.finances.length) await ctx.db.insert(hardshipFinances).values(financeRows(row.id, input.finances));
  await event(ctx, row.id, 'registered', { intake: row.intake, grade: basis.grade }, appliedOn);
  await recordAudit(ctx, { action: 'create', entity: 'hardship_household', entityId: row.id, unitId: row.unitId, after: presentHousehold(row) });
  return row;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export async function getHouseholdRow(ctx: Ctx, id: number): Promise<HouseholdRow> {
  const [row] = await ctx.db.select().from(hardshipHouseholds).where(eq(hardshipHouseholds.id, id));
  if (!row) throw hardshipError('HOUSEHOLD_NOT_FOUND');
  return row;
}

/** Row → wire: masked identifiers only; incomes and the computation stay behind revealSensitive. */
export function presentHousehold(h: HouseholdRow & { unitName?: string }) {
  return {
    id: h.id,
    unitId: h.unitId,
    ...(h.unitName !== undefined ? { unitName: h.unitName } : {}),
    status: h.status,
    intake: h.intake,
    workerName: h.workerName,
    idMasked: h.idMasked,
    gender: h.gender,
    birthDate: h.birthDate,
    ethnicity: h.ethnicity,
    health: h.health,
    disability: h.disability,
    employment: h.employment,
    employer: h.employer,
    industry: h.industry,
    housing: h.housing,
    phone: h.phone,
    address: h.address,
    migrantWorker: h.migrantWorker,
    employedSince: h.employedSince,
    mainCause: h.mainCause,
    secondaryCauses: h.secondaryCauses,
    bankName: h.bankName,
    bankAccountMasked: h.bankAccountMasked,
    accident: h.accident,
    householdSize: h.householdSize,
    grade: h.grade,
    appliedOn: h.appliedOn,
    noticeFrom: h.noticeFrom,
    noticeUntil: h.noticeUntil,
    filedOn: h.filedOn,
    nextReviewDue: h.nextReviewDue,
    exitedOn: h.exitedOn,
    exitReason: h.exitReason,
  };
}
export type HouseholdView = ReturnType<typeof presentHousehold>;

/** A household's file (masked), its members, history and attachments; the view is logged. */
export async function getHousehold(ctx: Ctx, id: number, purpose: string) {
  const h = await getHouseholdRow(ctx, id);
  const members = await ctx.db
    .select({
      seq: hardshipMembers.seq,
      name: hardshipMembers.name,
      relation: hardshipMembers.relation,
      birthDate: hardshipMembers.birthDate,
      idMasked: hardshipMembers.idMasked,
      health: hardshipMembers.health,
      occupation: hardshipMembers.occupation,
      schoolLevel: hardshipMembers.schoolLevel,
    })
    .from(hardshipMembers)
    .where(eq(hardshipMembers.householdId, id))
    .orderBy(asc(hardshipMembers.seq));
  const history = await ctx.db.select().from(hardshipEvents).where(eq(hardshipEvents.householdId, id)).orderBy(asc(hardshipEvents.id));
  const attachments = await ctx.db
    .select({
      id: hardshipAttachments.id,
      fileName: hardshipAttachments.fileName,
      contentType: hardshipAttachments.contentType,
      size: hardshipAttachments.size,
      note: hardshipAttachments.note,
      uploadedAt: hardshipAttachments.uploadedAt,
    })
    .from(hardshipAttachments)
    .where(eq(hardshipAttachments.householdId, id))
    .orderBy(asc(hardshipAttachments.id));
  await recordAudit(ctx, { action: 'view', entity: 'hardship_household', entityId: id, unitId: h.unitId, reason: purpose });
  return { household: presentHousehold(h), members, history, attachments };
}

/** The full ID numbers, bank account, incomes and the grade's computation: for a stated purpose, logged. */
export async function revealSensitive(ctx: Ctx, id: number, reason: string) {
  if (!reason.trim()) throw hardshipError('HOUSEHOLD_VIEW_REASON_REQUIRED');
  const h = await getHouseholdRow(ctx, id);
  const members = await ctx.db.select().from(hardshipMembers).where(eq(hardshipMembers.householdId, id)).orderBy(asc(hardshipMembers.seq));
  const finances = await ctx.db.select().from(hardshipFinances).where(eq(hardshipFinances.householdId, id)).orderBy(asc(hardshipFinances.seq));
  await recordAudit(ctx, { action: 'view', entity: 'hardship_household.sensitive', entityId: id, unitId: h.unitId, reason: reason.trim() });
  return {
    idNumber: unseal(h.idSealed),
    bankName: h.bankName,
    bankAccount: h.bankAccountSealed ? unseal(h.bankAccountSealed) : null,
    members: members.map((m) => ({ seq: m.seq, name: m.name, relation: m.relation, idNumber: m.idSealed ? unseal(m.idSealed) : null })),
    finances: finances.map((f) => ({ seq: f.seq, kind: f.kind, category: f.category, annualFen: f.annualFen, hardshipCost: f.hardshipCost, note: f.note })),
    gradeBasis: h.gradeBasis as GradeBasis | null,
  };
}

export interface HouseholdFilter {
  underUnitId?: number | undefined;
  status?: HouseholdStatus | undefined;
  grade?: HardshipGrade | undefined;
  /** Main or secondary cause. */
  cause?: string | undefined;
  q?: string | undefined;
  /** Files whose yearly review falls due on or before this date. */
  reviewDueBy?: IsoDate | undefined;
  offset: number;
  limit: number;
  /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
  after?: HouseholdCursor | null | undefined;
  /** Count the whole filter (a list page's total); exports skip it. */
  withTotal?: boolean;
}

/** Where a page of households ends, in the list's order (newest first; by review date with `reviewDueBy`). */
export interface HouseholdCursor {
  id: number;
  nextReviewDue: IsoDate | null;
}

async function householdWhere(ctx: Ctx, f: Omit<HouseholdFilter, 'offset' | 'limit'>): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [];
  if (f.underUnitId !== undefined) {
    const [lo, hi] = subtreeRange((await getUnit(ctx, f.underUnitId)).path);
    conds.push(sql`${hardshipHouseholds.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`);
  }
  if (f.status) conds.push(eq(hardshipHouseholds.status, f.status));
  if (f.grade) conds.push(eq(hardshipHouseholds.grade, f.grade));
  if (f.cause) conds.push(or(eq(hardshipHouseholds.mainCause, f.cause), sql`${hardshipHouseholds.secondaryCauses} @> ${JSON.stringify([f.cause])}::jsonb`));
  if (f.reviewDueBy) conds.push(and(eq(hardshipHouseholds.status, 'filed'), lte(hardshipHouseholds.nextReviewDue, f.reviewDueBy)));
  if (f.q) {
    const parsed = parseIdCard(f.q);
    conds.push(
      parsed.ok ? eq(hardshipHouseholds.idHash, lookupHash(parsed.info.number)) : or(ilike(hardshipHouseholds.workerName, escapeLike(f.q)), ilike(hardshipHouseholds.employer, escapeLike(f.q))),
    );
  }
  return and(...conds);
}

export async function listHouseholds(ctx: Ctx, f: HouseholdFilter) {
  const where = await householdWhere(ctx, f);
  const unitName = sql<string>`(SELECT name FROM org_units u WHERE u.id = ${hardshipHouseholds.unitId})`;
  const a = f.after;
  // With `reviewDueBy` every row is on file with a review date (the filter says so), so the pair compares.
  const page = !a
    ? where
    : f.reviewDueBy
      ? and(where, sql`(${hardshipHouseholds.nextReviewDue}, ${hardshipHouseholds.id}) > (${a.nextReviewDue}::date, ${a.id})`)
      : and(where, sql`${hardshipHouseholds.id} < ${a.id}`);
  const rows = await ctx.db
    .select({ h: hardshipHouseholds, unitName })
    .from(hardshipHouseholds)
    .where(page)
    .orderBy(...(f.reviewDueBy ? [asc(hardshipHouseholds.nextReviewDue), asc(hardshipHouseholds.id)] : [desc(hardshipHouseholds.id)]))
    .offset(a ? 0 : f.offset)
    .limit(f.limit);
  const last = rows.at(-1);
  const next: HouseholdCursor | null = last && rows.length === f.limit ? { id: last.h.id, nextReviewDue: last.h.nextReviewDue } : null;
  const items = rows.map((r) => presentHousehold({ ...r.h, unitName: r.unitName }));
  if (f.withTotal === false) return { items, total: -1, next };
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(hardshipHouseholds).where(where);
  return { items, total: count?.n ?? 0, next };
}

/** Households by status and grade in scope (the archive's own figures). */
export async function archiveCounts(ctx: Ctx, underUnitId?: number) {
  const where = await householdWhere(ctx, { underUnitId });
  const rows = await ctx.db
    .select({ status: hardshipHouseholds.status, grade: hardshipHouseholds.grade, n: sql<number>`count(*)::int`, people: sql<number>`COALESCE(sum(${hardshipHouseholds.householdSize}), 0)::int` })
    .from(hardshipHouseholds)
    .where(where)
    .groupBy(hardshipHouseholds.status, hardshipHouseholds.grade);
  const filed = rows.filter((r) => r.status === 'filed');
  return {
    filed: filed.reduce((s, r) => s + r.n, 0),
    filedPeople: filed.reduce((s, r) => s + r.people, 0),
    byGrade: { deep: filed.find((r) => r.grade === 'deep')?.n ?? 0, relative: filed.find((r) => r.grade === 'relative')?.n ?? 0, accident: filed.find((r) => r.grade === 'accident')?.n ?? 0 },
    byStatus: Object.fromEntries(['applied', 'verified', 'in_notice', 'filed', 'not_filed', 'exited'].map((s) => [s, rows.filter((r) => r.status === s).reduce((t, r) => t + r.n, 0)])),
  };
}

// ── The life cycle ──────────────────────────────────────────────────────────────────────────

async function move(ctx: Ctx, h: HouseholdRow, set: Partial<typeof hardshipHouseholds.$inferInsert>, action: string, details: Record<string, unknown> | null, onDate?: IsoDate) {
  const [after] = await ctx.db
    .update(hardshipHouseholds)
    .set({ ...set, updatedAt: clock.now() })
    .where(and(eq(hardshipHouseholds.id, h.id), eq(hardshipHouseholds.status, h.status)))
    .returning();
  if (!after) throw hardshipError('HOUSEHOLD_STATUS_WRONG');
  await event(ctx, h.id, action, details, onDate);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'hardship_household',
    entityId: h.id,
    unitId: h.unitId,
    before: { status: h.status, grade: h.grade },
    after: { status: after.status, grade: after.grade, action, ...details },
  });
  return after;
}

function requireStatus(h: HouseholdRow, ...statuses: HouseholdStatus[]) {
  if (!statuses.includes(h.status)) throw hardshipError('HOUSEHOLD_STATUS_WRONG');
}

/** 入户核查: someone other than who registered the file visits the home and confirms (or not). */
export async function recordVisit(ctx: Ctx, id: number, input: { visitedOn: IsoDate; visitors: string; findings: string; confirmed: boolean }) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'applied');
  if (h.createdBy === ctx.actor.userId) throw hardshipError('HOUSEHOLD_SELF_VERIFY');
  notInFuture(input.visitedOn);
  if (input.confirmed && !h.grade) throw hardshipError('HOUSEHOLD_NOT_ELIGIBLE');
  return move(
    ctx,
    h,
    { status: input.confirmed ? 'verified' : 'not_filed', verifiedBy: ctx.actor.userId },
    'visited',
    { visitors: input.visitors, findings: input.findings, confirmed: input.confirmed },
    input.visitedOn,
  );
}

/** 公示: the file is shown for the standard's number of days, counted from the day it was put up. */
export async function startNotice(ctx: Ctx, id: number, input: { postedOn?: IsoDate | undefined } = {}) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'verified');
  const from = input.postedOn ?? todayInShanghai();
  notInFuture(from);
  const std = await standardFor(ctx, h.unitId, from);
  const until = addDays(from, std.noticeDays);
  return move(ctx, h, { status: 'in_notice', noticeFrom: from, noticeUntil: until }, 'notice_started', { from, until, days: std.noticeDays }, from);
}

/** After the notice: filed (with its first review date), or not filed when an objection holds. */
export async function fileHousehold(ctx: Ctx, id: number, input: { objection?: string | null | undefined }) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'in_notice');
  const today = todayInShanghai();
  if (h.noticeUntil && today < h.noticeUntil) throw hardshipError('HOUSEHOLD_NOTICE_RUNNING', `公示期至 ${h.noticeUntil} 届满`);
  if (input.objection?.trim()) return move(ctx, h, { status: 'not_filed' }, 'objection_upheld', { objection: input.objection.trim() });
  if (!h.grade) throw hardshipError('HOUSEHOLD_NOT_ELIGIBLE');
  const std = await standardFor(ctx, h.unitId, today);
  return move(ctx, h, { status: 'filed', filedOn: today, filedBy: ctx.actor.userId, nextReviewDue: addMonths(today, std.reviewMonths) }, 'filed', {
    grade: h.grade,
    nextReviewDue: addMonths(today, std.reviewMonths),
  });
}

/** Replaces the members and the finances and grades again (used by reviews and re-entry). */
async function regrade(ctx: Ctx, h: HouseholdRow, input: { members?: MemberInput[] | undefined; finances?: FinanceInput[] | undefined; accident?: boolean | undefined }, on: IsoDate) {
  if (input.members) {
    await ctx.db.delete(hardshipMembers).where(eq(hardshipMembers.householdId, h.id));
    if (input.members.length) await ctx.db.insert(hardshipMembers).values(memberRows(h.id, input.members));
  }
  if (input.finances) {
    await ctx.db.delete(hardshipFinances).where(eq(hardshipFinances.householdId, h.id));
    if (input.finances.length) await ctx.db.insert(hardshipFinances).values(financeRows(h.id, input.finances));
  }
  const members = await ctx.db.select({ seq: hardshipMembers.seq }).from(hardshipMembers).where(eq(hardshipMembers.householdId, h.id));
  const finances = await ctx.db.select().from(hardshipFinances).where(eq(hardshipFinances.householdId, h.id));
  const basis = await previewGrade(ctx, {
    unitId: h.unitId,
    members,
    finances: finances.map((f) => ({ ...f, hardshipCost: f.hardshipCost })),
    accident: input.accident ?? h.accident,
    migrantWorker: h.migrantWorker,
    employedSince: h.employedSince,
    onDate: on,
  });
  return { basis, householdSize: members.length + 1, accident: input.accident ?? h.accident };
}

/**
 * 年度复核: new figures, graded again. Still in hardship: the next review is set a year on.
 * No longer: the review says so and the cadre records the exit (脱困) separately.
 */
export async function reviewHousehold(
  ctx: Ctx,
  id: number,
  input: { reviewedOn: IsoDate; members?: MemberInput[] | undefined; finances?: FinanceInput[] | undefined; accident?: boolean | undefined; note?: string | undefined },
) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'filed');
  notInFuture(input.reviewedOn);
  const g = await regrade(ctx, h, input, input.reviewedOn);
  const std = await standardFor(ctx, h.unitId, input.reviewedOn);
  const next = addMonths(input.reviewedOn, std.reviewMonths);
  const after = await move(
    ctx,
    h,
    { grade: g.basis.grade ?? h.grade, gradeBasis: g.basis, householdSize: g.householdSize, accident: g.accident, nextReviewDue: g.basis.grade ? next : input.reviewedOn },
    'reviewed',
    { grade: g.basis.grade, stillInHardship: !!g.basis.grade, note: input.note ?? null, nextReviewDue: g.basis.grade ? next : null },
    input.reviewedOn,
  );
  // The unit's reminder clears once nothing of it is due any more.
  const [left] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(hardshipHouseholds)
    .where(and(eq(hardshipHouseholds.unitId, h.unitId), eq(hardshipHouseholds.status, 'filed'), lte(hardshipHouseholds.nextReviewDue, addDays(todayInShanghai(), REVIEW_NOTICE_DAYS))));
  if (!left?.n) await clearNudge(ctx, h.unitId, reviewCause(h.unitId));
  return { household: after, basis: g.basis, stillInHardship: !!g.basis.grade };
}

/** Reviews falling due within this many days are reminded. */
export const REVIEW_NOTICE_DAYS = 30;
const reviewCause = (unitId: number) => `hardship.review:${unitId}`;

/**
 * 复核提醒: one reminder to each unit (in scope) whose files fall due for review within 30 days or
 * are overdue — once, until its reviews are done (the cause clears with the unit's last review).
 */
export async function remindReviews(ctx: Ctx, opts: { underUnitId?: number | undefined } = {}) {
  const by = addDays(todayInShanghai(), REVIEW_NOTICE_DAYS);
  const today = todayInShanghai();
  const where = await householdWhere(ctx, { underUnitId: opts.underUnitId, reviewDueBy: by });
  const due = await ctx.db
    .select({ unitId: hardshipHouseholds.unitId, n: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) FILTER (WHERE ${hardshipHouseholds.nextReviewDue} < ${today}))::int` })
    .from(hardshipHouseholds)
    .where(where)
    .groupBy(hardshipHouseholds.unitId);
  const raised = await raiseNudges(
    ctx,
    due.map((d) => ({
      unitId: d.unitId,
      causeKey: reviewCause(d.unitId),
      kind: 'due',
      title: '困难职工档案年度复核提醒',
      body: `本单位有 ${d.n} 户困难职工档案须在 ${by} 前完成年度复核${d.overdue ? `，其中 ${d.overdue} 户已逾期` : ''}。请入户了解收支变化后填报复核结果。`,
      link: `/hardship/households?reviewDueBy=${by}`,
    })),
  );
  const reminded = raised.filter((r) => r.raised).length;
  return { units: due.length, households: due.reduce((s, d) => s + d.n, 0), reminded };
}

export interface HouseholdEdit {
  members?: MemberInput[] | undefined;
  finances?: FinanceInput[] | undefined;
  accident?: boolean | undefined;
  mainCause?: string | undefined;
  secondaryCauses?: string[] | undefined;
  bankName?: string | null | undefined;
  /** A new account; null or '' removes it; absent keeps it. */
  bankAccount?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  health?: string | null | undefined;
  disability?: string | null | undefined;
  employment?: string | null | undefined;
  employer?: string | null | undefined;
  housing?: string | null | undefined;
  note?: string | undefined;
}

const EDITABLE = ['mainCause', 'secondaryCauses', 'bankName', 'phone', 'address', 'health', 'disability', 'employment', 'employer', 'housing', 'accident'] as const;

/**
 * Corrects a household's details after registration (members, incomes and expenses, causes, bank
 * account, contact): graded again on today's standard, the change kept in the file's history (which
 * fields, the grade before and after — never the values of identifiers or accounts) and audited.
 * An exited file is re-entered (返困), not edited. A filed household whose new figures no longer
 * qualify keeps its grade until the review or exit the cadre records.
 */
export async function updateHousehold(ctx: Ctx, id: number, input: HouseholdEdit) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'applied', 'verified', 'in_notice', 'filed', 'not_filed');
  if (input.phone && !isMobilePhone(input.phone)) throw hardshipError('HOUSEHOLD_PHONE_INVALID');
  const mainCause = input.mainCause ?? h.mainCause;
  const secondary = input.secondaryCauses ?? h.secondaryCauses;
  checkCauses(mainCause, secondary);
  const changed: string[] = EDITABLE.filter((k) => input[k] !== undefined && JSON.stringify(input[k] ?? null) !== JSON.stringify(h[k] ?? null));
  const set: Partial<typeof hardshipHouseholds.$inferInsert> = { mainCause, secondaryCauses: secondary };
  for (const k of ['bankName', 'phone', 'address', 'health', 'disability', 'employment', 'employer', 'housing'] as const) if (input[k] !== undefined) set[k] = input[k] || null;
  if (input.bankAccount !== undefined) {
    const bank = sealBank(input.bankAccount);
    if (bank.bankAccountHash !== h.bankAccountHash) changed.push('bankAccount');
    Object.assign(set, bank);
  }
  if (input.members) changed.push('members');
  if (input.finances) changed.push('finances');
  const today = todayInShanghai();
  const g = await regrade(ctx, h, input, today);
  const grade = h.status === 'filed' ? (g.basis.grade ?? h.grade) : g.basis.grade;
  const [after] = await ctx.db
    .update(hardshipHouseholds)
    .set({ ...set, grade, gradeBasis: g.basis, householdSize: g.householdSize, accident: g.accident, updatedAt: clock.now() })
    .where(and(eq(hardshipHouseholds.id, h.id), eq(hardshipHouseholds.status, h.status)))
    .returning();
  if (!after) throw hardshipError('HOUSEHOLD_STATUS_WRONG');
  const details = { changed, gradeBefore: h.grade, gradeAfter: after.grade, computedGrade: g.basis.grade, householdSize: after.householdSize, note: input.note ?? null };
  await event(ctx, h.id, 'edited', details, today);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'hardship_household',
    entityId: h.id,
    unitId: h.unitId,
    reason: input.note ?? '修改档案信息',
    before: presentHousehold(h),
    after: { ...presentHousehold(after), changed },
  });
  return { household: after, basis: g.basis };
}

export const EXIT_LABELS: Record<ExitReason, string> = {
  recovered: '脱困',
  government_support: '纳入政府兜底保障',
  deceased: '身故',
  moved_away: '迁出',
  misidentified: '认定有误',
};

export async function exitHousehold(ctx: Ctx, id: number, input: { reason: ExitReason; on: IsoDate; note?: string | undefined }) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'filed');
  notInFuture(input.on);
  return move(
    ctx,
    h,
    { status: 'exited', exitedOn: input.on, exitReason: input.reason, nextReviewDue: null },
    'exited',
    { reason: input.reason, label: EXIT_LABELS[input.reason], note: input.note ?? null },
    input.on,
  );
}

/** 返困: an exited household falls back; the same file starts again at verification. */
export async function reenterHousehold(
  ctx: Ctx,
  id: number,
  input: { on: IsoDate; members?: MemberInput[] | undefined; finances?: FinanceInput[] | undefined; accident?: boolean | undefined; note?: string | undefined },
) {
  const h = await getHouseholdRow(ctx, id);
  requireStatus(h, 'exited', 'not_filed');
  if (h.exitReason === 'deceased') throw hardshipError('HOUSEHOLD_CANNOT_RETURN');
  notInFuture(input.on);
  const g = await regrade(ctx, h, input, input.on);
  return move(
    ctx,
    h,
    {
      status: 'applied',
      intake: 'returned',
      appliedOn: input.on,
      grade: g.basis.grade,
      gradeBasis: g.basis,
      householdSize: g.householdSize,
      accident: g.accident,
      createdBy: ctx.actor.userId,
      verifiedBy: null,
      filedOn: null,
      filedBy: null,
      exitedOn: null,
      exitReason: null,
      noticeFrom: null,
      noticeUntil: null,
    },
    'reentered',
    { grade: g.basis.grade, previousExit: h.exitReason, note: input.note ?? null },
    input.on,
  );
}

// ── Attachments ─────────────────────────────────────────────────────────────────────────────

export const ATTACHMENT_LIMIT = 10 * 1024 * 1024;
const ATTACHMENT_TYPES: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/** What a file's first bytes say it is, whatever its name claims. */
function sniff(data: Buffer): string | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export function attachmentsDir(filesDir: string, householdId: number): string {
  return path.join(filesDir, 'hardship', String(householdId));
}

/** Files written during a request, removed again if its transaction does not commit. */
export type WrittenFiles = string[];

/**
 * Runs a request's work (its transaction) and, should it fail — in the service or at commit — removes
 * the files it wrote, so a refused or rolled-back upload leaves nothing behind on disk.
 */
export async function keepFilesOnlyIfCommitted<T>(work: (written: WrittenFiles) => Promise<T>): Promise<T> {
  const written: WrittenFiles = [];
  try {
    return await work(written);
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
}

/**
 * Stores a proof document with the file (under the data folder), recorded in its history. The
 * rows come first and the file last, so the only failure after writing it is the commit itself;
 * `written` (see keepFilesOnlyIfCommitted) lets the caller remove the file then.
 */
export async function addAttachment(ctx: Ctx, filesDir: string, id: number, file: { fileName: string; data: Buffer; note?: string | null | undefined }, written: WrittenFiles = []) {
  const h = await getHouseholdRow(ctx, id);
  if (file.data.length > ATTACHMENT_LIMIT) throw hardshipError('ATTACHMENT_TOO_LARGE');
  const type = sniff(file.data);
  if (!type) throw hardshipError('ATTACHMENT_TYPE_REFUSED');
  const storedAs = `${randomUUID()}${ATTACHMENT_TYPES[type]}`;
  const [row] = await ctx.db
    .insert(hardshipAttachments)
    .values({
      householdId: h.id,
      fileName: path.basename(file.fileName).slice(0, 200),
      contentType: type,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      storedAs,
      note: file.note ?? null,
      uploadedBy: ctx.actor.userId,
    })
    .returning();
  await event(ctx, h.id, 'attachment_added', { attachmentId: row!.id, fileName: row!.fileName });
  await recordAudit(ctx, {
    action: 'create',
    entity: 'hardship_attachment',
    entityId: row!.id,
    unitId: h.unitId,
    after: { householdId: h.id, fileName: row!.fileName, size: row!.size, sha256: row!.sha256 },
  });
  const dir = attachmentsDir(filesDir, h.id);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, storedAs);
  written.push(target);
  fs.writeFileSync(target, file.data, { mode: 0o600, flag: 'wx' });
  return row!;
}

/** An attachment to download: in scope only, the view logged. */
export async function openAttachment(ctx: Ctx, filesDir: string, attachmentId: number) {
  const [row] = await ctx.db.select().from(hardshipAttachments).where(eq(hardshipAttachments.id, attachmentId));
  if (!row) throw hardshipError('ATTACHMENT_NOT_FOUND');
  const h = await getHouseholdRow(ctx, row.householdId);
  await recordAudit(ctx, { action: 'view', entity: 'hardship_attachment', entityId: row.id, unitId: h.unitId, reason: '查看困难职工档案附件' });
  return { row, file: path.join(attachmentsDir(filesDir, row.householdId), row.storedAs) };
}

// ── For other programs (relief): what aid needs to know of a file ────────────────────────────

export interface HouseholdForAid {
  id: number;
  unitId: number;
  filed: boolean;
  grade: HardshipGrade | null;
  workerName: string;
  idHash: string;
  idMasked: string;
  householdSize: number;
  bankName: string | null;
  bankAccountSealed: string | null;
  bankAccountMasked: string | null;
}

function forAid(h: HouseholdRow): HouseholdForAid {
  return {
    id: h.id,
    unitId: h.unitId,
    filed: h.status === 'filed',
    grade: h.grade,
    workerName: h.workerName,
    idHash: h.idHash,
    idMasked: h.idMasked,
    householdSize: h.householdSize,
    bankName: h.bankName,
    bankAccountSealed: h.bankAccountSealed,
    bankAccountMasked: h.bankAccountMasked,
  };
}

export async function householdForAid(ctx: Ctx, id: number): Promise<HouseholdForAid> {
  return forAid(await getHouseholdRow(ctx, id));
}

/** The household on file (in scope) a person belongs to, as its worker or as a member, by ID hash. */
export async function householdOfPerson(ctx: Ctx, idHash: string): Promise<HouseholdForAid | null> {
  const [own] = await ctx.db.select().from(hardshipHouseholds).where(eq(hardshipHouseholds.idHash, idHash));
  if (own) return forAid(own);
  const [m] = await ctx.db.select({ householdId: hardshipMembers.householdId }).from(hardshipMembers).where(eq(hardshipMembers.idHash, idHash)).limit(1);
  return m ? forAid(await getHouseholdRow(ctx, m.householdId)) : null;
}
