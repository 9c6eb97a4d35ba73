/** Small SQL helpers that behave the same on both drivers. */
import { sql, type SQL } from 'drizzle-orm';

/** The rows of `db.execute(…)` (both drivers answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * A text[] value passed as one parameter (Drizzle would expand a bare JS array into a tuple; a
 * Param keeps it whole, and both drivers send it as an array literal).
 */
export const textArray = (values: string[]): SQL => sql`${sql.param(values)}::text[]`;

/**
 * The one clock on the database's side (`clock_now()`, migration 0031): `now()` moved by the
 * offset the connection was opened with (`gonghui.clock_offset_ms`, zero in production), so the
 * database's own stamps and the server's clock (engines/clock) tell the same time in a test run.
 */
export const clockNow: SQL = sql`clock_now()`;
