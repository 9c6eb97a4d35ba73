/**
 * Bad input, generated from the OpenAPI document: every operation, every parameter and body field,
 * is sent values its schema must refuse — integers past a PostgreSQL integer, impossible dates,
 * overlong strings, control characters, wrong types, values outside an enum — and bodies that are
 * not JSON or not a well-formed multipart upload. Each answer must be a 4xx `{ code, message }`
 * with a Chinese message, and nothing may be written. A route added later is covered unnamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTestApp, TEST_CONFIG } from '../test/app.ts';
import { buildTwoCounties, buildUser, login, type Session } from '../test/factories.ts';
import { ROLES, can, type Role } from '../engines/accounts/roles.ts';
import type { App } from './app-types.ts';
import type { ResourceKind, RouteAccess } from './access.ts';
import { PROGRAMS } from '../programs/index.ts';
import type { OtherCounty } from '../programs/program.ts';
import { INT4_MAX } from './schemas.ts';

type Schema = {
  type?: string | string[];
  $ref?: string;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface OpenApi {
  paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

let database: TestDatabase;
let app: App;
let doc: OpenApi;
const sessions = new Map<Role, Session>();
const records: Partial<Record<ResourceKind, number | string>> = {};
let routes: RouteOptions[];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  const t = await buildTwoCounties(database);
  // Real records behind each `{id}`, so an upload or a write reaches the step that reads its input.
  const countyB: OtherCounty = { database, filesDir: TEST_CONFIG.dataDir, cityId: t.city.id, countyId: t.b.id, townId: t.bTown.id, unionId: t.bUnion.id, mark: '乙县' };
  for (const program of PROGRAMS) {
    const testing = await program.testing?.();
    if (testing) Object.assign(records, await testing.recordsOf(countyB));
  }
  for (const role of ROLES) {
    const user = await buildUser(database, { unitId: role === 'worker' ? t.aUnion.id : t.city.id, role });
    sessions.set(role, await login(app, user.username));
  }
  doc = app.swagger() as unknown as OpenApi;
  routes = app.routeTable;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

/** The schema a value takes when it is not null. */
function nonNull(schema: Schema | undefined): Schema | undefined {
  const s = resolve(schema);
  if (Array.isArray(s?.type)) return { ...s, type: s.type.find((t) => t !== 'null') };
  if (!s?.anyOf) return s;
  return nonNull(s.anyOf.find((b) => resolve(b)?.type !== 'null'));
}

/** A value the schema accepts (only as far as needed to get the other fields past validation). */
function example(schema: Schema | undefined): unknown {
  const s = nonNull(schema);
  if (!s) return undefined;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = example(s.properties?.[name]);
      return out;
    }
    case 'array':
      return [example(s.items)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date') return '2024-02-29';
      if (s.format === 'date-time') return [{ what: 'an impossible day', value: '2024-02-30T09:00:00Z' }];
      if (s.format === 'zoned-date-time') return '2024-02-29T09:00:00+08:00';
      if (s.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') return '2024-02';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return undefined;
  }
}

interface BadValue {
  what: string;
  value: unknown;
}

