import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import { seededRandom } from '../../demo/random.ts';
import type { Ctx } from '../context.ts';
import type { DomainError } from '../errors.ts';
import { code } from '../../test/errors.ts';
import { accountOf, allocate, commit, fundBooks, listLines, openFund, pay, post, raise, release, sumLines, traceEntry } from './service.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type Who = { userId: number; username: string; role: 'city_admin' | 'county_admin'; unitId: number };
let city: Who;
let countyA: Who;
let countyB: Who;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const mk = async (unitId: number, role: Who['role']): Promise<Who> => {
    const u = await buildUser(database, { unitId, role });
    return { userId: u.id, username: u.username, role, unitId };
  };
  city = await mk(t.city.id, 'city_admin');
  countyA = await mk(t.a.id, 'county_admin');
  countyB = await mk(t.b.id, 'county_admin');
});
afterAll(() => database.destroy());

const as = <T>(who: Who, w: (ctx: Ctx) => Promise<T>) => asUser(database, who, w);
let fundSeq = 0;
const newFund = () => as(city, (ctx) => openFund(ctx, { unitId: t.city.id, code: `test.fund.${++fundSeq}`, name: `测试资金${fundSeq}` }));

/** Every line of a fund, read as the system: the books as they really are. */
async function books(fundId: number) {
  const [sum] = await database.query<{ total: number; lines: number }>('SELECT COALESCE(sum(amount),0)::bigint AS total, count(*)::int AS lines FROM ledger_lines WHERE fund_id = $1', [fundId]);
  const unbalanced = await database.query('SELECT entry_id FROM ledger_lines WHERE fund_id = $1 GROUP BY entry_id HAVING sum(amount) <> 0', [fundId]);
  const drift = await database.query(
    `SELECT a.id FROM ledger_accounts a LEFT JOIN ledger_lines l ON l.account_id = a.id WHERE a.fund_id = $1 GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(sum(l.amount), 0)`,
    [fundId],
  );
  const negative = await database.query(`SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind <> 'source' AND balance < 0`, [fundId]);
  return { total: Number(sum!.total), lines: sum!.lines, unbalanced, drift, negative };
}

