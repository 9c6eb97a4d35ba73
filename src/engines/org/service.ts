/**
 * The org tree: units, their dated history, and reading the tree as of any date.
 * Every function runs under the caller's scope (ctx.db is scoped): a unit outside it is "not found".
 */
import { and, asc, eq, ilike, isNull, lte, or, gt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { isScopeViolation, isUniqueViolation } from '../db-errors.ts';
import { escapeLike } from '../like.ts';
import { todayInShanghai, zhCollator, type IsoDate } from '../time.ts';
import { orgError } from './errors.ts';
import { orgUnits, orgUnitVersions, type OrgUnitKind, type OrgUnitRow, type OrgUnitVersionRow } from './schema.ts';
import * as clock from '../clock.ts';

/** Which kinds of unit may sit directly under which. */
const ALLOWED_CHILDREN: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  city: ['county'],
  county: ['township', 'grassroots'],
  township: ['township', 'grassroots'],
  grassroots: ['branch'],
  branch: ['branch'],
};

export function mayContain(parent: OrgUnitKind, child: OrgUnitKind): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

/** Another part of the system may refuse a unit's closing ("it still has open cases"). */
export type CloseVeto = (ctx: Ctx, unit: OrgUnitRow) => Promise<string | null>;
const closeVetoes: { name: string; veto: CloseVeto }[] = [];
export function registerCloseVeto(name: string, veto: CloseVeto): void {
  if (!closeVetoes.some((v) => v.name === name)) closeVetoes.push({ name, veto });
}

registerCloseVeto('active-children', async (ctx, unit) => {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), eq(orgUnits.status, 'active')));
  return row && row.n > 0 ? `仍有 ${row.n} 个下级单位未撤销` : null;
});

/** Byte range of a subtree's paths (paths are COLLATE "C"; '/' + 1 = '0'). */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

export function inSubtree(path: string): SQL {
  const [lo, hi] = subtreeRange(path);
  return and(sql`${orgUnits.path} >= ${lo}`, sql`${orgUnits.path} < ${hi}`)!;
}

export async function getUnit(ctx: Ctx, id: number): Promise<OrgUnitRow> {
  const [row] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!row) throw orgError('ORG_UNIT_NOT_FOUND');
  return row;
}

export interface UnitListFilter {
  /** Only this unit's subtree (default: the whole scope). */
  underUnitId?: number | undefined;
  /** Only the direct children of this unit. */
  parentId?: number | undefined;
  kind?: OrgUnitKind | undefined;
  status?: 'active' | 'closed' | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

export async function listUnits(ctx: Ctx, f: UnitListFilter): Promise<{ items: OrgUnitRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (f.underUnitId !== undefined) conds.push(inSubtree((await getUnit(ctx, f.underUnitId)).path));
  if (f.parentId !== undefined) conds.push(eq(orgUnits.parentId, f.parentId));
  if (f.kind) conds.push(eq(orgUnits.kind, f.kind));
  if (f.status) conds.push(eq(orgUnits.status, f.status));
  if (f.q) {
    const like = escapeLike(f.q);
    conds.push(or(ilike(orgUnits.name, like), ilike(orgUnits.code, like)));
  }
  const where = and(...conds);
  const items = await ctx.db.select().from(orgUnits).where(where).orderBy(asc(orgUnits.path)).offset(f.offset).limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(where);
  return { items, total: count?.n ?? 0 };
}

export interface TreeNode {
  id: number;
  name: string;
  kind: OrgUnitKind;
  code: string | null;
  status: 'active' | 'closed';
  children: TreeNode[];
}

/**
 * The tree under `rootId` (default: the actor's unit) as it stood on `asOf` (default: today):
 * the versions valid that day, linked by the parent each had then. Siblings in pinyin order.
 */
export async function treeAsOf(ctx: Ctx, opts: { rootId?: number | undefined; asOf?: IsoDate | undefined; includeClosed?: boolean }): Promise<TreeNode | null> {
  const rootId = opts.rootId ?? ctx.scope.unitId;
  const root = await getUnit(ctx, rootId);
  const asOf = opts.asOf ?? todayInShanghai();
  const versions = await ctx.db
    .select({
      unitId: orgUnitVersions.unitId,
      name: orgUnitVersions.name,
      parentId: orgUnitVersions.parentId,
      status: orgUnitVersions.status,
      kind: orgUnits.kind,
      code: orgUnits.code,
    })
    .from(orgUnitVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitVersions.unitId))
    .where(and(lte(orgUnitVersions.validFrom, asOf), or(isNull(orgUnitVersions.validTo), gt(orgUnitVersions.validTo, asOf))));
  const nodes = new Map<number, TreeNode & { parentId: number | null }>();
  for (const v of versions) {
    if (v.status === 'closed' && !opts.includeClosed && v.unitId !== root.id) continue;
    nodes.set(v.unitId, { id: v.unitId, name: v.name, kind: v.kind, code: v.code, status: v.status, children: [], parentId: v.parentId });
  }
  for (const node of nodes.values()) {
    if (node.parentId !== null) nodes.get(node.parentId)?.children.push(node);
  }
  const top = nodes.get(root.id);
  if (!top) return null; // the unit did not exist on that date
  const strip = (n: TreeNode & { parentId?: number | null }): TreeNode => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    code: n.code,
    status: n.status,
    children: n.children.sort((a, b) => zhCollator.compare(a.name, b.name)).map(strip),
  });
  return strip(top);
}

