/** Recognising PostgreSQL errors through Drizzle's wrapping, the same on PGlite and on a server. */
export interface PgErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The PostgreSQL error (code, constraint, message) inside whatever wraps it, or undefined when there is none. */
export function pgError(e: unknown): PgErrorLike | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as PgErrorLike & { cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return undefined;
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pe = pgError(e);
  return pe?.code === '23505' && (!constraint || pe.constraint === constraint || !!pe.message?.includes(constraint));
}

/** Row-level security refused a write: the target lies outside the actor's scope. */
export function isScopeViolation(e: unknown): boolean {
  const pe = pgError(e);
  return pe?.code === '42501' || (pe?.code === '23503' && !!pe.message?.includes('not found or not accessible'));
}

export function isSerializationFailure(e: unknown): boolean {
  const code = pgError(e)?.code;
  return code === '40001' || code === '40P01';
}

/** A statement stopped by its statement or lock timeout (query_canceled, lock_not_available). */
export function isStatementTimeout(e: unknown): boolean {
  const code = pgError(e)?.code;
  return code === '57014' || code === '55P03';
}
