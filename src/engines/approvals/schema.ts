import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { clockNow } from '../../db/sql.ts';

/** The levels that decide, bottom up: a unit's kind decides at its level (township counts as grassroots). */
export const APPROVAL_LEVELS = ['grassroots', 'county', 'city'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** One step of a chain: a decision at a level, or a public notice (公示) of some days. */
export type ChainStep = { kind: 'decide'; level: ApprovalLevel; label?: string } | { kind: 'notice'; days: number; label?: string };

/** A chain of steps, set per campaign (or per any program that needs one). */
export const approvalChains = pgTable('approval_chains', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => orgUnits.id),
  name: text('name').notNull(),
  steps: jsonb('steps').$type<ChainStep[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
});

export const APPROVAL_STATUSES = ['pending', 'in_notice', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * A request going through a chain: what it is about (subject), where it comes from (unit, for
 * scope) and who made it (never its approver). `step` and `status` follow from the decisions and
 * are kept here so lists can filter on them; a decision moves them in the same statement.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => approvalChains.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    createdBy: integer('created_by').notNull(),
    /** Index of the step now open (= steps.length once finished). */
    step: integer('step').notNull().default(0),
    status: text('status').$type<ApprovalStatus>().notNull().default('pending'),
    noticeFrom: date('notice_from', { mode: 'string' }),
    noticeUntil: date('notice_until', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('approval_requests_subject').on(t.subjectType, t.subjectId),
    index('approval_requests_unit_idx').on(t.unitId),
    index('approval_requests_chain_status_idx').on(t.chainId, t.status, t.step),
    check('approval_requests_status_check', sql`${t.status} in ('pending','in_notice','approved','rejected')`),
  ],
);

export const DECISION_KINDS = ['approve', 'reject', 'skip', 'notice_passed'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** One row per step decided: the key (request, step) makes each step decidable once, whoever races. */
export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    step: integer('step').notNull(),
    kind: text('kind').$type<DecisionKind>().notNull(),
    level: text('level'),
    decidedBy: integer('decided_by'),
    decidedByName: text('decided_by_name').notNull(),
    /** The decider's unit. */
    unitId: integer('unit_id'),
    reason: text('reason'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.step] }),
    check('approval_decisions_kind_check', sql`${t.kind} in ('approve','reject','skip','notice_passed')`),
    check('approval_decisions_reason', sql`${t.kind} <> 'reject' OR length(${t.reason}) > 0`),
  ],
);

export type ApprovalChainRow = typeof approvalChains.$inferSelect;
export type ApprovalRequestRow = typeof approvalRequests.$inferSelect;
export type ApprovalDecisionRow = typeof approvalDecisions.$inferSelect;
