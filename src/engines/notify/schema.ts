import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { users } from '../accounts/schema.ts';
import { clockNow } from '../../db/sql.ts';

/** An in-app notification to one user, about a unit (read by that user only). */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The unit the notification is about (its raiser must have it in scope). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 'behind_target', 'due', 'bulletin', … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where to go: a path in the web app. */
    link: text('link'),
    causeKey: text('cause_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_unit_idx').on(t.unitId)],
);

/**
 * Why a nudge was sent: one row per unit and cause. A nudge fires when its cause is first raised
 * (or raised again after it was cleared), never again while it stays open.
 */
export const notificationCauses = pgTable(
  'notification_causes',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    causeKey: text('cause_key').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().default(clockNow),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    /** How many times the cause has been raised (1 + times raised again after clearing). */
    times: integer('times').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.causeKey] })],
);

/** Where a user wants messages outside the app, and which. */
export const notificationContacts = pgTable('notification_contacts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: text('email'),
  mobile: text('mobile'),
  digestByEmail: boolean('digest_by_email').notNull().default(false),
  digestBySms: boolean('digest_by_sms').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
});

/** Messages sent outside the app (the daily digest), one per user, channel and day. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    digestDay: date('digest_day', { mode: 'string' }).notNull(),
    notifications: integer('notifications').notNull(),
    status: text('status').$type<'sent' | 'failed'>().notNull(),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [uniqueIndex('notification_deliveries_once').on(t.userId, t.channel, t.digestDay)],
);

export type NotificationRow = typeof notifications.$inferSelect;
