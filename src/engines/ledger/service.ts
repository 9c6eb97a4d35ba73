/**
 * The ledger: funds, accounts held by units, and double-entry postings in fen. The database keeps
 * the books honest whatever the caller does: each account's balance follows its lines (trigger),
 * every entry sums to zero (deferred constraint trigger), no account that holds money goes below
 * zero (CHECK, under the row lock the posting takes), and an idempotency key lands a posting once.
 * Programs (relief, mutual aid, allowances) build on the posting helpers at the end.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { isUniqueViolation, pgError } from '../db-errors.ts';
import { subtreeRange } from '../org/service.ts';
import { orgUnits } from '../org/schema.ts';
import { todayInShanghai, type IsoDate } from '../time.ts';
import { ledgerError } from './errors.ts';
import { ledgerAccounts, ledgerEntries, ledgerFunds, ledgerLines, type LedgerAccountKind, type LedgerAccountRow, type LedgerEntryKind, type LedgerEntryRow, type LedgerFundRow } from './schema.ts';

const isNegativeBalance = (e: unknown) => {
  const pe = pgError(e);
  return pe?.code === '23514' && (pe.constraint === 'ledger_accounts_not_negative' || !!pe.message?.includes('ledger_accounts_not_negative'));
};

// ── Funds and accounts ──────────────────────────────────────────────────────────────────────

export async function openFund(ctx: Ctx, input: { unitId: number; code: string; name: string }): Promise<LedgerFundRow> {
  try {
    const [row] = await ctx.db.transaction((sp) => sp.insert(ledgerFunds).values(input).returning());
    await recordAudit(ctx, { action: 'create', entity: 'ledger_fund', entityId: row!.id, unitId: input.unitId, after: row });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e, 'ledger_funds_code_unique')) throw ledgerError('LEDGER_FUND_CODE_TAKEN');
    throw e;
  }
}

export async function getFund(ctx: Ctx, id: number): Promise<LedgerFundRow> {
  const [row] = await ctx.db.select().from(ledgerFunds).where(eq(ledgerFunds.id, id));
  if (!row) throw ledgerError('LEDGER_FUND_NOT_FOUND');
  return row;
}

const KIND_NAMES: Record<LedgerAccountKind, string> = { source: '资金来源', pool: '可用资金', payable: '已批待付', paid: '已支付' };

/** The account of a unit in a fund, of a kind (and code), created on first use. */
export async function accountOf(ctx: Ctx, fundId: number, unitId: number, kind: LedgerAccountKind, code = '', label?: string): Promise<LedgerAccountRow> {
  const where = and(eq(ledgerAccounts.fundId, fundId), eq(ledgerAccounts.unitId, unitId), eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.code, code));
  const [found] = await ctx.db.select().from(ledgerAccounts).where(where);
  if (found) return found;
  const [unit] = await ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) throw ledgerError('LEDGER_UNIT_NOT_FOUND');
  const name = `${unit.name} ${label ?? KIND_NAMES[kind]}`;
  // Named columns only: the app role may not write a balance, not even a default one.
  await ctx.db.execute(sql`INSERT INTO ledger_accounts (fund_id, unit_id, kind, code, name) VALUES (${fundId}, ${unitId}, ${kind}, ${code}, ${name}) ON CONFLICT DO NOTHING`);
  const [row] = await ctx.db.select().from(ledgerAccounts).where(where);
  return row!;
}

// ── Posting ─────────────────────────────────────────────────────────────────────────────────

export interface PostingLine {
  accountId: number;
  /** Signed fen, debit positive; the lines of one posting sum to zero. */
  amount: number;
}

export interface Posting {
  fundId: number;
  kind: LedgerEntryKind;
  unitId: number;
  memo: string;
  ref?: { type: string; id: string } | undefined;
  /** The same key posts once: a retry, or a racing twin, gets the first posting back. */
  idempotencyKey?: string | undefined;
  postedOn?: IsoDate | undefined;
  lines: PostingLine[];
}

export interface Posted {
  entry: LedgerEntryRow;
  /** False when the key had already been posted (nothing new was written). */
  created: boolean;
}

