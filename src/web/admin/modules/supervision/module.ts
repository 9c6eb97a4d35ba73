/** 督查督办 in the web app: its menu, its pages and its records' names in the audit trail. */
import { defineModule } from '../module.ts';
import { supervisionMenu } from './menu.tsx';

export const supervisionModule = defineModule({
  name: 'supervision',
  permissions: ['supervision.read', 'supervision.manage'],
  menu: supervisionMenu,
  routes: [
    { path: 'supervision/notifications', permission: 'notifications.read', load: () => import('./notifications.tsx') },
    { path: 'supervision/*', permission: 'supervision.read', load: () => import('./index.tsx') },
  ],
  auditEntities: {
    supervision_bulletin: { zh: '督查通报', en: 'Bulletin' },
    supervision_nudge_check: { zh: '督办检查', en: 'Nudge check' },
  },
});
