/** 法律服务: labour disputes through mediation, arbitration and litigation, legal aid and the lawyers' team. */
import type { Program } from '../program.ts';
import { legalRoutes } from './routes.ts';
import { seedLegalDemo } from './demo.ts';
import { legalIndicators } from './indicators.ts';
import { caseDeadlinesDue } from './reminders.ts';

export const legal: Program = {
  name: 'legal',
  title: '法律服务',
  permissions: {
    owns: {
      'legal.read': '查看劳动争议案件与法律援助',
      'legal.write': '办理案件：阶段、事件与文书（律师仅限指派给本人的案件）',
      'legal.manage': '受理争议、决定法律援助、维护律师团队',
    },
    grants: {
      city_admin: ['legal.read', 'legal.write', 'legal.manage'],
      county_admin: ['legal.read', 'legal.write', 'legal.manage'],
      grassroots_staff: ['legal.read', 'legal.write', 'legal.manage'],
      reviewer: ['legal.read'],
      auditor: ['legal.read'],
      lawyer: ['legal.read', 'legal.write'],
    },
  },
  resources: { legal_case: '劳动争议案件', lawyer: '律师', legal_aid: '法律援助申请', case_document: '案件材料' },
  indicators: legalIndicators,
  dueChecks: [caseDeadlinesDue],
  testing: () => import('./testing.ts'),
  routes: (app, deps) => legalRoutes(app, { filesDir: deps.filesDir }),
  demo: { phase: 'records', seed: seedLegalDemo, analyse: ['cases', 'case_stages', 'legal_disputes'] },
};

// What other programs may use: a worker's own disputes and aid requests (the portal).
export { disputeRecord, listDisputes, openDispute, requestAid } from './service.ts';
export { legalAidRequests, legalParties, DISPUTE_TYPES, type DisputeType } from './schema.ts';
