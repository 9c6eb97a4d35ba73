/** Small SQL helpers that behave the same on both drivers. */
import { sql, type SQL } from 'drizzle-orm';

/** The rows of `db.execute(…)` (both drivers answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * A text[] value passed as one parameter (Drizzle would expand a bare JS array into a tuple; a
 * Param keeps it whole, and both drivers send it as an array literal).
 */
export const textArray = (values: string[]): SQL => sql`${sql.param(values)}::text[]`;
