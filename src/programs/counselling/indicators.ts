/**
 * The counselling program's indicator: sessions held over the year to date in a unit's subtree.
 * Anonymous counts only — there is no drill-down, so no client or note is reached from a figure.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import type { IndicatorDefinition } from '../../engines/indicators/catalogue.ts';
import { groupedSource, num, rowsAsOne, yearStart } from '../../engines/indicators/grouped.ts';
import type { IsoDate } from '../../engines/time.ts';

const sessions = groupedSource(
  () => 0,
  (a, b) => a + b,
  async (ctx: Ctx, asOf: IsoDate) => {
    const rows = await rowsAsOne<{ k: number; n: number }>(
      ctx,
      sql`
      SELECT a.unit_id AS k, count(*) AS n
        FROM counselling_appointments a
       WHERE a.status = 'completed'
         AND a.completed_at >= (${yearStart(asOf)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
         AND a.completed_at < ((${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
       GROUP BY 1`,
    );
    return new Map(rows.map((x) => [Number(x.k), num(x.n)]));
  },
);

const sessionsIndicator: IndicatorDefinition = {
  key: 'counselling.sessions',
  program: 'counselling',
  name: '心理咨询服务人次',
  definition: '统计日所在年度1月1日至统计日，已完成的职工心理咨询次数（按咨询师登记完成的日期，经本单位及下级单位预约）；只计人次，不涉及来访者身份和咨询内容',
  unit: '人次',
  direction: 'higher',
  yearToDate: true,
  version: 1,
  advice: '请向职工宣传心理咨询服务，协调咨询师增开预约时段，并提醒已预约的职工按时到访。',
  compute: async (ctx, unitId, asOf) => ({ value: await sessions.ofUnit(ctx, unitId, asOf) }),
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await sessions.ofChildren(ctx, unitId, asOf))].map(([id, n]) => [id, { value: n }])),
};

/** The program's figures, in the order the dashboards show them; its face lists them. */
export const counsellingIndicators: readonly IndicatorDefinition[] = [sessionsIndicator];
