/** Small SQL helpers that behave the same on both drivers. */
import { sql, type SQL } from 'drizzle-orm';

/** The rows of `db.execute(…)` (both drivers answer `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A text[] value passed as one parameter (Drizzle would expand a JS array into a tuple). */
export const textArray = (values: string[]): SQL => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
