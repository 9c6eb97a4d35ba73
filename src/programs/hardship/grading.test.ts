import { describe, expect, it } from 'vitest';
import { gradeHousehold, type GradeInput } from './grading.ts';
import type { HardshipStandardRow } from './schema.ts';

const std: HardshipStandardRow = {
  unitId: 1,
  validFrom: '2013-01-01',
  minimumLivingFen: 400_00,
  deepPct: 100,
  relativePct: 200,
  accidentCostPct: 80,
  migrantMinMonths: 12,
  reviewMonths: 12,
  noticeDays: 7,
  createdAt: new Date('2013-01-01T00:00:00+08:00'),
};
// Three people; (income − rigid) ÷ 12 ÷ 3 per month.
const base: GradeInput = { householdSize: 3, incomes: [], expenses: [], accident: false, migrantWorker: false, employedSince: null, onDate: '2013-06-30' };
const monthly = (perCapitaFen: number) => ({ ...base, incomes: [perCapitaFen * 36] });

describe('grading against the minimum-living standard', () => {
  it('grades deep below the standard and relative below twice the standard, at the exact boundaries', () => {
    expect(gradeHousehold(monthly(399_99), std).grade).toBe('deep');
    expect(gradeHousehold(monthly(400_00), std).grade).toBe('relative');
    expect(gradeHousehold(monthly(799_99), std).grade).toBe('relative');
    expect(gradeHousehold(monthly(800_00), std).grade).toBeNull();
  });

  it('subtracts rigid expenses and divides by the household, and shows the computation', () => {
    const b = gradeHousehold(
      {
        ...base,
        incomes: [30_000_00, 6_000_00],
        expenses: [
          { annualFen: 12_000_00, hardshipCost: false },
          { annualFen: 5_000_00, hardshipCost: true },
        ],
      },
      std,
    );
    expect(b.monthlyPerCapitaFen).toBe(Math.floor((36_000_00 - 12_000_00) / 12 / 3));
    expect(b.grade).toBe('relative');
    expect(b.steps.join('\n')).toContain('月人均可支配收入 =（36000.00 元 − 12000.00 元）÷ 12 ÷ 3 = 666.66 元');
  });

  it('grades accident-caused when hardship costs exceed 80% of income, or an accident struck', () => {
    const income = 900_00 * 36;
    expect(gradeHousehold({ ...base, incomes: [income], expenses: [{ annualFen: Math.floor(income * 0.8) + 1, hardshipCost: true }], householdSize: 1 }, std).grade).toBe('accident');
    expect(gradeHousehold({ ...monthly(900_00), expenses: [] }, std).grade).toBeNull();
    expect(gradeHousehold({ ...monthly(900_00), accident: true }, std).grade).toBe('accident');
  });

  it('needs a migrant worker to have a year of employment', () => {
    expect(gradeHousehold({ ...monthly(100_00), migrantWorker: true, employedSince: '2012-07-01' }, std).grade).toBeNull();
    expect(gradeHousehold({ ...monthly(100_00), migrantWorker: true, employedSince: '2012-06-30' }, std).grade).toBe('deep');
  });

  it('follows the configured rule, not constants', () => {
    expect(gradeHousehold(monthly(450_00), { ...std, deepPct: 120 }).grade).toBe('deep');
    expect(gradeHousehold(monthly(450_00), { ...std, minimumLivingFen: 500_00 }).grade).toBe('deep');
  });
});
