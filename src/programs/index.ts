/**
 * The programs, one line each. Loading this list registers what each brings to the engines —
 * permissions, resource kinds, indicators, due checks, import kinds — in this order; the app
 * mounts their routes and the demo seeds them in the same order. A new program is its own folder,
 * its `index.ts` and one line here.
 */
import { registerPermissions } from '../engines/accounts/roles.ts';
import { registerIndicator } from '../engines/indicators/catalogue.ts';
import { registerDueCheck } from '../engines/notify/due-checks.ts';
import { registerPersonLogins } from '../engines/notify/service.ts';
import { registerImportKind } from '../engines/imports/jobs.ts';
import { registerResourceKinds } from '../engines/resources.ts';
import type { Program } from './program.ts';
import { membership } from './membership/index.ts';
import { hardship } from './hardship/index.ts';
import { relief } from './relief/index.ts';
import { legal } from './legal/index.ts';
import { counselling } from './counselling/index.ts';
import { portal } from './portal/index.ts';
import { supervision } from './supervision/index.ts';

export const PROGRAMS: readonly Program[] = [membership, hardship, relief, legal, counselling, portal, supervision];

for (const program of PROGRAMS) {
  registerPermissions(program.name, Object.keys(program.permissions.owns), program.permissions.grants);
  registerResourceKinds(program.name, program.resources ?? {});
  for (const indicator of program.indicators ?? []) registerIndicator(indicator);
  for (const check of program.dueChecks ?? []) registerDueCheck(check);
  for (const kind of program.importKinds ?? []) registerImportKind(kind);
  if (program.personLogins) registerPersonLogins(program.personLogins);
}