export async function post(ctx: Ctx, p: Posting): Promise<Posted> {
  if (p.lines.length < 2) throw ledgerError('LEDGER_UNBALANCED');
  for (const l of p.lines) if (!Number.isSafeInteger(l.amount) || l.amount === 0) throw ledgerError('LEDGER_AMOUNT_INVALID');
  if (p.lines.reduce((s, l) => s + l.amount, 0) !== 0) throw ledgerError('LEDGER_UNBALANCED');
  const total = p.lines.reduce((s, l) => s + Math.max(0, l.amount), 0);
  try {
    // A savepoint: a refused posting (no money, a reused key) leaves the request's transaction usable.
    return await ctx.db.transaction(async (sp) => {
      const [entry] = await sp
        .insert(ledgerEntries)
        .values({
          fundId: p.fundId,
          kind: p.kind,
          unitId: p.unitId,
          memo: p.memo,
          refType: p.ref?.type ?? null,
          refId: p.ref?.id ?? null,
          idempotencyKey: p.idempotencyKey ?? null,
          postedOn: p.postedOn ?? todayInShanghai(),
          postedBy: ctx.actor.userId,
          postedByName: ctx.actor.username,
        })
        .onConflictDoNothing({ target: [ledgerEntries.fundId, ledgerEntries.idempotencyKey] })
        .returning();
      if (!entry) {
        // Posted before (a retry) or by a concurrent twin that committed first.
        const [prior] = await sp
          .select()
          .from(ledgerEntries)
          .where(and(eq(ledgerEntries.fundId, p.fundId), eq(ledgerEntries.idempotencyKey, p.idempotencyKey!)));
        if (!prior || prior.kind !== p.kind || prior.refType !== (p.ref?.type ?? null) || prior.refId !== (p.ref?.id ?? null)) throw ledgerError('LEDGER_KEY_REUSED');
        return { entry: prior, created: false };
      }
      await sp.insert(ledgerLines).values(p.lines.map((l) => ({ fundId: p.fundId, entryId: entry.id, accountId: l.accountId, amount: l.amount })));
      return { entry, created: true };
    });
  } catch (e) {
    if (isNegativeBalance(e)) throw ledgerError('LEDGER_INSUFFICIENT_FUNDS', `资金余额不足，无法${p.memo}（${(total / 100).toFixed(2)} 元）`);
    throw e;
  }
}

// ── The postings programs use ───────────────────────────────────────────────────────────────

interface Common {
  fundId: number;
  amount: number;
  memo: string;
  idempotencyKey?: string | undefined;
  ref?: { type: string; id: string } | undefined;
  postedOn?: IsoDate | undefined;
}

function positive(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw ledgerError('LEDGER_AMOUNT_INVALID');
}

/** Money raised by a unit from a source (city budget, county, enterprises, donations …). */
export async function raise(ctx: Ctx, p: Common & { unitId: number; source: string; sourceLabel: string }): Promise<Posted> {
  positive(p.amount);
  const pool = await accountOf(ctx, p.fundId, p.unitId, 'pool');
  const source = await accountOf(ctx, p.fundId, p.unitId, 'source', p.source, p.sourceLabel);
  const r = await post(ctx, {
    ...p,
    kind: 'raise',
    unitId: p.unitId,
    lines: [
      { accountId: pool.id, amount: p.amount },
      { accountId: source.id, amount: -p.amount },
    ],
  });
  if (r.created)
    await recordAudit(ctx, {
      action: 'create',
      entity: 'ledger_entry',
      entityId: `${p.fundId}:${r.entry.id}`,
      unitId: p.unitId,
      after: { kind: 'raise', amount: p.amount, source: p.source, memo: p.memo },
    });
  return r;
}

/** Money passed down from one unit's pool to another's (拨付). */
export async function allocate(ctx: Ctx, p: Common & { fromUnitId: number; toUnitId: number }): Promise<Posted> {
  positive(p.amount);
  const from = await accountOf(ctx, p.fundId, p.fromUnitId, 'pool');
  const to = await accountOf(ctx, p.fundId, p.toUnitId, 'pool');
  const r = await post(ctx, {
    ...p,
    kind: 'allocate',
    unitId: p.fromUnitId,
    lines: [
      { accountId: from.id, amount: -p.amount },
      { accountId: to.id, amount: p.amount },
    ],
  });
  if (r.created)
    await recordAudit(ctx, {
      action: 'create',
      entity: 'ledger_entry',
      entityId: `${p.fundId}:${r.entry.id}`,
      unitId: p.fromUnitId,
      after: { kind: 'allocate', amount: p.amount, toUnitId: p.toUnitId, memo: p.memo },
    });
  return r;
}

