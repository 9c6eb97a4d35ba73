/** HTTP for relief campaigns: each resource's routes in a file of its own, registered here. */
import type { App } from '../../server/app-types.ts';
import { applicationRoutes } from './application-routes.ts';
import { batchRoutes } from './batch-routes.ts';
import { campaignRoutes } from './campaign-routes.ts';
import { reportRoutes } from './report-routes.ts';

export function reliefRoutes(app: App): void {
  campaignRoutes(app);
  applicationRoutes(app);
  batchRoutes(app);
  reportRoutes(app);
}
