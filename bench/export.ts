/**
 * `npm run bench:export`: a list export's memory and its neighbours' latency. On the demo at
 * BENCH_SCALE (default 0.5 ≈ 207,000 members), the members export is read to the end as one county
 * (about a tenth of the rows) and then as the city (all of them), measuring rows per second, the
 * process's peak memory above what it held before the export, and the latency of small requests
 * sent while the export runs. The memory held should not grow with the rows exported (a flat
 * line): the county's figure is the baseline the city's is compared with, in the same run.
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) runs it on a PostgreSQL server; PGlite otherwise.
 */
import { freshDatabase } from './fresh-database.ts';
import { percentile } from './percentile.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Database } from '../src/db/client.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { configureDataKey } from '../src/engines/people/sealing.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/app-types.ts';

configureDataKey(randomBytes(32));
const SCALE = Number(process.env.BENCH_SCALE ?? 0.5);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-export-'));
const MB = 1024 * 1024;

/** Reads one export to the end while sampling memory and timing small requests beside it. */
async function measureExport(app: App, db: Database, cookie: string, query: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url: `/api/v1/membership/members/export.xlsx${query}`, headers: { cookie }, payloadAsStream: true });
  if (res.statusCode !== 200) throw new Error(`export answered ${res.statusCode}`);
  let bytes = 0;
  let done = false;
  const neighbours: number[] = [];
  const beside = (async () => {
    while (!done) {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url: '/api/v1/membership/members?pageSize=20', headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`list answered ${r.statusCode}`);
      neighbours.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  for await (const chunk of res.stream()) bytes += (chunk as Buffer).length;
  const ms = performance.now() - t0;
  done = true;
  await beside;
  clearInterval(sampler);
  const [entry] = await db.query<{ after: { rows: number } }>(`SELECT after FROM audit_log WHERE entity = 'member_export' ORDER BY seq DESC LIMIT 1`);
  const rows = entry!.after.rows;
  return {
    rows,
    seconds: Math.round(ms / 100) / 10,
    rowsPerSecond: Math.round(rows / (ms / 1000)),
    fileMB: Math.round((bytes / MB) * 10) / 10,
    peakRssAboveStartMB: Math.round((peakRss - before.rss) / MB),
    peakHeapAboveStartMB: Math.round((peakHeap - before.heapUsed) / MB),
    listBesideP50ms: Math.round(percentile(neighbours, 50)),
    listBesideP95ms: Math.round(percentile(neighbours, 95)),
    listBesideCount: neighbours.length,
  };
}

const kind = SERVER ? 'PostgreSQL' : 'PGlite';
const { db, drop } = await freshDatabase(SERVER ? 'postgresql' : 'pglite', work);
try {
  const seedStart = performance.now();
  await seedDemo(db, { scale: SCALE });
  const seedSeconds = Math.round((performance.now() - seedStart) / 1000);
  const app = await buildApp({
    database: db,
    config: { dataDir: work, secureCookies: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, logLevel: 'silent' },
    serveWeb: false,
    logger: false,
  });
  const { hashPassword } = await import('../src/engines/accounts/passwords.ts');
  await db.query(`UPDATE users SET password_hash = $1 WHERE username = 'nanping.admin'`, [await hashPassword('Bench-passw0rd')]);
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nanping.admin', password: 'Bench-passw0rd' } });
  const cookie = `gonghui_session=${login.cookies.find((c) => c.name === 'gonghui_session')!.value}`;
  const [county] = await db.query<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'county' ORDER BY id LIMIT 1`);
  // Warm up the code paths once on the county, then measure the county and the city.
  await measureExport(app, db, cookie, `?underUnitId=${county!.id}`);
  const oneCounty = await measureExport(app, db, cookie, `?underUnitId=${county!.id}`);
  const wholeCity = await measureExport(app, db, cookie, '');
  await app.close();
  console.log(
    JSON.stringify(
      {
        database: kind,
        scale: SCALE,
        seedSeconds,
        node: process.version,
        cpus: os.cpus().length,
        oneCounty,
        wholeCity,
        memoryGrowth: `${wholeCity.rows / oneCounty.rows > 0 ? (wholeCity.rows / oneCounty.rows).toFixed(1) : '—'}× the rows, ${oneCounty.peakRssAboveStartMB} → ${wholeCity.peakRssAboveStartMB} MB above the start`,
      },
      null,
      2,
    ),
  );
} finally {
  await drop();
  fs.rmSync(work, { recursive: true, force: true });
}
