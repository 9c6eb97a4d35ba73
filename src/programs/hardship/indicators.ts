/**
 * The hardship program's indicator: households on file (在档困难职工户数) for any unit's subtree on
 * any date, with the deep / relative / accident grades as figures behind it. A household is on
 * file on a date when the last of its filing, exit and re-entry events on or before that date is
 * the filing; today that is simply its status.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import type { IndicatorDefinition } from '../../engines/indicators/catalogue.ts';
import { groupedSource, num, rowsAsOne } from '../../engines/indicators/grouped.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';

const GRADE_LABELS: Record<string, string> = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };

/** Whether household `h` is on file at the end of `asOf`. */
function onFile(asOf: IsoDate): SQL {
  if (asOf >= todayInShanghai()) return sql`h.status = 'filed'`;
  return sql`(SELECT e.action FROM hardship_events e
                WHERE e.household_id = h.id AND e.action IN ('filed', 'exited', 'reentered') AND e.on_date <= ${asOf}::date
                ORDER BY e.on_date DESC, e.id DESC LIMIT 1) = 'filed'`;
}

// Households on file per unit; the grades are counted only in the drill-down, so this count can be
// answered from the (unit, status) index.
const counts = groupedSource(
  () => 0,
  (a, b) => a + b,
  async (ctx: Ctx, asOf: IsoDate) => {
    const rows = await rowsAsOne<{ k: number; n: number }>(ctx, sql`SELECT h.unit_id AS k, count(*) AS n FROM hardship_households h WHERE ${onFile(asOf)} GROUP BY 1`);
    return new Map(rows.map((x) => [Number(x.k), num(x.n)]));
  },
);

const FIGURES = [
  { key: 'households', label: '在档困难职工' },
  { key: 'deep', label: '深度困难' },
  { key: 'relative', label: '相对困难' },
  { key: 'accident', label: '意外致困' },
] as const;

async function drill(ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) {
  const [lo, hi] = subtreeRange((await getUnit(ctx, unitId)).path);
  const grade = figure === 'households' ? sql`` : sql`AND h.grade = ${figure}`;
  const from = sql`
      FROM hardship_households h JOIN org_units u ON u.id = h.unit_id
     WHERE u.path >= ${lo} AND u.path < ${hi} AND ${onFile(asOf)} ${grade}`;
  const items = await ctx.db.execute(sql`
    SELECT h.id, h.worker_name AS name, h.id_masked AS code, h.grade,
           (SELECT max(e.on_date) FROM hardship_events e WHERE e.household_id = h.id AND e.action = 'filed' AND e.on_date <= ${asOf}::date)::text AS filed
    ${from} ORDER BY h.worker_name, h.id OFFSET ${page.offset} LIMIT ${page.limit}`);
  const total = await ctx.db.execute(sql`SELECT count(*)::int AS n ${from}`);
  return {
    items: rowsOf<{ id: number; name: string; code: string; grade: string | null; filed: string | null }>(items).map((x) => ({
      id: Number(x.id),
      name: x.name,
      code: x.code,
      kind: 'household',
      date: x.filed,
      detail: x.grade ? (GRADE_LABELS[x.grade] ?? x.grade) : null,
    })),
    total: num(rowsOf<{ n: number }>(total)[0]?.n),
  };
}

const householdsIndicator: IndicatorDefinition = {
  key: 'hardship.households',
  program: 'hardship',
  name: '在档困难职工户数',
  definition: '统计日在档的困难职工户数：已建档（公示期满建档）且统计日前未退出的户数，按建档、退出、返困的登记日期判断；深度困难、相对困难、意外致困三类按档案现行的困难类别分列',
  unit: '户',
  direction: 'higher',
  version: 1,
  advice: '请对照困难职工帮扶工作要求，入户摸排辖区内的困难职工家庭，做到应建尽建、按期复核，并及时录入系统。',
  drillPermission: 'hardship.read',
  compute: async (ctx, unitId, asOf) => ({ value: await counts.ofUnit(ctx, unitId, asOf) }),
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, n]) => [id, { value: n }])),
  drill: {
    figures: FIGURES,
    run: (ctx, unitId, asOf, figure, page) => {
      if (!FIGURES.some((f) => f.key === figure)) return Promise.resolve({ items: [], total: 0 });
      return drill(ctx, unitId, asOf, figure, page);
    },
  },
};

/** The program's figures, in the order the dashboards show them; its face lists them. */
export const hardshipIndicators: readonly IndicatorDefinition[] = [householdsIndicator];