export async function unitHistory(ctx: Ctx, id: number): Promise<OrgUnitVersionRow[]> {
  await getUnit(ctx, id);
  return ctx.db.select().from(orgUnitVersions).where(eq(orgUnitVersions.unitId, id)).orderBy(asc(orgUnitVersions.validFrom));
}

function checkChangeDate(on: IsoDate, latest: IsoDate | undefined): void {
  if (on > todayInShanghai()) throw orgError('ORG_CHANGE_IN_FUTURE');
  if (latest && on < latest) throw orgError('ORG_CHANGE_BACKDATED', `变更日期不能早于该单位最近一次变更的日期（${latest}）`);
}

async function currentVersion(ctx: Ctx, unitId: number): Promise<OrgUnitVersionRow> {
  const [v] = await ctx.db
    .select()
    .from(orgUnitVersions)
    .where(and(eq(orgUnitVersions.unitId, unitId), isNull(orgUnitVersions.validTo)));
  return v!;
}

/** Starts a new dated version (or amends today's, when the last change was on the same date). */
async function newVersion(ctx: Ctx, unitId: number, on: IsoDate, next: Pick<OrgUnitVersionRow, 'name' | 'parentId' | 'status' | 'change' | 'note'>): Promise<void> {
  const cur = await currentVersion(ctx, unitId);
  checkChangeDate(on, cur.validFrom);
  if (cur.validFrom === on) {
    await ctx.db
      .update(orgUnitVersions)
      .set({ ...next, change: `${cur.change},${next.change}` })
      .where(and(eq(orgUnitVersions.unitId, unitId), eq(orgUnitVersions.validFrom, on)));
  } else {
    await ctx.db
      .update(orgUnitVersions)
      .set({ validTo: on })
      .where(and(eq(orgUnitVersions.unitId, unitId), eq(orgUnitVersions.validFrom, cur.validFrom)));
    await ctx.db.insert(orgUnitVersions).values({ unitId, validFrom: on, validTo: null, ...next });
  }
}

export interface NewUnit {
  parentId: number;
  name: string;
  kind: OrgUnitKind;
  code?: string | null | undefined;
  openedOn?: IsoDate | undefined;
}

