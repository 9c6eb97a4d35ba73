import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { clockNow } from '../../db/sql.ts';

/** Code lists kept as data (GB/T 4754 industry sections, ownership types …). */
export const codeLists = pgTable(
  'code_lists',
  {
    list: text('list').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.list, t.code] })],
);

export const ENTERPRISE_STATUSES = ['active', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** An employer the federation serves; it sits under the org unit that administers it (scope). */
export const enterprises = pgTable(
  'enterprises',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 统一社会信用代码 (GB 32100, check character validated). */
    creditCode: text('credit_code').notNull().unique(),
    name: text('name').notNull(),
    /** GB/T 4754 section letter A–T. */
    industry: text('industry').notNull(),
    ownership: text('ownership').notNull(),
    divisionCode: text('division_code'),
    aboveScale: boolean('above_scale').notNull().default(false),
    status: text('status').$type<EnterpriseStatus>().notNull().default('active'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    index('enterprises_unit_idx').on(t.unitId),
    // The enterprises list's order: a page read straight off the index.
    index('enterprises_name_idx').on(t.name, t.id),
    check('enterprises_status_check', sql`${t.status} in ('active','closed')`),
  ],
);

/** Employee counts, dated, so a rate can be computed as of any date. */
export const enterpriseHeadcounts = pgTable(
  'enterprise_headcounts',
  {
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    employees: integer('employees').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.asOf] }), check('headcount_nonneg', sql`${t.employees} >= 0`)],
);

export const UNION_TYPES = ['single', 'joint'] as const;
export type UnionType = (typeof UNION_TYPES)[number];

/** What a grassroots union (an org unit of kind 'grassroots') carries beyond its place in the tree. */
export const unionProfiles = pgTable('union_profiles', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => orgUnits.id),
  /** 单独 or 联合基层工会 (one union covering several small enterprises). */
  unionType: text('union_type').$type<UnionType>().notNull(),
  foundedOn: date('founded_on', { mode: 'string' }).notNull(),
  chairName: text('chair_name'),
  /** A committee is required from 25 members on. */
  committeeFormed: boolean('committee_formed').notNull().default(false),
  /**
   * Whether the 双亮 requirement applies to this union (the county may exempt, e.g., a joint
   * union whose enterprises share the host's signboard); the 双亮 rate counts only these.
   */
  shuangliangRequired: boolean('shuangliang_required').notNull().default(true),
  /** 双亮: the union's signboard shown, and the chair's identity shown, with dates. */
  signboardShownOn: date('signboard_shown_on', { mode: 'string' }),
  chairShownOn: date('chair_shown_on', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
});

/** Which union covers which enterprise, over time: at most one at a time. */
export const unionCoverages = pgTable(
  'union_coverages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    unionUnitId: integer('union_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('union_coverages_one_current').on(t.enterpriseId).where(sql`${t.validTo} IS NULL`),
    index('union_coverages_union_idx').on(t.unionUnitId),
    check('union_coverages_period', sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * A person, federation-wide: one row per ID number (found by its keyed hash; the number itself
 * sealed). Visible to a user only through a membership in their scope.
 */
export const persons = pgTable(
  'persons',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    idHash: text('id_hash').notNull().unique(),
    idSealed: text('id_sealed').notNull(),
    idMasked: text('id_masked').notNull(),
    name: text('name').notNull(),
    gender: text('gender').$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    migrantWorker: boolean('migrant_worker').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  // Search by part of a name or phone number: trigrams (pg_trgm, migration 0033) find the few matching people
  // without reading them all. Names of one or two characters have no trigram and are read in order.
  (t) => [index('persons_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')), index('persons_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops'))],
);

export const LEAVE_REASONS = ['left', 'transferred', 'retired', 'deceased', 'expelled'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/**
 * Membership periods: join, transfer (a period ends 'transferred', the next begins), leave.
 * A person's status is computed from these, never stored; at most one is current federation-wide.
 * The union's unit id leads the key so the table can be distributed by union. `superseded` says a
 * later period of the same person exists anywhere; the database keeps it (trigger in migration
 * 0032), so a list of latest periods reads a column instead of searching each person's periods.
 */
export const memberships = pgTable(
  'memberships',
  {
    unionUnitId: integer('union_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    leaveReason: text('leave_reason').$type<LeaveReason>(),
    superseded: boolean('superseded').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.unionUnitId, t.id] }),
    // The members list's order: newest first, a page read straight off the index.
    index('memberships_newest_idx').on(t.joinedOn.desc().nullsFirst(), t.personId, t.id),
    uniqueIndex('memberships_one_current').on(t.personId).where(sql`${t.leftOn} IS NULL`),
    index('memberships_person_idx').on(t.personId),
    index('memberships_enterprise_idx').on(t.enterpriseId),
    check('memberships_period', sql`${t.leftOn} IS NULL OR ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type UnionProfileRow = typeof unionProfiles.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/**
 * Coverage tallies: the counts of domain.md §4 attributed to each org unit on one date, so a
 * roll-up over any subtree is a sum over units instead of a pass over every membership. A
 * "bucket" is a county-level subtree (or the city's own unit); a write to the records marks the
 * buckets it touches stale from its earliest date, and a stale bucket is recounted from the
 * records the next time that date is read (functions and triggers in migration 0009).
 */
export const coverageTallies = pgTable(
  'coverage_tallies',
  {
    unitId: integer('unit_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The unit's path when counted (COLLATE "C"), so a subtree's tallies are one index range. */
    path: text('path').notNull(),
    enterprises: integer('enterprises').notNull().default(0),
    coveredEnterprises: integer('covered_enterprises').notNull().default(0),
    employeesInCovered: bigint('employees_in_covered', { mode: 'number' }).notNull().default(0),
    membersInCovered: integer('members_in_covered').notNull().default(0),
    members: integer('members').notNull().default(0),
    migrantMembers: integer('migrant_members').notNull().default(0),
    unions: integer('unions').notNull().default(0),
    shuangliangRequiredUnions: integer('shuangliang_required_unions').notNull().default(0),
    shuangliangUnions: integer('shuangliang_unions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.asOf] }), index('coverage_tallies_as_of_path_idx').on(t.asOf, t.path)],
);

/**
 * The same counts summed over each unit's whole subtree (the unit itself and everything below),
 * kept beside the per-unit tallies of the same buckets: a unit's figures are one row, and the
 * ranking of the units below one row each.
 */
export const coverageSubtreeTallies = pgTable(
  'coverage_subtree_tallies',
  {
    unitId: integer('unit_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    path: text('path').notNull(),
    enterprises: integer('enterprises').notNull().default(0),
    coveredEnterprises: integer('covered_enterprises').notNull().default(0),
    employeesInCovered: bigint('employees_in_covered', { mode: 'number' }).notNull().default(0),
    membersInCovered: integer('members_in_covered').notNull().default(0),
    members: integer('members').notNull().default(0),
    migrantMembers: integer('migrant_members').notNull().default(0),
    unions: integer('unions').notNull().default(0),
    shuangliangRequiredUnions: integer('shuangliang_required_unions').notNull().default(0),
    shuangliangUnions: integer('shuangliang_unions').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.asOf] }), index('coverage_subtree_tallies_as_of_path_idx').on(t.asOf, t.path)],
);

/** Which buckets hold current tallies for which dates; a write deletes the marks it makes stale. */
export const coverageTallyFresh = pgTable(
  'coverage_tally_fresh',
  {
    bucketId: integer('bucket_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.bucketId, t.asOf] })],
);
