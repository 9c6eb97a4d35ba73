/**
 * The relief program's indicators: how far the year's campaigns (两节慰问, 金秋助学 …) have got in
 * a unit's subtree on a date — the share of the approved aid already paid out, and the households
 * (or students) paid. A campaign belongs to a year when its period falls in that year at least in
 * part; an application counts for the unit that entered it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import { registerIndicator, type IndicatorValue } from '../../engines/indicators/catalogue.ts';
import { groupedSource, num, unitsOf, yearStart, type GroupScope } from '../../engines/indicators/grouped.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';

interface ReliefCounts {
  /** Applications approved on or before the date, and their amounts (fen). */
  approved: number;
  approvedFen: number;
  /** Applications paid on or before the date, and their amounts (fen). */
  paid: number;
  paidFen: number;
  /** People in the households paid. */
  people: number;
}

const zero = (): ReliefCounts => ({ approved: 0, approvedFen: 0, paid: 0, paidFen: 0, people: 0 });

/** The applications of the year's campaigns: `a` the application, `r` its approval request. */
function yearApplications(asOf: IsoDate): SQL {
  return sql`relief_applications a
      JOIN relief_campaigns c ON c.id = a.campaign_id AND c.period_to >= ${yearStart(asOf)}::date AND c.period_from <= ${asOf}::date
      JOIN approval_requests r ON r.id = a.approval_request_id`;
}

const approvedBy = (asOf: IsoDate) => sql`(r.status = 'approved' AND (r.finished_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date)`;
const paidBy = (asOf: IsoDate) => sql`(a.paid_on <= ${asOf}::date)`;

const counts = groupedSource(zero, async (ctx: Ctx, scope: GroupScope, asOf: IsoDate) => {
  const r = await ctx.db.execute(sql`
    WITH sub AS (${unitsOf(scope)})
    SELECT sub.k,
           count(*) FILTER (WHERE ${approvedBy(asOf)}) AS approved,
           COALESCE(sum(a.amount_fen) FILTER (WHERE ${approvedBy(asOf)}), 0) AS approved_fen,
           count(*) FILTER (WHERE ${paidBy(asOf)}) AS paid,
           COALESCE(sum(a.amount_fen) FILTER (WHERE ${paidBy(asOf)}), 0) AS paid_fen,
           COALESCE(sum(a.people) FILTER (WHERE ${paidBy(asOf)}), 0) AS people
      FROM ${yearApplications(asOf)} JOIN sub ON sub.id = a.unit_id
     GROUP BY sub.k`);
  return new Map(
    rowsOf<Record<string, unknown>>(r).map((x) => [
      Number(x.k),
      { approved: num(x.approved), approvedFen: num(x.approved_fen), paid: num(x.paid), paidFen: num(x.paid_fen), people: num(x.people) },
    ]),
  );
});

const FIGURES = [
  { key: 'paid', label: '已发放' },
  { key: 'unpaid', label: '已审批未发放' },
  { key: 'approved', label: '已审批' },
] as const;

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;

async function drill(ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) {
  const [lo, hi] = subtreeRange((await getUnit(ctx, unitId)).path);
  const which = figure === 'paid' ? paidBy(asOf) : figure === 'unpaid' ? sql`${approvedBy(asOf)} AND NOT COALESCE(${paidBy(asOf)}, false)` : approvedBy(asOf);
  const from = sql`FROM ${yearApplications(asOf)} JOIN org_units u ON u.id = a.unit_id WHERE u.path >= ${lo} AND u.path < ${hi} AND ${which}`;
  const items = await ctx.db.execute(sql`
    SELECT a.id, a.campaign_id, a.name, a.id_masked AS code, a.amount_fen, c.name AS campaign,
           CASE WHEN ${paidBy(asOf)} THEN a.paid_on::text ELSE ((r.finished_at AT TIME ZONE 'Asia/Shanghai')::date)::text END AS on_date
    ${from} ORDER BY a.name, a.campaign_id, a.id OFFSET ${page.offset} LIMIT ${page.limit}`);
  const total = await ctx.db.execute(sql`SELECT count(*)::int AS n ${from}`);
  return {
    items: rowsOf<{ id: number; campaign_id: number; name: string; code: string; amount_fen: number; campaign: string; on_date: string | null }>(items).map((x) => ({
      id: Number(x.id),
      name: x.name,
      code: x.code,
      kind: 'relief_application',
      date: x.on_date,
      detail: `${x.campaign}·${yuan(num(x.amount_fen))}`,
      parentId: Number(x.campaign_id),
    })),
    total: num(rowsOf<{ n: number }>(total)[0]?.n),
  };
}

const drillSpec = {
  figures: FIGURES,
  run: (ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) => {
    if (!FIGURES.some((f) => f.key === figure)) return Promise.resolve({ items: [], total: 0 });
    return drill(ctx, unitId, asOf, figure, page);
  },
};

function share(c: ReliefCounts): IndicatorValue {
  // The parts in yuan, as they are shown beside the share.
  return { value: c.approvedFen > 0 ? Math.round((c.paidFen / c.approvedFen) * 10000) / 10000 : null, numerator: c.paidFen / 100, denominator: c.approvedFen / 100 };
}

registerIndicator({
  key: 'relief.paidShare',
  program: 'relief',
  name: '帮扶资金发放进度',
  definition:
    '统计日所在年度开展的帮扶活动（活动期间与本年度相交）中，统计日前已发放的金额 ÷ 统计日前审批通过的金额；按录入申请的单位归属；分子、分母以元计',
  unit: '%',
  direction: 'higher',
  version: 1,
  advice: '请核对已审批未发放的帮扶对象名单，尽快生成发放批次、确认银行到账，把帮扶资金及时送到困难职工手中。',
  drillPermission: 'relief.read',
  compute: async (ctx, unitId, asOf) => share(await counts.ofUnit(ctx, unitId, asOf)),
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, share(c)])),
  drill: drillSpec,
});

registerIndicator({
  key: 'relief.households',
  program: 'relief',
  name: '帮扶户数',
  definition: '统计日所在年度开展的帮扶活动（活动期间与本年度相交）中，统计日前已发放帮扶资金的户数（助学活动按学生计）',
  unit: '户',
  direction: 'higher',
  version: 1,
  advice: '请对照在档困难职工名单，组织符合条件的家庭申报帮扶，审批后及时发放。',
  drillPermission: 'relief.read',
  compute: async (ctx, unitId, asOf) => {
    const c = await counts.ofUnit(ctx, unitId, asOf);
    return { value: c.paid };
  },
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, { value: c.paid }])),
  drill: { figures: [FIGURES[0]], run: drillSpec.run },
});
