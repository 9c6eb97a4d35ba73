/**
 * Campaign reports in the style of the federation's report (2012–13: ¥12.81M raised, 26,004
 * households): by county (and the running unit's own level), households and people helped, money
 * raised, allocated, committed and paid; by grade; student aid by school level. Every figure is a
 * count of applications or a sum of ledger lines, and `drillDown` lists exactly those records.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { listLines, sumLines, type LineFilter } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { zhCollator } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { reliefError } from './errors.ts';
import type { SchoolLevel } from './schema.ts';
import { getCampaign, listApplications } from './service.ts';
import { eq } from 'drizzle-orm';

export interface SummaryRow {
  unitId: number;
  unitName: string;
  /** 'own' = the base unit's own level (本级), 'child' = a unit below it with its subtree, 'total'. */
  kind: 'own' | 'child' | 'total';
  applications: number;
  approved: number;
  households: number;
  people: number;
  raisedFen: number;
  allocatedFen: number;
  committedFen: number;
  paidFen: number;
  availableFen: number;
}

const empty = (unitId: number, unitName: string, kind: SummaryRow['kind']): SummaryRow => ({
  unitId,
  unitName,
  kind,
  applications: 0,
  approved: 0,
  households: 0,
  people: 0,
  raisedFen: 0,
  allocatedFen: 0,
  committedFen: 0,
  paidFen: 0,
  availableFen: 0,
});

/** The unit a report is drawn for: the one asked for, else the campaign's, else the user's own. */
async function baseUnit(ctx: Ctx, campaignUnitId: number, underUnitId?: number) {
  if (underUnitId !== undefined) return getUnit(ctx, underUnitId);
  const [own] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, campaignUnitId));
  return own ?? getUnit(ctx, ctx.scope.unitId);
}

export async function campaignSummary(ctx: Ctx, campaignId: number, opts: { underUnitId?: number | undefined } = {}) {
  const c = await getCampaign(ctx, campaignId);
  const base = await baseUnit(ctx, c.unitId, opts.underUnitId);
  const lo = base.path;
  const hi = `${base.path.slice(0, -1)}0`;
  const part = base.depth + 3;
  const children = await ctx.db.select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code }).from(orgUnits).where(eq(orgUnits.parentId, base.id));
  children.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || zhCollator.compare(a.name, b.name));
  const rows = new Map<string, SummaryRow>([['', empty(base.id, `${base.name}（本级）`, 'own')]]);
  for (const ch of children) rows.set(String(ch.id), empty(ch.id, ch.name, 'child'));

  const apps = rowsOf<{ child: string; applications: number; approved: number; households: number; people: number }>(
    await ctx.db.execute(sql`
      SELECT split_part(u.path, '/', ${part}) AS child, count(*)::int AS applications,
             count(*) FILTER (WHERE r.status = 'approved')::int AS approved,
             count(*) FILTER (WHERE a.paid_on IS NOT NULL)::int AS households,
             COALESCE(sum(a.people) FILTER (WHERE a.paid_on IS NOT NULL), 0)::int AS people
        FROM relief_applications a
        JOIN approval_requests r ON r.id = a.approval_request_id
        JOIN org_units u ON u.id = a.unit_id
       WHERE a.campaign_id = ${c.id} AND u.path >= ${lo} AND u.path < ${hi}
       GROUP BY 1`),
  );
  const money = rowsOf<{ child: string; raised: number; allocated: number; committed: number; paid: number; available: number }>(
    await ctx.db.execute(sql`
      SELECT split_part(u.path, '/', ${part}) AS child,
             COALESCE(-sum(l.amount) FILTER (WHERE a.kind = 'source'), 0)::bigint AS raised,
             COALESCE(sum(l.amount) FILTER (WHERE a.kind = 'pool' AND e.kind = 'allocate' AND l.amount > 0), 0)::bigint AS allocated,
             COALESCE(sum(l.amount) FILTER (WHERE a.kind = 'payable'), 0)::bigint AS committed,
             COALESCE(sum(l.amount) FILTER (WHERE a.kind = 'paid'), 0)::bigint AS paid,
             COALESCE(sum(l.amount) FILTER (WHERE a.kind = 'pool'), 0)::bigint AS available
        FROM ledger_lines l
        JOIN ledger_accounts a ON a.id = l.account_id
        JOIN ledger_entries e ON e.fund_id = l.fund_id AND e.id = l.entry_id
        JOIN org_units u ON u.id = a.unit_id
       WHERE l.fund_id = ${c.fundId} AND u.path >= ${lo} AND u.path < ${hi}
       GROUP BY 1`),
  );
  for (const a of apps) {
    const r = rows.get(a.child);
    if (r) Object.assign(r, { applications: a.applications, approved: a.approved, households: a.households, people: a.people });
  }
  for (const m of money) {
    const r = rows.get(m.child);
    if (r) Object.assign(r, { raisedFen: Number(m.raised), allocatedFen: Number(m.allocated), committedFen: Number(m.committed), paidFen: Number(m.paid), availableFen: Number(m.available) });
  }
  const list = [...rows.values()];
  const total = empty(base.id, '合计', 'total');
  for (const r of list) {
    for (const k of ['applications', 'approved', 'households', 'people', 'raisedFen', 'committedFen', 'paidFen', 'availableFen'] as const) total[k] += r[k];
    // Money allocated to the units below (what the base passed down), not counted twice.
    if (r.kind === 'child') total.allocatedFen += r.allocatedFen;
  }

  const grades = rowsOf<{ grade: string; households: number; people: number; paid: number }>(
    await ctx.db.execute(sql`
      SELECT COALESCE(a.grade, 'not_filed') AS grade, count(*)::int AS households, COALESCE(sum(a.people), 0)::int AS people, COALESCE(sum(a.amount_fen), 0)::bigint AS paid
        FROM relief_applications a JOIN org_units u ON u.id = a.unit_id
       WHERE a.campaign_id = ${c.id} AND a.paid_on IS NOT NULL AND u.path >= ${lo} AND u.path < ${hi}
       GROUP BY 1 ORDER BY 1`),
  ).map((g) => ({ ...g, paid: Number(g.paid) }));
  return {
    campaign: { id: c.id, name: c.name, kind: c.kind, subject: c.subject, periodFrom: c.periodFrom, periodTo: c.periodTo },
    unit: { id: base.id, name: base.name },
    rows: list,
    total,
    byGrade: grades,
  };
}

