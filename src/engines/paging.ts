/**
 * A list's total at the cost of a page, not of the table. The count stops after COUNT_CAP rows:
 * up to there it is exact, past it the list says "10,000+". A cadre paging through a list never
 * reaches the ten-thousandth row, and counting a whole city's members for every page was what
 * made the first page cost as much as the table.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/sql.ts';

export const COUNT_CAP = 10_000;

/** How many rows a list's filter matches: exact, or (capped) at least COUNT_CAP. */
export interface ListTotal {
  total: number;
  /** True when the count stopped at COUNT_CAP: there are at least that many. */
  totalCapped: boolean;
}

/**
 * Counts the rows of `rows` (a query selecting anything, e.g. `db.select({ one: sql`1` })…getSQL()`),
 * stopping after COUNT_CAP. Give it no order: unordered, the database stops reading as soon as it
 * has counted past the cap, whichever way it reads.
 */
export async function countCapped(db: Db, rows: SQL): Promise<ListTotal> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM (${rows} LIMIT ${COUNT_CAP + 1}) capped`));
  const n = r?.n ?? 0;
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n, totalCapped: false };
}
