/**
 * Recording and reading the audit trail. Writes go through the database function
 * gonghui_audit_append (it extends the hash chain under a lock); reads are scoped like any other.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { auditLog, type AuditRow } from './schema.ts';

export type AuditAction = 'create' | 'update' | 'rename' | 'move' | 'close' | 'reopen' | 'disable' | 'enable' | 'reset_password' | 'change_password' | 'login' | 'login_failed' | 'logout' | 'view';

export interface AuditEntryInput {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

interface AuditActorRef {
  userId: number | null;
  name: string;
}

async function append(db: Db, actor: AuditActorRef, entry: AuditEntryInput): Promise<number> {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const res = await db.execute<{ seq: number }>(sql`SELECT gonghui_audit_append(
      ${actor.userId}::int, ${actor.name}, ${entry.action}, ${entry.entity},
      ${entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId)},
      ${entry.unitId ?? null}::int, ${entry.reason ?? null},
      ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb) AS seq`);
  return Number((res as unknown as { rows: { seq: number }[] }).rows[0]!.seq);
}

/** Records a write (or a view of a sensitive record) made by the request's actor, in its transaction. */
export function recordAudit(ctx: Ctx, entry: AuditEntryInput): Promise<number> {
  return append(ctx.db, { userId: ctx.actor.userId, name: ctx.actor.username }, entry);
}

/** Records an event with no request scope (login, CLI, seeding). */
export function recordSystemAudit(db: Db, actor: AuditActorRef, entry: AuditEntryInput): Promise<number> {
  return append(db, actor, entry);
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorName?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries with seq below this (keyset paging, newest first). */
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listAudit(ctx: Ctx, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorName) conds.push(eq(auditLog.actorName, f.actorName));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  const where = conds.length ? and(...conds) : undefined;
  const page = f.beforeSeq ? and(where, lt(auditLog.seq, f.beforeSeq)) : where;
  const items = await ctx.db.select().from(auditLog).where(page).orderBy(desc(auditLog.seq)).limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { items, total: count?.n ?? 0 };
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose link does not hold, and why. */
  firstBroken?: { seq: number; problem: 'hash_mismatch' | 'prev_mismatch' | 'missing_entry' };
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Recomputes the whole chain from the stored rows, as the system (it must see every entry).
 * Reads in pages so memory stays flat however long the trail grows.
 */
export async function verifyAuditChain(database: Database, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await database.query<{ seq: number; prev_hash: string; hash: string; material: string }>(
      `SELECT seq, prev_hash, hash,
              gonghui_audit_material(seq, at, actor_id, actor_name, action, entity, entity_id, unit_id, reason, before, after) AS material
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, problem: 'missing_entry' } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq, problem: 'prev_mismatch' } };
      const hash = createHash('sha256')
        .update(prevHash + row.material, 'utf8')
        .digest('hex');
      if (hash !== row.hash) return { ok: false, checked, firstBroken: { seq, problem: 'hash_mismatch' } };
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, checked };
}
