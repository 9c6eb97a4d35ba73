/**
 * Supervision (督查): the dashboard of a unit, the monthly bulletins of a level, quarterly and
 * half-year reviews built from the monthly snapshots, and the nudges that tell a unit it has
 * fallen behind its expected progress. Figures come from the indicators engine only.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../../engines/context.ts';
import { definitionHash, findIndicator, listIndicators, type IndicatorDefinition, type IndicatorValue, formatValue } from '../../engines/indicators/catalogue.ts';
import { computeForChildren, supervisedChildren, type SupervisedUnit } from '../../engines/indicators/compute.ts';
import { indicatorError } from '../../engines/indicators/errors.ts';
import { monthEnd, monthEndBefore, periodEnds, periodLabel, type PeriodKind } from '../../engines/indicators/periods.ts';
import { latestSnapshots, auditAs, SYSTEM_USER_ID } from '../../engines/indicators/snapshots.ts';
import { progressAgainst, targetsInSubtree, targetsOf } from '../../engines/indicators/targets.ts';
import type { Progress } from '../../engines/indicators/status.ts';
import { clearNudge, openCauses, raiseNudge } from '../../engines/notify/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { buildIndicator, bulletinTitle, commentaryOf, contentHash, type BulletinContent, type FigureInput } from './bulletin.ts';
import { supervisionError } from './errors.ts';
import { supervisionBulletins, type BulletinRow } from './schema.ts';

type Figures = Map<string, Map<number, IndicatorValue>>;

/** The figures of a unit and the given units below it on a date, computed from the records. */
async function liveFigures(ctx: Ctx, unitId: number, children: SupervisedUnit[], asOf: IsoDate, defs: IndicatorDefinition[]): Promise<Figures> {
  const out: Figures = new Map();
  for (const def of defs) {
    const m = new Map<number, IndicatorValue>();
    m.set(unitId, await def.compute(ctx, unitId, asOf));
    for (const [id, v] of await computeForChildren(
      ctx,
      def,
      unitId,
      children.map((c) => c.id),
      asOf,
    ))
      m.set(id, v);
    out.set(def.key, m);
  }
  return out;
}

/** The frozen figures (latest version) of some units at a month end. */
async function frozenFigures(ctx: Ctx, unitIds: number[], period: IsoDate, defs: IndicatorDefinition[]): Promise<Figures> {
  const out: Figures = new Map(defs.map((d) => [d.key, new Map<number, IndicatorValue>()]));
  for (const s of await latestSnapshots(ctx, { unitIds, periods: [period], keys: defs.map((d) => d.key) })) {
    out.get(s.indicatorKey)?.set(s.unitId, { value: s.value, ...(s.numerator !== null ? { numerator: s.numerator } : {}), ...(s.denominator !== null ? { denominator: s.denominator } : {}) });
  }
  return out;
}

async function isFrozen(ctx: Ctx, unitId: number, period: IsoDate): Promise<boolean> {
  const r = await ctx.db.execute(sql`SELECT 1 FROM indicator_snapshots WHERE unit_id = ${unitId} AND period = ${period}::date LIMIT 1`);
  return rowsOf(r).length > 0;
}

/** Target progress of each unit for each indicator on a date. */
async function progressMap(ctx: Ctx, unitIds: number[], date: IsoDate, figures: Figures): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>();
  for (const t of await targetsOf(ctx, unitIds, Number(date.slice(0, 4)))) {
    const def = findIndicator(t.indicatorKey);
    if (!def) continue;
    out.set(`${t.unitId}/${t.indicatorKey}`, progressAgainst(t, def, figures.get(def.key)?.get(t.unitId)?.value ?? null, date));
  }
  return out;
}

// ── Bulletins ────────────────────────────────────────────────────────────────────────────────

/**
 * A level's bulletin for a month, from the frozen month-end figures (or, for a preview of a month
 * not yet frozen, computed from the records as of its end). `comparedWith` names the previous point.
 */