/** Values the schema of one field must refuse. */
function badValuesFor(schema: Schema | undefined, inQuery: boolean): BadValue[] {
  const s = nonNull(schema);
  if (!s) return [];
  if (s.enum) return [{ what: 'a value outside the list', value: 'no-such-value' }];
  switch (s.type) {
    case 'integer':
    case 'number': {
      const over = (s.maximum ?? INT4_MAX) + 1;
      const out: BadValue[] = [
        { what: 'past the maximum', value: over },
        { what: 'a huge number', value: 1e308 },
        { what: 'below the minimum', value: (s.minimum ?? -INT4_MAX) - 1 },
        { what: 'not a number', value: 'abc' },
      ];
      if (s.type === 'integer') out.push({ what: 'a fraction', value: 1.5 });
      return out;
    }
    case 'boolean':
      return [{ what: 'not a boolean', value: 'maybe' }];
    case 'string': {
      // Known by its shape too, so a date whose schema forgot its format is still probed.
      if (s.format === 'date' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
        return [
          { what: 'an impossible date', value: '2024-02-30' },
          { what: 'no leap day that year', value: '2023-02-29' },
          { what: 'month 13', value: '2024-13-01' },
        ];
      if (s.format === 'date-time') return [{ what: 'an impossible day', value: '2024-02-30T09:00:00Z' }];
      if (s.format === 'zoned-date-time' || s.pattern?.startsWith('^(\\d{4}-\\d{2}-\\d{2})T'))
        return [
          { what: 'an impossible day', value: '2024-02-30T09:00:00+08:00' },
          { what: 'hour 24', value: '2024-02-29T24:00:00+08:00' },
        ];
      const out: BadValue[] = [
        { what: 'a NUL character', value: 'a\u0000b' },
        { what: 'an escape character', value: 'a\u001bb' },
      ];
      if (s.maxLength !== undefined) out.push({ what: 'too long', value: 'x'.repeat(s.maxLength + 1) });
      if (s.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') out.push({ what: 'month 13', value: '2024-13' });
      if (!inQuery) out.push({ what: 'an object for a string', value: { a: 1 } });
      return out;
    }
    case 'array': {
      const items: BadValue[] = badValuesFor(s.items, inQuery).map((b) => ({ what: `an item ${b.what}`, value: [b.value] }));
      if (!inQuery) items.push({ what: 'a string for a list', value: 'abc' });
      if (s.maxItems !== undefined) items.push({ what: 'too many items', value: Array.from({ length: s.maxItems + 1 }, () => example(s.items)) });
      return items;
    }
    case 'object':
      return inQuery ? [] : [{ what: 'a string for an object', value: 'abc' }];
    default:
      return [];
  }
}

/** Every field of a body, depth first, with the path to it ('[]' stands for the first item). */
function fieldsOf(schema: Schema | undefined, path: string[] = []): { path: string[]; schema: Schema }[] {
  const s = nonNull(schema);
  if (!s) return [];
  const here = path.length > 0 ? [{ path, schema: s }] : [];
  if (s.type === 'object') return [...here, ...Object.entries(s.properties ?? {}).flatMap(([name, p]) => fieldsOf(p, [...path, name]))];
  if (s.type === 'array' && nonNull(s.items)?.type === 'object') return [...here, ...fieldsOf(s.items, [...path, '[]'])];
  return here;
}

/** The body with the field at `path` set to `value`, its containers filled with valid examples. */
function bodyWith(schema: Schema, path: string[], value: unknown): unknown {
  const root = example(schema) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = root;
  let s: Schema | undefined = nonNull(schema);
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    if (key === '[]') {
      s = nonNull(s?.items);
      const list = node as unknown as unknown[];
      if (last) list[0] = value;
      else {
        if (typeof list[0] !== 'object' || list[0] === null) list[0] = example(s);
        node = list[0] as Record<string, unknown>;
      }
      continue;
    }
    s = nonNull(s?.properties?.[key]);
    const obj = node as Record<string, unknown>;
    if (last) obj[key] = value;
    else {
      if (typeof obj[key] !== 'object' || obj[key] === null) obj[key] = s?.type === 'array' ? [] : example(s);
      node = obj[key] as Record<string, unknown>;
    }
  }
  return root;
}

function accessOf(method: Method, openApiPath: string): RouteAccess | undefined {
  const url = openApiPath.replace(/\{(\w+)\}/g, ':$1');
  const route = routes.find((r) => r.url === url && (Array.isArray(r.method) ? r.method : [r.method]).includes(method));
  return (route?.config as { access?: RouteAccess } | undefined)?.access;
}

/** A session allowed to use the route, so that what answers is the route's input check. */
function sessionFor(access: RouteAccess | undefined): Session | undefined {
  if (!access || 'public' in access) return undefined;
  const role = ROLES.find((r) => access.permission === 'signed_in' || can(r, access.permission));
  if (!role) throw new Error(`no role may use a route needing ${access.permission}`);
  return sessions.get(role);
}

interface Probe {
  operation: string;
  what: string;
  status: number;
  body: string;
}

async function send(method: Method, url: string, session: Session | undefined, payload?: { json?: unknown; raw?: string; contentType?: string }) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  if (payload?.contentType) headers['content-type'] = payload.contentType;
  else if (payload?.json !== undefined) headers['content-type'] = 'application/json';
  const body = payload?.raw ?? (payload?.json !== undefined ? JSON.stringify(payload.json) : undefined);
  return app.inject({ method, url, headers, ...(body !== undefined ? { payload: body } : {}) });
}

const CHINESE = /[\u4e00-\u9fff]/;

/** A refusal as promised: a 4xx, a stable code, a Chinese message, no stack. */
function isClearRefusal(status: number, body: string): boolean {
  if (status < 400 || status >= 500) return false;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown; stack?: unknown };
    return typeof parsed.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(parsed.code) && typeof parsed.message === 'string' && CHINESE.test(parsed.message) && !/\bat .+:\d+:\d+/.test(body);
  } catch {
    return false;
  }
}