describe('postings', () => {
  it('moves money in fen between accounts, every entry summing to zero', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'donation', sourceLabel: '社会捐赠', amount: 100_000_00, memo: '捐赠' }));
    await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.a.id, amount: 30_000_00, memo: '拨付甲县' }));
    await as(countyA, (ctx) => commit(ctx, { fundId: fund.id, unitId: t.a.id, amount: 1_500_00, memo: '慰问金', ref: { type: 'test', id: '1' } }));
    await as(countyA, (ctx) => pay(ctx, { fundId: fund.id, unitId: t.a.id, amount: 1_500_00, memo: '慰问金', ref: { type: 'test', id: '1' } }));
    const b = await as(city, (ctx) => fundBooks(ctx, fund.id));
    expect(b.totals).toEqual({ raised: 100_000_00, available: 98_500_00, committed: 0, paid: 1_500_00 });
    expect(await books(fund.id)).toMatchObject({ total: 0, unbalanced: [], drift: [], negative: [] });
    // An unbalanced posting or a fractional amount is refused before it reaches the books.
    const acc = await as(city, (ctx) => accountOf(ctx, fund.id, t.city.id, 'pool'));
    expect(
      await code(
        as(city, (ctx) =>
          post(ctx, {
            fundId: fund.id,
            kind: 'reverse',
            unitId: t.city.id,
            memo: 'x',
            lines: [
              { accountId: acc.id, amount: 5 },
              { accountId: acc.id, amount: -4 },
            ],
          }),
        ),
      ),
    ).toBe('LEDGER_UNBALANCED');
    expect(await code(as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总', amount: 10.5, memo: 'x' })))).toBe('LEDGER_AMOUNT_INVALID');
  });

  it('refuses, in the database, an entry whose lines do not sum to zero', async () => {
    const fund = await newFund();
    const acc = await as(city, (ctx) => accountOf(ctx, fund.id, t.city.id, 'source', 'x'));
    await expect(
      database.query(
        `WITH e AS (INSERT INTO ledger_entries (fund_id, kind, unit_id, memo, posted_on, posted_by_name) VALUES ($1, 'raise', $2, 'x', '2013-01-01', 'x') RETURNING id)
                      INSERT INTO ledger_lines (fund_id, entry_id, account_id, amount) SELECT $1, id, $3, 100 FROM e`,
        [fund.id, t.city.id, acc.id],
      ),
    ).rejects.toThrow(/does not balance/);
  });

  it('never lets a fund go below zero, and a refused posting writes nothing', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总拨款', amount: 1000, memo: '拨款' }));
    await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.a.id, amount: 600, memo: '拨付' }));
    expect(await code(as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.b.id, amount: 401, memo: '拨付' })))).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(await code(as(countyA, (ctx) => commit(ctx, { fundId: fund.id, unitId: t.a.id, amount: 601, memo: '慰问' })))).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(await code(as(countyA, (ctx) => pay(ctx, { fundId: fund.id, unitId: t.a.id, amount: 1, memo: '支付' })))).toBe('LEDGER_INSUFFICIENT_FUNDS');
    const b = await as(city, (ctx) => fundBooks(ctx, fund.id));
    expect(b.totals).toEqual({ raised: 1000, available: 1000, committed: 0, paid: 0 });
    expect((await books(fund.id)).lines).toBe(4);
  });

  it('lands a posting once however often it is retried, and refuses a key reused for something else', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总拨款', amount: 10_000, memo: '拨款' }));
    const once = { fundId: fund.id, unitId: t.city.id, amount: 700, memo: '慰问', idempotencyKey: 'app-7', ref: { type: 'test', id: '7' } };
    const first = await as(city, (ctx) => commit(ctx, once));
    const again = await as(city, (ctx) => commit(ctx, once));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, entry: { id: first.entry.id } });
    expect(await code(as(city, (ctx) => commit(ctx, { ...once, ref: { type: 'test', id: '8' } })))).toBe('LEDGER_KEY_REUSED');
    expect((await as(city, (ctx) => fundBooks(ctx, fund.id))).totals.committed).toBe(700);
  });

  it('pays exactly once when two requests race with the same key, and never overdraws under racing commits', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总拨款', amount: 1000, memo: '拨款' }));
    const twin = { fundId: fund.id, unitId: t.city.id, amount: 300, memo: '慰问', idempotencyKey: 'race-1', ref: { type: 'test', id: 'race' } };
    // On a server these are two connections in two transactions at the same moment.
    const results = await Promise.all([as(city, (ctx) => commit(ctx, twin)), as(city, (ctx) => commit(ctx, twin))]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    // Three commits of 300 race for the 700 left: two land, one is refused, nothing goes negative.
    const racing = await Promise.allSettled([1, 2, 3].map((i) => as(city, (ctx) => commit(ctx, { ...twin, idempotencyKey: `race-${i + 1}`, ref: { type: 'test', id: `r${i}` } }))));
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = racing.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    const b = await books(fund.id);
    expect(b).toMatchObject({ total: 0, unbalanced: [], drift: [], negative: [] });
    expect((await as(city, (ctx) => fundBooks(ctx, fund.id))).totals).toEqual({ raised: 1000, available: 100, committed: 900, paid: 0 });
  });

  it('keeps the books balanced after a random sequence of operations', async () => {
    const fund = await newFund();
    const r = seededRandom(42);
    const units = [t.city.id, t.a.id, t.b.id];
    let refused = 0;
    const open: { unitId: number; amount: number; key: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const amount = r.int(1, 5000);
      const op = r.int(0, 5);
      try {
        if (op === 0) await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: r.pick(units), source: r.pick(['city', 'donation', 'enterprise']), sourceLabel: '来源', amount, memo: '筹集' }));
        else if (op === 1) await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: r.pick([t.a.id, t.b.id]), amount, memo: '拨付' }));
        else if (op === 2) {
          const unitId = r.pick(units);
          const key = `k${i}`;
          await as(city, (ctx) => commit(ctx, { fundId: fund.id, unitId, amount, memo: '审批', idempotencyKey: `${key}:c`, ref: { type: 'test', id: key } }));
          open.push({ unitId, amount, key });
        } else if (op === 3 && open.length) {
          const o = open.splice(r.int(0, open.length - 1), 1)[0]!;
          await as(city, (ctx) => pay(ctx, { fundId: fund.id, unitId: o.unitId, amount: o.amount, memo: '支付', idempotencyKey: `${o.key}:p`, ref: { type: 'test', id: o.key } }));
        } else if (op === 4 && open.length) {
          const o = open.splice(r.int(0, open.length - 1), 1)[0]!;
          await as(city, (ctx) => release(ctx, { fundId: fund.id, unitId: o.unitId, amount: o.amount, memo: '撤销', idempotencyKey: `${o.key}:r`, ref: { type: 'test', id: o.key } }));
        } else if (op === 5) await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: r.pick([t.a.id, t.b.id]), toUnitId: t.city.id, amount, memo: '收回' }));
      } catch (e) {
        expect((e as DomainError).code).toBe('LEDGER_INSUFFICIENT_FUNDS');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(await books(fund.id)).toMatchObject({ total: 0, unbalanced: [], drift: [], negative: [] });
    const b = await as(city, (ctx) => fundBooks(ctx, fund.id));
    expect(b.totals.raised).toBe(b.totals.available + b.totals.committed + b.totals.paid);
    expect(b.totals.committed).toBe(open.reduce((s, o) => s + o.amount, 0));
  });
});

