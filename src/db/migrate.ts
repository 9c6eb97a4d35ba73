import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Brings the schema up to date (idempotent; drizzle records what ran in drizzle.__drizzle_migrations). */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

/** The newest migration applied, by its tag (e.g. "0001_access_scope_and_audit_chain"), or null. */
export async function migrationVersion(database: Database): Promise<{ tag: string; count: number } | null> {
  const journal = (await import('./migrations/meta/_journal.json', { with: { type: 'json' } })).default as {
    entries: { idx: number; tag: string; when: number }[];
  };
  let rows: { created_at: number | string }[];
  try {
    rows = await database.query<{ created_at: number | string }>('SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1');
  } catch {
    return null;
  }
  const last = rows[0];
  if (!last) return null;
  const when = Number(last.created_at);
  const entry = journal.entries.find((e) => e.when === when);
  return { tag: entry?.tag ?? `unknown-${when}`, count: journal.entries.filter((e) => e.when <= when).length };
}
