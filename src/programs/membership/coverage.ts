/**
 * Coverage figures (domain.md §4) for any unit of the tree and as of any date, each with its
 * numerator, denominator and definition, and the records behind every figure (drill-down).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';

export interface CoverageCounts {
  /** Active enterprises that should have a union (default rule: all active enterprises in scope). */
  enterprises: number;
  /** Of those, covered by a union (own or joint). */
  coveredEnterprises: number;
  /** Employees of the covered enterprises (latest count on or before the date). */
  employeesInCovered: number;
  /** Members whose employer is a covered enterprise. */
  membersInCovered: number;
  members: number;
  migrantMembers: number;
  unions: number;
  /** Unions to which the 双亮 requirement applies. */
  shuangliangRequiredUnions: number;
  /** Of those, unions with both the signboard and the chair's identity shown (双亮). */
  shuangliangUnions: number;
}

export const FIGURES = [
  'enterprises',
  'coveredEnterprises',
  'uncoveredEnterprises',
  'members',
  'membersInCovered',
  'migrantMembers',
  'unions',
  'shuangliangRequiredUnions',
  'shuangliangUnions',
  'notShuangliangUnions',
] as const;
export type Figure = (typeof FIGURES)[number];

export const RATE_DEFINITIONS = {
  formationRate: { label: '组建率', numerator: 'coveredEnterprises', denominator: 'enterprises', definition: '已建会企业数（单独建会或纳入联合基层工会）÷ 应建会企业数（默认：范围内全部在营企业）' },
  membershipRate: {
    label: '入会率',
    numerator: 'membersInCovered',
    denominator: 'employeesInCovered',
    definition: '已建会企业中的会员人数 ÷ 已建会企业的职工人数（取统计日当日或之前最近一次填报的职工人数）',
  },
  shuangliangRate: {
    label: '双亮率',
    numerator: 'shuangliangUnions',
    denominator: 'shuangliangRequiredUnions',
    definition: '工会牌子和工会主席身份均已亮明的基层工会数 ÷ 应当“双亮”的基层工会数（默认全部基层工会；县级总工会可对与牵头单位共用牌子的联合基层工会予以免除）',
  },
} as const;

function scopeCtes(lo: string, hi: string, d: IsoDate, key: SQL = sql`0`) {
  return sql`
    sub AS (SELECT id, ${key} AS k FROM org_units WHERE path >= ${lo} AND path < ${hi}),
    ent AS (SELECT e.id, sub.k FROM enterprises e JOIN sub ON sub.id = e.unit_id
              WHERE e.registered_on <= ${d}::date AND (e.closed_on IS NULL OR e.closed_on > ${d}::date)),
    cov AS (SELECT DISTINCT ent.id, ent.k FROM union_coverages c JOIN ent ON ent.id = c.enterprise_id
              WHERE c.valid_from <= ${d}::date AND (c.valid_to IS NULL OR c.valid_to > ${d}::date)),
    mem AS (SELECT m.person_id, m.enterprise_id, m.union_unit_id, sub.k FROM memberships m JOIN sub ON sub.id = m.union_unit_id
              WHERE m.joined_on <= ${d}::date AND (m.left_on IS NULL OR m.left_on > ${d}::date)),
    uni AS (SELECT u.id, sub.k, p.signboard_shown_on, p.chair_shown_on, p.shuangliang_required FROM org_units u JOIN sub ON sub.id = u.id
              JOIN union_profiles p ON p.unit_id = u.id
              WHERE u.opened_on <= ${d}::date AND (u.closed_on IS NULL OR u.closed_on > ${d}::date))`;
}

/** '/1/4/57/' split on '/' is ['', '1', '4', '57', '']: the unit below a root at depth d is part d + 3. */
function groupKey(root: { depth: number }, byChild: boolean): SQL {
  return byChild ? sql`NULLIF(split_part(path, '/', ${root.depth + 3}), '')::int` : sql`0`;
}

