/**
 * The membership program's indicators (组建率, 入会率, 双亮率, unions, members, migrant-worker
 * members), registered with the indicators engine. All six read the same coverage counts, so one
 * count per unit and date serves them all within a transaction.
 */
import type { Ctx } from '../../engines/context.ts';
import type { IndicatorDefinition, IndicatorValue } from '../../engines/indicators/catalogue.ts';
import type { IsoDate } from '../../engines/time.ts';
import { childrenCoverage, coverageCounts, drillDown, RATE_DEFINITIONS, ratesOf, type CoverageCounts, type Figure } from './coverage.ts';

// Counts are shared by the six indicators for the life of one transaction (one Ctx).
const unitCache = new WeakMap<Ctx, Map<string, Promise<CoverageCounts>>>();
const childCache = new WeakMap<Ctx, Map<string, Promise<Map<number, CoverageCounts>>>>();

function countsOf(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<CoverageCounts> {
  let m = unitCache.get(ctx);
  if (!m) {
    m = new Map();
    unitCache.set(ctx, m);
  }
  const k = `${unitId}@${asOf}`;
  let p = m.get(k);
  if (!p) {
    p = coverageCounts(ctx, unitId, asOf);
    m.set(k, p);
  }
  return p;
}

function childCountsOf(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<Map<number, CoverageCounts>> {
  let m = childCache.get(ctx);
  if (!m) {
    m = new Map();
    childCache.set(ctx, m);
  }
  const k = `${unitId}@${asOf}`;
  let p = m.get(k);
  if (!p) {
    p = childrenCoverage(ctx, unitId, asOf).then((rows) => new Map(rows.map((r) => [r.unitId, r.counts])));
    m.set(k, p);
  }
  return p;
}

type RateKey = keyof typeof RATE_DEFINITIONS;

function rateValue(c: CoverageCounts, key: RateKey): IndicatorValue {
  const r = ratesOf(c).find((x) => x.key === key)!;
  return { value: r.value, numerator: r.numerator, denominator: r.denominator };
}

const drill = (figures: { key: Figure; label: string }[]) => ({
  figures,
  run: (ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }) => {
    if (!figures.some((f) => f.key === figure)) return Promise.resolve({ items: [], total: 0 });
    return drillDown(ctx, unitId, asOf, figure as Figure, page);
  },
});

function rateIndicator(key: RateKey, o: { advice: string; figures: { key: Figure; label: string }[] }): IndicatorDefinition {
  const def = RATE_DEFINITIONS[key];
  return {
    key: `membership.${key}`,
    program: 'membership',
    name: def.label,
    definition: def.definition,
    unit: '%',
    direction: 'higher',
    version: 1,
    advice: o.advice,
    drillPermission: 'members.read',
    compute: async (ctx, unitId, asOf) => rateValue(await countsOf(ctx, unitId, asOf), key),
    computeChildren: async (ctx, unitId, asOf) => {
      const byChild = await childCountsOf(ctx, unitId, asOf);
      return new Map([...byChild].map(([id, c]) => [id, rateValue(c, key)]));
    },
    drill: drill(o.figures),
  };
}

function countIndicator(measure: string, o: { name: string; definition: string; unit: string; figure: Figure; pick: (c: CoverageCounts) => number; advice: string }): IndicatorDefinition {
  return {
    key: `membership.${measure}`,
    program: 'membership',
    name: o.name,
    definition: o.definition,
    unit: o.unit,
    direction: 'higher',
    version: 1,
    advice: o.advice,
    drillPermission: 'members.read',
    compute: async (ctx, unitId, asOf) => ({ value: o.pick(await countsOf(ctx, unitId, asOf)) }),
    computeChildren: async (ctx, unitId, asOf) => {
      const byChild = await childCountsOf(ctx, unitId, asOf);
      return new Map([...byChild].map(([id, c]) => [id, { value: o.pick(c) }]));
    },
    drill: drill([{ key: o.figure, label: o.name }]),
  };
}

const formationRateIndicator = rateIndicator('formationRate', {
  advice: '请打开未建会企业名单，逐户推动单独建会或纳入联合基层工会，并及时在系统中登记。',
  figures: [
    { key: 'uncoveredEnterprises', label: '未建会企业' },
    { key: 'coveredEnterprises', label: '已建会企业' },
    { key: 'enterprises', label: '应建会企业' },
  ],
});
const membershipRateIndicator = rateIndicator('membershipRate', {
  advice: '请核对已建会企业的职工人数与会员名册，把未入会的职工发展入会并录入系统。',
  figures: [
    { key: 'membersInCovered', label: '已建会企业中的会员' },
    { key: 'coveredEnterprises', label: '已建会企业' },
  ],
});
const shuangliangRateIndicator = rateIndicator('shuangliangRate', {
  advice: '请打开尚未“双亮”的基层工会名单，督促其亮明工会牌子和工会主席身份，并登记亮牌日期。',
  figures: [
    { key: 'notShuangliangUnions', label: '尚未双亮的工会' },
    { key: 'shuangliangUnions', label: '已双亮的工会' },
    { key: 'shuangliangRequiredUnions', label: '应双亮的工会' },
  ],
});
const unionsIndicator = countIndicator('unions', {
  name: '基层工会数',
  definition: '统计日在册的基层工会数（单独基层工会与联合基层工会）',
  unit: '个',
  figure: 'unions',
  pick: (c) => c.unions,
  advice: '请核对辖区内应建未建的企业，推动组建基层工会并及时登记。',
});
const membersIndicator = countIndicator('members', {
  name: '会员人数',
  definition: '统计日在册的工会会员人数',
  unit: '人',
  figure: 'members',
  pick: (c) => c.members,
  advice: '请核对会员名册，及时办理入会登记。',
});
const migrantMembersIndicator = countIndicator('migrantMembers', {
  name: '农民工会员人数',
  definition: '统计日在册会员中的农民工人数',
  unit: '人',
  figure: 'migrantMembers',
  pick: (c) => c.migrantMembers,
  advice: '请走访农民工集中的企业和工地，推动农民工入会并录入系统。',
});

/** The program's figures, in the order the dashboards show them; its face lists them. */
export const membershipIndicators: readonly IndicatorDefinition[] = [
  formationRateIndicator,
  membershipRateIndicator,
  shuangliangRateIndicator,
  unionsIndicator,
  membersIndicator,
  migrantMembersIndicator,
];
