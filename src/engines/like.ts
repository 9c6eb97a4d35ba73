/** Searching by a user's text with LIKE / ILIKE. */

/** The text as a pattern that matches it anywhere, its own %, _ and \ taken literally: 50%_off → %50\%\_off%. */
export function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
