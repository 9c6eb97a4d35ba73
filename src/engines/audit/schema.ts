import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE, the app role may only
 * insert through gonghui_audit_append) and hash-chained (each row's hash covers the previous
 * row's hash and its own content), so an edit made behind the app's back is found by verify.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    /** create, update, move, close, login, view … */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** The unit the record belongs to; scopes who may read the entry. */
    unitId: integer('unit_id'),
    /** Why a sensitive record was viewed, or a note on the change. */
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_unit_idx').on(t.unitId), index('audit_log_at_idx').on(t.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;
