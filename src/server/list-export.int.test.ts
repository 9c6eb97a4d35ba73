import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../engines/context.ts';
import { listHouseholds } from '../programs/hardship/service.ts';
import { listDisputes } from '../programs/legal/service.ts';
import { listEnterprises, listMembers, type MemberCursor, type MemberView } from '../programs/membership/service.ts';
import { listApplications } from '../programs/relief/service.ts';
import { buildTestApp } from '../test/app.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { asUser, buildTwoCounties, buildUser, call, fakeIdNumber, login, type Session, systemActor } from '../test/factories.ts';
import { buildDispute } from '../programs/legal/testing.ts';
import { buildHardshipStandard, buildHousehold } from '../programs/hardship/testing.ts';
import { buildMember, buildUnionWithEnterprise } from '../programs/membership/testing.ts';
import { buildReliefScenario } from '../programs/relief/testing.ts';
import type { App } from './app-types.ts';
import { type ListExport, type PageRequest, sendListExport } from './list-export.ts';

let database: TestDatabase;
let app: App;
let bare: FastifyInstance;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let county: Awaited<ReturnType<typeof systemActor>>;
let city: Awaited<ReturnType<typeof systemActor>>;
let countyA: Session;
let idNumbers: string[];
let unionA: { enterpriseId: number; unionId: number };
let transactions = 0;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-export-'));
let spec: ListExport<MemberView, MemberCursor>;

const memberColumns: ListExport<MemberView, MemberCursor>['columns'] = [
  { header: '姓名', value: (m) => m.name },
  { header: '身份证号（脱敏）', width: 22, value: (m) => m.idMasked },
  { header: '所属工会', width: 30, value: (m) => m.unionName },
  { header: '入会日期', value: (m) => m.joinedOn },
];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  county = await systemActor(database, t.a.id);
  city = await systemActor(database, t.city.id);
  unionA = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县导出茶厂' });
  const unionB = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.bTown.id, name: '乙县导出茶厂' });
  // Several joined the same day, so pages break inside a run of equal dates.
  idNumbers = [];
  for (const [i, joinedOn] of ['2021-04-01', '2021-04-01', '2021-04-01', '2021-04-01', '2019-09-09', '2023-01-16', '2021-04-01'].entries()) {
    const idNumber = fakeIdNumber('1980-02-02');
    idNumbers.push(idNumber);
    await buildMember(database, { rootUnitId: t.city.id, unionId: unionA.unionId, enterpriseId: unionA.enterpriseId, joinedOn, idNumber, name: `甲县导出${i}` });
  }
  for (const i of [0, 1, 2]) await buildMember(database, { rootUnitId: t.city.id, unionId: unionB.unionId, enterpriseId: unionB.enterpriseId, joinedOn: '2021-04-01', name: `乙县导出${i}` });
  const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  countyA = await login(app, u.username);

  // The helper on a bare server, with a page size of two and every page's transaction counted.
  bare = Fastify({ logger: false });
  bare.get<{ Querystring: { as: 'county' | 'city' } }>('/export', async (req, reply) => {
    const actor = req.query.as === 'city' ? city : county;
    const inScope = <T>(work: (ctx: Ctx) => Promise<T>) => {
      transactions++;
      return asUser(database, actor, work);
    };
    return sendListExport({ inScope } as never, reply, spec);
  });
  await bare.ready();
});
afterAll(async () => {
  await bare?.close();
  await app?.close();
  await database?.destroy();
});

