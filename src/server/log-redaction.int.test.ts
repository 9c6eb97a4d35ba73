// The server log never carries an ID number, a phone number or a search: planted numbers are looked for in every line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { TEST_CONFIG } from '../test/app.ts';
import { buildTwoCounties, buildUser, call, fakeIdNumber, login } from '../test/factories.ts';
import { buildMember, buildUnionWithEnterprise } from '../programs/membership/testing.ts';
import { buildApp } from './app.ts';
import { redactUrl } from './log-redaction.ts';
import type { App } from './app-types.ts';

let database: TestDatabase;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, config: { ...TEST_CONFIG, logLevel: 'info' }, serveWeb: false, scheduler: false, logStream: { write: (line) => void lines.push(line) } });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('the server log', () => {
  it('keeps the path and the harmless parameters of a request line, and takes out the rest', () => {
    expect(redactUrl('/api/v1/membership/members?q=350702198805120013&pageSize=20')).toBe('/api/v1/membership/members?q=***&pageSize=20');
    expect(redactUrl('/api/v1/legal/cases?q=%E7%8E%8B%E4%B8%80')).toBe('/api/v1/legal/cases?q=***');
    expect(redactUrl('/api/v1/x/13905990001/y?phone=139&unitId=12')).toBe('/api/v1/x/***/y?phone=***&unitId=12');
    expect(redactUrl('/api/v1/members?underUnitId=3&asOf=2026-01-31')).toBe('/api/v1/members?underUnitId=3&asOf=2026-01-31');
  });

  it('holds no planted ID number, phone or name after searches by them', async () => {
    const t = await buildTwoCounties(database);
    const union = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县日志厂' });
    const idNumber = fakeIdNumber('1979-07-07');
    const phone = '13905997777';
    await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, name: '钱隐名', idNumber, phone });
    const admin = await login(app, (await buildUser(database, { unitId: t.a.id, role: 'county_admin' })).username);
    for (const q of [idNumber, phone, '钱隐名']) {
      const r = await call(app, admin, 'GET', `/api/v1/membership/members?q=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      await call(app, admin, 'GET', `/api/v1/legal/cases?q=${encodeURIComponent(q)}`);
    }
    const log = lines.join('');
    expect(log).toContain('/api/v1/membership/members?q=***');
    for (const secret of [idNumber, idNumber.slice(0, 17), phone, encodeURIComponent('钱隐名'), '钱隐名']) expect(log).not.toContain(secret);
  });
});
