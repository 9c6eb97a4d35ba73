/**
 * The web app's modules, one line each: the routes, the side menu and the audit page go through
 * this list. A new program's pages are its own folder with a `module.ts`, and one line here.
 */
import { membershipModule } from './membership/module.ts';
import { supervisionModule } from './supervision/module.ts';
import { hardshipModule } from './hardship/module.ts';
import { reliefModule } from './relief/module.ts';
import { legalModule } from './legal/module.ts';
import { counsellingModule } from './counselling/module.ts';
import { portalModule } from './portal/module.ts';
import type { Words } from './module.ts';

export const MODULES = [membershipModule, supervisionModule, hardshipModule, reliefModule, legalModule, counsellingModule, portalModule] as const;

/** Every permission a module owns (the engines' are in lib/api.ts). */
export type ModulePermission = (typeof MODULES)[number]['permissions'][number];

/** The kinds of record the modules write to the audit trail, in list order. */
export const MODULE_AUDIT_ENTITIES: readonly string[] = MODULES.flatMap((m) => Object.keys(m.auditEntities ?? {}));

/** A module's name for a kind of record it writes to the trail (undefined for the engines' own). */
export function moduleAuditWords(entity: string): Words | undefined {
  for (const m of MODULES) {
    const words = m.auditEntities?.[entity];
    if (words) return words;
  }
  return undefined;
}
