/** Relief applications as read: one, a filtered list, and a household's aid across campaigns. */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { requestTimeline } from '../../engines/approvals/service.ts';
import { approvalRequests, type ApprovalStatus } from '../../engines/approvals/schema.ts';
import { entriesFor } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { escapeLike } from '../../engines/like.ts';
import { rowsOf } from '../../db/sql.ts';
import { getHouseholdRow, type HardshipGrade } from '../hardship/index.ts';
import { reliefError } from './errors.ts';
import { reliefApplications, type ApplicationRow, type SchoolLevel } from './schema.ts';
import { refOf } from './applying.ts';
import { getCampaign } from './campaigns.ts';

export function presentApplication(a: ApplicationRow & { status?: ApprovalStatus; stepLabel?: string; unitName?: string }) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    unitId: a.unitId,
    ...(a.unitName !== undefined ? { unitName: a.unitName } : {}),
    householdId: a.householdId,
    archived: a.archived,
    grade: a.grade,
    name: a.name,
    idMasked: a.idMasked,
    people: a.people,
    guardianName: a.guardianName,
    school: a.school,
    schoolLevel: a.schoolLevel,
    fundedElsewhere: a.fundedElsewhere,
    bankName: a.bankName,
    bankAccountMasked: a.bankAccountMasked,
    eligibility: a.eligibility,
    amountFen: a.amountFen,
    batchId: a.batchId,
    paidOn: a.paidOn,
    ...(a.status !== undefined ? { status: a.status } : {}),
  };
}

export async function getApplicationRow(ctx: Ctx, id: number): Promise<ApplicationRow> {
  const [row] = await ctx.db.select().from(reliefApplications).where(eq(reliefApplications.id, id));
  if (!row) throw reliefError('APPLICATION_NOT_FOUND');
  return row;
}

/** An application with its approval timeline and every posting made for it. */
export async function getApplication(ctx: Ctx, id: number) {
  const a = await getApplicationRow(ctx, id);
  const c = await getCampaign(ctx, a.campaignId);
  const timeline = await requestTimeline(ctx, a.approvalRequestId);
  const postings = await entriesFor(ctx, c.fundId, refOf(a));
  return { application: presentApplication({ ...a, status: timeline.request.status }), timeline, postings };
}

export interface ApplicationFilter {
  campaignId?: number | undefined;
  underUnitId?: number | undefined;
  /** Only those entered by this very unit (not its subtree). */
  unitId?: number | undefined;
  status?: ApprovalStatus | undefined;
  paid?: boolean | undefined;
  batchId?: number | undefined;
  /** A hardship grade, or 'not_filed' for applications not on file. */
  grade?: string | undefined;
  schoolLevel?: SchoolLevel | undefined;
  archived?: boolean | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
  /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
  after?: ApplicationCursor | null | undefined;
  /** Count the whole filter and its amount (a list page's totals); exports skip them. */
  withTotal?: boolean;
}

/** Where a page of applications ends, in the list's order (by campaign, then id). */
export interface ApplicationCursor {
  campaignId: number;
  id: number;
}

async function applicationWhere(ctx: Ctx, f: Omit<ApplicationFilter, 'offset' | 'limit'>): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [];
  if (f.campaignId) conds.push(eq(reliefApplications.campaignId, f.campaignId));
  if (f.underUnitId !== undefined) {
    const u = await getUnit(ctx, f.underUnitId);
    conds.push(sql`${reliefApplications.unitId} IN (SELECT id FROM org_units WHERE path >= ${u.path} AND path < ${`${u.path.slice(0, -1)}0`})`);
  }
  if (f.unitId !== undefined) conds.push(eq(reliefApplications.unitId, f.unitId));
  if (f.status) conds.push(eq(approvalRequests.status, f.status));
  if (f.paid === true) conds.push(sql`${reliefApplications.paidOn} IS NOT NULL`);
  if (f.paid === false) conds.push(isNull(reliefApplications.paidOn));
  if (f.batchId) conds.push(eq(reliefApplications.batchId, f.batchId));
  if (f.grade) conds.push(f.grade === 'not_filed' ? isNull(reliefApplications.grade) : eq(reliefApplications.grade, f.grade as HardshipGrade));
  if (f.schoolLevel) conds.push(eq(reliefApplications.schoolLevel, f.schoolLevel));
  if (f.archived !== undefined) conds.push(eq(reliefApplications.archived, f.archived));
  if (f.q) conds.push(sql`${reliefApplications.name} LIKE ${escapeLike(f.q)}`);
  return and(...conds);
}

