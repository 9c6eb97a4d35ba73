/**
 * Monthly snapshots: at each month's end the figures of every supervised unit for every indicator
 * are frozen, with the date they were computed as of and the definition used. A snapshot is never
 * changed; a correction adds a new, marked version with its reason, and readers take the latest.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowsOf } from '../../db/sql.ts';
import { recordAudit, recordSystemAudit } from '../audit/service.ts';
import type { Ctx } from '../context.ts';
import { getUnit } from '../org/service.ts';
import { runAsSystem } from '../org/scope.ts';
import { todayInShanghai, type IsoDate } from '../time.ts';
import { definitionHash, listIndicators, type IndicatorDefinition } from './catalogue.ts';
import { computeTree } from './compute.ts';
import { indicatorError } from './errors.ts';
import { lastClosedPeriod, monthEnd, monthEndBefore } from './periods.ts';

/** The user id a system context carries (the scheduler); audited as 'system'. */
export const SYSTEM_USER_ID = 0;

export function systemCtx(db: Ctx['db'], root: { id: number; path: string }): Ctx {
  return {
    db,
    actor: { userId: SYSTEM_USER_ID, username: 'system', displayName: '系统', role: 'city_admin', unitId: root.id },
    scope: { unitId: root.id, path: root.path },
  };
}

export function auditAs(ctx: Ctx, entry: Parameters<typeof recordAudit>[1]): Promise<number> {
  return ctx.actor.userId === SYSTEM_USER_ID ? recordSystemAudit(ctx.db, { userId: null, name: 'system' }, entry) : recordAudit(ctx, entry);
}

export interface FreezeResult {
  period: IsoDate;
  /** Indicators frozen by this call (none when the month was already frozen). */
  indicators: string[];
  rows: number;
  correction: boolean;
}

const BATCH = 2000;

/**
 * Freezes the month ending `period` for the supervised units of `root`'s subtree. Without a reason
 * it adds only what is missing (the indicators not yet frozen for the root that month) and is
 * idempotent; with a reason it is a correction: every figure again, as version n + 1.
 */
export async function freezeMonth(ctx: Ctx, o: { rootUnitId: number; period: IsoDate; correctionReason?: string | null; today?: IsoDate; only?: string[] }): Promise<FreezeResult> {
  const period = monthEnd(o.period);
  if (period >= (o.today ?? todayInShanghai())) throw indicatorError('SNAPSHOT_PERIOD_NOT_OVER');
  const root = await getUnit(ctx, o.rootUnitId);
  const correction = !!o.correctionReason;
  let defs = listIndicators().filter((d) => !o.only || o.only.includes(d.key));
  if (!correction) {
    const done = new Set(
      rowsOf<{ k: string }>(await ctx.db.execute(sql`SELECT DISTINCT indicator_key AS k FROM indicator_snapshots WHERE unit_id = ${root.id} AND period = ${period}::date`)).map((r) => r.k),
    );
    defs = defs.filter((d) => !done.has(d.key));
  }
  if (!defs.length) return { period, indicators: [], rows: 0, correction };
  const figures = await computeTree(ctx, root, period, defs);
  const hashes = new Map(defs.map((d: IndicatorDefinition) => [d.key, definitionHash(d)]));
  const records = figures.map((f) => ({
    u: f.unitId,
    k: f.key,
    v: f.value.value,
    n: f.value.numerator ?? null,
    d: f.value.denominator ?? null,
    h: hashes.get(f.key)!,
  }));
  const by = ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId;
  for (let i = 0; i < records.length; i += BATCH) {
    const json = JSON.stringify(records.slice(i, i + BATCH));
    const version = correction ? sql`COALESCE((SELECT max(s.version) FROM indicator_snapshots s WHERE s.unit_id = r.u AND s.period = ${period}::date AND s.indicator_key = r.k), 0) + 1` : sql`1`;
    await ctx.db.execute(sql`
      INSERT INTO indicator_snapshots (unit_id, period, indicator_key, version, value, numerator, denominator, as_of, definition_hash, correction, reason, taken_by_user_id)
      SELECT r.u, ${period}::date, r.k, ${version}, r.v, r.n, r.d, ${period}::date, r.h, ${correction}, ${o.correctionReason ?? null}, ${by}::int
        FROM jsonb_to_recordset(${json}::jsonb) AS r(u int, k text, v float8, n float8, d float8, h text)
      ON CONFLICT DO NOTHING`);
  }
  await auditAs(ctx, {
    action: 'create',
    entity: 'indicator_snapshot',
    entityId: `${root.id}/${period}`,
    unitId: root.id,
    reason: o.correctionReason ?? null,
    after: { period, indicators: defs.map((d) => d.key), rows: records.length, correction },
  });
  return { period, indicators: defs.map((d) => d.key), rows: records.length, correction };
}

export interface SnapshotFigure {
  unitId: number;
  period: IsoDate;
  indicatorKey: string;
  version: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  asOf: IsoDate;
  definitionHash: string;
  correction: boolean;
  reason: string | null;
  takenAt: string;
}

