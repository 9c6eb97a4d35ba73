/** 会员与建会 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { membershipMenu } from './menu.tsx';

export const membershipModule = defineModule({
  name: 'membership',
  permissions: ['members.read', 'members.write', 'members.sensitive'],
  menu: membershipMenu,
  routes: [{ path: 'membership/*', permission: 'members.read', load: () => import('./index.tsx') }],
  auditEntities: {
    enterprise: { zh: '企业', en: 'Enterprise' },
    enterprise_headcount: { zh: '企业职工人数', en: 'Headcount' },
    union_profile: { zh: '基层工会', en: 'Grassroots union' },
    union_coverage: { zh: '工会覆盖企业', en: 'Union coverage' },
    membership: { zh: '会籍', en: 'Membership' },
    membership_import: { zh: '会员名册导入', en: 'Member import' },
    enterprise_import: { zh: '企业名册导入', en: 'Enterprise import' },
    member_export: { zh: '会员名册导出', en: 'Member export' },
    enterprise_export: { zh: '企业名录导出', en: 'Enterprise export' },
  },
});
