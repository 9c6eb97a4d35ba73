/**
 * Grading a household (domain.md §2B), by a rule that is data (hardship_standards), with every step
 * of the computation written out for the cadre:
 *   per-capita = (yearly income − rigid expenses) ÷ 12 ÷ household size, in fen a month (costs the
 *               hardship itself caused count for the accident test instead);
 *   deep      when per-capita < 低保 × deepPct %;
 *   relative  when per-capita < 低保 × relativePct %;
 *   accident  when an accident (disaster, injury, disability) struck, or the year's hardship costs
 *             exceed accidentCostPct % of the household's income;
 *   a migrant worker needs migrantMinMonths of employment first.
 */
import { yuanFixed } from '../../engines/money.ts';
import type { HardshipGrade, HardshipStandardRow } from './schema.ts';

export const HARDSHIP_CAUSES: Record<string, string> = {
  illness: '因病',
  disability: '因残',
  education: '因学',
  disaster: '因灾',
  accident: '因意外事故',
  unemployment: '因失业',
  low_income: '收入低',
  enterprise_difficulty: '企业经营困难',
  single_parent: '单亲',
  elderly_care: '赡养负担重',
  other: '其他',
};

export const GRADE_LABELS: Record<HardshipGrade, string> = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };

export interface GradeInput {
  householdSize: number;
  incomes: number[];
  expenses: { annualFen: number; hardshipCost: boolean }[];
  accident: boolean;
  migrantWorker: boolean;
  employedSince: string | null;
  onDate: string;
}

export interface GradeBasis {
  grade: HardshipGrade | null;
  standard: { unitId: number; validFrom: string; minimumLivingFen: number; deepPct: number; relativePct: number; accidentCostPct: number; migrantMinMonths: number };
  incomeFen: number;
  rigidExpenseFen: number;
  hardshipCostFen: number;
  householdSize: number;
  monthlyPerCapitaFen: number;
  deepLineFen: number;
  relativeLineFen: number;
  /** The computation in words, one line a step. */
  steps: string[];
}

const yuan = (fen: number) => `${yuanFixed(fen)} 元`;

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export function gradeHousehold(input: GradeInput, std: HardshipStandardRow): GradeBasis {
  const size = Math.max(1, input.householdSize);
  const income = input.incomes.reduce((s, x) => s + x, 0);
  // Costs the hardship itself caused (a major illness, a disaster) are weighed by the accident test,
  // not subtracted as everyday rigid expenses, so the three grades stay distinct.
  const rigid = input.expenses.filter((e) => !e.hardshipCost).reduce((s, x) => s + x.annualFen, 0);
  const hardshipCost = input.expenses.filter((e) => e.hardshipCost).reduce((s, x) => s + x.annualFen, 0);
  const perCapita = Math.floor((income - rigid) / 12 / size);
  const deepLine = Math.floor((std.minimumLivingFen * std.deepPct) / 100);
  const relativeLine = Math.floor((std.minimumLivingFen * std.relativePct) / 100);
  const steps = [
    `当地最低生活保障标准 ${yuan(std.minimumLivingFen)}/人·月（自 ${std.validFrom} 起执行）`,
    `家庭年收入 ${yuan(income)}，刚性支出 ${yuan(rigid)}，家庭人口 ${size} 人`,
    `月人均可支配收入 =（${yuan(income)} − ${yuan(rigid)}）÷ 12 ÷ ${size} = ${yuan(perCapita)}`,
  ];
  let grade: HardshipGrade | null = null;
  const migrantMonths = input.migrantWorker && input.employedSince ? monthsBetween(input.employedSince, input.onDate) : null;
  if (input.migrantWorker && (migrantMonths === null || migrantMonths < std.migrantMinMonths)) {
    steps.push(`农民工须连续就业满 ${std.migrantMinMonths} 个月，现${migrantMonths === null ? '未填写就业起始日期' : `仅 ${migrantMonths} 个月`}：不予认定`);
  } else if (perCapita < deepLine) {
    grade = 'deep';
    steps.push(`${yuan(perCapita)} < 低保标准的 ${std.deepPct}%（${yuan(deepLine)}）：深度困难`);
  } else if (perCapita < relativeLine) {
    grade = 'relative';
    steps.push(`${yuan(deepLine)} ≤ ${yuan(perCapita)} < 低保标准的 ${std.relativePct}%（${yuan(relativeLine)}）：相对困难`);
  } else {
    steps.push(`${yuan(perCapita)} ≥ 低保标准的 ${std.relativePct}%（${yuan(relativeLine)}）：收入不在困难线以下`);
    const costLine = Math.floor((income * std.accidentCostPct) / 100);
    if (input.accident) {
      grade = 'accident';
      steps.push('本年度遭遇重大灾害、伤病或致残：意外致困');
    } else if (hardshipCost > costLine) {
      grade = 'accident';
      steps.push(`本年度致困支出 ${yuan(hardshipCost)} > 家庭收入的 ${std.accidentCostPct}%（${yuan(costLine)}）：意外致困`);
    } else {
      steps.push(`致困支出 ${yuan(hardshipCost)} 未超过家庭收入的 ${std.accidentCostPct}%（${yuan(costLine)}），且无意外事故：不符合认定条件`);
    }
  }
  return {
    grade,
    standard: {
      unitId: std.unitId,
      validFrom: std.validFrom,
      minimumLivingFen: std.minimumLivingFen,
      deepPct: std.deepPct,
      relativePct: std.relativePct,
      accidentCostPct: std.accidentCostPct,
      migrantMinMonths: std.migrantMinMonths,
    },
    incomeFen: income,
    rigidExpenseFen: rigid,
    hardshipCostFen: hardshipCost,
    householdSize: size,
    monthlyPerCapitaFen: perCapita,
    deepLineFen: deepLine,
    relativeLineFen: relativeLine,
    steps,
  };
}
