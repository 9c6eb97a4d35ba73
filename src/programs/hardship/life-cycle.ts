/**
 * 困难职工档案: a file's life cycle — visit (入户核查) → public notice (公示) → filed; yearly review and its
 * reminders; edits; exit (脱困 and the other reasons) and re-entry (返困). Each step an event and an audit entry.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isMobilePhone } from '../../engines/people/identifiers.ts';
import { addDays, addMonths, todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { clearNudge, raiseNudges } from '../../engines/notify/service.ts';
import { hardshipError } from './errors.ts';
import { hardshipFinances, hardshipHouseholds, hardshipMembers, type ExitReason, type HouseholdRow, type HouseholdStatus } from './schema.ts';
import * as clock from '../../engines/clock.ts';
import { getHouseholdRow, householdWhere, presentHousehold } from './reading.ts';
import { checkCauses, event, type FinanceInput, financeRows, type MemberInput, memberRows, notInFuture, previewGrade, sealBank } from './registering.ts';
import { standardFor } from './standards.ts';

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
