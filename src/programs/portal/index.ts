/** 职工服务门户: a worker's own membership, disputes, legal aid and counselling bookings, on the phone. */
import type { Program } from '../program.ts';
import { portalRoutes } from './routes.ts';
import { seedPortalDemo } from './demo.ts';
import { portalLoginsOf } from './logins.ts';

export const portal: Program = {
  name: 'portal',
  title: '职工服务门户',
  permissions: {
    owns: { 'portal.self': '职工本人的会籍、争议、法律援助与咨询预约' },
    grants: { worker: ['portal.self'] },
  },
  personLogins: portalLoginsOf,
  routes: (app, deps) => portalRoutes(app, { database: deps.database, sms: deps.channels.sms }),
  demo: { phase: 'records', seed: (database, opts) => seedPortalDemo(database, { today: opts.today }) },
};
