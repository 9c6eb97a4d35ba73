/**
 * A list's first page on the full demo: seeds the demo (BENCH_SCALE, default 1 = the report's
 * 414,738 members), then times the large lists as the city's admin, one user at a time — the
 * members list with each of its filters, enterprises and households — beside a baseline in the
 * same run: one member's record read by key. Goal: a first page costs a page, not the table
 * (members, city-wide: ≤ 20 ms). BENCH_KINDS picks the databases (default "postgresql,pglite");
 * the PostgreSQL run needs BENCH_DATABASE_URL (or TEST_DATABASE_URL).
 *
 *   npx tsx bench/lists.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../src/demo/seed.ts';
import type { Ctx } from '../src/engines/context.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../src/engines/org/scope.ts';
import { configureDataKey } from '../src/engines/people/sealing.ts';
import { listHouseholds } from '../src/programs/hardship/reading.ts';
import { listEnterprises, listMembers, memberHistory } from '../src/programs/membership/service.ts';
import { freshDatabase } from './fresh-database.ts';
import { percentile } from './percentile.ts';

configureDataKey(randomBytes(32));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const KINDS = (process.env.BENCH_KINDS ?? 'postgresql,pglite').split(',') as ('pglite' | 'postgresql')[];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-'));

async function run(kind: 'pglite' | 'postgresql') {
  const { db, drop } = await freshDatabase(kind, work);
  try {
    const t0 = performance.now();
    await seedDemo(db, { scale: SCALE });
    console.log(`\n${kind}: demo loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const [admin] = await db.query<{ id: number; unit_id: number; username: string }>(
      `SELECT u.id, u.unit_id, u.username FROM users u JOIN org_units o ON o.id = u.unit_id WHERE o.depth = 0 AND u.role = 'city_admin' LIMIT 1`,
    );
    const scope = (await runAsSystem(db, (d) => scopeOfUnit(d, admin!.unit_id)))!;
    const actor = { userId: admin!.id, username: admin!.username, displayName: admin!.username, role: 'city_admin' as const, unitId: admin!.unit_id };
    // Real values from the demo to search for: a union of a few dozen members, a full name, a phone's last digits.
    const [pick] = await db.query<{ union_id: number; person_id: number; name: string; phone: string }>(
      `SELECT m.union_unit_id AS union_id, p.id AS person_id, p.name, p.phone FROM memberships m JOIN persons p ON p.id = m.person_id
        WHERE char_length(p.name) = 3 AND p.phone IS NOT NULL AND m.union_unit_id IN (SELECT union_unit_id FROM memberships GROUP BY 1 HAVING count(*) BETWEEN 20 AND 40) LIMIT 1`,
    );
    const [members] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships');
    console.log(`${members!.n.toLocaleString('en')} membership periods; searching for a 3-character name and the last 5 digits of a phone`);
    const cases: [string, (ctx: Ctx) => Promise<unknown>][] = [
      ['baseline: one member by key', (ctx) => memberHistory(ctx, pick!.person_id)],
      ['members, first page', (ctx) => listMembers(ctx, { offset: 0, limit: 20 })],
      ['members, current only', (ctx) => listMembers(ctx, { status: 'active', offset: 0, limit: 20 })],
      ['members, page 50', (ctx) => listMembers(ctx, { offset: 980, limit: 20 })],
      ['members of one union', (ctx) => listMembers(ctx, { underUnitId: pick!.union_id, offset: 0, limit: 20 })],
      ['members, migrant workers', (ctx) => listMembers(ctx, { migrantWorker: true, offset: 0, limit: 20 })],
      ['members on a date', (ctx) => listMembers(ctx, { asOf: '2013-06-30', offset: 0, limit: 20 })],
      ['members by full name', (ctx) => listMembers(ctx, { q: pick!.name, offset: 0, limit: 20 })],
      ['members by phone digits', (ctx) => listMembers(ctx, { q: pick!.phone.slice(-5), offset: 0, limit: 20 })],
      ['members by surname (1 character)', (ctx) => listMembers(ctx, { q: pick!.name.slice(0, 1), offset: 0, limit: 20 })],
      ['enterprises, first page', (ctx) => listEnterprises(ctx, { offset: 0, limit: 20 })],
      ['households, first page', (ctx) => listHouseholds(ctx, { offset: 0, limit: 20 })],
    ];
    console.log('| list | p50 | p95 | × baseline (p50) | total shown |\n|---|---|---|---|---|');
    let base = 1;
    for (const [name, list] of cases) {
      const times: number[] = [];
      let shown = '';
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        const r = (await runScoped(db, actor, scope, list)) as { total?: number; totalCapped?: boolean };
        times.push(performance.now() - s);
        shown = r.total === undefined ? '' : `${r.total.toLocaleString('en')}${r.totalCapped ? '+' : ''}`;
      }
      const p50 = percentile(times, 50);
      if (name.startsWith('baseline')) base = p50;
      console.log(`| ${name} | ${p50.toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms | ${(p50 / base).toFixed(1)} | ${shown} |`);
    }
  } finally {
    await drop();
  }
}

for (const kind of KINDS) await run(kind);
fs.rmSync(work, { recursive: true, force: true });
