import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import type { Ctx } from '../context.ts';
import { code } from '../../test/errors.ts';
import { runAsSystem } from './scope.ts';
import { closeUnit, createUnit, getUnit, listUnits, moveUnit, reopenUnit, treeAsOf, unitHistory, updateUnit } from './service.ts';
import { todayInShanghai } from '../time.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let cityAdmin: { userId: number; username: string; role: 'city_admin'; unitId: number };
let countyAdminA: { userId: number; username: string; role: 'county_admin'; unitId: number };

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const c = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  cityAdmin = { userId: c.id, username: c.username, role: 'city_admin', unitId: t.city.id };
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  countyAdminA = { userId: a.id, username: a.username, role: 'county_admin', unitId: t.a.id };
});
afterAll(() => database.destroy());

const asCity = <T>(work: (ctx: Ctx) => Promise<T>) => asUser(database, cityAdmin, work);
const asA = <T>(work: (ctx: Ctx) => Promise<T>) => asUser(database, countyAdminA, work);

describe('org tree', () => {
  it('places a new unit under its parent and records it in history and the audit trail', async () => {
    const unit = await asCity((ctx) => createUnit(ctx, { parentId: t.aTown.id, name: '甲县纺织厂工会', kind: 'grassroots', openedOn: '2020-03-01' }));
    expect(unit.path).toBe(`${(await asCity((ctx) => getUnit(ctx, t.aTown.id))).path}${unit.id}/`);
    expect(unit.depth).toBe(3);
    const history = await asCity((ctx) => unitHistory(ctx, unit.id));
    expect(history).toMatchObject([{ validFrom: '2020-03-01', validTo: null, name: '甲县纺织厂工会', change: 'created' }]);
    const audit = await database.query<{ action: string; entity_id: string }>(`SELECT action, entity_id FROM audit_log WHERE entity = 'org_unit' AND entity_id = $1`, [String(unit.id)]);
    expect(audit).toEqual([{ action: 'create', entity_id: String(unit.id) }]);
  });

  it('refuses a kind that may not sit under the parent', async () => {
    expect(await code(asCity((ctx) => createUnit(ctx, { parentId: t.city.id, name: '错误', kind: 'grassroots' })))).toBe('ORG_KIND_NOT_ALLOWED_HERE');
  });

  it('keeps renames dated and reads the tree as of any past date', async () => {
    const unit = await asCity((ctx) => createUnit(ctx, { parentId: t.aTown.id, name: '旧名工会', kind: 'grassroots', openedOn: '2019-01-01' }));
    await asCity((ctx) => updateUnit(ctx, unit.id, { name: '新名工会', effectiveOn: '2021-06-01' }));
    const names = async (asOf: string) => {
      const tree = await asCity((ctx) => treeAsOf(ctx, { rootId: t.aTown.id, asOf }));
      return tree!.children.map((c) => c.name);
    };
    expect(await names('2018-12-31')).not.toContain('旧名工会');
    expect(await names('2020-01-01')).toContain('旧名工会');
    expect(await names('2021-05-31')).toContain('旧名工会');
    expect(await names('2021-06-01')).toContain('新名工会');
    expect(await names('2021-06-01')).not.toContain('旧名工会');
    expect(await code(asCity((ctx) => updateUnit(ctx, unit.id, { name: '更早的名字', effectiveOn: '2020-01-01' })))).toBe('ORG_CHANGE_BACKDATED');
  });

  it('moves a subtree, keeping every descendant under it, and the old placement in history', async () => {
    const town = await asCity((ctx) => createUnit(ctx, { parentId: t.a.id, name: '甲县工业园区工会联合会', kind: 'township', openedOn: '2015-01-01' }));
    const union = await asCity((ctx) => createUnit(ctx, { parentId: town.id, name: '园区电子厂工会', kind: 'grassroots', openedOn: '2016-01-01' }));
    const branch = await asCity((ctx) => createUnit(ctx, { parentId: union.id, name: '园区电子厂一车间分会', kind: 'branch', openedOn: '2017-01-01' }));
    await asCity((ctx) => moveUnit(ctx, town.id, { newParentId: t.b.id, effectiveOn: '2022-01-01' }));
    const movedBranch = await asCity((ctx) => getUnit(ctx, branch.id));
    const b = await asCity((ctx) => getUnit(ctx, t.b.id));
    expect(movedBranch.path).toBe(`${b.path}${town.id}/${union.id}/${branch.id}/`);
    expect(movedBranch.depth).toBe(4);
    // Before the move the park sat under county A; after, under county B.
    const before = await asCity((ctx) => treeAsOf(ctx, { rootId: t.a.id, asOf: '2021-12-31' }));
    expect(before!.children.map((c) => c.id)).toContain(town.id);
    const after = await asCity((ctx) => treeAsOf(ctx, { rootId: t.b.id, asOf: '2022-01-01' }));
    expect(after!.children.map((c) => c.id)).toContain(town.id);
    // County A's admin no longer sees the moved subtree.
    expect(await code(asA((ctx) => getUnit(ctx, branch.id)))).toBe('ORG_UNIT_NOT_FOUND');
    // A unit cannot move under its own descendant.
    expect(await code(asCity((ctx) => moveUnit(ctx, town.id, { newParentId: union.id })))).toBe('ORG_MOVE_INTO_OWN_SUBTREE');
  });

  it('closes a unit only when nothing vetoes it, and can reopen it', async () => {
    const town = await asCity((ctx) => createUnit(ctx, { parentId: t.a.id, name: '甲县待撤销镇工会', kind: 'township', openedOn: '2015-01-01' }));
    const union = await asCity((ctx) => createUnit(ctx, { parentId: town.id, name: '待撤销厂工会', kind: 'grassroots', openedOn: '2015-02-01' }));
    expect(await code(asCity((ctx) => closeUnit(ctx, town.id, { reason: '合并' })))).toBe('ORG_CLOSE_VETOED');
    const closed = await asCity((ctx) => closeUnit(ctx, union.id, { reason: '企业注销', effectiveOn: '2023-05-01' }));
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2023-05-01' });
    const tree = await asCity((ctx) => treeAsOf(ctx, { rootId: town.id, asOf: todayInShanghai() }));
    expect(tree!.children).toHaveLength(0);
    const old = await asCity((ctx) => treeAsOf(ctx, { rootId: town.id, asOf: '2023-04-30' }));
    expect(old!.children.map((c) => c.id)).toEqual([union.id]);
    const reopened = await asCity((ctx) => reopenUnit(ctx, union.id, { reason: '恢复' }));
    expect(reopened.status).toBe('active');
  });

  it('refuses a change dated in the future', async () => {
    expect(await code(asCity((ctx) => createUnit(ctx, { parentId: t.a.id, name: '未来', kind: 'township', openedOn: '2999-01-01' })))).toBe('ORG_CHANGE_IN_FUTURE');
  });
});

