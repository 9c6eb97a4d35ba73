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

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'users.read',
  'users.write',
  'audit.read',
  'members.read',
  'members.write',
  /** See a full ID number (each view logged with its reason). */
  'members.sensitive',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_READ: Permission[] = ['org.read'];
const MEMBERSHIP: Permission[] = ['members.read', 'members.write', 'members.sensitive'];

const GRANTS: Record<Role, readonly Permission[]> = {
  city_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...MEMBERSHIP],
  county_admin: ['org.read', 'org.write', 'users.read', 'users.write', 'audit.read', ...MEMBERSHIP],
  grassroots_staff: [...STAFF_READ, ...MEMBERSHIP],
  reviewer: [...STAFF_READ, 'members.read'],
  // 经审: reads everything in scope, the trail included, and changes nothing.
  auditor: ['org.read', 'users.read', 'audit.read', 'members.read'],
  lawyer: [...STAFF_READ],
  counsellor: [...STAFF_READ],
  worker: [],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
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
