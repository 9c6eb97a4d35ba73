/**
 * A migrated, empty database for a bench: PGlite in `workDir`, or a database of its own on the
 * PostgreSQL server at BENCH_DATABASE_URL (or TEST_DATABASE_URL), dropped afterwards.
 */
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

export const benchServerUrl = (): string | undefined => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export async function freshDatabase(kind: 'pglite' | 'postgresql', workDir: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: path.join(workDir, `pg-${Date.now()}`) });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const server = benchServerUrl();
  if (!server) throw new Error('A PostgreSQL bench needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const name = `gonghui_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
