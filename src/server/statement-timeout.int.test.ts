// A request's statement that holds the database too long is stopped, and answers 503 with a clear message.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTwoCounties, buildUser } from '../test/factories.ts';
import { configureStatementTimeout, runScoped } from '../engines/org/scope.ts';
import { toErrorResponse } from './errors.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
});
afterAll(async () => {
  configureStatementTimeout(5000);
  await database?.destroy();
});

describe('the statement timeout of a request', () => {
  it('is set in every request’s transaction, and a job may ask for a longer one', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const actor = { userId: u.id, username: u.username, displayName: u.username, role: 'county_admin' as const, unitId: t.a.id };
    const scope = { unitId: t.a.id, path: t.a.path };
    const setting = async (opts?: { statementTimeoutMs?: number }) =>
      runScoped(database, actor, scope, async (ctx) => (await ctx.db.execute(sql`SELECT current_setting('statement_timeout') AS s`)) as unknown as { rows: { s: string }[] }, opts);
    configureStatementTimeout(750);
    expect((await setting()).rows[0]!.s).toBe('750ms');
    expect((await setting({ statementTimeoutMs: 60_000 })).rows[0]!.s).toBe('1min');
    // Outside a request's transaction the connection keeps no limit of a request's.
    const [outside] = await database.query<{ s: string }>(`SELECT current_setting('statement_timeout') AS s`);
    expect(outside!.s).toBe('0');
  });

  it('stops a statement past it, and the answer is 503 DATABASE_BUSY', async () => {
    // What PostgreSQL raises when it stops a statement (query_canceled), as the driver wraps it.
    const canceled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(toErrorResponse(new Error('Failed query', { cause: canceled }))).toEqual([503, { code: 'DATABASE_BUSY', message: expect.stringContaining('系统繁忙') }]);
    // PGlite runs in this thread with no timer to stop a statement: the real stop is seen on a server.
    if (database.kind === 'pglite') return;
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const actor = { userId: u.id, username: u.username, displayName: u.username, role: 'county_admin' as const, unitId: t.a.id };
    configureStatementTimeout(100);
    const started = performance.now();
    const failure = await runScoped(database, actor, { unitId: t.a.id, path: t.a.path }, (ctx) => ctx.db.execute(sql`SELECT pg_sleep(3)`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(toErrorResponse(failure)).toEqual([503, { code: 'DATABASE_BUSY', message: expect.stringContaining('系统繁忙') }]);
  });
});
