/** 职工服务门户 in the web app: the workers' own pages, mounted outside the cadres' frame. */
import { defineModule } from '../module.ts';

export const portalModule = defineModule({
  name: 'portal',
  permissions: ['portal.self'],
  surface: 'portal',
  routes: [{ path: '/portal/*', permission: 'portal.self', load: () => import('./index.tsx') }],
  auditEntities: { portal_account: { zh: '职工门户账号', en: 'Portal account' } },
});
