import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { clockNow } from '../../db/sql.ts';

/** 深度困难 / 相对困难 / 意外致困 (domain.md §2B). */
export const HARDSHIP_GRADES = ['deep', 'relative', 'accident'] as const;
export type HardshipGrade = (typeof HARDSHIP_GRADES)[number];

/** applied → verified (入户核查) → in_notice (公示) → filed; exited, and back (返困). */
export const HOUSEHOLD_STATUSES = ['applied', 'verified', 'in_notice', 'filed', 'not_filed', 'exited'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

/** 存量 / 增量 / 返困. */
export const HOUSEHOLD_INTAKES = ['existing', 'new', 'returned'] as const;
export type HouseholdIntake = (typeof HOUSEHOLD_INTAKES)[number];

export const EXIT_REASONS = ['recovered', 'government_support', 'deceased', 'moved_away', 'misidentified'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/**
 * The local minimum-living standard (低保, fen per person per month) and the grading rule, per unit
 * (the city's, or a county's own) from a date. The rule applied to a household is the one of its
 * nearest unit upwards valid on the day; every figure is data, not code.
 */
export const hardshipStandards = pgTable(
  'hardship_standards',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    minimumLivingFen: integer('minimum_living_fen').notNull(),
    /** Deep hardship below this share of the standard (percent). */
    deepPct: integer('deep_pct').notNull().default(100),
    /** Relative hardship below this share (percent). */
    relativePct: integer('relative_pct').notNull().default(200),
    /** Accident-caused when the year's hardship costs exceed this share of household income. */
    accidentCostPct: integer('accident_cost_pct').notNull().default(80),
    /** Migrant workers need this many months of employment. */
    migrantMinMonths: integer('migrant_min_months').notNull().default(12),
    reviewMonths: integer('review_months').notNull().default(12),
    noticeDays: integer('notice_days').notNull().default(7),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.validFrom] }), check('hardship_standards_positive', sql`${t.minimumLivingFen} > 0`)],
);

/**
 * 困难职工档案: one household, one file, across the federation (the worker's ID number, by its
 * keyed hash, is unique). Identifiers and the bank account are sealed; incomes live in
 * hardship_finances. The grade and the computation behind it are stored as computed.
 */
export const hardshipHouseholds = pgTable(
  'hardship_households',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The union (or other unit) that keeps the file. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    status: text('status').$type<HouseholdStatus>().notNull().default('applied'),
    intake: text('intake').$type<HouseholdIntake>().notNull().default('new'),
    workerName: text('worker_name').notNull(),
    idHash: text('id_hash').notNull().unique(),
    idSealed: text('id_sealed').notNull(),
    idMasked: text('id_masked').notNull(),
    gender: text('gender').$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    ethnicity: text('ethnicity'),
    health: text('health'),
    disability: text('disability'),
    employment: text('employment'),
    employer: text('employer'),
    industry: text('industry'),
    housing: text('housing'),
    phone: text('phone'),
    address: text('address'),
    migrantWorker: boolean('migrant_worker').notNull().default(false),
    employedSince: date('employed_since', { mode: 'string' }),
    mainCause: text('main_cause').notNull(),
    secondaryCauses: jsonb('secondary_causes').$type<string[]>().notNull().default([]),
    bankName: text('bank_name'),
    bankAccountSealed: text('bank_account_sealed'),
    bankAccountMasked: text('bank_account_masked'),
    bankAccountHash: text('bank_account_hash'),
    /** A major disaster, injury or disability this year. */
    accident: boolean('accident').notNull().default(false),
    householdSize: integer('household_size').notNull().default(1),
    grade: text('grade').$type<HardshipGrade>(),
    /** The computation behind the grade (figures, standard, rule), as shown to the cadre. */
    gradeBasis: jsonb('grade_basis'),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    noticeFrom: date('notice_from', { mode: 'string' }),
    noticeUntil: date('notice_until', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }),
    nextReviewDue: date('next_review_due', { mode: 'string' }),
    exitedOn: date('exited_on', { mode: 'string' }),
    exitReason: text('exit_reason').$type<ExitReason>(),
    createdBy: integer('created_by').notNull(),
    verifiedBy: integer('verified_by'),
    filedBy: integer('filed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    index('hardship_households_unit_idx').on(t.unitId, t.status),
    index('hardship_households_review_idx').on(t.nextReviewDue),
    check('hardship_households_status_check', sql`${t.status} in ('applied','verified','in_notice','filed','not_filed','exited')`),
    check('hardship_households_grade_check', sql`${t.grade} IS NULL OR ${t.grade} in ('deep','relative','accident')`),
    check('hardship_households_secondary', sql`jsonb_array_length(${t.secondaryCauses}) <= 3`),
  ],
);

/** Household members other than the worker (the household key leads: distributable by household). */
export const hardshipMembers = pgTable(
  'hardship_members',
  {
    householdId: integer('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    idHash: text('id_hash'),
    idSealed: text('id_sealed'),
    idMasked: text('id_masked'),
    health: text('health'),
    occupation: text('occupation'),
    /** For children in school: 'high_school', 'vocational', 'college'. */
    schoolLevel: text('school_level'),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.seq] }), index('hardship_members_id_hash_idx').on(t.idHash)],
);

/** Yearly incomes and rigid expenses (刚性支出), in fen. */
export const hardshipFinances = pgTable(
  'hardship_finances',
  {
    householdId: integer('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    seq: integer('seq').notNull(),
    kind: text('kind').$type<'income' | 'expense'>().notNull(),
    category: text('category').notNull(),
    annualFen: bigint('annual_fen', { mode: 'number' }).notNull(),
    /** An expense caused by the hardship itself (medical, disaster) — counts for 意外致困. */
    hardshipCost: boolean('hardship_cost').notNull().default(false),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.seq] }), check('hardship_finances_kind', sql`${t.kind} in ('income','expense')`), check('hardship_finances_nonneg', sql`${t.annualFen} >= 0`)],
);

/** The file's full history: registered, visited, notice, filed, reviewed, exited, re-entered … */
export const hardshipEvents = pgTable(
  'hardship_events',
  {
    householdId: integer('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    action: text('action').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    details: jsonb('details'),
    at: timestamp('at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.id] })],
);

/** Proof documents, stored as files under the data folder beside the record. */
export const hardshipAttachments = pgTable(
  'hardship_attachments',
  {
    householdId: integer('household_id')
      .notNull()
      .references(() => hardshipHouseholds.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storedAs: text('stored_as').notNull(),
    note: text('note'),
    uploadedBy: integer('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.id] }), index('hardship_attachments_id_idx').on(t.id)],
);

export type HardshipStandardRow = typeof hardshipStandards.$inferSelect;
export type HouseholdRow = typeof hardshipHouseholds.$inferSelect;
export type HouseholdMemberRow = typeof hardshipMembers.$inferSelect;
export type HouseholdFinanceRow = typeof hardshipFinances.$inferSelect;
export type HouseholdEventRow = typeof hardshipEvents.$inferSelect;
export type AttachmentRow = typeof hardshipAttachments.$inferSelect;
