/** 法律服务: labour disputes through mediation, arbitration and litigation, legal aid and the lawyers' team. */
import type { Program } from '../program.ts';
import { legalRoutes } from './routes.ts';
import { seedLegalDemo } from './demo.ts';
import './indicators.ts';
import './reminders.ts';

export const legal: Program = {
  name: 'legal',
  title: '法律服务',
  routes: (app, deps) => legalRoutes(app, { filesDir: deps.filesDir }),
  demo: { phase: 'records', seed: seedLegalDemo, analyse: ['cases', 'case_stages', 'legal_disputes'] },
};

// What other programs may use: a worker's own disputes and aid requests (the portal).
export { disputeRecord, listDisputes, openDispute, requestAid } from './service.ts';
export { legalAidRequests, legalParties, DISPUTE_TYPES, type DisputeType } from './schema.ts';
