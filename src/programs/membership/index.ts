/** 建会入会: enterprises, grassroots unions, members with dated periods, roster imports and the coverage rates. */
import type { Program } from '../program.ts';
import { membershipRoutes } from './routes.ts';
import { membershipImportRoutes } from './import-routes.ts';
import { seedMembershipDemo } from './demo.ts';
import { membershipIndicators } from './indicators.ts';
import { enterpriseImport } from './enterprise-import.ts';
import { memberImport } from './member-import.ts';
import { unionImport } from './union-import.ts';

export const membership: Program = {
  name: 'membership',
  title: '建会入会',
  permissions: {
    owns: {
      'members.read': '查看企业、工会与会员',
      'members.write': '登记与维护企业、工会与会员，导入名册',
      'members.sensitive': '查看完整身份证号（每次须填写事由并记录）',
    },
    grants: {
      city_admin: ['members.read', 'members.write', 'members.sensitive'],
      county_admin: ['members.read', 'members.write', 'members.sensitive'],
      grassroots_staff: ['members.read', 'members.write', 'members.sensitive'],
      reviewer: ['members.read'],
      auditor: ['members.read'],
    },
  },
  resources: { enterprise: '企业', union: '基层工会', person: '会员' },
  indicators: membershipIndicators,
  importKinds: [memberImport, enterpriseImport, unionImport],
  testing: () => import('./testing.ts'),
  routes(app, deps) {
    membershipRoutes(app);
    membershipImportRoutes(app, { database: deps.database, filesDir: deps.filesDir });
  },
  demo: { phase: 'records', seed: seedMembershipDemo },
};

// What other programs may use: the member register's tables.
export { enterprises, memberships, persons, type PersonRow } from './schema.ts';
