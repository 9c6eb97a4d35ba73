/**
 * Walks every API route as county A's users against county B's records: each must answer 403 or
 * 404, change nothing, and no list, count or export may show B's data. A route added later is
 * walked automatically; one that declares no access cannot even be registered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { RouteOptions } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTestApp, TEST_CONFIG } from '../test/app.ts';
import { buildTwoCounties, buildUser, call, fakeCreditCode, fakeIdNumber, login, type Session } from '../test/factories.ts';
import { buildMember, buildUnionWithEnterprise } from '../programs/membership/testing.ts';
import { PROGRAMS } from '../programs/index.ts';
import type { OtherCounty } from '../programs/program.ts';
import type { App } from './app-types.ts';
import { assertRouteDeclaresAccess, type ResourceKind, type RouteAccess } from './access.ts';
import { listResourceKinds } from '../engines/resources.ts';
import { todayInShanghai } from '../engines/time.ts';
import { lastClosedPeriod } from '../engines/indicators/periods.ts';
import { can } from '../engines/accounts/roles.ts';
import { idleImportJobs } from '../engines/imports/jobs.ts';
import { refusedBySecondReader, secondReaderAvailable } from '../test/second-reader.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let bUser: { id: number };
/** County B's record of each resource kind: the engines' built here, each program's by its own fixtures. */
let bRecords: Record<ResourceKind, number | string>;
let countyA: Session;
let auditorA: Session;
let routes: RouteOptions[];

