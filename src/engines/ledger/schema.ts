import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { clockNow } from '../../db/sql.ts';

/**
 * A fund: one pool of money with recorded sources (a campaign's pool, the mutual-aid pool, an
 * allowance budget). Its money sits in accounts held by units; every movement is an entry whose
 * lines sum to zero (double entry, in fen).
 */
export const ledgerFunds = pgTable(
  'ledger_funds',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The unit that owns the fund (and sees all of it). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Stable key of the owner, e.g. 'relief.campaign.12'. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [index('ledger_funds_unit_idx').on(t.unitId)],
);

/**
 * source   money coming in from outside (city budget, county, enterprises, donations): credit-normal, negative;
 * pool     money a unit holds and may commit: never below zero;
 * payable  committed to an approved recipient, not yet paid out: never below zero;
 * paid     paid out to recipients: never below zero.
 */
export const LEDGER_ACCOUNT_KINDS = ['source', 'pool', 'payable', 'paid'] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fundId: integer('fund_id')
      .notNull()
      .references(() => ledgerFunds.id),
    /** The unit that holds the account; scope follows it. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').$type<LedgerAccountKind>().notNull(),
    /** Distinguishes accounts of one kind, e.g. the source type ('city', 'donation'). */
    code: text('code').notNull().default(''),
    name: text('name').notNull(),
    /** Sum of the account's lines, kept by a trigger on ledger_lines (never written by the app). */
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    unique('ledger_accounts_identity').on(t.fundId, t.unitId, t.kind, t.code),
    index('ledger_accounts_unit_idx').on(t.unitId),
    check('ledger_accounts_kind_check', sql`${t.kind} in ('source','pool','payable','paid')`),
    // A fund never goes below zero: no account that holds money may.
    check('ledger_accounts_not_negative', sql`${t.kind} = 'source' OR ${t.balance} >= 0`),
  ],
);

export const LEDGER_ENTRY_KINDS = ['raise', 'allocate', 'commit', 'release', 'pay', 'reverse'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/**
 * One movement of money. The fund leads the key (distributable by fund). An idempotency key makes
 * a retried or concurrent posting land once: the second finds the first.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    fundId: integer('fund_id')
      .notNull()
      .references(() => ledgerFunds.id),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    kind: text('kind').$type<LedgerEntryKind>().notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The unit on whose behalf the entry was made. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    memo: text('memo').notNull(),
    /** What the entry is for, e.g. ('relief_application', '12:345'): the trail from money to record. */
    refType: text('ref_type'),
    refId: text('ref_id'),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    postedBy: integer('posted_by'),
    postedByName: text('posted_by_name').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().default(clockNow),
  },
  (t) => [
    primaryKey({ columns: [t.fundId, t.id] }),
    unique('ledger_entries_idempotency').on(t.fundId, t.idempotencyKey),
    index('ledger_entries_ref_idx').on(t.refType, t.refId),
    index('ledger_entries_unit_idx').on(t.unitId),
    check('ledger_entries_kind_check', sql`${t.kind} in ('raise','allocate','commit','release','pay','reverse')`),
  ],
);

/** The lines of an entry: signed amounts in fen (debit positive) that sum to zero per entry. */
export const ledgerLines = pgTable(
  'ledger_lines',
  {
    fundId: integer('fund_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fundId, t.id] }),
    foreignKey({ columns: [t.fundId, t.entryId], foreignColumns: [ledgerEntries.fundId, ledgerEntries.id], name: 'ledger_lines_entry_fk' }),
    index('ledger_lines_entry_idx').on(t.fundId, t.entryId),
    index('ledger_lines_account_idx').on(t.accountId),
    check('ledger_lines_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);

export type LedgerFundRow = typeof ledgerFunds.$inferSelect;
export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type LedgerLineRow = typeof ledgerLines.$inferSelect;
