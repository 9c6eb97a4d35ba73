/**
 * The one place where access scope is applied. Every request's work runs inside `runScoped`: one
 * transaction, as the database role gonghui_app, with the actor's subtree path set. Row-level
 * security policies (migration 0001 and each program's) then filter every select, count, update
 * and export to that subtree, whatever the query; out-of-scope rows are simply absent (404).
 *
 * `runAsSystem` is the single, named bypass: migrations, seeding, login and session look-ups,
 * backups and the CLI. Request handlers never receive it.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import type { Actor, Ctx, Scope } from '../context.ts';
import { clockOffsetMs } from '../clock.ts';

/**
 * How long one statement of a request may hold the database (GONGHUI_STATEMENT_TIMEOUT_MS,
 * default 5 s): past it PostgreSQL stops the statement and the request answers 503
 * DATABASE_BUSY, so one heavy request cannot stall everyone else's. Jobs (imports, exports)
 * ask for their own, longer limit.
 */
let requestStatementTimeoutMs = 5000;

export function configureStatementTimeout(ms: number): void {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`statement timeout must be a non-negative integer of milliseconds, got ${ms}`);
  requestStatementTimeoutMs = ms;
}

export async function runScoped<T>(database: Database, actor: Actor, scope: Scope, work: (ctx: Ctx) => Promise<T>, opts: { statementTimeoutMs?: number } = {}): Promise<T> {
  return database.db.transaction(async (tx) => {
    const timeout = String(opts.statementTimeoutMs ?? requestStatementTimeoutMs);
    await tx.execute(
      sql`SELECT set_config('gonghui.scope_path', ${scope.path}, true), set_config('gonghui.actor_id', ${String(actor.userId)}, true), set_config('gonghui.clock_offset_ms', ${String(Math.round(clockOffsetMs()))}, true), set_config('statement_timeout', ${timeout}, true)`,
    );
    await tx.execute(sql`SET LOCAL ROLE gonghui_app`);
    return work({ db: tx as unknown as Db, actor, scope });
  });
}

export async function runAsSystem<T>(database: Database, work: (db: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    // The database's clock follows the server's in every transaction (engines/clock): free in a
    // scoped one, a statement here only when the clock is set off the machine's (test runs).
    const offset = Math.round(clockOffsetMs());
    if (offset !== 0) await tx.execute(sql`SELECT set_config('gonghui.clock_offset_ms', ${String(offset)}, true)`);
    return work(tx as unknown as Db);
  });
}

/** Resolves a user's scope from their unit, as the system (the user's own unit is always theirs). */
export async function scopeOfUnit(db: Db, unitId: number): Promise<Scope | null> {
  const rows = await db.execute<{ path: string }>(sql`SELECT path FROM org_units WHERE id = ${unitId}`);
  const row = (rows as unknown as { rows: { path: string }[] }).rows[0];
  return row ? { unitId, path: row.path } : null;
}
