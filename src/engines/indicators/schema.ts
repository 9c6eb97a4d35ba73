import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { users } from '../accounts/schema.ts';
import { clockNow } from '../../db/sql.ts';

/**
 * A unit's target for one indicator in one year, set by the level above. Progress is measured from
 * the baseline (the value at the end of the year before) toward the target, along a straight line
 * through the year or a monthly profile.
 */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    year: smallint('year').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    target: doublePrecision('target').notNull(),
    /** The value at the start of the year, from which progress is expected. */
    baseline: doublePrecision('baseline').notNull(),
    /** Cumulative share of the year's progress due by each month end (12 numbers, the last 1); null = linear. */
    profile: jsonb('profile').$type<number[] | null>(),
    note: text('note'),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.indicatorKey] })],
);

/**
 * Figures frozen at a month's end: one row per unit, month, indicator and version. The unit leads
 * the primary key so the table can be distributed by unit. Rows are never changed: a correction
 * adds version n + 1 (marked, with its reason) and readers take the latest version.
 */
export const indicatorSnapshots = pgTable(
  'indicator_snapshots',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The month's last day. */
    period: date('period', { mode: 'string' }).notNull(),
    indicatorKey: text('indicator_key').notNull(),
    version: smallint('version').notNull().default(1),
    value: doublePrecision('value'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    /** The date the figure was computed as of (the period's end). */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The indicator definition used (its version and a hash of its text). */
    definitionHash: text('definition_hash').notNull(),
    correction: boolean('correction').notNull().default(false),
    reason: text('reason'),
    takenByUserId: integer('taken_by_user_id').references(() => users.id),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.period, t.indicatorKey, t.version] }), index('indicator_snapshots_period_idx').on(t.period, t.indicatorKey)],
);

export type IndicatorTargetRow = typeof indicatorTargets.$inferSelect;
export type IndicatorSnapshotRow = typeof indicatorSnapshots.$inferSelect;
