/** 困难职工帮扶 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { hardshipMenu } from './menu.tsx';

export const hardshipModule = defineModule({
  name: 'hardship',
  permissions: ['hardship.read', 'hardship.write', 'hardship.sensitive'],
  menu: hardshipMenu,
  routes: [{ path: 'hardship/*', permission: 'hardship.read', load: () => import('./index.tsx') }],
  auditEntities: {
    hardship_household: { zh: '困难职工档案', en: 'Hardship file' },
    hardship_attachment: { zh: '档案附件', en: 'File attachment' },
    hardship_standard: { zh: '认定标准', en: 'Standard' },
    hardship_export: { zh: '困难职工档案导出', en: 'Hardship export' },
  },
});
