/**
 * Computing the catalogue over the tree: every supervised unit (the city, counties, townships and
 * other union federations — the levels that are set targets and ranked in bulletins) below a root,
 * for every indicator, using each indicator's grouped computation where it has one.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { subtreeRange } from '../org/service.ts';
import type { IsoDate } from '../time.ts';
import type { IndicatorDefinition, IndicatorValue } from './catalogue.ts';

/** The kinds of unit that are supervised: set targets, ranked, frozen in snapshots. */
export const SUPERVISED_KINDS = ['city', 'county', 'township'] as const;

export interface SupervisedUnit {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  depth: number;
  path: string;
}

/** The supervised units of a subtree open on a date, the root first, in tree order. */
export async function supervisedUnits(ctx: Ctx, rootPath: string, asOf: IsoDate): Promise<SupervisedUnit[]> {
  const [lo, hi] = subtreeRange(rootPath);
  const r = await ctx.db.execute(sql`
    SELECT id, parent_id, name, kind, depth, path FROM org_units
     WHERE path >= ${lo} AND path < ${hi} AND kind IN ('city', 'county', 'township')
       AND opened_on <= ${asOf}::date AND (closed_on IS NULL OR closed_on > ${asOf}::date)
     ORDER BY path`);
  return rowsOf<{ id: number; parent_id: number | null; name: string; kind: string; depth: number; path: string }>(r).map((u) => ({
    id: Number(u.id),
    parentId: u.parent_id === null ? null : Number(u.parent_id),
    name: u.name,
    kind: u.kind,
    depth: Number(u.depth),
    path: u.path,
  }));
}

/** The supervised units directly below a unit, open on a date, in tree order. */
export async function supervisedChildren(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<SupervisedUnit[]> {
  const r = await ctx.db.execute(sql`
    SELECT id, parent_id, name, kind, depth, path FROM org_units
     WHERE parent_id = ${unitId} AND kind IN ('city', 'county', 'township')
       AND opened_on <= ${asOf}::date AND (closed_on IS NULL OR closed_on > ${asOf}::date)
     ORDER BY path`);
  return rowsOf<{ id: number; parent_id: number | null; name: string; kind: string; depth: number; path: string }>(r).map((u) => ({
    id: Number(u.id),
    parentId: u.parent_id === null ? null : Number(u.parent_id),
    name: u.name,
    kind: u.kind,
    depth: Number(u.depth),
    path: u.path,
  }));
}

const EMPTY: IndicatorValue = { value: null };

/** One indicator for each of the given children of `parentId` (grouped when the indicator can). */
export async function computeForChildren(ctx: Ctx, def: IndicatorDefinition, parentId: number, childIds: number[], asOf: IsoDate): Promise<Map<number, IndicatorValue>> {
  if (!childIds.length) return new Map();
  if (def.computeChildren) {
    const grouped = await def.computeChildren(ctx, parentId, asOf);
    return new Map(childIds.map((id) => [id, grouped.get(id) ?? EMPTY]));
  }
  const out = new Map<number, IndicatorValue>();
  for (const id of childIds) out.set(id, await def.compute(ctx, id, asOf));
  return out;
}

export interface ComputedFigure {
  unitId: number;
  key: string;
  value: IndicatorValue;
}

/**
 * Every indicator for every supervised unit of the root's subtree on a date: the root by its own
 * computation, the others through their parent's grouped computation (one pass per parent).
 */
export async function computeTree(ctx: Ctx, root: { id: number; path: string }, asOf: IsoDate, defs: IndicatorDefinition[]): Promise<ComputedFigure[]> {
  const units = await supervisedUnits(ctx, root.path, asOf);
  const childrenOf = new Map<number, number[]>();
  for (const u of units) {
    if (u.id === root.id || u.parentId === null) continue;
    const list = childrenOf.get(u.parentId) ?? [];
    list.push(u.id);
    childrenOf.set(u.parentId, list);
  }
  const out: ComputedFigure[] = [];
  for (const def of defs) {
    out.push({ unitId: root.id, key: def.key, value: await def.compute(ctx, root.id, asOf) });
    for (const [parentId, childIds] of childrenOf) {
      const values = await computeForChildren(ctx, def, parentId, childIds, asOf);
      for (const [unitId, value] of values) out.push({ unitId, key: def.key, value });
    }
  }
  return out;
}
