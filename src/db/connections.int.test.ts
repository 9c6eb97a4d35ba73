/**
 * The server's connections outlive a server that ends them, and a database closes whole. On
 * PGlite there are no connections to lose: the database is in the process.
 */
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl } from '../test/db.ts';

describe.runIf(testServerUrl())('connections to a PostgreSQL server', () => {
  it('survives the server ending its idle connections, and closes without leaving one open', async () => {
    const database = await createTestDatabase();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      await Promise.all([1, 2, 3].map(() => database.query('SELECT pg_sleep(0.01)')));
      const db = (await database.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db;
      // As a restart or a failover would: every other connection to this database is ended.
      const [terminated] = await database.query<{ ended: number }>('SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
      expect(terminated!.ended).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(await database.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
      expect(uncaught).toEqual([]);
    } finally {
      await database.destroy();
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