describe('scope (row-level security under every query)', () => {
  it('shows a county admin only their subtree, in lists and counts', async () => {
    const mine = await asA((ctx) => listUnits(ctx, { offset: 0, limit: 500 }));
    expect(mine.items.length).toBe(mine.total);
    for (const u of mine.items) expect(u.path.startsWith((await asCity((ctx) => getUnit(ctx, t.a.id))).path)).toBe(true);
    expect(mine.items.map((u) => u.name).join()).not.toContain('乙县');
    const [all] = await runAsSystem(database, async (db) => (await db.execute(`SELECT count(*)::int AS n FROM org_units` as never)) as never as { rows: { n: number }[] }).then((r) => r.rows);
    expect(mine.total).toBeLessThan(all!.n);
  });

  it('refuses to read, create under, rename or move into another county', async () => {
    expect(await code(asA((ctx) => getUnit(ctx, t.bUnion.id)))).toBe('ORG_UNIT_NOT_FOUND');
    expect(await code(asA((ctx) => createUnit(ctx, { parentId: t.bTown.id, name: 'x', kind: 'grassroots' })))).toBe('ORG_PARENT_NOT_FOUND');
    expect(await code(asA((ctx) => updateUnit(ctx, t.bUnion.id, { name: 'x' })))).toBe('ORG_UNIT_NOT_FOUND');
    expect(await code(asA((ctx) => moveUnit(ctx, t.aUnion.id, { newParentId: t.bTown.id })))).toBe('ORG_PARENT_NOT_FOUND');
    expect(await code(asA((ctx) => listUnits(ctx, { underUnitId: t.b.id, offset: 0, limit: 10 })))).toBe('ORG_UNIT_NOT_FOUND');
    expect(await code(asA((ctx) => moveUnit(ctx, t.a.id, { newParentId: t.city.id })))).toBe('ORG_MOVE_ROOT');
  });

  it('refuses raw writes outside the scope even when a service forgets to check', async () => {
    const touched = await asA(async (ctx) => {
      const r = (await ctx.db.execute(`UPDATE org_units SET name = 'hijacked' WHERE id = ${t.bUnion.id}` as never)) as unknown as { rowCount?: number; affectedRows?: number };
      return r.rowCount ?? r.affectedRows ?? 0;
    });
    expect(touched).toBe(0);
    const [row] = await database.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [t.bUnion.id]);
    expect(row!.name).toBe('乙县茶厂工会');
    await expect(asA((ctx) => ctx.db.execute(`DELETE FROM audit_log` as never))).rejects.toThrow();
    await expect(
      asA((ctx) => ctx.db.execute(`INSERT INTO audit_log (seq, at, actor_name, action, entity, prev_hash, hash) VALUES (999999, clock_now(), 'x', 'x', 'x', 'x', 'x')` as never)),
    ).rejects.toThrow();
  });
});