const auditCount = async (entity: string) => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE entity = $1`, [entity]))[0]!.n);
const lastAudit = async (entity: string) =>
  (
    await database.query<{ actor_id: number; unit_id: number; reason: string; after: Record<string, unknown> }>(
      `SELECT actor_id, unit_id, reason, after FROM audit_log WHERE entity = $1 ORDER BY seq DESC LIMIT 1`,
      [entity],
    )
  )[0]!;

async function readBack(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  expect(wb.worksheets).toHaveLength(1);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from(row.values as unknown[], (v) => (v === null || v === undefined ? '' : String(v))).slice(1));
  });
  return rows;
}

const xmlText = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : e === 'amp' ? '&' : String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/**
 * A second, independent reading of the package: the zip's directory, the parts Excel needs to open
 * it (content types, the workbook, its relationships) and the sheet's rows from the XML itself.
 */
async function readIndependently(body: Buffer): Promise<{ sheetName: string; rows: string[][] }> {
  const zip = await JSZip.loadAsync(body, { checkCRC32: true });
  const part = async (name: string) => {
    const f = zip.file(name);
    expect(f, `${name} is in the package`).toBeTruthy();
    return f!.async('string');
  };
  const types = await part('[Content_Types].xml');
  expect(types).toContain('spreadsheetml.sheet.main+xml');
  expect(types).toContain('spreadsheetml.worksheet+xml');
  const workbook = await part('xl/workbook.xml');
  const sheet = /<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/.exec(workbook);
  expect(sheet).toBeTruthy();
  const rels = await part('xl/_rels/workbook.xml.rels');
  const target = new RegExp(`Id="${sheet![2]}"[^>]*Target="([^"]+)"`).exec(rels);
  expect(target).toBeTruthy();
  const xml = await part(`xl/${target![1]}`);
  expect(xml.startsWith('<?xml')).toBe(true);
  expect(xml.trimEnd().endsWith('</worksheet>')).toBe(true);
  expect(xml).not.toContain('<f>'); // no formulas, ever
  const rows: string[][] = [];
  let expectRow = 1;
  for (const m of xml.matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>(.*?)<\/row>)/g)) {
    expect(Number(m[1])).toBe(expectRow++);
    const cells: string[] = [];
    for (const c of (m[2] ?? '').matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
      expect(c[2]).toBe(m[1]);
      const col = [...c[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      while (cells.length < col - 1) cells.push('');
      const v = /<v>(.*?)<\/v>/.exec(c[3] ?? '') ?? /<t[^>]*>(.*?)<\/t>/.exec(c[3] ?? '');
      cells.push(v ? xmlText(v[1]!) : '');
    }
    rows.push(cells);
  }
  return { sheetName: xmlText(sheet![1]!), rows };
}

/** Rows without their trailing empty cells (the readers differ on whether an empty last cell is there). */
const trimRows = (rows: string[][]): string[][] =>
  rows.map((r) => {
    const out = [...r];
    while (out.length && out.at(-1) === '') out.pop();
    return out;
  });

describe('list export', () => {
  it('streams every row once in the list’s order, a page per transaction, masked, with one audit entry', async () => {
    const filter = { enterpriseId: unionA.enterpriseId };
    spec = {
      title: '会员名册',
      entity: 'member_export',
      filter,
      columns: memberColumns,
      page: (ctx, p) => listMembers(ctx, { ...filter, ...p }),
      pageSize: 2,
    };
    const all = await asUser(database, county, (ctx) => listMembers(ctx, { ...filter, offset: 0, limit: 100 }));
    expect(all.items).toHaveLength(7);
    const before = await auditCount('member_export');
    transactions = 0;
    const res = await bare.inject({ method: 'GET', url: '/export?as=county' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('会员名册.xlsx')}`);
    // Seven rows in pages of two: four pages, each its own transaction (the audit entry rides with the first).
    expect(transactions).toBe(4);
    const rows = await readBack(res.rawPayload);
    expect(rows[0]).toEqual(['姓名', '身份证号（脱敏）', '所属工会', '入会日期']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.items.map((m) => m.name));
    expect(rows.slice(1).map((r) => r[3])).toEqual(all.items.map((m) => m.joinedOn));
    const text = JSON.stringify(rows);
    for (const id of idNumbers) expect(text).not.toContain(id);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    for (const r of rows.slice(1)) expect(r[1]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    // The same workbook, read a second way.
    const second = await readIndependently(res.rawPayload);
    expect(second.sheetName).toBe('会员名册');
    expect(trimRows(second.rows)).toEqual(trimRows(rows));
    // One entry: the list, its filters, the rows the filter matched, by the user, at their unit.
    expect(await auditCount('member_export')).toBe(before + 1);
    const entry = await lastAudit('member_export');
    expect(entry).toMatchObject({ actor_id: county.userId, unit_id: t.a.id, reason: '导出会员名册', after: { list: '会员名册', filter, rows: 7 } });
  });

  it('gives a county user only their county’s rows, the city all of them', async () => {
    spec = { title: '会员名册', entity: 'member_export', filter: {}, columns: memberColumns, page: (ctx, p) => listMembers(ctx, p), pageSize: 2 };
    const countyRows = await readBack((await bare.inject({ method: 'GET', url: '/export?as=county' })).rawPayload);
    const names = countyRows.slice(1).map((r) => r[0]);
    expect(names.filter((n) => n?.startsWith('甲县导出'))).toHaveLength(7);
    expect(names.some((n) => n?.startsWith('乙县'))).toBe(false);
    expect(countyRows.slice(1).every((r) => !r[2]?.startsWith('乙县'))).toBe(true);
    const cityRows = await readBack((await bare.inject({ method: 'GET', url: '/export?as=city' })).rawPayload);
    expect(cityRows.slice(1).filter((r) => r[0]?.startsWith('乙县导出'))).toHaveLength(3);
  });

  it('answers a refused filter with an error before anything is sent, and logs nothing', async () => {
    const before = await auditCount('member_export');
    spec = {
      title: '会员名册',
      entity: 'member_export',
      filter: { underUnitId: t.b.id },
      columns: memberColumns,
      page: (ctx, p) => listMembers(ctx, { underUnitId: t.b.id, ...p }),
      pageSize: 2,
    };
    const res = await bare.inject({ method: 'GET', url: '/export?as=county' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(await auditCount('member_export')).toBe(before);
  });

  it('the members export route goes through it: county scope, masking, one entry', async () => {
    const before = await auditCount('member_export');
    const res = await call(app, countyA, 'GET', '/api/v1/membership/members/export.xlsx?status=active');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('会员名册'));
    const rows = await readBack(res.rawPayload);
    const text = JSON.stringify(rows);
    expect(text).toContain('甲县导出0');
    expect(text).not.toContain('乙县');
    for (const id of idNumbers) expect(text).not.toContain(id);
    expect(trimRows((await readIndependently(res.rawPayload)).rows)).toEqual(trimRows(rows));
    expect(await auditCount('member_export')).toBe(before + 1);
    expect((await lastAudit('member_export')).after).toMatchObject({ filter: { status: 'active' }, rows: rows.length - 1 });
  });
});

describe('every list exported pages by key as its list orders', () => {
  /** Pages with a limit of two by cursor and compares with the list read by offset in one go. */
  async function sameByKey<R>(page: (ctx: Ctx, p: PageRequest<never>) => Promise<{ items: R[]; next: unknown }>, key: (r: R) => unknown) {
    const all = (await asUser(database, city, (ctx) => page(ctx, { after: null, limit: 1000, offset: 0, withTotal: true }))).items.map(key);
    const paged: unknown[] = [];
    let after: unknown = null;
    for (let guard = 0; guard < 100; guard++) {
      const p = await asUser(database, city, (ctx) => page(ctx, { after: after as never, limit: 2, offset: 0, withTotal: false }));
      paged.push(...p.items.map(key));
      if (p.next === null) break;
      after = p.next;
    }
    expect(all.length).toBeGreaterThan(2);
    expect(paged).toEqual(all);
  }

  it('enterprises, households (both orders), cases and applications', async () => {
    for (const name of ['甲县导出竹厂', '甲县导出茶厂']) await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name });
    await sameByKey(
      (ctx, p) => listEnterprises(ctx, p),
      (e) => e.id,
    );
    await buildHardshipStandard(database, { unitId: t.a.id });
    for (let i = 0; i < 3; i++) await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, name: `甲县导出困难户${i}` });
    await sameByKey(
      (ctx, p) => listHouseholds(ctx, p),
      (h) => h.id,
    );
    await sameByKey(
      (ctx, p) => listHouseholds(ctx, { ...p, reviewDueBy: '2999-12-31' }),
      (h) => h.id,
    );
    for (const openedOn of ['2013-03-01', '2013-03-01', '2013-03-01', '2013-02-01']) await buildDispute(database, { rootUnitId: t.city.id, unitId: t.aUnion.id, openedOn });
    await sameByKey(
      (ctx, p) => listDisputes(ctx, p),
      (c) => c.id,
    );
    await buildReliefScenario(database, { countyId: t.a.id, unionId: t.aUnion.id, mark: '甲县导出甲', filesDir });
    await buildReliefScenario(database, { countyId: t.a.id, unionId: t.aUnion.id, mark: '甲县导出乙', filesDir });
    await buildHardshipStandard(database, { unitId: t.b.id });
    await buildReliefScenario(database, { countyId: t.b.id, unionId: t.bUnion.id, mark: '乙县导出丙', filesDir });
    await sameByKey(
      (ctx, p) => listApplications(ctx, p),
      (a) => a.id,
    );
  });

  it('the hardship, legal, relief and enterprise export routes go through it: county scope, one entry each', async () => {
    for (const [url, entity, mine] of [
      ['/api/v1/hardship/households/export.xlsx', 'hardship_export', '甲县导出困难户'],
      ['/api/v1/legal/cases/export.xlsx', 'legal_dispute_export', '甲县'],
      ['/api/v1/relief/applications/export.xlsx', 'relief_export', '甲县导出'],
      ['/api/v1/membership/enterprises/export.xlsx', 'enterprise_export', '甲县导出茶厂'],
    ] as const) {
      const before = await auditCount(entity);
      const res = await call(app, countyA, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      const rows = await readBack(res.rawPayload);
      const text = JSON.stringify(rows);
      expect(text, url).toContain(mine);
      expect(text, url).not.toContain('乙县');
      expect(text, url).not.toMatch(/\d{17}[\dX]/);
      expect(trimRows((await readIndependently(res.rawPayload)).rows)).toEqual(trimRows(rows));
      expect(await auditCount(entity), url).toBe(before + 1);
      expect((await lastAudit(entity)).after, url).toMatchObject({ rows: rows.length - 1 });
    }
  });
});
