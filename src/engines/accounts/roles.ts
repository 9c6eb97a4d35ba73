/** Roles and what each may do. Where a user may do it is their unit's subtree (engines/org/scope). */
export const ROLES = ['city_admin', 'county_admin', 'grassroots_staff', 'reviewer', 'auditor', 'lawyer', 'counsellor', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A permission names something a role may do: 'members.read', 'funds.pay'. The engines' own are
 * listed here; each program brings its own with the roles that get them (its `index.ts`), and the
 * programs' list registers them at load. A route naming a permission nobody registered is refused
 * when the app is built (server/access.ts).
 */
export type Permission = string;

/** Who gets what, role by role: the shape in which the engines and every program grant. */
export type Grants = Record<Role, readonly Permission[]>;

const STAFF_READ = ['org.read'] as const;
const FUNDS = ['funds.read', 'funds.write', 'funds.pay'] as const;
const OWN_NOTIFICATIONS = ['notifications.read', 'notifications.manage'] as const;

/**
 * The engines' permissions. Org tree and users; the audit trail; the ledger's funds ('funds.write':
 * record money raised and allocate it down the tree; 'funds.pay': payment batches, the bank file
 * with full account numbers, confirming payment); the case engine's assignment of a case to a
 * lawyer; and each user's own notifications.
 */
const ENGINE_GRANTS: Grants = {
  city_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...FUNDS, 'cases.assign', ...OWN_NOTIFICATIONS],
  county_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...FUNDS, 'cases.assign', ...OWN_NOTIFICATIONS],
  grassroots_staff: [...STAFF_READ, 'funds.read', ...OWN_NOTIFICATIONS],
  reviewer: [...STAFF_READ, 'funds.read', ...OWN_NOTIFICATIONS],
  // 经审: reads everything in scope, the trail and the books included, and changes nothing.
  auditor: ['org.read', 'users.read', 'audit.read', 'funds.read', 'notifications.read'],
  lawyer: [...STAFF_READ, ...OWN_NOTIFICATIONS],
  counsellor: [...STAFF_READ, ...OWN_NOTIFICATIONS],
  worker: [...OWN_NOTIFICATIONS],
};

const grantsByRole = new Map<Role, Set<Permission>>(ROLES.map((r) => [r, new Set(ENGINE_GRANTS[r])]));
const owners = new Map<Permission, string>(ROLES.flatMap((r) => ENGINE_GRANTS[r].map((p) => [p, 'engines'] as [Permission, string])));

/**
 * Adds what a program's roles may do. `permissions` lists every permission the program owns
 * (some may be granted to no role yet); a permission belongs to one owner only.
 */
export function registerPermissions(owner: string, permissions: readonly Permission[], grants: Partial<Grants>): void {
  // Checked whole before anything is recorded: a refused registration leaves no trace.
  for (const p of permissions) {
    const held = owners.get(p);
    if (held && held !== owner) throw new Error(`permission ${p} belongs to ${held}; ${owner} cannot declare it too`);
  }
  const declared = new Set(permissions);
  for (const role of ROLES) {
    for (const p of grants[role] ?? []) if (!declared.has(p)) throw new Error(`${owner} grants ${p} to ${role}, but does not declare it`);
  }
  for (const p of permissions) owners.set(p, owner);
  for (const role of ROLES) for (const p of grants[role] ?? []) grantsByRole.get(role)!.add(p);
}

export function isKnownPermission(permission: Permission): boolean {
  return owners.has(permission);
}

export function can(role: Role, permission: Permission): boolean {
  return grantsByRole.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return [...(grantsByRole.get(role) ?? [])];
}

export const ROLE_LABELS: Record<Role, string> = {
  city_admin: '市总管理员',
  county_admin: '县级管理员',
  grassroots_staff: '基层工会工作人员',
  reviewer: '审核人员',
  auditor: '经审人员',
  lawyer: '律师',
  counsellor: '心理咨询师',
  worker: '职工',
};
