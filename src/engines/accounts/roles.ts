/** Roles and what each may do. Where a user may do it is their unit's subtree (engines/org/scope). */
export const ROLES = [
  'city_admin',
  'county_admin',
  'grassroots_staff',
  'reviewer',
  'auditor',
  'lawyer',
  'counsellor',
  'worker',
] as const;
export type Role = (typeof ROLES)[number];

/** Legal services, counselling and the case engine under them. */
const CASEWORK_PERMISSIONS = [
  'legal.read',
  /** Work a case: stages, events, documents (a lawyer, only on the cases assigned to them). */
  'legal.write',
  /** Take in disputes, decide on legal aid, keep the lawyers' team. */
  'legal.manage',
  /** Assign a case to a lawyer. */
  'cases.assign',
  'counselling.read',
  'counselling.write',
  /** Keep the counsellors' team and the rooms. */
  'counselling.manage',
  /** Write and read one's own session notes (a counsellor's; nobody else's notes are ever readable). */
  'counselling.notes',
] as const;

/**
 * Who may do what in legal services and counselling. Where: their subtree, and for lawyers and
 * counsellors only their own cases and appointments (row-level security, migration 0013).
 */
const CASEWORK_GRANTS: Record<Role, readonly (typeof CASEWORK_PERMISSIONS)[number][]> = {
  city_admin: ['legal.read', 'legal.write', 'legal.manage', 'cases.assign', 'counselling.read', 'counselling.write', 'counselling.manage'],
  county_admin: ['legal.read', 'legal.write', 'legal.manage', 'cases.assign', 'counselling.read', 'counselling.write', 'counselling.manage'],
  grassroots_staff: ['legal.read', 'legal.write', 'legal.manage', 'counselling.read', 'counselling.write'],
  reviewer: ['legal.read', 'counselling.read'],
  auditor: ['legal.read', 'counselling.read'],
  lawyer: ['legal.read', 'legal.write'],
  counsellor: ['counselling.read', 'counselling.write', 'counselling.notes'],
  worker: [],
};

/** Supervision (督查): figures, targets, snapshots, bulletins; and each user's own notifications. */
const SUPERVISION_PERMISSIONS = [
  /** Dashboards, rankings, snapshots and bulletins of the subtree. */
  'supervision.read',
  /** Set targets for the units below, freeze a month on demand or correct it, publish bulletins. */
  'supervision.manage',
  /** Read one's own notifications. */
  'notifications.read',
  /** Mark one's notifications read, set where the digest goes. */
  'notifications.manage',
] as const;

const SUPERVISION_GRANTS: Record<Role, readonly (typeof SUPERVISION_PERMISSIONS)[number][]> = {
  city_admin: ['supervision.read', 'supervision.manage', 'notifications.read', 'notifications.manage'],
  county_admin: ['supervision.read', 'supervision.manage', 'notifications.read', 'notifications.manage'],
  grassroots_staff: ['supervision.read', 'notifications.read', 'notifications.manage'],
  reviewer: ['supervision.read', 'notifications.read', 'notifications.manage'],
  auditor: ['supervision.read', 'notifications.read'],
  lawyer: ['notifications.read', 'notifications.manage'],
  counsellor: ['notifications.read', 'notifications.manage'],
  worker: ['notifications.read', 'notifications.manage'],
};

/** 职工服务门户: a worker's own membership, disputes, legal aid and counselling bookings (row-level security, migration 0022). */
const PORTAL_PERMISSIONS = ['portal.self'] as const;

const PORTAL_GRANTS: Record<Role, readonly (typeof PORTAL_PERMISSIONS)[number][]> = {
  city_admin: [],
  county_admin: [],
  grassroots_staff: [],
  reviewer: [],
  auditor: [],
  lawyer: [],
  counsellor: [],
  worker: ['portal.self'],
};

export const PERMISSIONS = [
  ...CASEWORK_PERMISSIONS,
  ...PORTAL_PERMISSIONS,
  'org.read',
  'org.write',
  'users.read',
  'users.write',
  'audit.read',
  'members.read',
  'members.write',
  /** See a full ID number (each view logged with its reason). */
  'members.sensitive',
  'hardship.read',
  'hardship.write',
  /** See a household's full ID number, bank account and incomes (each view logged with its reason). */
  'hardship.sensitive',
  'relief.read',
  'relief.write',
  /** Decide a step of a relief application's approval chain (at the user's own level). */
  'relief.approve',
  'funds.read',
  /** Record money raised and allocate it down the tree. */
  'funds.write',
  /** Make payment batches, export the bank file (full account numbers), confirm payment. */
  'funds.pay',
  ...SUPERVISION_PERMISSIONS,
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['org.read'];
const MEMBERSHIP: Permission[] = ['members.read', 'members.write', 'members.sensitive'];
const HARDSHIP: Permission[] = ['hardship.read', 'hardship.write', 'hardship.sensitive'];
const RELIEF: Permission[] = ['relief.read', 'relief.write', 'relief.approve'];
const FUNDS: Permission[] = ['funds.read', 'funds.write', 'funds.pay'];

const GRANTS: Record<Role, readonly Permission[]> = {
  city_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...MEMBERSHIP, ...HARDSHIP, ...RELIEF, ...FUNDS],
  county_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...MEMBERSHIP, ...HARDSHIP, ...RELIEF, ...FUNDS],
  grassroots_staff: [...STAFF_READ, ...MEMBERSHIP, ...HARDSHIP, ...RELIEF, 'funds.read'],
  reviewer: [...STAFF_READ, 'members.read', 'hardship.read', 'relief.read', 'relief.approve', 'funds.read'],
  // 经审: reads everything in scope, the trail and the books included, and changes nothing.
  auditor: ['org.read', 'users.read', 'audit.read', 'members.read', 'hardship.read', 'relief.read', 'funds.read'],
  lawyer: [...STAFF_READ],
  counsellor: [...STAFF_READ],
  worker: [],
};

const ALL_GRANTS = Object.fromEntries(ROLES.map((r) => [r, [...GRANTS[r], ...CASEWORK_GRANTS[r], ...SUPERVISION_GRANTS[r], ...PORTAL_GRANTS[r]]])) as unknown as Record<Role, readonly Permission[]>;

export function can(role: Role, permission: Permission): boolean {
  return ALL_GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ALL_GRANTS[role];
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
