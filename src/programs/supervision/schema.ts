import { date, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { users } from '../../engines/accounts/schema.ts';
import { clockNow } from '../../db/sql.ts';

/**
 * A published monthly supervision bulletin (每月督查通报) of a level: its content as published,
 * signed with the SHA-256 of its canonical JSON. Rows are never changed (the database refuses);
 * publishing the same month again adds the next version.
 */
export const supervisionBulletins = pgTable(
  'supervision_bulletins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The issuing level: its supervised units directly below are ranked. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    period: date('period', { mode: 'string' }).notNull(),
    version: smallint('version').notNull(),
    title: text('title').notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    publishedByUserId: integer('published_by_user_id').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [uniqueIndex('supervision_bulletins_version').on(t.unitId, t.period, t.version)],
);

export type BulletinRow = typeof supervisionBulletins.$inferSelect;
