import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { users } from '../accounts/schema.ts';
import { clockNow } from '../../db/sql.ts';

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A case of any program that works through stages (a labour dispute, later others): which unit it
 * belongs to (scope), which flow it follows (`kind`), the stage it is in, and how it was closed.
 * What a program knows beyond this lives in its own table keyed by the case id.
 */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The flow it follows, e.g. 'labour_dispute'. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    stage: text('stage').notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    /** One of the flow's results, set on closing. */
    result: text('result'),
    resultNote: text('result_note'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    index('cases_unit_idx').on(t.unitId, t.status),
    index('cases_kind_opened_idx').on(t.kind, t.openedOn),
    check('cases_status_check', sql`${t.status} in ('open','closed')`),
    check('cases_closed_consistent', sql`(${t.status} = 'closed') = (${t.closedOn} IS NOT NULL AND ${t.result} IS NOT NULL)`),
    check('cases_closed_after_opened', sql`${t.closedOn} IS NULL OR ${t.closedOn} >= ${t.openedOn}`),
  ],
);

/**
 * The stages a case has gone through, in order: the role the union took there, the dates, the
 * outcome and any amount obtained for the workers at that stage (fen).
 */
export const caseStages = pgTable(
  'case_stages',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    stage: text('stage').notNull(),
    role: text('role').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    outcome: text('outcome'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.seq] }),
    index('case_stages_stage_idx').on(t.stage, t.startedOn),
    check('case_stages_amount', sql`${t.amountFen} >= 0`),
    check('case_stages_period', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/** Dated facts of a case (the worker learnt of the violation, an award was served …): deadlines run from them. */
export const caseEvents = pgTable(
  'case_events',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    stageSeq: integer('stage_seq'),
    note: text('note'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.id] }), index('case_events_kind_idx').on(t.caseId, t.kind)],
);

/**
 * The deadlines of a case as last computed from its events (recomputed on every change), so the
 * "due soon" query of the reminder job is one indexed range.
 */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    key: text('key').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    extended: boolean('extended').notNull().default(false),
    metOn: date('met_on', { mode: 'string' }),
    /** The day the period itself ended, when that was a rest day and the due date moved past it. */
    nominalDueOn: date('nominal_due_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.key] }), index('case_deadlines_due_idx').on(t.dueOn).where(sql`${t.metOn} IS NULL`)],
);

/**
 * Who works a case: a lawyer (or another person) assigned from a date until the assignment ends.
 * The unit is the case's, kept here so the access policy needs no look-up of the case.
 */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    assignedBy: integer('assigned_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.id] }),
    uniqueIndex('case_assignments_one_current').on(t.caseId, t.userId).where(sql`${t.endedOn} IS NULL`),
    index('case_assignments_user_idx').on(t.userId).where(sql`${t.endedOn} IS NULL`),
  ],
);

/** Files attached to a case, stored under the data folder; the row keeps name, type, size and digest. */
export const caseDocuments = pgTable(
  'case_documents',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    stageSeq: integer('stage_seq'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storedAs: text('stored_as').notNull(),
    note: text('note'),
    uploadedBy: integer('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.id] }), index('case_documents_id_idx').on(t.id)],
);

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * The official calendar of rest days (法定休假日): public holidays, and the weekend days made
 * working days (调休上班). A year with no row is not in the calendar: only weekends count there.
 * Kept by the city; read by everyone, since deadlines everywhere move by it.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    kind: text('kind').$type<CalendarDayKind>().notNull(),
    /** The holiday's name (春节), or for a make-up working day the holiday it belongs to. */
    name: text('name').notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [check('calendar_days_kind_check', sql`${t.kind} in ('holiday','workday')`)],
);

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type CaseStageRow = typeof caseStages.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseDeadlineRow = typeof caseDeadlines.$inferSelect;
export type CaseAssignmentRow = typeof caseAssignments.$inferSelect;
export type CaseDocumentRow = typeof caseDocuments.$inferSelect;
