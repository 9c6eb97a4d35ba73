import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { clockNow } from '../../db/sql.ts';

export const IMPORT_JOB_STATUSES = ['queued', 'validating', 'importing', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
export const IMPORT_MODES = ['valid_only', 'all_or_nothing'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  imported: number;
  unchanged: number;
}

/** A roster upload and its progress; the file and the marked workbook live in the data folder. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    /** The unit the upload was made for: the rows may only touch its subtree. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    mode: text('mode').$type<ImportMode>().notNull(),
    status: text('status').$type<ImportJobStatus>().notNull(),
    fileName: text('file_name').notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    counts: jsonb('counts').$type<ImportCounts>(),
    /** Rows already committed by a job that writes batch by batch, and the last file row they reach. */
    written: integer('written').notNull().default(0),
    writtenThrough: integer('written_through'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_unit_idx').on(t.unitId), index('import_jobs_created_by_idx').on(t.createdBy)],
);

export type ImportJobRow = typeof importJobs.$inferSelect;