/** Money promised to an approved recipient: out of the unit's pool into payable. */
export async function commit(ctx: Ctx, p: Common & { unitId: number }): Promise<Posted> {
  positive(p.amount);
  const pool = await accountOf(ctx, p.fundId, p.unitId, 'pool');
  const payable = await accountOf(ctx, p.fundId, p.unitId, 'payable');
  return post(ctx, {
    ...p,
    kind: 'commit',
    unitId: p.unitId,
    lines: [
      { accountId: pool.id, amount: -p.amount },
      { accountId: payable.id, amount: p.amount },
    ],
  });
}

/** A promise withdrawn: back from payable into the pool. */
export async function release(ctx: Ctx, p: Common & { unitId: number }): Promise<Posted> {
  positive(p.amount);
  const pool = await accountOf(ctx, p.fundId, p.unitId, 'pool');
  const payable = await accountOf(ctx, p.fundId, p.unitId, 'payable');
  return post(ctx, {
    ...p,
    kind: 'release',
    unitId: p.unitId,
    lines: [
      { accountId: payable.id, amount: -p.amount },
      { accountId: pool.id, amount: p.amount },
    ],
  });
}

/** A payment made (the bank confirmed the transfer): out of payable into paid. */
export async function pay(ctx: Ctx, p: Common & { unitId: number }): Promise<Posted> {
  positive(p.amount);
  const payable = await accountOf(ctx, p.fundId, p.unitId, 'payable');
  const paid = await accountOf(ctx, p.fundId, p.unitId, 'paid');
  return post(ctx, {
    ...p,
    kind: 'pay',
    unitId: p.unitId,
    lines: [
      { accountId: payable.id, amount: -p.amount },
      { accountId: paid.id, amount: p.amount },
    ],
  });
}

// ── Reading the books ───────────────────────────────────────────────────────────────────────

/** Which lines a figure is made of: the same filter sums the figure and lists its postings. */
export interface LineFilter {
  fundId: number;
  accountKind?: LedgerAccountKind | undefined;
  accountCode?: string | undefined;
  entryKinds?: LedgerEntryKind[] | undefined;
  /** Only accounts held in this unit's subtree. */
  underPath?: string | undefined;
  /** Only accounts held by this very unit. */
  unitId?: number | undefined;
  /** Only the positive (incoming) or negative side. */
  side?: 'in' | 'out' | undefined;
}

function lineWhere(f: LineFilter): SQL {
  const conds: (SQL | undefined)[] = [eq(ledgerLines.fundId, f.fundId)];
  if (f.accountKind) conds.push(eq(ledgerAccounts.kind, f.accountKind));
  if (f.accountCode !== undefined) conds.push(eq(ledgerAccounts.code, f.accountCode));
  if (f.entryKinds?.length) conds.push(inArray(ledgerEntries.kind, f.entryKinds));
  if (f.unitId !== undefined) conds.push(eq(ledgerAccounts.unitId, f.unitId));
  if (f.side === 'in') conds.push(sql`${ledgerLines.amount} > 0`);
  if (f.side === 'out') conds.push(sql`${ledgerLines.amount} < 0`);
  if (f.underPath) {
    const [lo, hi] = subtreeRange(f.underPath);
    conds.push(sql`${ledgerAccounts.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`);
  }
  return and(...conds)!;
}

const linesFrom = (ctx: Ctx) =>
  ctx.db
    .select({
      fundId: ledgerLines.fundId,
      lineId: ledgerLines.id,
      entryId: ledgerLines.entryId,
      amount: ledgerLines.amount,
      accountId: ledgerAccounts.id,
      accountKind: ledgerAccounts.kind,
      accountCode: ledgerAccounts.code,
      accountName: ledgerAccounts.name,
      unitId: ledgerAccounts.unitId,
      entryKind: ledgerEntries.kind,
      memo: ledgerEntries.memo,
      refType: ledgerEntries.refType,
      refId: ledgerEntries.refId,
      postedOn: ledgerEntries.postedOn,
      postedByName: ledgerEntries.postedByName,
    })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.fundId, ledgerLines.fundId), eq(ledgerEntries.id, ledgerLines.entryId)));

export type LedgerLineView = Awaited<ReturnType<ReturnType<typeof linesFrom>['execute']>>[number];

/** The sum of the lines a filter selects (signed), and how many there are. */
export async function sumLines(ctx: Ctx, f: LineFilter): Promise<{ amount: number; lines: number }> {
  const [row] = await ctx.db
    .select({ amount: sql<number>`COALESCE(sum(${ledgerLines.amount}), 0)::bigint`, lines: sql<number>`count(*)::int` })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, and(eq(ledgerEntries.fundId, ledgerLines.fundId), eq(ledgerEntries.id, ledgerLines.entryId)))
    .where(lineWhere(f));
  return { amount: Number(row?.amount ?? 0), lines: row?.lines ?? 0 };
}

