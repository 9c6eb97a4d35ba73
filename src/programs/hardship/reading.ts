import { and, asc, desc, eq, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { birthYearOf, parseIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash, unseal } from '../../engines/people/sealing.ts';
import { escapeLike } from '../../engines/like.ts';
import { countCapped } from '../../engines/paging.ts';
import type { IsoDate } from '../../engines/time.ts';
import { hardshipError } from './errors.ts';
import type { GradeBasis } from './grading.ts';
import { hardshipAttachments, hardshipEvents, hardshipFinances, hardshipHouseholds, hardshipMembers, type HardshipGrade, type HouseholdRow, type HouseholdStatus } from './schema.ts';

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
    // The year only: the date is the masked ID number's hidden middle (the full number: revealSensitive).
    birthYear: birthYearOf(h.birthDate),
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
  return {
    household: presentHousehold(h),
    members: members.map(({ birthDate, ...m }) => ({ ...m, birthYear: birthDate === null ? null : birthYearOf(birthDate) })),
    history,
    attachments,
  };
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

export async function householdWhere(ctx: Ctx, f: Omit<HouseholdFilter, 'offset' | 'limit'>): Promise<SQL | undefined> {
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
  const order = f.reviewDueBy ? [asc(hardshipHouseholds.nextReviewDue), asc(hardshipHouseholds.id)] : [desc(hardshipHouseholds.id)];
  const rows = await ctx.db
    .select({ h: hardshipHouseholds, unitName })
    .from(hardshipHouseholds)
    .where(page)
    .orderBy(...order)
    .offset(a ? 0 : f.offset)
    .limit(f.limit);
  const last = rows.at(-1);
  const next: HouseholdCursor | null = last && rows.length === f.limit ? { id: last.h.id, nextReviewDue: last.h.nextReviewDue } : null;
  const items = rows.map((r) => presentHousehold({ ...r.h, unitName: r.unitName }));
  if (f.withTotal === false) return { items, total: -1, totalCapped: false, next };
  return {
    items,
    ...(await countCapped(ctx.db, ctx.db.select({ one: sql`1` }).from(hardshipHouseholds).where(where).getSQL())),
    next,
  };
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
