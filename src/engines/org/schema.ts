import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { clockNow } from '../../db/sql.ts';

/** Kinds of unit in the federation's tree (the tree itself has any depth). */
export const ORG_UNIT_KINDS = ['city', 'county', 'township', 'grassroots', 'branch'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export const ORG_UNIT_STATUSES = ['active', 'closed'] as const;
export type OrgUnitStatus = (typeof ORG_UNIT_STATUSES)[number];

/**
 * The org tree as it stands today. `path` is the materialised ancestry ('/1/4/57/'), so a subtree
 * is one index range scan (`path LIKE '/1/4/%'`); it is the key of every access-scope check.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** GB/T 2260 division code for federations, the stable 统计编码 for grassroots unions. */
    code: text('code').unique(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrgUnitKind>().notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    status: text('status').$type<OrgUnitStatus>().notNull().default('active'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    // path is COLLATE "C" (custom migration) so a subtree is a byte range on this index.
    index('org_units_path_idx').on(t.path),
    index('org_units_parent_idx').on(t.parentId),
    check('org_units_kind_check', sql`${t.kind} in ('city','county','township','grassroots','branch')`),
    check('org_units_status_check', sql`${t.status} in ('active','closed')`),
  ],
);

/**
 * Dated history of each unit: one row per period in which its name, parent and status held.
 * The tree as of a date is the set of versions valid on that date.
 */
export const orgUnitVersions = pgTable(
  'org_unit_versions',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Exclusive end; null while current. */
    validTo: date('valid_to', { mode: 'string' }),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    status: text('status').$type<OrgUnitStatus>().notNull(),
    /** What made this version: created, renamed, moved, closed, reopened. */
    change: text('change').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.validFrom] }), index('org_unit_versions_parent_idx').on(t.parentId)],
);

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type OrgUnitVersionRow = typeof orgUnitVersions.$inferSelect;
