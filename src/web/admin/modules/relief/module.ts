/** 送温暖与助学 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { reliefMenu } from './menu.tsx';

export const reliefModule = defineModule({
  name: 'relief',
  permissions: ['relief.read', 'relief.write', 'relief.approve'],
  menu: reliefMenu,
  routes: [{ path: 'relief/*', permission: 'relief.read', load: () => import('./index.tsx') }],
  auditEntities: {
    relief_campaign: { zh: '帮扶活动', en: 'Relief campaign' },
    relief_application: { zh: '帮扶申请', en: 'Relief application' },
    relief_batch: { zh: '发放批次', en: 'Payment batch' },
    relief_export: { zh: '帮扶导出', en: 'Relief export' },
  },
});
