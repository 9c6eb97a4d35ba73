/**
 * The legal-service program's indicators (labour disputes): disputes received, disputes mediated
 * to an agreement, and the mediation success rate, each counted over the year to date — from
 * 1 January of the date's year to the date — for a unit's subtree. A case counts for its unit.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import type { IndicatorDefinition, IndicatorValue } from '../../engines/indicators/catalogue.ts';
import { addFields, groupedSource, num, rowsAsOne, yearStart } from '../../engines/indicators/grouped.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';
import { labourDisputeFlow } from './flow.ts';
import { RECEIVING_CHANNELS } from './schema.ts';

type LegalCounts = {
  received: number;
  mediated: number;
  mediationsEnded: number;
};

const zero = (): LegalCounts => ({ received: 0, mediated: 0, mediationsEnded: 0 });

const channels = sql.join(
  RECEIVING_CHANNELS.map((c) => sql`${c}`),
  sql`, `,
);

/** Each figure's condition over a case `c`, for the year to date of `asOf`. */
function condition(figure: string, asOf: IsoDate): SQL {
  const from = yearStart(asOf);
  switch (figure) {
    case 'received':
      return sql`(c.opened_on BETWEEN ${from}::date AND ${asOf}::date AND EXISTS (SELECT 1 FROM legal_disputes d WHERE d.case_id = c.id AND d.channel IN (${channels})))`;
    case 'mediated':
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.stage = 'mediation' AND s.outcome = 'agreement' AND s.ended_on BETWEEN ${from}::date AND ${asOf}::date)`;
    default:
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.stage = 'mediation' AND s.ended_on BETWEEN ${from}::date AND ${asOf}::date)`;
  }
}

// The same figures as condition(), with each table read once (every read is checked against the scope).
const counts = groupedSource(zero, addFields, async (ctx: Ctx, asOf: IsoDate) => {
  const from = yearStart(asOf);
  const rows = await rowsAsOne<Record<string, unknown>>(
    ctx,
    sql`
    WITH received AS (SELECT case_id FROM legal_disputes WHERE channel IN (${channels})),
    mediation AS (SELECT case_id, bool_or(outcome = 'agreement') AS agreed FROM case_stages
                   WHERE stage = 'mediation' AND ended_on BETWEEN ${from}::date AND ${asOf}::date GROUP BY case_id)
    SELECT c.unit_id AS k,
           count(*) FILTER (WHERE c.opened_on >= ${from}::date AND received.case_id IS NOT NULL) AS received,
           count(*) FILTER (WHERE mediation.agreed) AS mediated,
           count(mediation.case_id) AS ended
      FROM cases c
      LEFT JOIN received ON received.case_id = c.id
      LEFT JOIN mediation ON mediation.case_id = c.id
     WHERE c.kind = ${labourDisputeFlow.kind}
       AND (c.closed_on IS NULL OR c.closed_on >= ${from}::date) AND c.opened_on <= ${asOf}::date
     GROUP BY 1`,
  );
  return new Map(rows.map((x) => [Number(x.k), { received: num(x.received), mediated: num(x.mediated), mediationsEnded: num(x.ended) }]));
});

const FIGURES = [
  { key: 'received', label: '受理的劳动争议' },
  { key: 'mediated', label: '调解成功' },
  { key: 'mediationsEnded', label: '调解结束' },
] as const;

const RESULT_LABELS: Record<string, string> = {
  mediation_agreement: '调解结案',
  award: '仲裁裁决',
  judgment: '判决',
  settled: '和解',
  withdrawn: '撤回',
  advice_only: '仅咨询',
  other: '其他',
};
const STAGE_LABELS: Record<string, string> = { intake: '受理', mediation: '调解', arbitration: '仲裁', first_instance: '一审', appeal: '二审' };

