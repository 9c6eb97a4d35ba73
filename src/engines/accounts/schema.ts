import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Role } from './roles.ts';
import { orgUnits } from '../org/schema.ts';
import { clockNow } from '../../db/sql.ts';

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** The unit the user belongs to: they see and act only within its subtree. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [index('users_unit_idx').on(t.unitId)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(clockNow),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Where the sign-in came from, so the user can tell their sessions apart (and end a stranger's). */
    clientIp: text('client_ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type UserRow = typeof users.$inferSelect;

/**
 * Failed sign-ins, counted per account name and source address: the delays they bring fall on the
 * address that failed, so an attacker elsewhere cannot lock the real user out. The name is kept as
 * typed (lower-cased), known or not, so an unknown name is answered as a known one.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    account: text('account').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.account, t.address] }), index('login_failures_address_idx').on(t.address, t.lastAt)],
);
