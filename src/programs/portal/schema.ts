import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../engines/accounts/schema.ts';
import { persons } from '../membership/index.ts';
import { clockNow } from '../../db/sql.ts';

/**
 * 职工服务门户: a worker's login bound to the worker as a person (one account per person, one
 * person per account). Row-level security reads it to limit a worker to their own records
 * (migration 0022).
 */
export const portalAccounts = pgTable('portal_accounts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  personId: integer('person_id')
    .notNull()
    .unique()
    .references(() => persons.id),
  /** The mobile number the registration code was sent to. */
  phone: text('phone').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().default(clockNow),
});

/**
 * Registration codes sent by SMS: only a keyed hash of the code is kept, with its expiry and the
 * wrong attempts made. The rows of a person and a phone are what rate-limit new requests.
 */
export const portalCodes = pgTable(
  'portal_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The keyed hash of the ID number the code was asked for. */
    idHash: text('id_hash').notNull(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().default(clockNow),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('portal_codes_id_hash_idx').on(t.idHash, t.sentAt), index('portal_codes_phone_idx').on(t.phone, t.sentAt), check('portal_codes_attempts', sql`${t.attempts} >= 0`)],
);

export type PortalAccountRow = typeof portalAccounts.$inferSelect;
export type PortalCodeRow = typeof portalCodes.$inferSelect;
