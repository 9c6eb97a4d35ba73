/**
 * The relief program's indicators: how far the aid of the year (两节慰问, 金秋助学 …) has got in a
 * unit's subtree on a date — of the applications approved since 1 January, the share of the
 * amount already paid out — and the households (or students) paid since 1 January. An application
 * counts for the unit that entered it.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import type { IndicatorDefinition, IndicatorValue } from '../../engines/indicators/catalogue.ts';
import { addFields, groupedSource, num, rowsAsOne, yearStart } from '../../engines/indicators/grouped.ts';
import { yuanGroupedFixed } from '../../engines/money.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';

type ReliefCounts = {
  /** Applications approved in the year to the date, and their amounts (fen). */
  approved: number;
  approvedFen: number;
  /** Of those, the ones paid by the date, and their amounts (fen). */
  approvedPaid: number;
  approvedPaidFen: number;
  /** Applications paid in the year to the date (households or students helped), and their people. */
  paid: number;
  people: number;
};

const zero = (): ReliefCounts => ({ approved: 0, approvedFen: 0, approvedPaid: 0, approvedPaidFen: 0, paid: 0, people: 0 });

/**
 * The applications approved or paid in the year of `asOf` up to it: `a` the application, `r` its
 * approval request. Two tables only — each read is checked against the scope.
 */
const APPLICATIONS = sql`relief_applications a JOIN approval_requests r ON r.id = a.approval_request_id`;

/** Approved from 1 January of the year to the date. */
const approvedBy = (asOf: IsoDate) => sql`(r.status = 'approved' AND (r.finished_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${yearStart(asOf)}::date AND ${asOf}::date)`;
/** Paid from 1 January of the year to the date. */
const paidBy = (asOf: IsoDate) => sql`(a.paid_on BETWEEN ${yearStart(asOf)}::date AND ${asOf}::date)`;

/**
 * The ids of the applications approved or paid in the year to the date, each side read from its
 * own date index (an OR across the join would read every application ever made).
 */
const yearsApplications = (asOf: IsoDate) => sql`
  SELECT id FROM relief_applications WHERE paid_on BETWEEN ${yearStart(asOf)}::date AND ${asOf}::date
  UNION
  SELECT a.id FROM approval_requests r JOIN relief_applications a ON a.approval_request_id = r.id
   WHERE r.status = 'approved'
     AND r.finished_at >= (${yearStart(asOf)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
     AND r.finished_at < ((${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

const counts = groupedSource(zero, addFields, async (ctx: Ctx, asOf: IsoDate) => {
  const rows = await rowsAsOne<Record<string, unknown>>(
    ctx,
    sql`
    SELECT a.unit_id AS k,
           count(*) FILTER (WHERE ${approvedBy(asOf)}) AS approved,
           COALESCE(sum(a.amount_fen) FILTER (WHERE ${approvedBy(asOf)}), 0) AS approved_fen,
           count(*) FILTER (WHERE ${approvedBy(asOf)} AND a.paid_on <= ${asOf}::date) AS approved_paid,
           COALESCE(sum(a.amount_fen) FILTER (WHERE ${approvedBy(asOf)} AND a.paid_on <= ${asOf}::date), 0) AS approved_paid_fen,
           count(*) FILTER (WHERE ${paidBy(asOf)}) AS paid,
           COALESCE(sum(a.people) FILTER (WHERE ${paidBy(asOf)}), 0) AS people
      FROM ${APPLICATIONS}
     WHERE a.id IN (${yearsApplications(asOf)})
     GROUP BY 1`,
  );
  return new Map(
    rows.map((x) => [
      Number(x.k),
      { approved: num(x.approved), approvedFen: num(x.approved_fen), approvedPaid: num(x.approved_paid), approvedPaidFen: num(x.approved_paid_fen), paid: num(x.paid), people: num(x.people) },
    ]),
  );
});

const FIGURES = [
  { key: 'paid', label: '本年已发放' },
  { key: 'unpaid', label: '本年审批、尚未发放' },
  { key: 'approved', label: '本年审批通过' },
] as const;

const yuan = (fen: number) => `${yuanGroupedFixed(fen)}元`;

async function drill(ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) {
  const [lo, hi] = subtreeRange((await getUnit(ctx, unitId)).path);
  const which = figure === 'paid' ? paidBy(asOf) : figure === 'unpaid' ? sql`${approvedBy(asOf)} AND NOT COALESCE(a.paid_on <= ${asOf}::date, false)` : approvedBy(asOf);
  const from = sql`FROM ${APPLICATIONS} JOIN org_units u ON u.id = a.unit_id WHERE u.path >= ${lo} AND u.path < ${hi} AND ${which}`;
  const items = await ctx.db.execute(sql`
    SELECT a.id, a.campaign_id, a.name, a.id_masked AS code, a.amount_fen, (SELECT c.name FROM relief_campaigns c WHERE c.id = a.campaign_id) AS campaign,
           CASE WHEN a.paid_on <= ${asOf}::date THEN a.paid_on::text ELSE ((r.finished_at AT TIME ZONE 'Asia/Shanghai')::date)::text END AS on_date
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
  return { value: c.approvedFen > 0 ? Math.round((c.approvedPaidFen / c.approvedFen) * 10000) / 10000 : null, numerator: c.approvedPaidFen / 100, denominator: c.approvedFen / 100 };
}

const paidShareIndicator: IndicatorDefinition = {
  key: 'relief.paidShare',
  program: 'relief',
  name: '帮扶资金发放进度',
  definition: '统计日所在年度1月1日至统计日审批通过的帮扶申请（两节慰问、金秋助学等各项活动）中，统计日前已发放的金额 ÷ 审批通过的金额；按录入申请的单位归属；分子、分母以元计',
  unit: '%',
  direction: 'higher',
  version: 1,
  advice: '请核对已审批未发放的帮扶对象名单，尽快生成发放批次、确认银行到账，把帮扶资金及时送到困难职工手中。',
  drillPermission: 'relief.read',
  compute: async (ctx, unitId, asOf) => share(await counts.ofUnit(ctx, unitId, asOf)),
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, share(c)])),
  drill: drillSpec,
};

const householdsIndicator: IndicatorDefinition = {
  key: 'relief.households',
  program: 'relief',
  name: '帮扶户数',
  definition: '统计日所在年度1月1日至统计日，已发放帮扶资金的申请数，即帮扶的户数（助学活动按学生计）',
  unit: '户',
  direction: 'higher',
  yearToDate: true,
  version: 1,
  advice: '请对照在档困难职工名单，组织符合条件的家庭申报帮扶，审批后及时发放。',
  drillPermission: 'relief.read',
  compute: async (ctx, unitId, asOf) => {
    const c = await counts.ofUnit(ctx, unitId, asOf);
    return { value: c.paid };
  },
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, { value: c.paid }])),
  drill: { figures: [FIGURES[0]], run: drillSpec.run },
};

/** The program's figures, in the order the dashboards show them; its face lists them. */
export const reliefIndicators: readonly IndicatorDefinition[] = [paidShareIndicator, householdsIndicator];