export async function createUnit(ctx: Ctx, input: NewUnit): Promise<OrgUnitRow> {
  const parent = await getUnit(ctx, input.parentId).catch(() => {
    throw orgError('ORG_PARENT_NOT_FOUND');
  });
  if (parent.status === 'closed') throw orgError('ORG_UNIT_CLOSED', '上级单位已撤销，不能在其下新建单位');
  if (!mayContain(parent.kind, input.kind)) throw orgError('ORG_KIND_NOT_ALLOWED_HERE');
  const openedOn = input.openedOn ?? todayInShanghai();
  checkChangeDate(openedOn, undefined);
  let row: OrgUnitRow;
  try {
    [row] = (await ctx.db
      .insert(orgUnits)
      .values({
        parentId: parent.id,
        name: input.name,
        kind: input.kind,
        code: input.code || null,
        openedOn,
        path: '', // set by the org_units_place trigger from the parent
        depth: 0,
      })
      .returning()) as [OrgUnitRow];
  } catch (e) {
    if (isUniqueViolation(e, 'org_units_code_unique')) throw orgError('ORG_UNIT_CODE_TAKEN');
    if (isScopeViolation(e)) throw orgError('ORG_PARENT_NOT_FOUND');
    throw e;
  }
  await ctx.db.insert(orgUnitVersions).values({
    unitId: row.id,
    validFrom: openedOn,
    name: row.name,
    parentId: row.parentId,
    status: 'active',
    change: 'created',
  });
  await recordAudit(ctx, { action: 'create', entity: 'org_unit', entityId: row.id, unitId: row.id, after: presentUnit(row) });
  return row;
}

export async function updateUnit(ctx: Ctx, id: number, input: { name?: string | undefined; code?: string | null | undefined; effectiveOn?: IsoDate | undefined }): Promise<OrgUnitRow> {
  const before = await getUnit(ctx, id);
  if (before.status === 'closed') throw orgError('ORG_UNIT_CLOSED');
  const nameChanged = input.name !== undefined && input.name !== before.name;
  const codeChanged = input.code !== undefined && (input.code || null) !== before.code;
  if (!nameChanged && !codeChanged) throw orgError('ORG_NOTHING_CHANGED');
  const on = input.effectiveOn ?? todayInShanghai();
  if (nameChanged) {
    await newVersion(ctx, id, on, { name: input.name!, parentId: before.parentId, status: before.status, change: 'renamed', note: before.name });
  }
  let after: OrgUnitRow;
  try {
    [after] = (await ctx.db
      .update(orgUnits)
      .set({
        ...(nameChanged ? { name: input.name! } : {}),
        ...(codeChanged ? { code: input.code || null } : {}),
        updatedAt: clock.now(),
      })
      .where(eq(orgUnits.id, id))
      .returning()) as [OrgUnitRow];
  } catch (e) {
    if (isUniqueViolation(e, 'org_units_code_unique')) throw orgError('ORG_UNIT_CODE_TAKEN');
    throw e;
  }
  await recordAudit(ctx, {
    action: nameChanged ? 'rename' : 'update',
    entity: 'org_unit',
    entityId: id,
    unitId: id,
    before: presentUnit(before),
    after: presentUnit(after),
  });
  return after;
}

/** Moves a unit, with its whole subtree, under a new parent from a date on. */
export async function moveUnit(ctx: Ctx, id: number, input: { newParentId: number; effectiveOn?: IsoDate | undefined }): Promise<OrgUnitRow> {
  const unit = await getUnit(ctx, id);
  if (unit.id === ctx.scope.unitId) throw orgError('ORG_MOVE_ROOT');
  if (unit.status === 'closed') throw orgError('ORG_UNIT_CLOSED');
  const parent = await getUnit(ctx, input.newParentId).catch(() => {
    throw orgError('ORG_PARENT_NOT_FOUND');
  });
  if (parent.id === unit.parentId) throw orgError('ORG_NOTHING_CHANGED');
  if (parent.path.startsWith(unit.path)) throw orgError('ORG_MOVE_INTO_OWN_SUBTREE');
  if (parent.status === 'closed') throw orgError('ORG_UNIT_CLOSED', '目标上级单位已撤销');
  if (!mayContain(parent.kind, unit.kind)) throw orgError('ORG_KIND_NOT_ALLOWED_HERE');
  const on = input.effectiveOn ?? todayInShanghai();
  await newVersion(ctx, id, on, { name: unit.name, parentId: parent.id, status: unit.status, change: 'moved', note: String(unit.parentId) });
  const newPath = `${parent.path}${unit.id}/`;
  const depthDelta = parent.depth + 1 - unit.depth;
  const [lo, hi] = subtreeRange(unit.path);
  await ctx.db.execute(sql`
    UPDATE org_units
       SET path = ${newPath} || substr(path, ${unit.path.length + 1}),
           depth = depth + ${depthDelta},
           parent_id = CASE WHEN id = ${unit.id} THEN ${parent.id}::int ELSE parent_id END,
           updated_at = clock_now()
     WHERE path >= ${lo} AND path < ${hi}`);
  const after = await getUnit(ctx, id);
  await recordAudit(ctx, { action: 'move', entity: 'org_unit', entityId: id, unitId: id, before: presentUnit(unit), after: presentUnit(after) });
  return after;
}

