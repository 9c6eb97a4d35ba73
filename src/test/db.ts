/**
 * A fresh database for one test file: PGlite in memory by default, or — when the test runner sets
 * GONGHUI_TEST_PG_URL — a new database on that PostgreSQL server, dropped afterwards, so runs
 * never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type OpenOptions } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

export interface TestDatabase extends Database {
  /** The connection URL when on a server. */
  url?: string;
  /** Closes and, on a server, drops the database. */
  destroy(): Promise<void>;
}

export function testServerUrl(): string | undefined {
  return process.env.GONGHUI_TEST_PG_URL || undefined;
}

export async function createTestDatabase(opts: Pick<OpenOptions, 'logQuery'> = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const database = await openDatabase({ ...opts });
    await migrate(database);
    return { ...database, destroy: () => database.close() };
  }
  const name = `gonghui_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ ...opts, url: url.toString(), poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    url: url.toString(),
    async destroy() {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
