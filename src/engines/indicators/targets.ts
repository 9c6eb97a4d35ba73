/**
 * Targets: per unit, year and indicator, set by the level above for the supervised units below it.
 * Scope does the rest: a county can set targets for its townships, never for itself or its peers.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { getUnit } from '../org/service.ts';
import type { IsoDate } from '../time.ts';
import { findIndicator, type IndicatorDefinition } from './catalogue.ts';
import { indicatorError } from './errors.ts';
import { indicatorTargets, type IndicatorTargetRow } from './schema.ts';
import { latestSnapshots, SYSTEM_USER_ID } from './snapshots.ts';
import { SUPERVISED_KINDS } from './compute.ts';
import { progressOf, validProfile, type Progress } from './status.ts';
import * as clock from '../clock.ts';

export function requireIndicator(key: string): IndicatorDefinition {
  const def = findIndicator(key);
  if (!def) throw indicatorError('INDICATOR_NOT_FOUND');
  return def;
}

export interface TargetInput {
  unitId: number;
  year: number;
  indicatorKey: string;
  target: number;
  /** The value at the start of the year; by default the figure frozen (or computed) for 31 December before. */
  baseline?: number | null | undefined;
  profile?: number[] | null | undefined;
  note?: string | null | undefined;
}

/**
 * The value at the end of the year before: the frozen figure if there is one, else computed; 0 for
 * a count over the year to date, which starts the year afresh.
 */
export async function baselineOf(ctx: Ctx, def: IndicatorDefinition, unitId: number, year: number): Promise<number> {
  if (def.yearToDate) return 0;
  const date = `${year - 1}-12-31`;
  const frozen = await latestSnapshots(ctx, { unitIds: [unitId], periods: [date], keys: [def.key] });
  const v = frozen[0]?.value ?? (await def.compute(ctx, unitId, date)).value;
  return v ?? 0;
}

export async function setTarget(ctx: Ctx, input: TargetInput): Promise<IndicatorTargetRow> {
  const def = requireIndicator(input.indicatorKey);
  const unit = await getUnit(ctx, input.unitId);
  if (unit.id === ctx.scope.unitId) throw indicatorError('TARGET_NOT_BELOW');
  if (!(SUPERVISED_KINDS as readonly string[]).includes(unit.kind)) throw indicatorError('TARGET_UNIT_NOT_SUPERVISED');
  const isRate = def.unit === '%';
  const valid = (v: number) => Number.isFinite(v) && v >= 0 && (!isRate || v <= 1);
  if (!valid(input.target) || (input.baseline !== undefined && input.baseline !== null && !valid(input.baseline))) throw indicatorError('TARGET_VALUE_INVALID');
  if (input.profile && !validProfile(input.profile)) throw indicatorError('TARGET_PROFILE_INVALID');
  const baseline = input.baseline ?? (await baselineOf(ctx, def, unit.id, input.year));
  const [before] = await ctx.db
    .select()
    .from(indicatorTargets)
    .where(and(eq(indicatorTargets.unitId, unit.id), eq(indicatorTargets.year, input.year), eq(indicatorTargets.indicatorKey, def.key)));
  const values = {
    unitId: unit.id,
    year: input.year,
    indicatorKey: def.key,
    target: input.target,
    baseline,
    profile: input.profile ?? null,
    note: input.note?.trim() || null,
    setByUserId: ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId,
    setAt: clock.now(),
  };
  const [row] = await ctx.db
    .insert(indicatorTargets)
    .values(values)
    .onConflictDoUpdate({ target: [indicatorTargets.unitId, indicatorTargets.year, indicatorTargets.indicatorKey], set: { ...values } })
    .returning();
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entity: 'indicator_target',
    entityId: `${unit.id}/${input.year}/${def.key}`,
    unitId: unit.id,
    before: before ? { target: before.target, baseline: before.baseline, profile: before.profile } : undefined,
    after: { target: row!.target, baseline: row!.baseline, profile: row!.profile },
  });
  return row!;
}

export async function deleteTarget(ctx: Ctx, unitId: number, year: number, indicatorKey: string): Promise<void> {
  if (unitId === ctx.scope.unitId) throw indicatorError('TARGET_NOT_BELOW');
  const [row] = await ctx.db
    .delete(indicatorTargets)
    .where(and(eq(indicatorTargets.unitId, unitId), eq(indicatorTargets.year, year), eq(indicatorTargets.indicatorKey, indicatorKey)))
    .returning();
  if (!row) throw indicatorError('TARGET_NOT_FOUND');
  await recordAudit(ctx, { action: 'update', entity: 'indicator_target', entityId: `${unitId}/${year}/${indicatorKey}`, unitId, before: { target: row.target }, after: { deleted: true } });
}

/** The targets of some units in a year (those in scope). */
export async function targetsOf(ctx: Ctx, unitIds: number[], year: number): Promise<IndicatorTargetRow[]> {
  if (!unitIds.length) return [];
  return ctx.db
    .select()
    .from(indicatorTargets)
    .where(and(inArray(indicatorTargets.unitId, unitIds), eq(indicatorTargets.year, year)))
    .orderBy(indicatorTargets.unitId, indicatorTargets.indicatorKey);
}

/** Every target in a year below (and at) a unit's subtree. */
export async function targetsInSubtree(ctx: Ctx, unitId: number, year: number): Promise<IndicatorTargetRow[]> {
  const unit = await getUnit(ctx, unitId);
  return ctx.db
    .select()
    .from(indicatorTargets)
    .where(and(eq(indicatorTargets.year, year), sql`${indicatorTargets.unitId} IN (SELECT id FROM org_units WHERE path >= ${unit.path} AND path < ${`${unit.path.slice(0, -1)}0`})`));
}

export function progressAgainst(row: IndicatorTargetRow, def: IndicatorDefinition, actual: number | null, date: IsoDate): Progress {
  return progressOf({ year: row.year, target: row.target, baseline: row.baseline, profile: row.profile ?? null }, actual, def.direction, date);
}

export function presentTarget(row: IndicatorTargetRow) {
  return {
    unitId: row.unitId,
    year: row.year,
    indicatorKey: row.indicatorKey,
    target: row.target,
    baseline: row.baseline,
    profile: row.profile ?? null,
    note: row.note,
    setAt: row.setAt.toISOString(),
  };
}