export async function listApplications(ctx: Ctx, f: ApplicationFilter) {
  const where = await applicationWhere(ctx, f);
  const rows = await ctx.db
    .select({ a: reliefApplications, status: approvalRequests.status, unitName: orgUnits.name })
    .from(reliefApplications)
    .innerJoin(approvalRequests, eq(approvalRequests.id, reliefApplications.approvalRequestId))
    .innerJoin(orgUnits, eq(orgUnits.id, reliefApplications.unitId))
    .where(f.after ? and(where, sql`(${reliefApplications.campaignId}, ${reliefApplications.id}) > (${f.after.campaignId}, ${f.after.id})`) : where)
    .orderBy(asc(reliefApplications.campaignId), asc(reliefApplications.id))
    .offset(f.after ? 0 : f.offset)
    .limit(f.limit);
  const last = rows.at(-1);
  const next: ApplicationCursor | null = last && rows.length === f.limit ? { campaignId: last.a.campaignId, id: last.a.id } : null;
  if (f.withTotal === false) return { items: rows.map((r) => presentApplication({ ...r.a, status: r.status, unitName: r.unitName })), total: -1, amountFen: -1, next };
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql<number>`COALESCE(sum(${reliefApplications.amountFen}), 0)::bigint` })
    .from(reliefApplications)
    .innerJoin(approvalRequests, eq(approvalRequests.id, reliefApplications.approvalRequestId))
    .where(where);
  return { items: rows.map((r) => presentApplication({ ...r.a, status: r.status, unitName: r.unitName })), total: count?.n ?? 0, amountFen: Number(count?.amount ?? 0), next };
}

// ── A household's aid across campaigns ──────────────────────────────────────────────────────

/**
 * Every application made for a household on file — for the worker, the household, or a member (a
 * student) — across campaigns and years, with its approval status and payment (the pay posting,
 * to trace). Only applications within the viewer's scope appear; the view is logged.
 */
export async function householdAidHistory(ctx: Ctx, householdId: number, purpose: string) {
  const h = await getHouseholdRow(ctx, householdId);
  const rows = rowsOf<{
    id: number;
    campaign_id: number;
    campaign_name: string;
    campaign_kind: string;
    period_from: string;
    unit_name: string;
    name: string;
    school_level: string | null;
    grade: string | null;
    amount_fen: number;
    status: ApprovalStatus;
    batch_id: number | null;
    paid_on: string | null;
    pay_entry_id: number | null;
    fund_id: number;
  }>(
    await ctx.db.execute(sql`
      SELECT a.id, a.campaign_id, c.name AS campaign_name, c.kind AS campaign_kind, c.period_from::text AS period_from, u.name AS unit_name,
             a.name, a.school_level, a.grade, a.amount_fen, r.status, a.batch_id, a.paid_on::text AS paid_on, c.fund_id,
             (SELECT e.id FROM ledger_entries e WHERE e.fund_id = c.fund_id AND e.kind = 'pay' AND e.ref_type = 'relief_application' AND e.ref_id = a.campaign_id || ':' || a.id LIMIT 1) AS pay_entry_id
        FROM relief_applications a
        JOIN relief_campaigns c ON c.id = a.campaign_id
        JOIN approval_requests r ON r.id = a.approval_request_id
        JOIN org_units u ON u.id = a.unit_id
       WHERE a.household_id = ${h.id}
          OR a.subject_key = ${h.idHash}
          OR a.subject_key IN (SELECT m.id_hash FROM hardship_members m WHERE m.household_id = ${h.id} AND m.id_hash IS NOT NULL)
       ORDER BY c.period_from DESC, a.campaign_id DESC, a.id`),
  );
  await recordAudit(ctx, { action: 'view', entity: 'hardship_household.aid', entityId: h.id, unitId: h.unitId, reason: purpose });
  const items = rows.map((r) => ({
    applicationId: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    campaignKind: r.campaign_kind,
    year: Number(r.period_from.slice(0, 4)),
    unitName: r.unit_name,
    name: r.name,
    schoolLevel: r.school_level,
    grade: r.grade,
    amountFen: Number(r.amount_fen),
    status: r.status,
    batchId: r.batch_id,
    paidOn: r.paid_on,
    fundId: r.fund_id,
    payEntryId: r.pay_entry_id === null ? null : Number(r.pay_entry_id),
  }));
  return { items, paidFen: items.filter((i) => i.paidOn).reduce((t, i) => t + i.amountFen, 0), paidCount: items.filter((i) => i.paidOn).length };
}
