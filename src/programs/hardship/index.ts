/** 困难职工帮扶: the household archive, graded against the local standard, with its reviews. */
import type { Program } from '../program.ts';
import { hardshipRoutes } from './routes.ts';
import { seedHardshipDemo } from './demo.ts';
import { hardshipIndicators } from './indicators.ts';
import { reviewsComingDue } from './reminders.ts';

export const hardship: Program = {
  name: 'hardship',
  title: '困难职工帮扶',
  permissions: {
    owns: {
      'hardship.read': '查看困难职工档案',
      'hardship.write': '建档、走访、公示、复核与退出',
      'hardship.sensitive': '查看户主完整身份证号、银行账号与收入（每次须填写事由并记录）',
    },
    grants: {
      city_admin: ['hardship.read', 'hardship.write', 'hardship.sensitive'],
      county_admin: ['hardship.read', 'hardship.write', 'hardship.sensitive'],
      grassroots_staff: ['hardship.read', 'hardship.write', 'hardship.sensitive'],
      reviewer: ['hardship.read'],
      auditor: ['hardship.read'],
    },
  },
  resources: { household: '困难职工家庭档案', hardship_attachment: '档案附件' },
  indicators: hardshipIndicators,
  dueChecks: [reviewsComingDue],
  testing: () => import('./testing.ts'),
  routes: (app, deps) => hardshipRoutes(app, { filesDir: deps.filesDir }),
  demo: { phase: 'records', seed: seedHardshipDemo, analyse: ['hardship_households'] },
};

// What other programs may use: a household's file and grade, for aid decided elsewhere.
export { getHouseholdRow, householdForAid, householdOfPerson, maskBankAccount, type HouseholdForAid } from './service.ts';
export { GRADE_LABELS } from './grading.ts';
export { hardshipHouseholds, type HardshipGrade } from './schema.ts';
export { demoBirth, demoIdNumber } from './demo.ts';
/** Its test fixtures, as `testing()` loads them (for other programs' fixtures). */
export type HardshipFixtures = typeof import('./testing.ts');
