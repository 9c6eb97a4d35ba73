import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../engines/org/schema.ts';
import { users } from '../../engines/accounts/schema.ts';
import { cases } from '../../engines/cases/schema.ts';
import { enterprises } from '../membership/index.ts';
import { clockNow } from '../../db/sql.ts';

/** 职工法律服务团: a lawyer of the workers' legal service team. */
export const lawyers = pgTable(
  'lawyers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The unit whose team the lawyer belongs to (usually the city federation). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The lawyer's login, when they have one (they then see the cases assigned to them). */
    userId: integer('user_id')
      .unique()
      .references(() => users.id),
    name: text('name').notNull(),
    /** 律师执业证号. */
    licenceNo: text('licence_no').notNull().unique(),
    firm: text('firm').notNull(),
    phone: text('phone'),
    available: boolean('available').notNull().default(true),
    availabilityNote: text('availability_note'),
    active: boolean('active').notNull().default(true),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [index('lawyers_unit_idx').on(t.unitId)],
);

/** The units a lawyer serves. */
export const lawyerUnits = pgTable(
  'lawyer_units',
  {
    lawyerId: integer('lawyer_id')
      .notNull()
      .references(() => lawyers.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.lawyerId, t.unitId] }), index('lawyer_units_unit_idx').on(t.unitId)],
);

export const INTAKE_CHANNELS = ['station', 'hotline', 'portal', 'referral', 'arbitration_committee', 'court'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** The channels through which the union receives a dispute; the others bring it in to take part later. */
export const RECEIVING_CHANNELS: readonly IntakeChannel[] = ['station', 'hotline', 'portal', 'referral'];

export const DISPUTE_TYPES = ['wages', 'social_insurance', 'termination', 'work_injury', 'overtime', 'other'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** 劳动争议: what a labour-dispute case carries beyond the case engine's record. */
export const legalDisputes = pgTable(
  'legal_disputes',
  {
    caseId: integer('case_id')
      .primaryKey()
      .references(() => cases.id),
    channel: text('channel').$type<IntakeChannel>().notNull(),
    /** Which station, which referring body. */
    channelNote: text('channel_note'),
    disputeType: text('dispute_type').$type<DisputeType>().notNull(),
    claimedFen: bigint('claimed_fen', { mode: 'number' }).notNull().default(0),
    collective: boolean('collective').notNull().default(false),
    employerName: text('employer_name').notNull(),
    employerCreditCode: text('employer_credit_code'),
    /** The employer in the enterprise register, when it is there (and in scope). */
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    /** The facts as told (sensitive): sealed. */
    factsSealed: text('facts_sealed'),
  },
  (t) => [
    index('legal_disputes_employer_idx').on(t.employerCreditCode),
    check('legal_disputes_channel_check', sql`${t.channel} in ('station','hotline','portal','referral','arbitration_committee','court')`),
    check('legal_disputes_type_check', sql`${t.disputeType} in ('wages','social_insurance','termination','work_injury','overtime','other')`),
    check('legal_disputes_claimed', sql`${t.claimedFen} >= 0`),
  ],
);

/** The workers party to a dispute (one, or many in a collective dispute); ID numbers sealed. */
export const legalParties = pgTable(
  'legal_parties',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    idHash: text('id_hash').notNull(),
    idSealed: text('id_sealed').notNull(),
    idMasked: text('id_masked').notNull(),
    gender: text('gender').$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    migrantWorker: boolean('migrant_worker').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.id] }), index('legal_parties_hash_idx').on(t.idHash), index('legal_parties_id_idx').on(t.id)],
);

export const AID_DECISIONS = ['pending', 'granted', 'refused'] as const;
export type AidDecision = (typeof AID_DECISIONS)[number];

/** 法律援助: a worker asks, the union decides, a lawyer of the team is assigned. */
export const legalAidRequests = pgTable(
  'legal_aid_requests',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    partyId: integer('party_id').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    decision: text('decision').$type<AidDecision>().notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: integer('decided_by'),
    decisionNote: text('decision_note'),
    lawyerId: integer('lawyer_id').references(() => lawyers.id),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.id] }),
    index('legal_aid_requests_id_idx').on(t.id),
    check('legal_aid_decision_check', sql`${t.decision} in ('pending','granted','refused')`),
    check('legal_aid_granted_has_lawyer', sql`${t.decision} <> 'granted' OR ${t.lawyerId} IS NOT NULL`),
  ],
);

export type LawyerRow = typeof lawyers.$inferSelect;
export type LegalDisputeRow = typeof legalDisputes.$inferSelect;
export type LegalPartyRow = typeof legalParties.$inferSelect;
export type LegalAidRow = typeof legalAidRequests.$inferSelect;
