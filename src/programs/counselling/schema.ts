import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { users } from '../../engines/accounts/schema.ts';
import { clockNow } from '../../db/sql.ts';

/** 心理咨询服务团: a qualified counsellor. */
export const counsellors = pgTable(
  'counsellors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The counsellor's login: the only account that can read their session notes. */
    userId: integer('user_id')
      .unique()
      .references(() => users.id),
    name: text('name').notNull(),
    /** 国家二级心理咨询师, 心理治疗师 … */
    qualification: text('qualification').notNull(),
    qualificationNo: text('qualification_no'),
    phone: text('phone'),
    available: boolean('available').notNull().default(true),
    availabilityNote: text('availability_note'),
    active: boolean('active').notNull().default(true),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [index('counsellors_unit_idx').on(t.unitId)],
);

/** The units a counsellor serves. */
export const counsellorUnits = pgTable(
  'counsellor_units',
  {
    counsellorId: integer('counsellor_id')
      .notNull()
      .references(() => counsellors.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.counsellorId, t.unitId] }), index('counsellor_units_unit_idx').on(t.unitId)],
);

/** 职工心理咨询室. */
export const counsellingRooms = pgTable('counselling_rooms', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => orgUnits.id),
  name: text('name').notNull(),
  address: text('address'),
  active: boolean('active').notNull().default(true),
});

/**
 * A bookable time of a counsellor in a room. Neither a counsellor nor a room has two slots at
 * once (exclusion constraints, migration 0013); a withdrawn slot no longer counts.
 */
export const counsellingSlots = pgTable(
  'counselling_slots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    counsellorId: integer('counsellor_id')
      .notNull()
      .references(() => counsellors.id),
    roomId: integer('room_id')
      .notNull()
      .references(() => counsellingRooms.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    withdrawn: boolean('withdrawn').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [index('counselling_slots_time_idx').on(t.startsAt), check('counselling_slots_period', sql`${t.endsAt} > ${t.startsAt}`)],
);

export const APPOINTMENT_STATUSES = ['requested', 'confirmed', 'cancelled', 'completed', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const REQUESTERS = ['worker', 'union'] as const;
export type Requester = (typeof REQUESTERS)[number];
export const TOPICS = ['work_stress', 'relationships', 'family', 'emotions', 'career', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * An appointment on a slot. A slot holds at most one live appointment (requested, confirmed or
 * completed): the partial unique index is what makes double booking impossible.
 */
export const counsellingAppointments = pgTable(
  'counselling_appointments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The unit the client comes through (the requesting union, or the worker's). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    slotId: integer('slot_id')
      .notNull()
      .references(() => counsellingSlots.id),
    counsellorId: integer('counsellor_id')
      .notNull()
      .references(() => counsellors.id),
    requestedBy: text('requested_by').$type<Requester>().notNull(),
    clientName: text('client_name').notNull(),
    clientPhone: text('client_phone'),
    topic: text('topic').$type<Topic>().notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().default(clockNow),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** When the counsellor last wrote a session note: that one exists, never what it says. */
    noteWrittenAt: timestamp('note_written_at', { withTimezone: true }),
    createdBy: integer('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('counselling_appointments_one_per_slot').on(t.slotId).where(sql`${t.status} in ('requested','confirmed','completed')`),
    index('counselling_appointments_unit_idx').on(t.unitId, t.status),
    index('counselling_appointments_counsellor_idx').on(t.counsellorId),
    check('counselling_appointments_status_check', sql`${t.status} in ('requested','confirmed','cancelled','completed','no_show')`),
    check('counselling_appointments_requester_check', sql`${t.requestedBy} in ('worker','union')`),
  ],
);

/**
 * Session notes: sealed with the counselling-notes key, and visible (row-level security) only to
 * the counsellor who wrote them. Never updated; an amendment is a new note.
 */
export const counsellingNotes = pgTable(
  'counselling_notes',
  {
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => counsellingAppointments.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    counsellorUserId: integer('counsellor_user_id')
      .notNull()
      .references(() => users.id),
    bodySealed: text('body_sealed').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.id] })],
);

export const FOLLOW_UP_METHODS = ['phone', 'visit', 'session'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

/** A follow-up after a session: when and how, and when it was done (its content goes in a note). */
export const counsellingFollowUps = pgTable(
  'counselling_follow_ups',
  {
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => counsellingAppointments.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    method: text('method').$type<FollowUpMethod>().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    createdBy: integer('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.id] }), index('counselling_follow_ups_id_idx').on(t.id)],
);

export type CounsellorRow = typeof counsellors.$inferSelect;
export type RoomRow = typeof counsellingRooms.$inferSelect;
export type SlotRow = typeof counsellingSlots.$inferSelect;
export type AppointmentRow = typeof counsellingAppointments.$inferSelect;
export type FollowUpRow = typeof counsellingFollowUps.$inferSelect;