/** The latest version of each frozen figure for the given units (or all in scope), months and indicators. */
export async function latestSnapshots(ctx: Ctx, f: { unitIds?: number[]; periods: IsoDate[]; keys?: string[] }): Promise<SnapshotFigure[]> {
  if (!f.periods.length || (f.unitIds && !f.unitIds.length)) return [];
  // Plain lists of parameters, so the primary key's index does the filtering and the scope
  // policy is checked only on the rows found.
  const list = <T>(xs: T[], cast: string) =>
    sql.join(
      xs.map((x) => sql`${x}::${sql.raw(cast)}`),
      sql`, `,
    );
  const units = f.unitIds ? sql`AND unit_id IN (${list(f.unitIds, 'int')})` : sql``;
  const keys = f.keys ? sql`AND indicator_key IN (${list(f.keys, 'text')})` : sql``;
  const r = await ctx.db.execute(sql`
    SELECT DISTINCT ON (unit_id, period, indicator_key) unit_id, period::text AS period, indicator_key, version, value, numerator, denominator,
           as_of::text AS as_of, definition_hash, correction, reason, taken_at
      FROM indicator_snapshots
     WHERE period IN (${list(f.periods, 'date')}) ${units} ${keys}
     ORDER BY unit_id, period, indicator_key, version DESC`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    unitId: Number(x.unit_id),
    period: String(x.period),
    indicatorKey: String(x.indicator_key),
    version: Number(x.version),
    value: x.value === null ? null : Number(x.value),
    numerator: x.numerator === null ? null : Number(x.numerator),
    denominator: x.denominator === null ? null : Number(x.denominator),
    asOf: String(x.as_of),
    definitionHash: String(x.definition_hash),
    correction: Boolean(x.correction),
    reason: (x.reason as string | null) ?? null,
    takenAt: new Date(x.taken_at as string).toISOString(),
  }));
}

/** Every version of one unit's figures for a month (corrections shown beside what they replaced). */
export async function snapshotHistory(ctx: Ctx, unitId: number, period: IsoDate): Promise<SnapshotFigure[]> {
  const r = await ctx.db.execute(sql`
    SELECT unit_id, period::text AS period, indicator_key, version, value, numerator, denominator, as_of::text AS as_of, definition_hash, correction, reason, taken_at
      FROM indicator_snapshots WHERE unit_id = ${unitId} AND period = ${monthEnd(period)}::date ORDER BY indicator_key, version`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    unitId: Number(x.unit_id),
    period: String(x.period),
    indicatorKey: String(x.indicator_key),
    version: Number(x.version),
    value: x.value === null ? null : Number(x.value),
    numerator: x.numerator === null ? null : Number(x.numerator),
    denominator: x.denominator === null ? null : Number(x.denominator),
    asOf: String(x.as_of),
    definitionHash: String(x.definition_hash),
    correction: Boolean(x.correction),
    reason: (x.reason as string | null) ?? null,
    takenAt: new Date(x.taken_at as string).toISOString(),
  }));
}

/** The months frozen for a unit (latest first). */
export async function frozenPeriods(ctx: Ctx, unitId: number): Promise<{ period: IsoDate; versions: number; corrected: boolean }[]> {
  const r = await ctx.db.execute(sql`
    SELECT period::text AS period, max(version)::int AS versions, bool_or(correction) AS corrected
      FROM indicator_snapshots WHERE unit_id = ${unitId} GROUP BY period ORDER BY period DESC`);
  return rowsOf<{ period: string; versions: number; corrected: boolean }>(r).map((x) => ({ period: x.period, versions: Number(x.versions), corrected: Boolean(x.corrected) }));
}

/** How far back the catch-up reaches: a year of month ends. */
export const CATCH_UP_MONTHS = 12;

/**
 * The scheduled run: freezes the last month that is over, for every tree root, as the system.
 * Idempotent — a month already frozen costs one look-up — and it completes a month when an
 * indicator was added after it was frozen. Each root and month is one transaction.
 *
 * With `catchUp` (the first run after the server starts) it also freezes the month ends missed
 * while it was down: every month end of the last year after the root's first frozen month (a tree
 * with nothing frozen yet starts with the last month), oldest first, completing any indicator a
 * month lacks. Each is computed from the records as of its own month end.
 */
export async function freezeDueMonths(database: Database, today: IsoDate = todayInShanghai(), opts: { catchUp?: boolean } = {}): Promise<FreezeResult[]> {
  const last = lastClosedPeriod(today);
  const roots = await database.query<{ id: number; path: string; first: string | null }>(
    `SELECT u.id, u.path, (SELECT min(s.period)::text FROM indicator_snapshots s WHERE s.unit_id = u.id) AS first
       FROM org_units u WHERE u.parent_id IS NULL ORDER BY u.id`,
  );
  const out: FreezeResult[] = [];
  for (const root of roots) {
    let periods = [last];
    if (opts.catchUp && root.first) {
      periods = Array.from({ length: CATCH_UP_MONTHS }, (_, i) => monthEndBefore(today, CATCH_UP_MONTHS - i)).filter((p) => p >= root.first!);
    }
    for (const period of periods) {
      const r = await runAsSystem(database, (db) => freezeMonth(systemCtx(db, { id: Number(root.id), path: root.path }), { rootUnitId: Number(root.id), period, today }));
      if (r.rows) out.push(r);
    }
  }
  return out;
}
