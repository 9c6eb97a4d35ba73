import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { approvalChains } from '../../engines/approvals/schema.ts';
import { ledgerFunds } from '../../engines/ledger/schema.ts';
import { hardshipHouseholds, type HardshipGrade } from '../hardship/index.ts';
import { clockNow } from '../../db/sql.ts';

/** 两节慰问, 金秋助学, or any relief program the city defines with the same parts. */
export const CAMPAIGN_KINDS = ['festival', 'student_aid', 'custom'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
/** Who an application is for: a household, or a student. */
export const CAMPAIGN_SUBJECTS = ['household', 'student'] as const;
export type CampaignSubject = (typeof CAMPAIGN_SUBJECTS)[number];
export const SCHOOL_LEVELS = ['high_school', 'vocational', 'college'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const FUND_SOURCES = ['city', 'county', 'enterprise', 'donation'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** Who may apply: checked for every application, each rule with its reason. */
export interface EligibilityRules {
  /** Archived households of these grades (household campaigns). */
  grades?: HardshipGrade[];
  /** Households or students not (yet) on file, as explicit temporary cases. */
  allowNotFiled?: boolean;
  /** Student aid: these school levels. */
  schoolLevels?: SchoolLevel[];
  /** Student aid: not for students already funded elsewhere. */
  excludeFundedElsewhere?: boolean;
}

/** Standard amounts in fen: by grade (and for cases not on file), by school level and archive status. */
export interface CampaignStandards {
  byGrade?: Partial<Record<HardshipGrade | 'not_filed', number>>;
  bySchool?: Partial<Record<SchoolLevel, { filed: number; notFiled: number }>>;
}

export const reliefCampaigns = pgTable(
  'relief_campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The unit that runs the campaign (the city, usually); units below apply to it. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').$type<CampaignKind>().notNull(),
    subject: text('subject').$type<CampaignSubject>().notNull(),
    name: text('name').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    rules: jsonb('rules').$type<EligibilityRules>().notNull(),
    standards: jsonb('standards').$type<CampaignStandards>().notNull(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => approvalChains.id),
    fundId: integer('fund_id')
      .notNull()
      .references(() => ledgerFunds.id),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    index('relief_campaigns_unit_idx').on(t.unitId),
    check('relief_campaigns_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('relief_campaigns_subject_check', sql`${t.subject} in ('household','student')`),
  ],
);

/**
 * An application for a household or a student. `subjectKey` (the keyed hash of the worker's or the
 * student's ID number) is unique per campaign: one application per household or student across
 * the federation. The campaign leads the key (distributable by campaign).
 */
export const reliefApplications = pgTable(
  'relief_applications',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => reliefCampaigns.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    /** The union that entered it. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    subjectKey: text('subject_key').notNull(),
    householdId: integer('household_id').references(() => hardshipHouseholds.id),
    /** Whether the household was on file (filed) when the application was entered. */
    archived: boolean('archived').notNull(),
    grade: text('grade').$type<HardshipGrade>(),
    /** The worker's (or student's) name and masked ID number. */
    name: text('name').notNull(),
    idMasked: text('id_masked').notNull(),
    /** People in the household (for "people helped"). */
    people: integer('people').notNull().default(1),
    /** Student aid. */
    guardianName: text('guardian_name'),
    school: text('school'),
    schoolLevel: text('school_level').$type<SchoolLevel>(),
    fundedElsewhere: boolean('funded_elsewhere').notNull().default(false),
    bankName: text('bank_name'),
    bankAccountSealed: text('bank_account_sealed'),
    bankAccountMasked: text('bank_account_masked'),
    /** Each rule checked, with its reason. */
    eligibility: jsonb('eligibility').$type<{ rule: string; ok: boolean; reason: string }[]>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    approvalRequestId: integer('approval_request_id').notNull(),
    batchId: integer('batch_id'),
    paidOn: date('paid_on', { mode: 'string' }),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.id] }),
    unique('relief_applications_one_per_subject').on(t.campaignId, t.subjectKey),
    index('relief_applications_id_idx').on(t.id),
    index('relief_applications_unit_idx').on(t.unitId),
    index('relief_applications_batch_idx').on(t.campaignId, t.batchId),
    check('relief_applications_amount', sql`${t.amountFen} > 0`),
  ],
);

/** A payment batch: approved applications of one paying unit, exported to the bank, then confirmed paid. */
export const reliefBatches = pgTable(
  'relief_batches',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => reliefCampaigns.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    status: text('status').$type<'prepared' | 'paid'>().notNull().default('prepared'),
    count: integer('count').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    paidOn: date('paid_on', { mode: 'string' }),
    bankReference: text('bank_reference'),
    confirmedBy: integer('confirmed_by'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.id] }), index('relief_batches_id_idx').on(t.id), index('relief_batches_unit_idx').on(t.unitId)],
);

export type CampaignRow = typeof reliefCampaigns.$inferSelect;
export type ApplicationRow = typeof reliefApplications.$inferSelect;
export type BatchRow = typeof reliefBatches.$inferSelect;
