import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { code } from '../test/errors.ts';
import { pageOf } from '../server/schemas.ts';
import { COUNT_CAP, countCapped } from './paging.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const rows = (n: number) => sql`SELECT g FROM generate_series(1, ${n}::int) g ORDER BY g`;

describe('a list’s total', () => {
  it('is exact up to the cap, and says "at least the cap" past it', async () => {
    expect(await countCapped(database.db, rows(0))).toEqual({ total: 0, totalCapped: false });
    expect(await countCapped(database.db, rows(37))).toEqual({ total: 37, totalCapped: false });
    expect(await countCapped(database.db, rows(COUNT_CAP))).toEqual({ total: COUNT_CAP, totalCapped: false });
    expect(await countCapped(database.db, rows(COUNT_CAP + 1))).toEqual({ total: COUNT_CAP, totalCapped: true });
    expect(await countCapped(database.db, rows(250_000))).toEqual({ total: COUNT_CAP, totalCapped: true });
  });

  it('pages reach as far as the count: a page past it is refused with a clear answer', async () => {
    expect(pageOf({ page: 500, pageSize: 20 })).toEqual({ offset: 9980, limit: 20 });
    expect(await code(Promise.resolve().then(() => pageOf({ page: 501, pageSize: 20 })))).toBe('PAGE_TOO_DEEP');
    expect(await code(Promise.resolve().then(() => pageOf({ page: 100_000 })))).toBe('PAGE_TOO_DEEP');
  });
});