const MARK_B = '乙县'; // every name in county B carries it
/** The month that has last ended on the run's day ('YYYY-MM'): snapshots and bulletins take only those. */
const CLOSED_MONTH = lastClosedPeriod(todayInShanghai()).slice(0, 7);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin', displayName: '甲县管理员' });
  const aud = await buildUser(database, { unitId: t.a.id, role: 'auditor', displayName: '甲县经审' });
  bUser = await buildUser(database, { unitId: t.bUnion.id, role: 'grassroots_staff', username: 'yixian.staff', displayName: `${MARK_B}工作人员` });
  await buildUser(database, { unitId: t.b.id, role: 'county_admin', username: 'yixian.admin', displayName: `${MARK_B}管理员` });
  const countyB: OtherCounty = { database, filesDir: TEST_CONFIG.dataDir, cityId: t.city.id, countyId: t.b.id, townId: t.bTown.id, unionId: t.bUnion.id, mark: MARK_B };
  bRecords = { org_unit: t.bUnion.id, user: bUser.id };
  // In the programs' order, so the figures (supervision) come after the records they count.
  for (const program of PROGRAMS) {
    const testing = await program.testing?.();
    if (testing) Object.assign(bRecords, await testing.recordsOf(countyB));
  }
  const aUnion = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县竹木' });
  await buildMember(database, { rootUnitId: t.city.id, unionId: aUnion.unionId, enterpriseId: aUnion.enterpriseId, name: '甲县会员' });
  countyA = await login(app, a.username);
  auditorA = await login(app, aud.username);
  // County B has a history of its own in the audit trail, and an upload of its own.
  const bAdmin = await login(app, 'yixian.admin');
  const boundary = '----walk';
  const csv = `姓名,身份证号,所属基层工会,入会日期\r\n${MARK_B}导入,${fakeIdNumber('1970-01-01')},${MARK_B}竹木有限公司工会,2020-01-01\r\n`;
  const up = await app.inject({
    method: 'POST',
    url: '/api/v1/membership/imports?kind=members&mode=valid_only',
    headers: { cookie: bAdmin.cookie, 'x-csrf-token': bAdmin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${MARK_B}.csv"\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  bRecords.import_job = up.json().jobId;
  await idleImportJobs();
  await call(app, bAdmin, 'PATCH', `/api/v1/org/units/${t.bUnion.id}`, { name: `${MARK_B}茶厂工会（新）` });
  // A nudge to county B's admin.
  {
    const { asUser } = await import('../test/factories.ts');
    const { raiseNudge } = await import('../engines/notify/service.ts');
    const [bAdminRow] = await database.query<{ id: number }>(`SELECT id FROM users WHERE username = 'yixian.admin'`);
    await asUser(database, { userId: bAdminRow!.id, username: 'yixian.admin', role: 'county_admin', unitId: t.b.id }, (ctx) =>
      raiseNudge(ctx, { unitId: t.b.id, causeKey: 'walk.due', kind: 'due', title: `${MARK_B}到期事项`, body: `${MARK_B}`, link: null }),
    );
  }
  routes = app.routeTable.filter((r) => !String(r.url).startsWith('/api/v1/docs'));
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const accessOf = (r: RouteOptions) => (r.config as { access: RouteAccess }).access;
const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD') as ('GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE')[];

/** The record of county B that a route's `:id` names. */
function bRecord(kind: ResourceKind | undefined): number | string {
  const id = kind === undefined ? undefined : bRecords[kind];
  if (id === undefined) throw new Error(kind ? `no record of county B for the kind "${kind}": its owner's testing.ts should build one` : 'route has an :id but declares no resource kind');
  return id;
}

/** A body that passes the route's schema, so the walk reaches the scope check behind validation. */
function exampleOf(schema: Record<string, unknown> | undefined, key = ''): unknown {
  if (!schema) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return exampleOf(schema.anyOf[0] as Record<string, unknown>, key);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const name of (schema.required as string[] | undefined) ?? []) out[name] = exampleOf(props[name], name);
      return out;
    }
    case 'integer':
    case 'number': {
      if (/enterprise/i.test(key)) return bRecords.enterprise!;
      if (/union/i.test(key)) return bRecords.union!;
      if (/parentId|unitId/i.test(key)) return t.bTown.id;
      return typeof schema.minimum === 'number' ? Math.max(1, schema.minimum) : 1;
    }
    case 'array':
      return [exampleOf(schema.items as Record<string, unknown>, key)];
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'zoned-date-time') return `${todayInShanghai()}T00:00:00+08:00`;
      if (String(schema.pattern ?? '').includes('\\d{4}-\\d{2}-\\d{2}')) return todayInShanghai();
      if (String(schema.pattern ?? '') === '^\\d{4}-\\d{2}$') return CLOSED_MONTH;
      if (key === 'username') return 'walker.user';
      if (key === 'idNumber') return fakeIdNumber();
      if (key === 'creditCode') return fakeCreditCode();
      if (key === 'industry') return 'C';
      if (key === 'ownership') return '170';
      if (/password/i.test(key)) return 'Walk-passw0rd-1';
      if (key === 'code') return 'W1';
      if (key === 'licenceNo') return '13507201300000001';
      return '测试';
    default:
      return undefined;
  }
}

/** Opens an event stream, collects what arrives in its first moments, and closes it. */
async function openStream(s: Session, url: string): Promise<{ status: number; text: string }> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie }, payloadAsStream: true });
  const stream = res.stream();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  for (let i = 0; i < 40 && !text.includes('\n\n'); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  stream.destroy();
  return { status: res.statusCode, text };
}

function urlFor(r: RouteOptions, id: number | string): string {
  return String(r.url).replace(/:id\b/, String(id));
}

async function snapshotOfB(): Promise<string> {
  const rows = await database.query(
    `SELECT u.id, u.name, u.path, u.status, (SELECT count(*) FROM users WHERE unit_id = u.id) AS users,
            (SELECT json_agg(json_build_array(id, username, disabled, password_hash) ORDER BY id) FROM users WHERE unit_id = u.id) AS accounts,
            (SELECT json_agg(e ORDER BY e.id) FROM enterprises e WHERE e.unit_id = u.id) AS enterprises,
            (SELECT json_agg(p ORDER BY p.unit_id) FROM union_profiles p WHERE p.unit_id = u.id) AS profiles,
            (SELECT json_agg(c ORDER BY c.id) FROM union_coverages c WHERE c.union_unit_id = u.id) AS coverages,
            (SELECT json_agg(json_build_array(m.id, m.person_id, m.left_on, pp.name) ORDER BY m.id) FROM memberships m JOIN persons pp ON pp.id = m.person_id WHERE m.union_unit_id = u.id) AS members
       FROM org_units u WHERE u.path LIKE (SELECT path FROM org_units WHERE id = $1) || '%' ORDER BY u.id`,
    [t.b.id],
  );
  return JSON.stringify(rows);
}