/** Student aid by school level and archive status: students approved and paid, and the amounts. */
export async function studentAidByLevel(ctx: Ctx, campaignId: number, opts: { underUnitId?: number | undefined } = {}) {
  const c = await getCampaign(ctx, campaignId);
  const base = await baseUnit(ctx, c.unitId, opts.underUnitId);
  const rows = rowsOf<{ school_level: string; archived: boolean; approved: number; paid: number; approved_fen: number; paid_fen: number }>(
    await ctx.db.execute(sql`
      SELECT a.school_level, a.archived,
             count(*) FILTER (WHERE r.status = 'approved')::int AS approved,
             count(*) FILTER (WHERE a.paid_on IS NOT NULL)::int AS paid,
             COALESCE(sum(a.amount_fen) FILTER (WHERE r.status = 'approved'), 0)::bigint AS approved_fen,
             COALESCE(sum(a.amount_fen) FILTER (WHERE a.paid_on IS NOT NULL), 0)::bigint AS paid_fen
        FROM relief_applications a
        JOIN approval_requests r ON r.id = a.approval_request_id
        JOIN org_units u ON u.id = a.unit_id
       WHERE a.campaign_id = ${c.id} AND a.school_level IS NOT NULL AND u.path >= ${base.path} AND u.path < ${`${base.path.slice(0, -1)}0`}
       GROUP BY 1, 2 ORDER BY 1, 2 DESC`),
  );
  const items = rows.map((r) => ({ schoolLevel: r.school_level, archived: r.archived, approved: r.approved, paid: r.paid, approvedFen: Number(r.approved_fen), paidFen: Number(r.paid_fen) }));
  const total = items.reduce((t, r) => ({ approved: t.approved + r.approved, paid: t.paid + r.paid, approvedFen: t.approvedFen + r.approvedFen, paidFen: t.paidFen + r.paidFen }), {
    approved: 0,
    paid: 0,
    approvedFen: 0,
    paidFen: 0,
  });
  return { campaign: { id: c.id, name: c.name }, unit: { id: base.id, name: base.name }, items, total };
}

export const FIGURES = ['applications', 'approved', 'households', 'raised', 'allocated', 'committed', 'paid', 'available'] as const;
export type Figure = (typeof FIGURES)[number];

export interface DrillQuery {
  figure: Figure;
  unitId?: number | undefined;
  own?: boolean | undefined;
  /** A row of the by-grade table (a grade, or 'not_filed'). */
  grade?: string | undefined;
  /** A row of the student-aid table: school level and archive status. */
  schoolLevel?: SchoolLevel | undefined;
  archived?: boolean | undefined;
  offset: number;
  limit: number;
}

/**
 * The records behind one figure of one row: applications for the counts (and for the by-grade and
 * student-aid tables, whose amounts are the applications' standard amounts), ledger lines for the
 * money (their sum is the figure; raised money shows as the sources' credit lines, negative; the
 * balance 结余 is every line of the pools).
 */
export async function drillDown(ctx: Ctx, campaignId: number, q: DrillQuery) {
  const c = await getCampaign(ctx, campaignId);
  const unit = await baseUnit(ctx, c.unitId, q.unitId);
  const where = q.own ? { unitId: unit.id } : { underUnitId: unit.id };
  if (q.figure === 'applications' || q.figure === 'approved' || q.figure === 'households') {
    const r = await listApplications(ctx, {
      campaignId: c.id,
      ...where,
      ...(q.figure === 'approved' ? { status: 'approved' as const } : {}),
      ...(q.figure === 'households' ? { paid: true } : {}),
      grade: q.grade,
      schoolLevel: q.schoolLevel,
      archived: q.archived,
      offset: q.offset,
      limit: q.limit,
    });
    return { kind: 'applications' as const, applications: r.items, total: r.total, amountFen: r.amountFen, lines: [] };
  }
  const filters: Record<'raised' | 'allocated' | 'committed' | 'paid' | 'available', Omit<LineFilter, 'fundId'>> = {
    raised: { accountKind: 'source' },
    allocated: { accountKind: 'pool', entryKinds: ['allocate'], side: 'in' },
    committed: { accountKind: 'payable' },
    paid: { accountKind: 'paid' },
    available: { accountKind: 'pool' },
  };
  const f = filters[q.figure];
  if (!f) throw reliefError('FIGURE_UNKNOWN');
  const r = await listLines(ctx, { fundId: c.fundId, ...f, ...(q.own ? { unitId: unit.id } : { underPath: unit.path }), offset: q.offset, limit: q.limit });
  const sum = await sumLines(ctx, { fundId: c.fundId, ...f, ...(q.own ? { unitId: unit.id } : { underPath: unit.path }) });
  return { kind: 'lines' as const, applications: [], total: r.total, amountFen: sum.amount, lines: r.items };
}
