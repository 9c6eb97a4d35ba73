/** 送温暖与金秋助学: campaigns, applications through approval chains, funds and payment batches. */
import type { Program } from '../program.ts';
import { reliefRoutes } from './routes.ts';
import { seedReliefDemo } from './demo.ts';
import { reliefIndicators } from './indicators.ts';

export const relief: Program = {
  name: 'relief',
  title: '送温暖与金秋助学',
  permissions: {
    owns: {
      'relief.read': '查看帮扶活动、申请与报表',
      'relief.write': '设立活动、提交申请',
      'relief.approve': '按本级审批申请',
    },
    grants: {
      city_admin: ['relief.read', 'relief.write', 'relief.approve'],
      county_admin: ['relief.read', 'relief.write', 'relief.approve'],
      grassroots_staff: ['relief.read', 'relief.write', 'relief.approve'],
      reviewer: ['relief.read', 'relief.approve'],
      auditor: ['relief.read'],
    },
  },
  resources: { campaign: '帮扶活动', relief_application: '帮扶申请', payment_batch: '发放批次' },
  indicators: reliefIndicators,
  testing: () => import('./testing.ts'),
  routes: (app) => reliefRoutes(app),
  demo: { phase: 'records', seed: seedReliefDemo, analyse: ['relief_applications', 'approval_requests'] },
};
