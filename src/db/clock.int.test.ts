// The database keeps the server's time: clock_now() and every record stamp fall on the test day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTwoCounties, buildUser } from '../test/factories.ts';
import * as clock from '../engines/clock.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe('the database’s clock', () => {
  it('tells the server’s time, so stamps fall on the test day', async () => {
    const [row] = await database.query<{ day: string; at: Date | string }>(`SELECT (clock_now() AT TIME ZONE 'Asia/Shanghai')::date::text AS day, clock_now() AS at`);
    expect(row!.day).toBe(clock.today());
    expect(Math.abs(new Date(row!.at).getTime() - clock.nowMs())).toBeLessThan(60_000);
    const t = await buildTwoCounties(database);
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const [stamped] = await database.query<{ day: string }>(`SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day FROM users WHERE id = $1`, [u.id]);
    expect(stamped!.day).toBe(clock.today());
    const [audit] = await database.query<{ day: string }>(`SELECT (max(at) AT TIME ZONE 'Asia/Shanghai')::date::text AS day FROM audit_log`);
    expect(audit!.day).toBe(clock.today());
  });

  it('leaves no record stamp on the database’s bare clock', async () => {
    const left = await database.query<{ column: string }>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND column_default ~ '(^|[^_])now\\(\\)'`,
    );
    expect(left).toEqual([]);
    const stamps = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND column_default = 'clock_now()'`);
    expect(stamps[0]!.n).toBeGreaterThan(40);
  });
});
