/**
 * The gonghui command, run as a cadre or an operator would run it: on the embedded PostgreSQL
 * server it starts itself (the default), on a server named by DATABASE_URL, and moving a PGlite
 * folder to the embedded server.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../test/db.ts';
import { openDatabase } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/gonghui.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-cli-'));
let serverDb: TestDatabase | undefined;
let restoreDb: TestDatabase | undefined;

async function gonghui(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const base: Record<string, string | undefined> = { ...process.env, GONGHUI_DATA_DIR: path.join(dir, 'data'), GONGHUI_DEMO_SCALE: '0.01', DATABASE_URL: serverDb?.url, ...env };
  if (!base.DATABASE_URL) delete base.DATABASE_URL;
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: base, timeout: 240_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}

beforeAll(async () => {
  if (testServerUrl()) {
    serverDb = await createTestDatabase();
    restoreDb = await createTestDatabase();
  }
});
afterAll(async () => {
  await serverDb?.destroy();
  await restoreDb?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('gonghui CLI', () => {
  it('seeds, verifies the audit chain, manages users, backs up and restores', async () => {
    const seeded = await gonghui(['seed', '--demo']);
    expect(seeded.code, seeded.out).toBe(0);
    expect(seeded.out).toMatch(/yanping\.admin\s+\S{12}\s+county_admin\s+延平区总工会/);
    expect(fs.readFileSync(path.join(dir, 'data', 'demo-logins.txt'), 'utf8')).toContain('nanping.admin');
    expect((await gonghui(['seed', '--demo'])).out).toMatch(/已有数据/);

    const created = await gonghui(['user', 'create', '--username', 'li.si', '--name', '李四', '--unit', '350783', '--role', 'county_admin']);
    expect(created.code, created.out).toBe(0);
    expect(created.out).toMatch(/初始密码 \S{12}/);
    const reset = await gonghui(['user', 'reset-password', 'li.si']);
    expect(reset.code, reset.out).toBe(0);
    expect((await gonghui(['user', 'reset-password', 'nobody'])).code).toBe(1);

    const ok = await gonghui(['audit', 'verify']);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/已核验 \d+ 条/);

    const file = path.join(dir, 'nanping.ghbak');
    const dumped = await gonghui(['backup', file]);
    expect(dumped.code, dumped.out).toBe(0);
    const restored = await gonghui(['restore', file], restoreDb ? { DATABASE_URL: restoreDb.url! } : { GONGHUI_DATA_DIR: path.join(dir, 'restored') });
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/org_units \d+/);

    // Someone edits the trail behind the app's back: verify names the entry and fails.
    const embedded = serverDb ? null : await startEmbeddedPostgres(path.join(dir, 'data'), { log: () => undefined });
    const database = await openDatabase({ url: serverDb?.url ?? embedded!.url });
    await database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
      UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`);
    await database.close();
    await embedded?.stop();
    const broken = await gonghui(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/第 3 条/);
    // The restored copy still verifies.
    expect((await gonghui(['audit', 'verify'], restoreDb ? { DATABASE_URL: restoreDb.url! } : { GONGHUI_DATA_DIR: path.join(dir, 'restored') })).code).toBe(0);
  }, 600_000);

  it('moves a PGlite data folder to the embedded PostgreSQL server in one command, and says so when one is found', async () => {
    if (serverDb) return; // the data folder's databases, not a server's: once, in the embedded pass
    const folder = { GONGHUI_DATA_DIR: path.join(dir, 'lite') };
    const seeded = await gonghui(['seed', '--demo'], { ...folder, GONGHUI_DB: 'pglite' });
    expect(seeded.code, seeded.out).toBe(0);
    const refused = await gonghui(['audit', 'verify'], folder);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/gonghui move-to-postgres/);
    expect(refused.out).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const moved = await gonghui(['move-to-postgres'], folder);
    expect(moved.code, moved.out).toBe(0);
    expect(moved.out).toMatch(/已迁入内置 PostgreSQL：.*org_units \d+/);
    expect(fs.existsSync(path.join(dir, 'lite', 'pgdata.moved'))).toBe(true);
    const verified = await gonghui(['audit', 'verify'], folder);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/已核验 \d+ 条/);
    expect((await gonghui(['move-to-postgres'], folder)).code).toBe(1);
  }, 600_000);

  it('explains its usage on a wrong command', async () => {
    const r = await gonghui(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/用法 Usage/);
  });
});