/**
 * Dates whose counts are kept as tallies (migration 0009): today, and the month ends before it
 * (the trend). Other dates are counted from the records each time.
 */
export function isTalliedDate(asOf: IsoDate, today: IsoDate = todayInShanghai()): boolean {
  if (asOf === today) return true;
  if (asOf > today) return false;
  const next = new Date(`${asOf}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/**
 * Every count for a subtree on a date, grouped by `key` (one group for the whole subtree, or one
 * per unit directly below). On a tallied date it is a sum over the units' tallies, after the
 * buckets a write has made stale are recounted; otherwise one pass over the records.
 */
async function groupedCounts(ctx: Ctx, root: { id: number; path: string; depth: number }, asOf: IsoDate, byChild: boolean): Promise<Map<number, CoverageCounts>> {
  return isTalliedDate(asOf) ? talliedCounts(ctx, root, asOf, byChild) : countedFromRecords(ctx, root, asOf, byChild);
}

/** On a tallied date: the subtree totals of the root, or of each unit directly below it — one row each. */
async function talliedCounts(ctx: Ctx, root: { id: number; path: string; depth: number }, asOf: IsoDate, byChild: boolean): Promise<Map<number, CoverageCounts>> {
  await ctx.db.execute(sql`SELECT gonghui_tally_ensure(${asOf}::date)`);
  // The children's ids are read once (an InitPlan) and looked up by key: as a join, a freshly
  // written day's tallies (no statistics yet) drew a nested loop re-reading the scope per row.
  const which = byChild ? sql`unit_id = ANY (ARRAY(SELECT id FROM org_units WHERE parent_id = ${root.id}))` : sql`unit_id = ${root.id}`;
  const r = await ctx.db.execute(sql`
    SELECT ${byChild ? sql`unit_id` : sql`0`} AS k, enterprises, covered_enterprises, employees_in_covered, members_in_covered, members, migrant_members,
           unions, shuangliang_required_unions, shuangliang_unions
      FROM coverage_subtree_tallies WHERE as_of = ${asOf}::date AND ${which}`);
  return countsByKey(r);
}

/** The roll-up straight from the records: each table is read once, whatever the number of groups. */
export async function countedFromRecords(ctx: Ctx, root: { path: string; depth: number }, asOf: IsoDate, byChild: boolean): Promise<Map<number, CoverageCounts>> {
  const [lo, hi] = subtreeRange(root.path);
  const key = groupKey(root, byChild);
  const d = sql`${asOf}::date`;
  const r = await ctx.db.execute(sql`
    WITH ${scopeCtes(lo, hi, asOf, key)},
    e AS (SELECT k, count(*) AS n FROM ent GROUP BY k),
    c AS (SELECT k, count(*) AS n FROM cov GROUP BY k),
    h AS (SELECT cov.k, sum(hc.employees) AS n FROM cov CROSS JOIN LATERAL (
            SELECT employees FROM enterprise_headcounts WHERE enterprise_id = cov.id AND as_of <= ${d} ORDER BY as_of DESC LIMIT 1) hc GROUP BY cov.k),
    -- A member counts for a group only when the group holds both the union and the employer.
    mc AS (SELECT mem.k, count(*) AS n FROM mem JOIN cov ON cov.id = mem.enterprise_id AND cov.k = mem.k GROUP BY mem.k),
    m AS (SELECT k, count(*) AS n FROM mem GROUP BY k),
    mg AS (SELECT mem.k, count(*) AS n FROM mem JOIN persons p ON p.id = mem.person_id WHERE p.migrant_worker GROUP BY mem.k),
    u AS (SELECT k, count(*) AS n, count(*) FILTER (WHERE shuangliang_required) AS req,
                 count(*) FILTER (WHERE shuangliang_required AND signboard_shown_on <= ${d} AND chair_shown_on <= ${d}) AS sl FROM uni GROUP BY k),
    keys AS (SELECT DISTINCT k FROM sub WHERE k IS NOT NULL)
    SELECT keys.k, COALESCE(e.n, 0)::int AS enterprises, COALESCE(c.n, 0)::int AS covered_enterprises, COALESCE(h.n, 0)::bigint AS employees_in_covered,
           COALESCE(mc.n, 0)::int AS members_in_covered, COALESCE(m.n, 0)::int AS members, COALESCE(mg.n, 0)::int AS migrant_members,
           COALESCE(u.n, 0)::int AS unions, COALESCE(u.req, 0)::int AS shuangliang_required_unions, COALESCE(u.sl, 0)::int AS shuangliang_unions
      FROM keys LEFT JOIN e USING (k) LEFT JOIN c USING (k) LEFT JOIN h USING (k) LEFT JOIN mc USING (k)
           LEFT JOIN m USING (k) LEFT JOIN mg USING (k) LEFT JOIN u USING (k)`);
  return countsByKey(r);
}

function countsByKey(r: unknown): Map<number, CoverageCounts> {
  const out = new Map<number, CoverageCounts>();
  for (const row of (r as unknown as { rows: Record<string, number>[] }).rows) {
    out.set(Number(row.k), {
      enterprises: Number(row.enterprises),
      coveredEnterprises: Number(row.covered_enterprises),
      employeesInCovered: Number(row.employees_in_covered),
      membersInCovered: Number(row.members_in_covered),
      members: Number(row.members),
      migrantMembers: Number(row.migrant_members),
      unions: Number(row.unions),
      shuangliangRequiredUnions: Number(row.shuangliang_required_unions),
      shuangliangUnions: Number(row.shuangliang_unions),
    });
  }
  return out;
}

const ZERO: CoverageCounts = {
  enterprises: 0,
  coveredEnterprises: 0,
  employeesInCovered: 0,
  membersInCovered: 0,
  members: 0,
  migrantMembers: 0,
  unions: 0,
  shuangliangRequiredUnions: 0,
  shuangliangUnions: 0,
};

/** The counts for one unit's subtree on one date, straight from the records. */
export async function coverageCounts(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<CoverageCounts> {
  const unit = await getUnit(ctx, unitId);
  return (await groupedCounts(ctx, unit, asOf, false)).get(0) ?? { ...ZERO };
}

export interface Rate {
  key: keyof typeof RATE_DEFINITIONS;
  label: string;
  numerator: number;
  denominator: number;
  /** null when the denominator is 0. */
  value: number | null;
  definition: string;
  numeratorFigure: string;
  denominatorFigure: string;
}

export function ratesOf(c: CoverageCounts): Rate[] {
  return (Object.keys(RATE_DEFINITIONS) as (keyof typeof RATE_DEFINITIONS)[]).map((key) => {
    const def = RATE_DEFINITIONS[key];
    const numerator = c[def.numerator];
    const denominator = c[def.denominator];
    return {
      key,
      label: def.label,
      numerator,
      denominator,
      value: denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null,
      definition: def.definition,
      numeratorFigure: def.numerator,
      denominatorFigure: def.denominator,
    };
  });
}

/** The records behind a figure: ids and names, paged. */
export async function drillDown(ctx: Ctx, unitId: number, asOf: IsoDate, figure: Figure, page: { offset: number; limit: number }) {
  const [lo, hi] = subtreeRange((await getUnit(ctx, unitId)).path);
  const ctes = scopeCtes(lo, hi, asOf);
  const d = sql`${asOf}::date`;
  const bodies: Record<Figure, ReturnType<typeof sql>> = {
    enterprises: sql`SELECT e.id, e.name, e.credit_code AS code, 'enterprise' AS kind FROM enterprises e JOIN ent ON ent.id = e.id`,
    coveredEnterprises: sql`SELECT e.id, e.name, e.credit_code AS code, 'enterprise' AS kind FROM enterprises e JOIN cov ON cov.id = e.id`,
    uncoveredEnterprises: sql`SELECT e.id, e.name, e.credit_code AS code, 'enterprise' AS kind FROM enterprises e JOIN ent ON ent.id = e.id WHERE e.id NOT IN (SELECT id FROM cov)`,
    members: sql`SELECT p.id, p.name, p.id_masked AS code, 'person' AS kind FROM persons p JOIN mem ON mem.person_id = p.id`,
    membersInCovered: sql`SELECT p.id, p.name, p.id_masked AS code, 'person' AS kind FROM persons p JOIN mem ON mem.person_id = p.id JOIN cov ON cov.id = mem.enterprise_id`,
    migrantMembers: sql`SELECT p.id, p.name, p.id_masked AS code, 'person' AS kind FROM persons p JOIN mem ON mem.person_id = p.id WHERE p.migrant_worker`,
    unions: sql`SELECT u.id, u.name, u.code, 'union' AS kind FROM org_units u JOIN uni ON uni.id = u.id`,
    shuangliangRequiredUnions: sql`SELECT u.id, u.name, u.code, 'union' AS kind FROM org_units u JOIN uni ON uni.id = u.id WHERE uni.shuangliang_required`,
    shuangliangUnions: sql`SELECT u.id, u.name, u.code, 'union' AS kind FROM org_units u JOIN uni ON uni.id = u.id WHERE uni.shuangliang_required AND uni.signboard_shown_on <= ${d} AND uni.chair_shown_on <= ${d}`,
    notShuangliangUnions: sql`SELECT u.id, u.name, u.code, 'union' AS kind FROM org_units u JOIN uni ON uni.id = u.id WHERE uni.shuangliang_required AND NOT (COALESCE(uni.signboard_shown_on <= ${d}, false) AND COALESCE(uni.chair_shown_on <= ${d}, false))`,
  };
  const body = bodies[figure];
  const items = await ctx.db.execute(sql`WITH ${ctes} SELECT * FROM (${body}) x ORDER BY x.name, x.id OFFSET ${page.offset} LIMIT ${page.limit}`);
  const total = await ctx.db.execute(sql`WITH ${ctes} SELECT count(*)::int AS n FROM (${body}) x`);
  return {
    items: (items as unknown as { rows: { id: number; name: string; code: string | null; kind: string }[] }).rows.map((r) => ({ ...r, id: Number(r.id) })),
    total: Number((total as unknown as { rows: { n: number }[] }).rows[0]!.n),
  };
}

/** The units directly below, each with its figures, for ranking (one pass over the records). */
export async function childrenCoverage(ctx: Ctx, unitId: number, asOf: IsoDate) {
  const unit = await getUnit(ctx, unitId);
  const children = (await ctx.db.execute(sql`SELECT id, name FROM org_units WHERE parent_id = ${unitId} AND kind IN ('county', 'township') ORDER BY path`)) as unknown as {
    rows: { id: number; name: string }[];
  };
  const byChild = await groupedCounts(ctx, unit, asOf, true);
  return children.rows.map((c) => {
    const counts = byChild.get(Number(c.id)) ?? { ...ZERO };
    return { unitId: Number(c.id), name: c.name, counts, rates: ratesOf(counts) };
  });
}

/** Months on the statistics page's trend. */
export const TREND_MONTHS = 12;

/** The trend's dates: the month ends of the `months - 1` months before `asOf`, then `asOf` itself. */
export function trendDates(asOf: IsoDate, months: number): IsoDate[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const dates: IsoDate[] = [];
  for (let i = months - 1; i >= 1; i--) dates.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10)); // last day of the month i months back
  dates.push(asOf);
  return dates;
}

/** Month-end figures for the last `months` months up to `asOf` (the last point is `asOf` itself). */
export async function monthlyTrend(ctx: Ctx, unitId: number, asOf: IsoDate, months: number) {
  const points: { date: IsoDate; counts: CoverageCounts; rates: Rate[] }[] = [];
  for (const date of trendDates(asOf, months)) {
    const counts = await coverageCounts(ctx, unitId, date);
    points.push({ date, counts, rates: ratesOf(counts) });
  }
  return points;
}
