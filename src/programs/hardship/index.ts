/** 困难职工帮扶: the household archive, graded against the local standard, with its reviews. */
import type { Program } from '../program.ts';
import { hardshipRoutes } from './routes.ts';
import { seedHardshipDemo } from './demo.ts';
import './indicators.ts';
import './reminders.ts';

export const hardship: Program = {
  name: 'hardship',
  title: '困难职工帮扶',
  routes: (app, deps) => hardshipRoutes(app, { filesDir: deps.filesDir }),
  demo: { phase: 'records', seed: seedHardshipDemo, analyse: ['hardship_households'] },
};

// What other programs may use: a household's file and grade, for aid decided elsewhere.
export { getHouseholdRow, householdForAid, householdOfPerson, maskBankAccount, type HouseholdForAid } from './service.ts';
export { GRADE_LABELS } from './grading.ts';
export { hardshipHouseholds, type HardshipGrade } from './schema.ts';
export { demoBirth, demoIdNumber } from './demo.ts';
