/**
 * Backup and restore, the same on both database kinds (and across them): a gzip'd stream of JSON
 * lines, read inside one REPEATABLE READ snapshot so the dump is consistent, and reloaded inside
 * one transaction into a migrated, empty database. Values travel as PostgreSQL renders them
 * (row_to_json), so timestamps, numbers and the audit chain's hashes come back exactly.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { Database } from './client.ts';
import { migrate, migrationVersion } from './migrate.ts';
import { onOneConnection, type Query } from './connection.ts';
import * as clock from '../engines/clock.ts';

export const BACKUP_FORMAT = 'gonghui-backup';

interface Header {
  format: typeof BACKUP_FORMAT;
  version: 1;
  migration: string | null;
  createdAt: string;
  source: string;
  tables: string[];
}

/** Tables of the public schema, parents before children (by foreign keys). */
async function tablesInDependencyOrder(q: Query): Promise<string[]> {
  const tables = (await q<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => r.name);
  const deps = await q<{ child: string; parent: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const d of deps) if (d.child === t) visit(d.parent.replace(/^public\./, '').replace(/"/g, ''));
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered;
}

/** Rows in an order that keeps a self-referencing tree loadable (parents first). */
async function orderClause(q: Query, table: string): Promise<string> {
  const cols = (await q<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [table])).map((r) => r.column_name);
  const pk = await q<{ col: string }>(
    `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY a.attnum`,
    [table],
  );
  const keys = [...(cols.includes('depth') ? ['depth'] : []), ...pk.map((p) => p.col)];
  return keys.length ? `ORDER BY ${keys.map((k) => `"${k}"`).join(', ')}` : '';
}

export async function backup(database: Database, file: string, batchSize = 2000): Promise<{ tables: Record<string, number> }> {
  const migration = (await migrationVersion(database))?.tag ?? null;
  const gzip = createGzip();
  const out = fs.createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (obj: unknown) => {
    if (!gzip.write(`${JSON.stringify(obj)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  await onOneConnection(database, { readOnlySnapshot: true }, async (q) => {
    const tables = await tablesInDependencyOrder(q);
    const header: Header = { format: BACKUP_FORMAT, version: 1, migration, createdAt: clock.now().toISOString(), source: database.kind, tables };
    await write(header);
    for (const table of tables) {
      counts[table] = 0;
      await q(`DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t ${await orderClause(q, table)}`);
      for (;;) {
        const rows = await q<{ j: string }>(`FETCH ${batchSize} FROM dump_cursor`);
        if (!rows.length) break;
        await write({ t: table, rows: rows.map((r) => JSON.parse(r.j)) });
        counts[table] += rows.length;
      }
      await q('CLOSE dump_cursor');
    }
  });
  gzip.end();
  await once(out, 'finish');
  return { tables: counts };
}

export class RestoreError extends Error {}

/** Tables whose rows the migrations themselves write (code lists, the holiday calendar): replaced by the backup's. */
const MIGRATION_FILLED = new Set(['code_lists', 'calendar_days']);

/** Loads a backup into a database that has no data yet (it is migrated first if need be). */
export async function restore(database: Database, file: string): Promise<{ tables: Record<string, number> }> {
  await migrate(database);
  const migration = (await migrationVersion(database))?.tag ?? null;
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw new RestoreError('不是 Gonghui 备份文件');
  }
  if (header.format !== BACKUP_FORMAT) throw new RestoreError('不是 Gonghui 备份文件');
  if (header.migration !== migration) throw new RestoreError(`备份的数据库版本（${header.migration}）与当前版本（${migration}）不同`);
  const counts: Record<string, number> = {};
  await onOneConnection(database, {}, async (q) => {
    for (const t of header.tables) {
      if (MIGRATION_FILLED.has(t)) {
        await q(`DELETE FROM "${t}"`);
        continue;
      }
      const [row] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
      if (row && row.n > 0) throw new RestoreError(`目标数据库不是空的（${t} 已有数据），请恢复到新的数据库`);
    }
    // Rows come back as they were: no triggers recompute them (paths, audit hashes).
    for (const t of header.tables) await q(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      const chunk = JSON.parse(next.value) as { t: string; rows: unknown[] };
      if (!header.tables.includes(chunk.t)) throw new RestoreError(`备份中有未知的表 ${chunk.t}`);
      await q(`INSERT INTO "${chunk.t}" OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::"${chunk.t}", $1::json)`, [JSON.stringify(chunk.rows)]);
      counts[chunk.t] = (counts[chunk.t] ?? 0) + chunk.rows.length;
    }
    for (const t of header.tables) await q(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
    // Identity sequences continue after the restored ids.
    const seqs = await q<{ tbl: string; col: string }>(`SELECT table_name AS tbl, column_name AS col FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`);
    for (const s of seqs) {
      await q(`SELECT setval(pg_get_serial_sequence('"${s.tbl}"', '${s.col}'), COALESCE((SELECT max("${s.col}") FROM "${s.tbl}"), 0) + 1, false)`);
    }
  });
  return { tables: counts };
}
