/** 建会入会: enterprises, grassroots unions, members with dated periods, roster imports and the coverage rates. */
import type { Program } from '../program.ts';
import { membershipRoutes } from './routes.ts';
import { membershipImportRoutes } from './import-routes.ts';
import { seedMembershipDemo } from './demo.ts';
import './indicators.ts';

export const membership: Program = {
  name: 'membership',
  title: '建会入会',
  routes(app, deps) {
    membershipRoutes(app);
    membershipImportRoutes(app, { database: deps.database, filesDir: deps.filesDir });
  },
  demo: { phase: 'records', seed: seedMembershipDemo },
};

// What other programs may use: the member register's tables.
export { enterprises, memberships, persons, type PersonRow } from './schema.ts';
