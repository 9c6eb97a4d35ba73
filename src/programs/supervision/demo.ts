/**
 * The supervision part of the demo: the year's targets for the city and its counties, the monthly
 * snapshots of the last twelve months (frozen from the demo's records as of each month end, so the
 * membership figures rise toward today's — the report's — and the other programs' show their own
 * course), the city's bulletin for each month and each county's for the last one, and the nudges
 * of the units behind schedule. Month-end membership counts are already tallied by the membership
 * demo, so this takes seconds. It runs after every other program's demo, so their figures are
 * frozen and targeted too.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { listIndicators } from '../../engines/indicators/catalogue.ts';
import { computeTree } from '../../engines/indicators/compute.ts';
import { monthEndBefore } from '../../engines/indicators/periods.ts';
import { freezeMonth, systemCtx } from '../../engines/indicators/snapshots.ts';
import { shareDue } from '../../engines/indicators/status.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { checkTargetNudges, publishBulletin } from './service.ts';

/** The indicators the city sets targets on, and the city's own targets for rates (the report's levels). */
const TARGETED: Record<string, number | null> = {
  'membership.formationRate': 0.96,
  'membership.membershipRate': 0.965,
  'membership.shuangliangRate': 0.9,
  'membership.unions': null,
  'membership.members': null,
  'hardship.households': null,
  'legal.received': null,
  'legal.mediated': null,
  'counselling.sessions': null,
};

/** Each county's ambition relative to its own trend: some ahead, some behind (deterministic). */
const LEAN = [-0.004, 0.006, 0, 0.012, -0.002, 0.02, 0.004, -0.006, 0.009, 0.015];

export interface SupervisionDemoSummary {
  targets: number;
  months: number;
  snapshotRows: number;
  bulletins: number;
  nudges: number;
}

export async function seedSupervisionDemo(database: Database, opts: { today: string }): Promise<SupervisionDemoSummary> {
  const [root] = await database.query<{ id: number; path: string }>(`SELECT id, path FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  if (!root) throw new Error('The demo organisation must be loaded first');
  const city = { id: Number(root.id), path: root.path };
  const year = Number(opts.today.slice(0, 4));
  // Targets only for the indicators with a figure for the city a year ago or today (one with
  // neither has nothing to aim from); every indicator is frozen below, as the scheduler would have.
  const loaded = await runAsSystem(database, async (db) => {
    const ctx = systemCtx(db, city);
    const out = [];
    for (const def of listIndicators()) {
      const now = (await def.compute(ctx, city.id, opts.today)).value;
      const before = (await def.compute(ctx, city.id, monthEndBefore(opts.today, 12))).value;
      if (now || before) out.push(def);
    }
    return out;
  });
  const defs = loaded.filter((d) => d.key in TARGETED);

  // Targets: from each unit's figure at the end of last year toward (a little beyond) its trend.
  const targets = await runAsSystem(database, async (db) => {
    const ctx = systemCtx(db, city);
    const counties = (await db.execute(sql`SELECT id FROM org_units WHERE parent_id = ${city.id} AND kind = 'county' ORDER BY id`)) as unknown as { rows: { id: number }[] };
    const ids = [city.id, ...counties.rows.map((r) => Number(r.id))];
    const start = new Map((await computeTree(ctx, city, `${year - 1}-12-31`, defs)).map((f) => [`${f.unitId}/${f.key}`, f.value.value ?? 0]));
    const now = new Map((await computeTree(ctx, city, opts.today, defs)).map((f) => [`${f.unitId}/${f.key}`, f.value.value ?? 0]));
    const share = Math.max(0.05, shareDue({ year, profile: null }, opts.today));
    let n = 0;
    for (const [i, unitId] of ids.entries()) {
      for (const def of defs) {
        const baseline = def.yearToDate ? 0 : (start.get(`${unitId}/${def.key}`) ?? 0);
        const current = now.get(`${unitId}/${def.key}`) ?? 0;
        const trend = baseline + (current - baseline) / share; // where the unit is heading by 31 December
        const lean = i === 0 ? 0.002 : LEAN[(i - 1) % LEAN.length]!;
        const cityRate = TARGETED[def.key];
        const target = def.unit === '%' ? Math.min(0.995, Math.round((i === 0 && cityRate !== null ? Math.max(cityRate ?? 0, trend) : trend + lean) * 1000) / 1000) : Math.round(trend * (1 + lean));
        await db.execute(sql`
          INSERT INTO indicator_targets (unit_id, year, indicator_key, target, baseline, note)
          VALUES (${unitId}, ${year}, ${def.key}, ${target}, ${baseline}, ${i === 0 ? '省总工会下达' : '市总工会下达'})
          ON CONFLICT DO NOTHING`);
        n++;
      }
    }
    return n;
  });

  // A year of month ends, frozen as the scheduler would have frozen them.
  const periods = Array.from({ length: 12 }, (_, i) => monthEndBefore(opts.today, 12 - i));
  let snapshotRows = 0;
  for (const period of periods) {
    const r = await runAsSystem(database, (db) => freezeMonth(systemCtx(db, city), { rootUnitId: city.id, period, today: opts.today }));
    snapshotRows += r.rows;
  }

  // The city's bulletin every month; each county's for the last month.
  let bulletins = 0;
  for (const period of periods) {
    await runAsSystem(database, (db) => publishBulletin(systemCtx(db, city), city.id, period));
    bulletins++;
  }
  const counties = await database.query<{ id: number; path: string }>(`SELECT id, path FROM org_units WHERE parent_id = $1 AND kind = 'county' ORDER BY id`, [city.id]);
  for (const c of counties) {
    await runAsSystem(database, (db) => publishBulletin(systemCtx(db, city), Number(c.id), periods[periods.length - 1]!));
    bulletins++;
  }
  const nudges = await runAsSystem(database, (db) => checkTargetNudges(systemCtx(db, city), city.id, opts.today));
  return { targets, months: periods.length, snapshotRows, bulletins, nudges: nudges.raised };
}
