import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTestApp } from '../test/app.ts';
import { buildTwoCounties, buildUser, call, login, type Session } from '../test/factories.ts';
import type { App } from './app-types.ts';
import { BODY_LIMIT } from './app.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let admin: Session;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  const u = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  admin = await login(app, u.username);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const countUnits = async () => (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units'))[0]!.n;
const countAudit = async () => (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

describe('health and the API document', () => {
  it('answers with the database kind and the migration version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: database.kind, migration: expect.stringMatching(/^\d{4}_/) });
    expect(res.json().serverVersion).toMatch(/^1[5-9]/);
  });

  it('serves an OpenAPI document in which every route has request and response schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, unknown>; requestBody?: unknown }>>).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ id: `${m.toUpperCase()} ${p}`, op })),
    );
    expect(ops.length).toBeGreaterThan(15);
    for (const { id, op } of ops) {
      expect(
        Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')),
        `${id} has a success response schema`,
      ).toBe(true);
      if (/^(POST|PATCH|PUT) /.test(id) && !id.includes('/logout') && !id.endsWith('/membership/imports') && !id.includes('reset-password') && !/\/(disable|enable)$/.test(id)) {
        expect(op.requestBody, `${id} has a request body schema`).toBeDefined();
      }
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/docs' })).statusCode).toBeLessThan(400);
  });

  it('says of every operation what it needs to be called, and the refusals it may answer', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['csrf', 'session']);
    const publicOps: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, { security?: Record<string, string[]>[]; responses?: Record<string, unknown> }>>)) {
      for (const [m, op] of Object.entries(methods)) {
        const id = `${m.toUpperCase()} ${p}`;
        expect(op.security, `${id} declares its security`).toBeDefined();
        if (op.security!.length === 0) publicOps.push(id);
        else {
          expect(op.security, id).toEqual([m === 'get' ? { session: [] } : { session: [], csrf: [] }]);
          for (const status of ['401', '403']) expect(op.responses?.[status], `${id} answers ${status}`).toBeDefined();
        }
        // Every refusal names the codes it carries.
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (Number(status) >= 400) expect((response as { description?: string }).description, `${id} ${status}`).toMatch(/[A-Z][A-Z_]{3,}/);
        }
      }
    }
    // Signing in and registering need no session; nothing else is public but health and the document.
    expect(publicOps.sort()).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'POST /api/v1/portal/registration', 'GET /api/health']));
    expect(publicOps.filter((id) => !/auth\/login|portal\/registration|\/health/.test(id))).toEqual([]);
  });
});

describe('bad input', () => {
  it('answers a malformed body with 400 MALFORMED_BODY and writes nothing', async () => {
    const before = await countUnits();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"parentId": 1, "name": "半截',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'MALFORMED_BODY', message: expect.stringMatching(/JSON/) });
    expect(res.body).not.toMatch(/at .*\.ts|stack/i);
    expect(await countUnits()).toBe(before);
  });

  it('answers a wrong content type with 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/xml' },
      payload: '<unit/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an oversized upload with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ parentId: t.a.id, name: 'x'.repeat(BODY_LIMIT + 10), kind: 'township' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });

  it('says which field is wrong, in Chinese', async () => {
    const res = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: 'abc', kind: 'planet' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().message).toMatch(/请求内容不符合要求/);
    expect(res.json().message).toMatch(/name|parentId|kind/);
    const badDate = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '日期错误', kind: 'township', openedOn: '2023-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toMatch(/openedOn/);
  });

  it('stores SQL and HTML in text fields as plain text, and returns them unchanged', async () => {
    const hostile = `'); DROP TABLE org_units; -- <script>alert("x")</script>`;
    const res = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: hostile, kind: 'township' });
    expect(res.statusCode).toBe(201);
    const got = await call(app, admin, 'GET', `/api/v1/org/units/${res.json().id}`);
    expect(got.json().name).toBe(hostile);
    expect(got.headers['content-type']).toMatch(/application\/json/);
    const search = await call(app, admin, 'GET', `/api/v1/org/units?q=${encodeURIComponent("%' OR 1=1 --")}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
    expect(await countUnits()).toBeGreaterThan(5);
  });

  it('refuses control characters and unknown fields', async () => {
    const ctl = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: 'a\u0000b', kind: 'township' });
    expect(ctl.statusCode).toBe(400);
    const extra = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '多余字段', kind: 'township', path: '/1/' });
    expect(extra.statusCode).toBe(400);
  });

  it('keeps a request whole: a failure late in a request leaves no part of it written', async () => {
    const before = { units: await countUnits(), audit: await countAudit() };
    // A duplicate code fails on insert, after the parent was read and checks passed.
    await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '编码甲', kind: 'township', code: 'DUP-1' });
    const mid = { units: await countUnits(), audit: await countAudit() };
    const dup = await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '编码乙', kind: 'township', code: 'DUP-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ORG_UNIT_CODE_TAKEN');
    expect({ units: await countUnits(), audit: await countAudit() }).toEqual(mid);
    expect(mid.units).toBe(before.units + 1);
    // A rename writes the unit's history first; the duplicate code then fails: neither stays.
    const other = (await call(app, admin, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '编码丙', kind: 'township', code: 'DUP-2' })).json();
    const auditBefore = await countAudit();
    const both = await call(app, admin, 'PATCH', `/api/v1/org/units/${other.id}`, { name: '编码丁', code: 'DUP-1' });
    expect(both.statusCode).toBe(409);
    expect((await call(app, admin, 'GET', `/api/v1/org/units/${other.id}`)).json()).toMatchObject({ name: '编码丙', code: 'DUP-2' });
    expect((await call(app, admin, 'GET', `/api/v1/org/units/${other.id}/history`)).json().items).toMatchObject([{ name: '编码丙', change: 'created' }]);
    expect(await countAudit()).toBe(auditBefore);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await call(app, admin, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('asks for a login without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/org/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'NOT_AUTHENTICATED', message: '请先登录' });
  });
});
