/** 送温暖与金秋助学: campaigns, applications through approval chains, funds and payment batches. */
import type { Program } from '../program.ts';
import { reliefRoutes } from './routes.ts';
import { seedReliefDemo } from './demo.ts';
import './indicators.ts';

export const relief: Program = {
  name: 'relief',
  title: '送温暖与金秋助学',
  routes: (app) => reliefRoutes(app),
  demo: { phase: 'records', seed: seedReliefDemo, analyse: ['relief_applications', 'approval_requests'] },
};