export async function composeBulletin(ctx: Ctx, unitId: number, period: IsoDate, opts: { requireFrozen?: boolean; previous?: IsoDate } = {}): Promise<BulletinContent> {
  const unit = await getUnit(ctx, unitId);
  const end = monthEnd(period);
  const previousPeriod = opts.previous ?? monthEndBefore(end, 1);
  const today = todayInShanghai();
  const children = await supervisedChildren(ctx, unit.id, end);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const frozen = await isFrozen(ctx, unit.id, end);
  if (opts.requireFrozen && !frozen) throw supervisionError('BULLETIN_NOT_FROZEN');
  // A frozen month's bulletin covers the indicators frozen for it (one registered later is not made up).
  const frozenKeys = frozen
    ? new Set(rowsOf<{ k: string }>(await ctx.db.execute(sql`SELECT DISTINCT indicator_key AS k FROM indicator_snapshots WHERE unit_id = ${unit.id} AND period = ${end}::date`)).map((r) => r.k))
    : null;
  const defs = listIndicators().filter((d) => !frozenKeys || frozenKeys.has(d.key));
  const current = frozen ? await frozenFigures(ctx, ids, end, defs) : await liveFigures(ctx, unit.id, children, end < today ? end : today, defs);
  const previous = (await isFrozen(ctx, unit.id, previousPeriod))
    ? await frozenFigures(ctx, ids, previousPeriod, defs)
    : frozen
      ? new Map()
      : await liveFigures(ctx, unit.id, children, previousPeriod, defs);
  const progress = await progressMap(ctx, ids, end, current);
  // A year-to-date count starts again in January: December's figure is no comparison.
  const newYear = previousPeriod.slice(0, 4) !== end.slice(0, 4);
  const restarted = new Set(defs.filter((d) => d.yearToDate && newYear).map((d) => d.key));
  const figureOf = (key: string, id: number): FigureInput => {
    const v = current.get(key)?.get(id);
    const p = progress.get(`${id}/${key}`);
    return {
      value: v?.value ?? null,
      numerator: v?.numerator ?? null,
      denominator: v?.denominator ?? null,
      previous: restarted.has(key) ? null : (previous.get(key)?.get(id)?.value ?? null),
      target: p ? { target: p.target, expected: p.expected, status: p.status } : null,
    };
  };
  const indicators = defs.map((def) =>
    buildIndicator(
      { ...def, definitionHash: definitionHash(def) },
      figureOf(def.key, unit.id),
      children.map((c) => ({ unitId: c.id, name: c.name, figure: figureOf(def.key, c.id) })),
    ),
  );
  const base = { unit: { id: unit.id, name: unit.name }, period: end, previousPeriod, title: bulletinTitle(unit.name, end), frozen, indicators };
  return { ...base, commentary: commentaryOf(base) };
}