/** The number of rows in every table but the sessions' own (whose last use each request moves). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'sessions' ORDER BY tablename`);
  const [row] = await database.query<Record<string, number>>(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t.name}") AS "${t.name}"`).join(', ')}`);
  return row!;
}

/** A format of known length, or an anchored pattern with no open repetition (`*`, `+`, `{n,}`). */
function lengthFixedByShape(s: Schema): boolean {
  if (s.format === 'date' || s.format === 'uuid') return true;
  return !!s.pattern?.startsWith('^') && s.pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(s.pattern.replace(/\\[*+]/g, ''));
}

describe('bad input to every operation in the OpenAPI document', () => {
  it('declares bounds for every input value: integers and numbers a range, strings a length and a shape', () => {
    const unbounded: string[] = [];
    const check = (where: string, schema: Schema | undefined) => {
      const s = nonNull(schema);
      if (!s || s.enum || s.const !== undefined) return;
      if ((s.type === 'integer' || s.type === 'number') && (s.maximum === undefined || s.minimum === undefined)) unbounded.push(`${where}: no range`);
      if (s.type === 'string' && s.pattern === undefined && s.format === undefined) unbounded.push(`${where}: no shape`);
      if (s.type === 'string' && s.maxLength === undefined && !lengthFixedByShape(s)) unbounded.push(`${where}: no length`);
      if (s.type === 'array') check(`${where}[]`, s.items);
      if (s.type === 'object') for (const [name, p] of Object.entries(s.properties ?? {})) check(`${where}.${name}`, p);
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item) as [string, Operation][]) {
        for (const p of op.parameters ?? []) if (p.in === 'path' || p.in === 'query') check(`${method.toUpperCase()} ${path} ${p.name}`, p.schema);
        for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) if (type.includes('json')) check(`${method.toUpperCase()} ${path} body`, c.schema);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuses every bad value with a clear 4xx, and writes nothing', async () => {
    const before = await rowCounts();
    const unclear: Probe[] = [];
    let probes = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [lower, op] of Object.entries(item) as [Lowercase<Method>, Operation][]) {
        const method = lower.toUpperCase() as Method;
        const operation = `${method} ${path}`;
        const access = accessOf(method, path);
        const session = sessionFor(access);
        const record = access && !('public' in access) && access.resource ? records[access.resource] : undefined;
        const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
        const urlWith = (override?: { name: string; value: unknown }) => {
          let url = path;
          const query: string[] = [];
          for (const p of params) {
            const value = override?.name === p.name ? override.value : p.name === 'id' && record !== undefined ? record : p.in === 'path' || p.required ? example(p.schema) : undefined;
            if (value === undefined) continue;
            if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
            else query.push(`${p.name}=${encodeURIComponent(String(value))}`);
          }
          return query.length > 0 ? `${url}?${query.join('&')}` : url;
        };
        const jsonSchema = Object.entries(op.requestBody?.content ?? {}).find(([type]) => type.includes('json'))?.[1].schema;
        const baseBody = jsonSchema ? example(jsonSchema) : method === 'GET' || method === 'DELETE' ? undefined : {};
        const probe = async (what: string, url: string, payload?: { json?: unknown; raw?: string; contentType?: string }) => {
          const res = await send(method, url, session, payload ?? (baseBody !== undefined ? { json: baseBody } : undefined));
          probes++;
          if (!isClearRefusal(res.statusCode, res.body)) unclear.push({ operation, what, status: res.statusCode, body: res.body.slice(0, 300) });
        };
        for (const p of params) {
          for (const bad of badValuesFor(p.schema, true)) await probe(`${p.in} ${p.name}: ${bad.what}`, urlWith({ name: p.name, value: bad.value }));
        }
        if (jsonSchema) {
          for (const field of fieldsOf(jsonSchema)) {
            for (const bad of badValuesFor(field.schema, false)) await probe(`body ${field.path.join('.')}: ${bad.what}`, urlWith(), { json: bodyWith(jsonSchema, field.path, bad.value) });
          }
          await probe('a body that is not JSON', urlWith(), { raw: '{"a":', contentType: 'application/json' });
          await probe('a list for the body', urlWith(), { json: [] });
        }
        if (Object.keys(op.requestBody?.content ?? {}).some((type) => type.includes('multipart'))) {
          await probe('multipart without a boundary', urlWith(), { raw: 'abc', contentType: 'multipart/form-data' });
          await probe('multipart cut short', urlWith(), {
            raw: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004',
            contentType: 'multipart/form-data; boundary=b',
          });
        }
      }
    }
    expect(probes).toBeGreaterThan(500);
    expect(unclear).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });
});
