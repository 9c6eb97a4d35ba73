/**
 * The database client factory: PGlite on disk (embedded default) or a PostgreSQL server.
 * Both are driven through Drizzle's own driver for each (never node-postgres on PGlite's adapter).
 */
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { clockOffsetMs } from '../engines/clock.ts';

export type DbKind = 'pglite' | 'postgresql';
/**
 * One type for both drivers: services never know which database they run on. It names no table:
 * queries name the tables they use (no relational query API), so the engines depend on no program.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: DbKind;
  db: Db;
  /** Raw SQL with parameters, returning rows (for the few places Drizzle does not reach: COPY, dumps). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters (migrations, DDL). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for dumps and COPY FROM '/dev/blob'). */
  pglite?: PGlite;
  /** The pool when on a server. */
  pool?: pg.Pool;
}

// int8 as a JS number on both (counts and fen totals stay far below 2^53),
// date as 'YYYY-MM-DD' text (a calendar date has no time zone).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1700, (v) => v);
const pgliteParsers = {
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.DATE]: (v: string) => v,
  [pgliteTypes.NUMERIC]: (v: string) => v,
};

export interface OpenOptions {
  /** postgres://… ; when absent the embedded database is used. */
  url?: string | undefined;
  /** PGlite data folder; undefined = in memory. */
  dataDir?: string | undefined;
  /** PGlite only: start from this dump (a tarball from dumpDataDir). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** Called with every statement Drizzle sends (the plan checks read the lists' queries this way). */
  logQuery?: (query: string, params: unknown[]) => void;
}

const logger = (opts: OpenOptions) => (opts.logQuery ? { logger: { logQuery: opts.logQuery } } : {});

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    // Dates are shown in Asia/Shanghai; every server session follows. JIT is off: our queries are
    // short, and compiling them cost more than it saved (measured on the coverage roll-up). The
    // clock's offset (zero but in a test run) makes clock_now() tell the server's time.
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: `-c TimeZone=Asia/Shanghai -c jit=off -c gonghui.clock_offset_ms=${Math.round(clockOffsetMs())}`,
    });
    // An idle connection the server ends (a restart, a failover) is dropped by the pool, which says
    // so here; the next query opens a new one. Unheard, the event would stop the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, logger(opts)) as unknown as Db;
    return {
      kind: 'postgresql',
      db,
      pool,
      async query(text, params) {
        const r = await pool.query(text, params as unknown[] | undefined);
        return r.rows;
      },
      async exec(text) {
        await pool.query(text);
      },
      async close() {
        // pool.end() answers once its connections are let go, not once they are closed; a database
        // dropped right after (tests, benches) would cut the ones still closing.
        const closed = new Promise<void>((resolve) => {
          let open = pool.totalCount;
          if (open === 0) resolve();
          pool.on('remove', () => {
            if (--open <= 0) resolve();
          });
        });
        await pool.end();
        await closed;
      },
    };
  }
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: pgliteParsers,
    // The extensions the migrations create; PGlite loads an extension only when asked here.
    extensions: { pg_trgm },
  });
  await pglite.exec(`SET TIME ZONE 'Asia/Shanghai'; SET gonghui.clock_offset_ms = '${Math.round(clockOffsetMs())}'`);
  const db = drizzlePglite(pglite, logger(opts)) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    async query(text, params) {
      const r = await pglite.query(text, params as unknown[] | undefined);
      return r.rows as never[];
    },
    async exec(text) {
      await pglite.exec(text);
    },
    async close() {
      await pglite.close();
    },
  };
}