describe('every API route', () => {
  it('declares its access, and a route without a declaration cannot be registered', async () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) expect(accessOf(r), `${r.method} ${r.url}`).toBeDefined();
    const bare = Fastify();
    bare.addHook('onRoute', assertRouteDeclaresAccess);
    expect(() => bare.get('/api/v1/forgotten', async () => ({}))).toThrow(/does not declare config.access/);
    await bare.close();
  });

  it('has a record of county B for every kind of record a route can name', () => {
    for (const { kind, owner } of listResourceKinds()) expect(bRecords[kind], `${kind} (${owner})`).toBeDefined();
  });

  it('answers 403 or 404 to county A for county B’s records, and changes nothing', async () => {
    const before = await snapshotOfB();
    const walked: string[] = [];
    for (const r of routes) {
      if (!String(r.url).includes(':id')) continue;
      const access = accessOf(r);
      const kind = 'public' in access ? undefined : access.resource;
      for (const method of methodsOf(r)) {
        const body = method === 'GET' ? undefined : (exampleOf(r.schema?.body as Record<string, unknown>) ?? {});
        const res = await call(app, countyA, method, urlFor(r, bRecord(kind)), body);
        expect([403, 404], `${method} ${r.url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        expect(res.body).not.toContain(MARK_B);
        walked.push(`${method} ${r.url}`);
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(8);
    expect(await snapshotOfB()).toBe(before);
  });

  it('never shows county B in a list, count or export, and refuses B as a filter', async () => {
    for (const r of routes) {
      if (/:(id|kind)\b/.test(String(r.url)) || !methodsOf(r).includes('GET')) continue;
      const access = accessOf(r);
      if ('public' in access) continue;
      // A worker's own routes (the portal) refuse cadres outright.
      if (access.permission !== 'signed_in' && !can('county_admin', access.permission)) {
        expect((await call(app, countyA, 'GET', String(r.url))).statusCode, `GET ${r.url}`).toBe(403);
        continue;
      }
      const qs = r.schema?.querystring as { properties?: Record<string, Record<string, unknown>>; required?: string[] } | undefined;
      const props = qs?.properties ?? {};
      // Required parameters take each of their allowed values in turn (e.g. every drill-down figure).
      let variants: string[] = [''];
      for (const name of qs?.required ?? []) {
        const values = Array.isArray(props[name]?.enum) ? (props[name]!.enum as string[]) : [String(exampleOf(props[name], name))];
        variants = variants.flatMap((v) => values.map((value) => `${v}&${name}=${encodeURIComponent(value)}`));
      }
      for (const variant of variants) {
        const url = `${r.url}?${variant.slice(1)}`;
        if ((r.config as { stream?: boolean }).stream) {
          // A live stream stays open: read what it sends first, then hang up.
          for (const who of [countyA, auditorA]) {
            const { status, text } = await openStream(who, url);
            expect(status, `GET ${url}`).toBe(200);
            expect(text, `GET ${url}`).toMatch(/event: ready/);
            expect(text, `GET ${url}`).not.toContain(MARK_B);
          }
          continue;
        }
        const res = await call(app, countyA, 'GET', url);
        expect(res.statusCode, `GET ${url} ${res.body}`).toBe(200);
        expect(res.body, `GET ${url}`).not.toContain(MARK_B);
        const aud = await call(app, auditorA, 'GET', url);
        if (aud.statusCode === 200) expect(aud.body, `auditor GET ${url}`).not.toContain(MARK_B);
      }
      for (const param of ['underUnitId', 'rootId', 'unitId']) {
        if (!(param in props)) continue;
        const filtered = await call(app, countyA, 'GET', `${r.url}?${variants[0]!.slice(1)}&${param}=${t.b.id}`);
        expect([403, 404], `GET ${r.url}?${param}=B`).toContain(filtered.statusCode);
      }
    }
  });

  it('counts only county A’s own records', async () => {
    const units = await call(app, countyA, 'GET', '/api/v1/org/units?pageSize=1');
    const [own] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = $1) || '%'`, [t.a.id]);
    expect(units.json().total).toBe(own!.n);
    const users = await call(app, countyA, 'GET', '/api/v1/users?pageSize=1');
    const [ownUsers] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE unit_id IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = $1) || '%')`,
      [t.a.id],
    );
    expect(users.json().total).toBe(ownUsers!.n);
  });

  it('lets an auditor read but change nothing, on every write route', async () => {
    const before = await database.query(`SELECT count(*)::int AS n FROM audit_log WHERE action NOT IN ('login', 'login_failed')`);
    for (const r of routes) {
      const access = accessOf(r);
      if ('public' in access || access.beforePasswordChange) continue; // own session and password only
      for (const method of methodsOf(r)) {
        if (method === 'GET') continue;
        const body = exampleOf(r.schema?.body as Record<string, unknown>) ?? {};
        const res = await call(app, auditorA, method, urlFor(r, t.aUnion.id), body);
        expect(res.statusCode, `${method} ${r.url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
    expect(await database.query(`SELECT count(*)::int AS n FROM audit_log WHERE action NOT IN ('login', 'login_failed')`)).toEqual(before);
  });
});

