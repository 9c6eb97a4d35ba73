/**
 * What most programs' indicators share: one query counts a program's figures for a unit's
 * subtree, or for each unit directly below it in one pass (grouped by the unit below), and every
 * indicator of the program reads those counts. The counts are kept for the life of one
 * transaction (one Ctx), so the dashboard, a bulletin or a snapshot asks each query once.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { getUnit, subtreeRange } from '../org/service.ts';
import type { IsoDate } from '../time.ts';

export interface GroupScope {
  /** The subtree's path range: `path >= lo AND path < hi`. */
  lo: string;
  hi: string;
  /**
   * The group of a unit from its `path` column: 0 for the whole subtree, or the id of the unit
   * directly below the root that it lies under (NULL for the root itself).
   */
  key(pathColumn: SQL): SQL;
  byChild: boolean;
}

/** '/1/4/57/' split on '/' is ['', '1', '4', '57', '']: the unit below a root at depth d is part d + 3. */
function scopeOf(root: { path: string; depth: number }, byChild: boolean): GroupScope {
  const [lo, hi] = subtreeRange(root.path);
  return {
    lo,
    hi,
    byChild,
    key: (path) => (byChild ? sql`NULLIF(split_part(${path}, '/', ${root.depth + 3}), '')::int` : sql`0`),
  };
}

export interface GroupedSource<C> {
  /** The counts for the subtree of `unitId` on `asOf`. */
  ofUnit(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<C>;
  /** The counts for each unit directly below `unitId` (its subtree), keyed by unit id. */
  ofChildren(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<Map<number, C>>;
}

/**
 * Wraps a grouped count (`count(ctx, scope, asOf)` answers one row per group key) with the
 * per-transaction cache. `zero` stands for a group without any record.
 */
export function groupedSource<C>(zero: () => C, count: (ctx: Ctx, scope: GroupScope, asOf: IsoDate) => Promise<Map<number, C>>): GroupedSource<C> {
  const cache = new WeakMap<Ctx, Map<string, Promise<Map<number, C>>>>();
  const run = (ctx: Ctx, unitId: number, asOf: IsoDate, byChild: boolean) => {
    let m = cache.get(ctx);
    if (!m) cache.set(ctx, (m = new Map()));
    const k = `${unitId}@${asOf}/${byChild ? 'c' : 'u'}`;
    let p = m.get(k);
    if (!p) {
      p = getUnit(ctx, unitId).then(async (unit) => {
        const counted = await count(ctx, scopeOf(unit, byChild), asOf);
        if (!byChild) return counted;
        // Every unit directly below has its counts, a unit without records its zero.
        const children = rowsOf<{ id: number }>(await ctx.db.execute(sql`SELECT id FROM org_units WHERE parent_id = ${unit.id}`));
        return new Map(children.map((c) => [Number(c.id), counted.get(Number(c.id)) ?? zero()]));
      });
      m.set(k, p);
      p.catch(() => m!.delete(k));
    }
    return p;
  };
  return {
    ofUnit: async (ctx, unitId, asOf) => (await run(ctx, unitId, asOf, false)).get(0) ?? zero(),
    ofChildren: async (ctx, unitId, asOf) => {
      return run(ctx, unitId, asOf, true);
    },
  };
}

/** The units of the scope with their group (`id`, `k`): a CTE body. The root itself has no group when grouping by child. */
export function unitsOf(scope: GroupScope): SQL {
  return sql`SELECT id, k FROM (SELECT id, ${scope.key(sql`path`)} AS k FROM org_units WHERE path >= ${scope.lo} AND path < ${scope.hi}) s WHERE k IS NOT NULL`;
}

/** 1 January of the year of a date: the start of the year-to-date figures. */
export function yearStart(asOf: IsoDate): IsoDate {
  return `${asOf.slice(0, 4)}-01-01`;
}

/** A count as a number (both drivers may answer bigint as a string). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