async function drill(ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) {
  const [lo, hi] = subtreeRange((await getUnit(ctx, unitId)).path);
  const from = sql`FROM cases c JOIN org_units u ON u.id = c.unit_id
     WHERE c.kind = ${labourDisputeFlow.kind} AND u.path >= ${lo} AND u.path < ${hi} AND ${condition(figure, asOf)}`;
  const items = await ctx.db.execute(sql`
    SELECT c.id, c.title AS name, c.opened_on::text AS opened, c.stage, c.status, c.result,
           (SELECT d.employer_name FROM legal_disputes d WHERE d.case_id = c.id) AS employer
    ${from} ORDER BY c.opened_on DESC, c.id DESC OFFSET ${page.offset} LIMIT ${page.limit}`);
  const total = await ctx.db.execute(sql`SELECT count(*)::int AS n ${from}`);
  return {
    items: rowsOf<{ id: number; name: string; opened: string; stage: string; status: string; result: string | null; employer: string | null }>(items).map((x) => ({
      id: Number(x.id),
      name: x.name,
      code: x.employer,
      kind: 'case',
      date: x.opened,
      detail: x.status === 'closed' ? `已结案·${RESULT_LABELS[x.result ?? ''] ?? x.result ?? ''}` : `办理中·${STAGE_LABELS[x.stage] ?? x.stage}`,
    })),
    total: num(rowsOf<{ n: number }>(total)[0]?.n),
  };
}

const drillSpec = (keys: string[]) => ({
  figures: FIGURES.filter((f) => keys.includes(f.key)),
  run: (ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) => {
    if (!keys.includes(figure)) return Promise.resolve({ items: [], total: 0 });
    return drill(ctx, unitId, asOf, figure, page);
  },
});

function countIndicator(measure: 'received' | 'mediated', o: { name: string; definition: string; advice: string; drill: string[] }): IndicatorDefinition {
  return {
    key: `legal.${measure}`,
    program: 'legal',
    name: o.name,
    definition: o.definition,
    unit: '件',
    direction: 'higher',
    yearToDate: true,
    version: 1,
    advice: o.advice,
    drillPermission: 'legal.read',
    compute: async (ctx, unitId, asOf) => ({ value: (await counts.ofUnit(ctx, unitId, asOf))[measure] }),
    computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, { value: c[measure] }])),
    drill: drillSpec(o.drill),
  };
}

const receivedIndicator = countIndicator('received', {
  name: '受理劳动争议件数',
  definition: '统计日所在年度1月1日至统计日，经职工法律服务站、热线、职工服务平台或转介受理（立案）的劳动争议案件数',
  advice: '请检查职工法律服务站和维权热线的值守情况，主动走访企业和工地，把职工的劳动争议及时受理登记。',
  drill: ['received'],
});
const mediatedIndicator = countIndicator('mediated', {
  name: '调解成功件数',
  definition: '统计日所在年度1月1日至统计日，调解阶段结束并达成调解协议的劳动争议案件数',
  advice: '请打开调解中的案件，督促调解员按期推进，能调尽调，把争议化解在基层。',
  drill: ['mediated', 'mediationsEnded'],
});

function rate(c: LegalCounts): IndicatorValue {
  return { value: c.mediationsEnded > 0 ? Math.round((c.mediated / c.mediationsEnded) * 10000) / 10000 : null, numerator: c.mediated, denominator: c.mediationsEnded };
}

const mediationRateIndicator: IndicatorDefinition = {
  key: 'legal.mediationRate',
  program: 'legal',
  name: '调解成功率',
  definition: '统计日所在年度1月1日至统计日：调解阶段结束并达成调解协议的案件数 ÷ 调解阶段结束的案件数（含调解不成和撤回）',
  unit: '%',
  direction: 'higher',
  version: 1,
  advice: '请逐件分析调解不成的案件，加强调解员培训，必要时请职工法律服务团律师协助调解。',
  drillPermission: 'legal.read',
  compute: async (ctx, unitId, asOf) => rate(await counts.ofUnit(ctx, unitId, asOf)),
  computeChildren: async (ctx, unitId, asOf) => new Map([...(await counts.ofChildren(ctx, unitId, asOf))].map(([id, c]) => [id, rate(c)])),
  drill: drillSpec(['mediated', 'mediationsEnded']),
};

/** The program's figures, in the order the dashboards show them; its face lists them. */
export const legalIndicators: readonly IndicatorDefinition[] = [receivedIndicator, mediatedIndicator, mediationRateIndicator];