describe('scope and tracing', () => {
  it('shows a county only its own accounts and postings; a figure equals the sum of the postings listed for it', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总拨款', amount: 10_000, memo: '拨款' }));
    await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.a.id, amount: 4_000, memo: '拨付甲县' }));
    await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.b.id, amount: 3_000, memo: '拨付乙县' }));
    await as(countyB, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.b.id, source: 'enterprise', sourceLabel: '企业捐助', amount: 500, memo: '乙县企业捐助' }));
    const aBooks = await as(countyA, (ctx) => fundBooks(ctx, fund.id));
    expect(aBooks.accounts.map((a) => a.unitId)).toEqual([t.a.id]);
    expect(aBooks.totals.available).toBe(4_000);
    const aLines = await as(countyA, (ctx) => listLines(ctx, { fundId: fund.id, offset: 0, limit: 100 }));
    expect(JSON.stringify(aLines)).not.toContain('乙县');
    const filter = { fundId: fund.id, accountKind: 'pool' as const, entryKinds: ['allocate' as const], side: 'in' as const };
    const figure = await as(city, (ctx) => sumLines(ctx, filter));
    const listed = await as(city, (ctx) => listLines(ctx, { ...filter, offset: 0, limit: 100 }));
    expect(figure.amount).toBe(7_000);
    expect(listed.items.reduce((s, l) => s + l.amount, 0)).toBe(figure.amount);
    expect((await as(countyA, (ctx) => sumLines(ctx, filter))).amount).toBe(4_000);
  });

  it('traces a payment back through its commitment and the pool to the money raised', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'donation', sourceLabel: '社会捐赠', amount: 5_000, memo: '捐赠' }));
    await as(city, (ctx) => allocate(ctx, { fundId: fund.id, fromUnitId: t.city.id, toUnitId: t.a.id, amount: 2_000, memo: '拨付甲县' }));
    const ref = { type: 'test', id: 'household-1' };
    await as(countyA, (ctx) => commit(ctx, { fundId: fund.id, unitId: t.a.id, amount: 800, memo: '慰问金', ref }));
    const paid = await as(countyA, (ctx) => pay(ctx, { fundId: fund.id, unitId: t.a.id, amount: 800, memo: '慰问金', ref }));
    const trail = await as(city, (ctx) => traceEntry(ctx, fund.id, paid.entry.id));
    expect(trail.related.map((e) => e.kind)).toEqual(['commit', 'pay']);
    expect(trail.fundedBy.map((l) => [l.entryKind, l.amount])).toEqual([['allocate', 2_000]]);
  });

  it('lets no one change a balance or a posting after the fact', async () => {
    const fund = await newFund();
    await as(city, (ctx) => raise(ctx, { fundId: fund.id, unitId: t.city.id, source: 'city', sourceLabel: '市总拨款', amount: 100, memo: '拨款' }));
    const { sql } = await import('drizzle-orm');
    await expect(as(city, (ctx) => ctx.db.execute(sql`UPDATE ledger_accounts SET balance = 999999 WHERE fund_id = ${fund.id}`))).rejects.toThrow();
    await expect(as(city, (ctx) => ctx.db.execute(sql`UPDATE ledger_lines SET amount = 1 WHERE fund_id = ${fund.id}`))).rejects.toThrow();
    await expect(as(city, (ctx) => ctx.db.execute(sql`DELETE FROM ledger_entries WHERE fund_id = ${fund.id}`))).rejects.toThrow();
  });
});