describe('every workbook the app writes', () => {
  it('opens cleanly in a second, independent reader, from every route that sends one', async (ctx) => {
    if (!(await secondReaderAvailable())) {
      // .ci/run installs the reader (python3-openpyxl) and requires it; a machine without it is told so.
      if (process.env.REQUIRE_E2E === '1') throw new Error('openpyxl is required: apt-get install python3-openpyxl');
      ctx.skip();
    }
    const bAdmin = await login(app, 'yixian.admin');
    const workbooks: { name: string; bytes: Buffer }[] = [];
    const paramValues = (r: RouteOptions, name: string): (string | number)[] => {
      if (name === 'id') return [bRecord(('public' in accessOf(r) ? undefined : (accessOf(r) as { resource?: ResourceKind }).resource) ?? undefined)];
      const schema = (r.schema?.params as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties?.[name];
      if (Array.isArray(schema?.enum)) return schema.enum as string[];
      if (Array.isArray(schema?.anyOf)) return (schema.anyOf as { const: string }[]).map((s) => s.const);
      throw new Error(`no value for :${name} in ${r.url}`);
    };
    const workbookRoutes = routes.filter((r) => methodsOf(r).includes('GET') && /xlsx|\/imports\/templates\//.test(String(r.url)));
    expect(workbookRoutes.length).toBeGreaterThanOrEqual(10);
    for (const r of workbookRoutes) {
      let urls = [String(r.url)];
      for (const [, name] of String(r.url).matchAll(/:(\w+)/g)) urls = urls.flatMap((u) => paramValues(r, name!).map((v) => u.replace(`:${name}`, String(v))));
      for (const url of urls) {
        const res = await call(app, bAdmin, 'GET', url);
        expect(res.statusCode, `GET ${url} ${res.statusCode === 200 ? '' : res.body}`).toBe(200);
        expect(res.headers['content-type'], `GET ${url}`).toContain('spreadsheetml');
        workbooks.push({ name: url, bytes: res.rawPayload });
      }
    }
    expect(await refusedBySecondReader(workbooks)).toEqual([]);
  });
});