export async function closeUnit(ctx: Ctx, id: number, input: { effectiveOn?: IsoDate | undefined; reason: string }): Promise<OrgUnitRow> {
  const unit = await getUnit(ctx, id);
  if (unit.id === ctx.scope.unitId) throw orgError('ORG_MOVE_ROOT');
  if (unit.status === 'closed') throw orgError('ORG_UNIT_CLOSED');
  const reasons: string[] = [];
  for (const { veto } of closeVetoes) {
    const why = await veto(ctx, unit);
    if (why) reasons.push(why);
  }
  if (reasons.length) throw orgError('ORG_CLOSE_VETOED', `该单位暂不能撤销：${reasons.join('；')}`, { reasons });
  const on = input.effectiveOn ?? todayInShanghai();
  await newVersion(ctx, id, on, { name: unit.name, parentId: unit.parentId, status: 'closed', change: 'closed', note: input.reason });
  const [after] = (await ctx.db.update(orgUnits).set({ status: 'closed', closedOn: on, updatedAt: clock.now() }).where(eq(orgUnits.id, id)).returning()) as [OrgUnitRow];
  await recordAudit(ctx, { action: 'close', entity: 'org_unit', entityId: id, unitId: id, reason: input.reason, before: presentUnit(unit), after: presentUnit(after) });
  return after;
}

export async function reopenUnit(ctx: Ctx, id: number, input: { effectiveOn?: IsoDate | undefined; reason: string }): Promise<OrgUnitRow> {
  const unit = await getUnit(ctx, id);
  if (unit.status !== 'closed') throw orgError('ORG_UNIT_NOT_CLOSED');
  if (unit.parentId !== null) {
    const parent = await getUnit(ctx, unit.parentId);
    if (parent.status === 'closed') throw orgError('ORG_UNIT_CLOSED', '上级单位已撤销，请先恢复上级单位');
  }
  const on = input.effectiveOn ?? todayInShanghai();
  await newVersion(ctx, id, on, { name: unit.name, parentId: unit.parentId, status: 'active', change: 'reopened', note: input.reason });
  const [after] = (await ctx.db.update(orgUnits).set({ status: 'active', closedOn: null, updatedAt: clock.now() }).where(eq(orgUnits.id, id)).returning()) as [OrgUnitRow];
  await recordAudit(ctx, { action: 'reopen', entity: 'org_unit', entityId: id, unitId: id, reason: input.reason, before: presentUnit(unit), after: presentUnit(after) });
  return after;
}

/** Names of the unit's ancestors within the actor's scope, top first (for breadcrumbs). */
export async function ancestorsInScope(ctx: Ctx, unit: OrgUnitRow): Promise<{ id: number; name: string }[]> {
  const ids = unit.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (!ids.length) return [];
  const rows = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(
      sql`${orgUnits.id} IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((i) => byId.get(i)).filter((r): r is { id: number; name: string } => !!r);
}

/** Row → wire, once. */
export function presentUnit(row: OrgUnitRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    depth: row.depth,
    status: row.status,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
  };
}
export type UnitView = ReturnType<typeof presentUnit>;
