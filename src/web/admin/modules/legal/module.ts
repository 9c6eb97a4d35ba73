/** 法律服务 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { legalMenu } from './menu.tsx';

export const legalModule = defineModule({
  name: 'legal',
  permissions: ['legal.read', 'legal.write', 'legal.manage'],
  menu: legalMenu,
  routes: [{ path: 'legal/*', permission: 'legal.read', load: () => import('./index.tsx') }],
  auditEntities: {
    legal_dispute: { zh: '劳动争议案件', en: 'Labour dispute' },
    legal_dispute_export: { zh: '案件导出', en: 'Case export' },
    legal_aid: { zh: '法律援助', en: 'Legal aid' },
    lawyer: { zh: '律师', en: 'Lawyer' },
  },
});
