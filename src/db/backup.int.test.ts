import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { asUser, buildUser } from '../test/factories.ts';
import { seedDemo } from '../demo/seed.ts';
import { createUnit, updateUnit } from '../engines/org/service.ts';
import { verifyAuditChain } from '../engines/audit/service.ts';
import { backup, restore, RestoreError } from './backup.ts';
import type { Database } from './client.ts';

let source: TestDatabase;
let target: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-'));
const file = path.join(dir, 'backup.ghbak');

async function contents(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['org_units', 'org_unit_versions', 'users', 'sessions', 'audit_log']) {
    out[t] = (await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${t} x ORDER BY 1`)).map((r) => r.j);
  }
  return out;
}

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  await seedDemo(source, { scale: 0.005 });
  const [city] = await source.query<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'city'`);
  const [county] = await source.query<{ id: number }>(`SELECT id FROM org_units WHERE code = '350702'`);
  const admin = await buildUser(source, { unitId: city!.id, role: 'city_admin' });
  const actor = { userId: admin.id, username: admin.username, role: 'city_admin' as const, unitId: city!.id };
  const u = await asUser(source, actor, (ctx) => createUnit(ctx, { parentId: county!.id, name: '备份测试镇工会', kind: 'township', openedOn: '2020-01-01' }));
  await asUser(source, actor, (ctx) => updateUnit(ctx, u.id, { name: '备份测试镇工会（更名）', effectiveOn: '2022-02-02' }));
});
afterAll(async () => {
  await source.destroy();
  await target.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores exactly what was backed up, the audit chain intact, and new ids continue', async () => {
    const dumped = await backup(source, file, 50); // small batches cross batch boundaries
    expect(dumped.tables.org_units).toBeGreaterThan(60);
    const restored = await restore(target, file);
    expect(restored.tables).toEqual(Object.fromEntries(Object.entries(dumped.tables).filter(([, n]) => n > 0)));
    expect(await contents(target)).toEqual(await contents(source));
    expect((await verifyAuditChain(target)).ok).toBe(true);
    const [max] = await target.query<{ id: number }>('SELECT max(id) AS id FROM org_units');
    const [added] = await target.query<{ id: number }>(
      `INSERT INTO org_units (name, kind, parent_id, path, depth, opened_on) SELECT '新单位', 'township', id, '', 0, '2024-01-01' FROM org_units WHERE code = '350702' RETURNING id`,
    );
    expect(added!.id).toBeGreaterThan(max!.id);
  });

  it('refuses to restore over existing data or from a file that is not a backup', async () => {
    await expect(restore(target, file)).rejects.toThrow(RestoreError);
    const junk = path.join(dir, 'junk.ghbak');
    fs.writeFileSync(junk, 'not a backup');
    await expect(restore(target, junk)).rejects.toThrow();
  });
});
