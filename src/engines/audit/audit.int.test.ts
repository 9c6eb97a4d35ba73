import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import { createUnit, updateUnit } from '../org/service.ts';
import { verifyAuditChain } from './service.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let admin: { userId: number; username: string; role: 'city_admin'; unitId: number };

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const u = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  admin = { userId: u.id, username: u.username, role: 'city_admin', unitId: t.city.id };
  for (let i = 0; i < 5; i++) {
    const unit = await asUser(database, admin, (ctx) => createUnit(ctx, { parentId: t.aTown.id, name: `审计测试工会${i}`, kind: 'grassroots' }));
    await asUser(database, admin, (ctx) => updateUnit(ctx, unit.id, { name: `审计测试工会${i}（更名）` }));
  }
});
afterAll(() => database.destroy());

describe('audit trail', () => {
  it('records who, what, before and after for each write', async () => {
    const rows = await database.query<{ actor_name: string; action: string; before: { name: string } | null; after: { name: string } }>(
      `SELECT actor_name, action, before, after FROM audit_log WHERE entity = 'org_unit' AND action = 'rename' ORDER BY seq LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ actor_name: admin.username, action: 'rename', before: { name: '审计测试工会0' }, after: { name: '审计测试工会0（更名）' } });
  });

  it('verifies an intact chain', async () => {
    const report = await verifyAuditChain(database, 3); // small pages cross page boundaries
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(11);
  });

  it('refuses updates and deletes through the table itself', async () => {
    await expect(database.query(`UPDATE audit_log SET actor_name = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(database.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the first broken link when a row is edited behind the app’s back', async () => {
    const [{ n }] = (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')) as [{ n: number }];
    const target = Math.max(2, n - 3);
    await database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await database.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE seq = $1`, [target]);
    await database.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const report = await verifyAuditChain(database);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: target, problem: 'hash_mismatch' });
  });

  it('finds a deleted entry', async () => {
    const db2 = await createTestDatabase();
    try {
      const tt = await buildTwoCounties(db2);
      const u = await buildUser(db2, { unitId: tt.city.id, role: 'city_admin' });
      for (let i = 0; i < 3; i++) {
        await asUser(db2, { userId: u.id, username: u.username, role: 'city_admin', unitId: tt.city.id }, (ctx) =>
          createUnit(ctx, { parentId: tt.aTown.id, name: `删除测试${i}`, kind: 'grassroots' }),
        );
      }
      await db2.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; DELETE FROM audit_log WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`);
      expect((await verifyAuditChain(db2)).firstBroken).toEqual({ seq: 2, problem: 'missing_entry' });
    } finally {
      await db2.destroy();
    }
  });
});
