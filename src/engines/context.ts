import type { Db } from '../db/client.ts';
import type { Role } from './accounts/roles.ts';

/** Who is acting. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
}

/** Where the actor may act: their unit's subtree, identified by its materialised path. */
export interface Scope {
  unitId: number;
  path: string;
}

/**
 * What every service function receives. `db` is the request's transaction, already running under
 * the actor's scope (engines/org/scope.ts): whatever the service queries is filtered to the subtree.
 */
export interface Ctx {
  db: Db;
  actor: Actor;
  scope: Scope;
}
