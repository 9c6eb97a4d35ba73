/**
 * What most programs' indicators share: one query counts a program's figures per unit — every
 * record of the caller's scope, grouped by the unit it belongs to — and any unit's figure (its
 * subtree) and the figures of the units directly below it are sums over those rows, by the units'
 * paths. The per-unit counts are kept for the life of one transaction (one Ctx) and date, and the
 * scope's unit paths once per transaction for every program, so the dashboard, a bulletin or a
 * month's snapshot of the whole tree asks each program once per date, whatever the number of units.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { getUnit } from '../org/service.ts';
import type { IsoDate } from '../time.ts';

export interface GroupedSource<C> {
  /** The counts for the subtree of `unitId` on `asOf`. */
  ofUnit(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<C>;
  /** The counts for each unit directly below `unitId` (its subtree), keyed by unit id. */
  ofChildren(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<Map<number, C>>;
}

/** The paths of the units in the caller's scope, read once per transaction. */
const pathCache = new WeakMap<Ctx, Promise<Map<number, string>>>();
function unitPaths(ctx: Ctx): Promise<Map<number, string>> {
  let p = pathCache.get(ctx);
  if (!p) {
    // One row, not one per unit: the scope of the whole city holds thousands of units.
    p = ctx.db.execute(sql`SELECT string_agg(path, ' ') AS paths FROM org_units`).then((r) => {
      const out = new Map<number, string>();
      for (const path of (rowsOf<{ paths: string | null }>(r)[0]?.paths ?? '').split(' ')) {
        if (!path) continue;
        const parts = path.split('/');
        out.set(Number(parts[parts.length - 2]), path); // '/1/4/57/': the unit's own id is the last part
      }
      return out;
    });
    pathCache.set(ctx, p);
    p.catch(() => pathCache.delete(ctx));
  }
  return p;
}

/**
 * Wraps a per-unit count (`count(ctx, asOf)` answers the counts of each unit that has records, keyed
 * by unit id, for the caller's scope) with the per-transaction cache. `zero` stands for no record;
 * `add` sums two counts.
 */
export function groupedSource<C>(zero: () => C, add: (a: C, b: C) => C, count: (ctx: Ctx, asOf: IsoDate) => Promise<Map<number, C>>): GroupedSource<C> {
  const cache = new WeakMap<Ctx, Map<string, Promise<Map<number, C>>>>();
  const perUnit = (ctx: Ctx, asOf: IsoDate) => {
    let m = cache.get(ctx);
    if (!m) {
      m = new Map();
      cache.set(ctx, m);
    }
    let p = m.get(asOf);
    if (!p) {
      p = count(ctx, asOf);
      m.set(asOf, p);
      p.catch(() => m!.delete(asOf));
    }
    return p;
  };
  /** The root's path, and each record-holding unit's path below it. */
  const load = async (ctx: Ctx, unitId: number, asOf: IsoDate) => {
    const [paths, counts] = await Promise.all([unitPaths(ctx), perUnit(ctx, asOf)]);
    const root = paths.get(unitId) ?? (await getUnit(ctx, unitId)).path;
    return { paths, counts, root };
  };
  return {
    ofUnit: async (ctx, unitId, asOf) => {
      const { paths, counts, root } = await load(ctx, unitId, asOf);
      let total = zero();
      for (const [id, c] of counts) if (paths.get(id)?.startsWith(root)) total = add(total, c);
      return total;
    },
    ofChildren: async (ctx, unitId, asOf) => {
      const { paths, counts, root } = await load(ctx, unitId, asOf);
      // Every unit directly below has its counts, a unit without records its zero.
      const out = new Map<number, C>();
      for (const [id, path] of paths) if (path.startsWith(root) && path.length > root.length && path.indexOf('/', root.length) === path.length - 1) out.set(id, zero());
      for (const [id, c] of counts) {
        const path = paths.get(id);
        if (!path?.startsWith(root) || path.length === root.length) continue;
        const child = Number(path.slice(root.length, path.indexOf('/', root.length)));
        const sum = out.get(child);
        if (sum !== undefined) out.set(child, add(sum, c));
      }
      return out;
    },
  };
}

/**
 * The rows of a per-unit count as one JSON value: a count per unit of the whole city is thousands
 * of small rows, and one value crosses from the database far faster than as many rows.
 */
export async function rowsAsOne<T>(ctx: Ctx, query: SQL): Promise<T[]> {
  const r = rowsOf<{ rows: unknown }>(await ctx.db.execute(sql`SELECT COALESCE(json_agg(x), '[]'::json) AS rows FROM (${query}) x`));
  const v = r[0]?.rows ?? [];
  return (typeof v === 'string' ? JSON.parse(v) : v) as T[];
}

/** Adds up records of the same shape field by field (counts, amounts). */
export function addFields<C extends Record<string, number>>(a: C, b: C): C {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out as C;
}

/** 1 January of the year of a date: the start of the year-to-date figures. */
export function yearStart(asOf: IsoDate): IsoDate {
  return `${asOf.slice(0, 4)}-01-01`;
}

/** A count as a number (both drivers may answer bigint as a string). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