/** Publishes a level's bulletin for a closed, frozen month: stored as it is, signed, never changed. */
export async function publishBulletin(ctx: Ctx, unitId: number, period: IsoDate): Promise<BulletinRow> {
  const end = monthEnd(period);
  if (end >= todayInShanghai()) throw supervisionError('BULLETIN_PERIOD_NOT_OVER');
  const content = await composeBulletin(ctx, unitId, end, { requireFrozen: true });
  if (!content.indicators[0]?.rows.length) throw supervisionError('BULLETIN_NO_UNITS_BELOW');
  const [last] = await ctx.db
    .select({ version: supervisionBulletins.version })
    .from(supervisionBulletins)
    .where(and(eq(supervisionBulletins.unitId, unitId), eq(supervisionBulletins.period, end)))
    .orderBy(desc(supervisionBulletins.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  const hash = contentHash(content);
  const [row] = await ctx.db
    .insert(supervisionBulletins)
    .values({ unitId, period: end, version, title: content.title, content, contentHash: hash, publishedByUserId: ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId })
    .returning();
  await auditAs(ctx, { action: 'create', entity: 'supervision_bulletin', entityId: row!.id, unitId, after: { period: end, version, contentHash: hash } });
  return row!;
}

/**
 * Published bulletins: those of one unit in scope, or (`above`) those of the levels above it — the
 * city's bulletin ranks the county, and the county reads it. Drafts are never stored.
 */
export async function listBulletins(ctx: Ctx, f: { unitId?: number | undefined; above?: boolean | undefined; offset: number; limit: number }) {
  let where = f.unitId ? eq(supervisionBulletins.unitId, f.unitId) : undefined;
  if (f.above) {
    const unit = await getUnit(ctx, f.unitId ?? ctx.scope.unitId);
    const ancestors = unit.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((id) => id !== unit.id);
    if (!ancestors.length) return { items: [], total: 0 };
    where = inArray(supervisionBulletins.unitId, ancestors);
  } else if (f.unitId) await getUnit(ctx, f.unitId);
  const items = await ctx.db
    .select({
      id: supervisionBulletins.id,
      unitId: supervisionBulletins.unitId,
      period: supervisionBulletins.period,
      version: supervisionBulletins.version,
      title: supervisionBulletins.title,
      contentHash: supervisionBulletins.contentHash,
      publishedAt: supervisionBulletins.publishedAt,
    })
    .from(supervisionBulletins)
    .where(where)
    .orderBy(desc(supervisionBulletins.period), desc(supervisionBulletins.version), desc(supervisionBulletins.id))
    .offset(f.offset)
    .limit(f.limit);
  const [n] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(supervisionBulletins).where(where);
  return { items: items.map((b) => ({ ...b, publishedAt: b.publishedAt.toISOString() })), total: Number(n?.n ?? 0) };
}

export async function getBulletin(ctx: Ctx, id: number): Promise<BulletinRow> {
  const [row] = await ctx.db.select().from(supervisionBulletins).where(eq(supervisionBulletins.id, id));
  if (!row) throw supervisionError('BULLETIN_NOT_FOUND');
  return row;
}

/** Whether a stored bulletin still matches its signature. */
export function verifyBulletin(row: BulletinRow): boolean {
  return contentHash(row.content as BulletinContent) === row.contentHash;
}

/**
 * A bulletin as sent; `fromAbove` when a level above the reader's scope issued it (the reader sees
 * it, but only their own unit's records behind it).
 */
export function presentBulletin(row: BulletinRow, scope?: { unitId: number; path: string }) {
  return {
    fromAbove: scope ? row.unitId !== scope.unitId && scope.path.includes(`/${row.unitId}/`) : false,
    id: row.id,
    unitId: row.unitId,
    period: row.period,
    version: row.version,
    title: row.title,
    contentHash: row.contentHash,
    verified: verifyBulletin(row),
    publishedAt: row.publishedAt.toISOString(),
    content: row.content as BulletinContent,
  };
}

// ── Quarterly and half-year reviews ───────────────────────────────────────────────────────────

/** A year's quarters or halves for a level, from the month-end snapshots: each period against the one before. */
export async function periodReview(ctx: Ctx, unitId: number, year: number, kind: Exclude<PeriodKind, 'month'>) {
  const today = todayInShanghai();
  const ends = periodEnds(year, kind).filter((e) => e < today);
  const periods = [];
  let previous = `${year - 1}-12-31`;
  for (const end of ends) {
    if (await isFrozen(ctx, unitId, end)) {
      const b = await composeBulletin(ctx, unitId, end, { previous });
      periods.push({
        end,
        label: periodLabel(end, kind),
        previousEnd: previous,
        indicators: b.indicators,
        commentary: b.commentary.map((s) => s.replaceAll('较上月', kind === 'quarter' ? '较上季度末' : '较上半年末')),
      });
    }
    previous = end;
  }
  return { unitId, year, kind, periods };
}

// ── Dashboard ────────────────────────────────────────────────────────────────────────────────

export function drillHref(key: string, unitId: number, asOf: IsoDate, figure?: string): string {
  return `/api/v1/supervision/records?indicator=${encodeURIComponent(key)}&unitId=${unitId}&asOf=${asOf}${figure ? `&figure=${encodeURIComponent(figure)}` : ''}`;
}

/**
 * A unit's home page: each indicator's figure today against its target (a gauge), the supervised
 * units below ranked, and the monthly trend from the snapshots; every number with its drill-down.
 */
export async function dashboard(ctx: Ctx, unitId: number, asOf: IsoDate = todayInShanghai(), months = 12) {
  const unit = await getUnit(ctx, unitId);
  const children = await supervisedChildren(ctx, unit.id, asOf);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const defs = listIndicators();
  const live = await liveFigures(ctx, unit.id, children, asOf, defs);
  const progress = await progressMap(ctx, ids, asOf, live);
  const trendPeriods = Array.from({ length: months }, (_, i) => monthEndBefore(asOf, months - i));
  const frozen = await latestSnapshots(ctx, { unitIds: [unit.id], periods: trendPeriods });
  const year = Number(asOf.slice(0, 4));
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    asOf,
    year,
    gauges: defs.map((def) => {
      const v = live.get(def.key)!.get(unit.id)!;
      return {
        indicator: { key: def.key, name: def.name, unit: def.unit, direction: def.direction, definition: def.definition },
        value: v.value,
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
        display: formatValue(def, v.value),
        progress: progress.get(`${unit.id}/${def.key}`) ?? null,
        drill: { href: drillHref(def.key, unit.id, asOf), figures: def.drill ? def.drill.figures.map((f) => ({ ...f, href: drillHref(def.key, unit.id, asOf, f.key) })) : [] },
      };
    }),
    rankings: defs.map((def) => {
      const built = buildIndicator(
        { ...def, definitionHash: '' },
        { value: null, previous: null },
        children.map((c) => {
          const v = live.get(def.key)!.get(c.id);
          const p = progress.get(`${c.id}/${def.key}`);
          return { unitId: c.id, name: c.name, figure: { value: v?.value ?? null, previous: null, target: p ? { target: p.target, expected: p.expected, status: p.status } : null } };
        }),
      );
      return {
        indicatorKey: def.key,
        items: built.rows.map((r) => ({
          unitId: r.unitId,
          name: r.name,
          rank: r.rank,
          value: r.value,
          display: formatValue(def, r.value),
          status: r.status,
          drill: drillHref(def.key, r.unitId, asOf),
        })),
      };
    }),
    trends: defs.map((def) => ({
      indicatorKey: def.key,
      points: [
        ...trendPeriods.map((p) => {
          const s = frozen.find((x) => x.period === p && x.indicatorKey === def.key);
          return { period: p, value: s?.value ?? null, frozen: !!s, corrected: s ? s.version > 1 : false };
        }),
        { period: asOf, value: live.get(def.key)!.get(unit.id)!.value, frozen: false, corrected: false },
      ],
    })),
  };
}

// ── The records behind a figure ───────────────────────────────────────────────────────────────

export async function recordsBehind(ctx: Ctx, key: string, unitId: number, asOf: IsoDate, figure: string | undefined, page: { offset: number; limit: number }) {
  const def = findIndicator(key);
  if (!def) throw indicatorError('INDICATOR_NOT_FOUND');
  await getUnit(ctx, unitId);
  if (!def.drill) return { figure: null, items: [], total: 0 };
  const f = figure ?? def.drill.figures[0]!.key;
  if (!def.drill.figures.some((x) => x.key === f)) throw indicatorError('INDICATOR_FIGURE_UNKNOWN');
  const r = await def.drill.run(ctx, unitId, asOf, f, page);
  return { figure: f, ...r };
}

// ── Nudges: behind target ─────────────────────────────────────────────────────────────────────

/**
 * Checks every target of the year in a subtree against today's figures: a unit that has fallen
 * behind (red) is nudged once per indicator and year; when it catches up the cause is cleared, so
 * falling behind again nudges again. Safe to run at every check: an open cause never re-fires.
 */
export async function checkTargetNudges(ctx: Ctx, rootUnitId: number, today: IsoDate = todayInShanghai()): Promise<{ raised: number; cleared: number; behind: number }> {
  const year = Number(today.slice(0, 4));
  const targets = await targetsInSubtree(ctx, rootUnitId, year);
  const open = new Set((await openCauses(ctx, [...new Set(targets.map((t) => t.unitId))], 'target:')).map((c) => `${c.unitId}/${c.causeKey}`));
  let raised = 0;
  let cleared = 0;
  let behind = 0;
  for (const t of targets) {
    const def = findIndicator(t.indicatorKey);
    if (!def) continue;
    const actual = (await def.compute(ctx, t.unitId, today)).value;
    const p = progressAgainst(t, def, actual, today);
    const causeKey = `target:${def.key}:${year}`;
    if (p.status === 'red') {
      behind++;
      const r = await raiseNudge(ctx, {
        unitId: t.unitId,
        causeKey,
        kind: 'behind_target',
        title: `${def.name}落后于序时进度`,
        body: `截至${today}，本单位${def.name}为${formatValue(def, actual)}，按进度应达到${formatValue(def, p.expected)}（${year}年目标${formatValue(def, t.target)}）。${def.advice ?? '请对照明细加快推进。'}`,
        link: `/supervision?unitId=${t.unitId}&indicator=${encodeURIComponent(def.key)}`,
      });
      if (r.raised) raised++;
    } else if (open.has(`${t.unitId}/${causeKey}`)) {
      if (await clearNudge(ctx, t.unitId, causeKey)) cleared++;
    }
  }
  if (raised || cleared) await auditAs(ctx, { action: 'create', entity: 'supervision_nudge_check', unitId: rootUnitId, after: { today, raised, cleared, behind } });
  return { raised, cleared, behind };
}
