/** 督查督办: indicators with targets, frozen month ends, signed bulletins and nudges, over every program's figures. */
import type { Program } from '../program.ts';
import { supervisionRoutes } from './routes.ts';
import { seedSupervisionDemo } from './demo.ts';
import { startSupervisionScheduler } from './scheduler.ts';

export const supervision: Program = {
  name: 'supervision',
  title: '督查督办',
  routes: (app) => supervisionRoutes(app),
  // Month ends frozen, targets checked, due reminders raised, daily digests sent.
  run: (deps) => startSupervisionScheduler(deps.database, { channels: deps.channels, log: deps.log }),
  demo: { phase: 'figures', seed: (database, opts) => seedSupervisionDemo(database, { today: opts.today }) },
};
