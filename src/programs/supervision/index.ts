/** 督查督办: indicators with targets, frozen month ends, signed bulletins and nudges, over every program's figures. */
import type { Program } from '../program.ts';
import { supervisionRoutes } from './routes.ts';
import { seedSupervisionDemo } from './demo.ts';
import { startSupervisionScheduler } from './scheduler.ts';

export const supervision: Program = {
  name: 'supervision',
  title: '督查督办',
  permissions: {
    owns: {
      'supervision.read': '查看本级及下级的指标、排名、月度快照与通报',
      'supervision.manage': '为下级设定目标、按需冻结或更正月度数据、发布通报',
    },
    grants: {
      city_admin: ['supervision.read', 'supervision.manage'],
      county_admin: ['supervision.read', 'supervision.manage'],
      grassroots_staff: ['supervision.read'],
      reviewer: ['supervision.read'],
      auditor: ['supervision.read'],
    },
  },
  resources: { bulletin: '督查通报' },
  testing: () => import('./testing.ts'),
  routes: (app) => supervisionRoutes(app),
  // Month ends frozen, targets checked, due reminders raised, daily digests sent.
  run: (deps) => startSupervisionScheduler(deps.database, { channels: deps.channels, log: deps.log }),
  demo: { phase: 'figures', seed: (database, opts) => seedSupervisionDemo(database, { today: opts.today }) },
};