/** The postings behind a figure. */
export async function listLines(ctx: Ctx, f: LineFilter & { offset: number; limit: number }): Promise<{ items: LedgerLineView[]; total: number }> {
  const items = await linesFrom(ctx).where(lineWhere(f)).orderBy(asc(ledgerLines.entryId), asc(ledgerLines.id)).offset(f.offset).limit(f.limit);
  const { lines } = await sumLines(ctx, f);
  return { items, total: lines };
}

/** A fund's accounts as the user may see them, with balances, and the totals by kind. */
export async function fundBooks(ctx: Ctx, fundId: number, underPath?: string) {
  const fund = await getFund(ctx, fundId);
  const conds: (SQL | undefined)[] = [eq(ledgerAccounts.fundId, fundId)];
  if (underPath) {
    const [lo, hi] = subtreeRange(underPath);
    conds.push(sql`${ledgerAccounts.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`);
  }
  const accounts = await ctx.db
    .select()
    .from(ledgerAccounts)
    .where(and(...conds))
    .orderBy(asc(ledgerAccounts.unitId), asc(ledgerAccounts.kind), asc(ledgerAccounts.code));
  const totals = { raised: 0, available: 0, committed: 0, paid: 0 };
  for (const a of accounts) {
    if (a.kind === 'source') totals.raised -= a.balance;
    if (a.kind === 'pool') totals.available += a.balance;
    if (a.kind === 'payable') totals.committed += a.balance;
    if (a.kind === 'paid') totals.paid += a.balance;
  }
  return { fund, accounts, totals };
}

export async function listFunds(ctx: Ctx, f: { offset: number; limit: number }) {
  const items = await ctx.db.select().from(ledgerFunds).orderBy(desc(ledgerFunds.id)).offset(f.offset).limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerFunds);
  return { items, total: count?.n ?? 0 };
}

export async function getEntry(ctx: Ctx, fundId: number, entryId: number) {
  const [entry] = await ctx.db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.fundId, fundId), eq(ledgerEntries.id, entryId)));
  if (!entry) throw ledgerError('LEDGER_ENTRY_NOT_FOUND');
  const lines = await linesFrom(ctx)
    .where(and(eq(ledgerLines.fundId, fundId), eq(ledgerLines.entryId, entryId)))
    .orderBy(asc(ledgerLines.id));
  return { entry, lines };
}

export async function entriesFor(ctx: Ctx, fundId: number, ref: { type: string; id: string }) {
  return ctx.db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.fundId, fundId), eq(ledgerEntries.refType, ref.type), eq(ledgerEntries.refId, ref.id)))
    .orderBy(asc(ledgerEntries.id));
}

/**
 * The trail of an entry: the entry and its lines; every entry about the same record (commit, pay,
 * release); and, for each pool the money came out of, the money that came into that pool (the
 * allocations from above and the amounts raised) — from source to recipient.
 */
export async function traceEntry(ctx: Ctx, fundId: number, entryId: number) {
  const { entry, lines } = await getEntry(ctx, fundId, entryId);
  const related = entry.refType && entry.refId ? await entriesFor(ctx, fundId, { type: entry.refType, id: entry.refId }) : [entry];
  const relatedLines = related.length
    ? await linesFrom(ctx)
        .where(
          and(
            eq(ledgerLines.fundId, fundId),
            inArray(
              ledgerLines.entryId,
              related.map((e) => e.id),
            ),
          ),
        )
        .orderBy(asc(ledgerLines.id))
    : [];
  const poolIds = [...new Set(relatedLines.filter((l) => l.accountKind === 'pool').map((l) => l.accountId))];
  const fundedBy = poolIds.length
    ? await linesFrom(ctx)
        .where(and(eq(ledgerLines.fundId, fundId), inArray(ledgerLines.accountId, poolIds), inArray(ledgerEntries.kind, ['raise', 'allocate']), sql`${ledgerLines.amount} > 0`))
        .orderBy(asc(ledgerLines.id))
    : [];
  return { entry, lines, related, relatedLines, fundedBy };
}

/** An entry by its id alone (ids are unique across funds), traced from source to recipient. */
export async function traceEntryById(ctx: Ctx, entryId: number) {
  const [e] = await ctx.db.select({ fundId: ledgerEntries.fundId }).from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
  if (!e) throw ledgerError('LEDGER_ENTRY_NOT_FOUND');
  return traceEntry(ctx, e.fundId, entryId);
}
