/**
 * The supervision dashboard for the whole city: seeds the demo (BENCH_SCALE, default 1 = the
 * report's size, with its year of snapshots and bulletins), then times GET
 * /api/v1/supervision/dashboard as the city's admin — every program's gauges against targets, the
 * counties ranked, twelve months of trend — and the bulletin PDF. Goal: the dashboard under 300 ms. The PostgreSQL
 * run needs BENCH_DATABASE_URL (or TEST_DATABASE_URL); BENCH_OUT writes the bulletin PDF there.
 *
 *   npx tsx bench/dashboard.ts
 */
import { freshDatabase } from './fresh-database.ts';
import { percentile } from './percentile.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../src/demo/seed.ts';
import { configureDataKey } from '../src/engines/people/sealing.ts';
import { buildApp } from '../src/server/app.ts';

configureDataKey(randomBytes(32));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-'));

async function run(kind: 'pglite' | 'postgresql') {
  const { db, drop } = await freshDatabase(kind, work);
  try {
    const t0 = performance.now();
    const logins = await seedDemo(db, { scale: SCALE });
    const seedMs = performance.now() - t0;
    const [counts] = await db.query<{ members: number; snapshots: number; bulletins: number; targets: number; nudges: number }>(
      `SELECT (SELECT count(*)::int FROM memberships) AS members, (SELECT count(*)::int FROM indicator_snapshots) AS snapshots,
              (SELECT count(*)::int FROM supervision_bulletins) AS bulletins, (SELECT count(*)::int FROM indicator_targets) AS targets,
              (SELECT count(*)::int FROM notifications) AS nudges`,
    );
    const app = await buildApp({
      database: db,
      config: { dataDir: work, secureCookies: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, logLevel: 'silent' },
      serveWeb: false,
      logger: false,
    });
    const admin = logins!.find((l) => l.username === 'nanping.admin')!;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin.username, password: admin.password } });
    const cookie = `gonghui_session=${login.cookies.find((c) => c.name === 'gonghui_session')!.value}`;
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/v1/supervision/dashboard', headers: { cookie } });
      times.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(res.body);
      body = res.body;
    }
    // Baseline in the same run: the membership roll-ups the dashboard's live figures are made of.
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await app.inject({ method: 'GET', url: '/api/v1/membership/coverage', headers: { cookie } });
      await app.inject({ method: 'GET', url: '/api/v1/membership/coverage/children', headers: { cookie } });
      base.push(performance.now() - s);
    }
    const list = await app.inject({ method: 'GET', url: '/api/v1/supervision/bulletins?pageSize=1', headers: { cookie } });
    const id = list.json().items[0].id;
    const s = performance.now();
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/supervision/bulletins/${id}/pdf`, headers: { cookie } });
    const pdfMs = performance.now() - s;
    if (process.env.BENCH_OUT) fs.writeFileSync(path.join(process.env.BENCH_OUT, `bulletin-${kind}.pdf`), pdf.rawPayload);
    const dash = JSON.parse(body);
    const gauge = (k: string) => dash.gauges.find((g: { indicator: { key: string } }) => g.indicator.key === k);
    await app.close();
    return {
      kind,
      scale: SCALE,
      seedSeconds: Math.round(seedMs / 100) / 10,
      ...counts,
      dashboardP50ms: Math.round(percentile(times.slice(1), 50)),
      dashboardP95ms: Math.round(percentile(times.slice(1), 95)),
      dashboardFirstMs: Math.round(times[0]!),
      coverageBaselineP50ms: Math.round(percentile(base.slice(1), 50)),
      loadAverage: os.loadavg()[0]!.toFixed(1),
      pdfMs: Math.round(pdfMs),
      pdfBytes: pdf.rawPayload.length,
      city: {
        formationRate: gauge('membership.formationRate').display,
        membershipRate: gauge('membership.membershipRate').display,
        shuangliangRate: gauge('membership.shuangliangRate').display,
        unions: gauge('membership.unions').display,
        members: gauge('membership.members').display,
        hardshipHouseholds: gauge('hardship.households').display,
        reliefPaidShare: gauge('relief.paidShare').display,
        disputesReceived: gauge('legal.received').display,
        disputesMediated: gauge('legal.mediated').display,
        mediationRate: gauge('legal.mediationRate').display,
        counsellingSessions: gauge('counselling.sessions').display,
        statuses: dash.gauges.map((g: { indicator: { name: string }; progress: { status: string } | null }) => `${g.indicator.name}:${g.progress?.status ?? '—'}`).join(' '),
      },
    };
  } finally {
    await drop();
  }
}

// BENCH_DATABASES=pglite or =postgresql runs one kind only.
const wanted = (process.env.BENCH_DATABASES ?? 'pglite,postgresql').split(',');
const kinds: ('pglite' | 'postgresql')[] = [];
if (wanted.includes('pglite')) kinds.push('pglite');
if (wanted.includes('postgresql') && (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL)) kinds.push('postgresql');
for (const kind of kinds) console.log(JSON.stringify(await run(kind), null, 2));
fs.rmSync(work, { recursive: true, force: true });
