import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp, TEST_CONFIG } from '../../test/app.ts';
import { buildTwoCounties, buildUser, call, fakeIdNumber, login, type Session } from '../../test/factories.ts';
import { buildMember, buildUnionWithEnterprise } from '../membership/testing.ts';
import { failInterruptedJobs, idleImportJobs, jobDir } from '../../engines/imports/jobs.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encodeGbk } from '../../engines/imports/testing.ts';
import { idCardCheckChar } from '../../engines/people/identifiers.ts';
import type { App } from '../../server/app-types.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let admin: Session;
let adminId: number;
let unionA: { enterpriseId: number; unionId: number };
let unionB: { enterpriseId: number; unionId: number };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  unionA = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县导入厂' });
  unionB = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.bTown.id, name: '乙县导入厂' });
  const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  adminId = u.id;
  admin = await login(app, u.username);
});
afterAll(async () => {
  await idleImportJobs();
  await app.close();
  await database.destroy();
});

function multipart(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----gonghuiTestBoundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(s: Session, fileName: string, content: Buffer, mode = 'valid_only') {
  const m = multipart(fileName, content);
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/membership/imports?kind=members&mode=${mode}`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...m.headers },
    payload: m.payload,
  });
  if (res.statusCode !== 202) return { res, job: null };
  await idleImportJobs();
  const job = (await call(app, s, 'GET', `/api/v1/membership/imports/${res.json().jobId}`)).json();
  return { res, job };
}

async function roster(rows: (string | number)[][]): Promise<Buffer> {
  const tpl = await call(app, admin, 'GET', '/api/v1/membership/imports/templates/members');
  expect(tpl.statusCode).toBe(200);
  expect(tpl.headers['content-type']).toMatch(/spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(tpl.rawPayload as never);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as string[]).slice(1).map((h) => String(h).replace(/\*$/, ''));
  expect(headers).toEqual(['姓名', '身份证号', '手机号码', '是否农民工', '所属基层工会', '工作单位统一社会信用代码', '入会日期']);
  ws.spliceRows(2, ws.rowCount); // drop the example row
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel and WPS write a character XML cannot hold as `_xHHHH_`. */
const asExcelWrites = (text: string) => Array.from(text, (c) => (c.charCodeAt(0) < 0x20 ? `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_` : c)).join('');

const countMembers = async () => (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships'))[0]!.n;

describe('member roster import', () => {
  it('imports the valid rows, marks the bad cells, and changes nothing the second time', async () => {
    const unionName = '甲县导入厂有限公司工会';
    const good = [fakeIdNumber('1988-01-02'), fakeIdNumber('1990-03-04', false), fakeIdNumber('1979-12-31')];
    const rows = [
      ['王一', good[0]!, '13905990001', '是', unionName, '', '2020-05-01'],
      ['王二', good[1]!, '', '否', unionName, '', '2021/6/1'], // as cadres write dates
      ['王三', good[2]!, '', '', unionName, '', '2022年7月1日'],
      ['错号', `${fakeIdNumber('1991-01-01').slice(0, 17)}Z`, '', '', unionName, '', '2022-07-01'],
      ['缺日期', fakeIdNumber('1992-01-01'), '', '', unionName, '', ''],
      ['外县工会', fakeIdNumber('1993-01-01'), '', '', '乙县导入厂有限公司工会', '', '2022-07-01'],
      ['重复', good[0]!, '', '', unionName, '', '2022-07-01'],
    ];
    const before = await countMembers();
    const { job } = await upload(admin, '会员名册.xlsx', await roster(rows));
    expect(job).toMatchObject({ status: 'done', counts: { rows: 7, valid: 3, invalid: 4, imported: 3, unchanged: 0 } });
    expect(await countMembers()).toBe(before + 3);
    const joined = await database.query<{ joined_on: string }>(
      `SELECT to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on FROM memberships m JOIN persons p ON p.id = m.person_id WHERE p.name IN ('王二', '王三') ORDER BY p.name DESC`,
    );
    expect(joined.map((j) => j.joined_on).sort()).toEqual(['2021-06-01', '2022-07-01']);

    const report = await app.inject({ method: 'GET', url: `/api/v1/membership/imports/${job.id}/report.xlsx`, headers: { cookie: admin.cookie } });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const statusCol = header.indexOf('处理结果') + 1;
    const errCol = header.indexOf('错误说明') + 1;
    const status = (r: number) => String(ws.getRow(r).getCell(statusCol).value);
    expect([2, 3, 4].map(status)).toEqual(['已导入', '已导入', '已导入']);
    expect(status(5)).toMatch(/有误/);
    expect(String(ws.getRow(5).getCell(errCol).value)).toMatch(/身份证号/);
    expect((ws.getRow(5).getCell(2).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(ws.getRow(6).getCell(errCol).value)).toMatch(/入会日期/);
    expect(String(ws.getRow(7).getCell(errCol).value)).toMatch(/找不到/);
    expect(String(ws.getRow(8).getCell(errCol).value)).toMatch(/与第 2 行重复/);

    // The same file again: nothing changes.
    const again = await upload(admin, '会员名册.xlsx', await roster(rows));
    expect(again.job).toMatchObject({ status: 'done', counts: { imported: 0, unchanged: 3, invalid: 4 } });
    expect(await countMembers()).toBe(before + 3);
  });

  it('refuses each row the API would refuse, for the same reason', async () => {
    const unionName = '甲县导入厂有限公司工会';
    const id = (birth: string) => fakeIdNumber(birth);
    // Each case: a member as the form would send it, and the same member as a roster row.
    const cases = [
      { name: '张'.repeat(51), idNumber: id('1980-01-01'), phone: null, joinedOn: '2020-01-01' },
      { name: '张\u001b三', idNumber: id('1980-01-02'), phone: null, joinedOn: '2020-01-01' },
      { name: '早入会', idNumber: id('1980-01-03'), phone: null, joinedOn: '1899-12-31' },
      { name: '未成年', idNumber: id('2000-06-01'), phone: null, joinedOn: '2016-05-31' },
      { name: '未来', idNumber: id('1980-01-04'), phone: null, joinedOn: '2999-01-01' },
      { name: '错手机', idNumber: id('1980-01-05'), phone: '12345', joinedOn: '2020-01-01' },
      { name: '建会前', idNumber: id('1970-01-07'), phone: null, joinedOn: '2005-01-01' },
      { name: '错校验', idNumber: `${id('1980-01-06').slice(0, 17)}${id('1980-01-06').endsWith('0') ? '1' : '0'}`, phone: null, joinedOn: '2020-01-01' },
    ];
    const reasons: string[] = [];
    for (const c of cases) {
      const res = await call(app, admin, 'POST', '/api/v1/membership/members', { ...c, unionUnitId: unionA.unionId });
      expect(res.statusCode, c.name).toBe(400);
      reasons.push(res.json().message);
    }
    const before = await countMembers();
    const { job } = await upload(admin, '会员名册.xlsx', await roster(cases.map((c) => [asExcelWrites(c.name), c.idNumber, c.phone ?? '', '', unionName, '', c.joinedOn])));
    expect(job).toMatchObject({ status: 'done', counts: { rows: cases.length, invalid: cases.length, imported: 0 } });
    expect(await countMembers()).toBe(before);
    const report = await app.inject({ method: 'GET', url: `/api/v1/membership/imports/${job.id}/report.xlsx`, headers: { cookie: admin.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const errCol = (ws.getRow(1).values as string[]).slice(1).indexOf('错误说明') + 1;
    const marked = cases.map((_, i) => String(ws.getRow(i + 2).getCell(errCol).value));
    for (const [i, reason] of reasons.entries()) expect(marked[i], cases[i]!.name).toContain(reason);
    expect(reasons).toEqual([
      '姓名不能超过 50 个字',
      '姓名含有不可见的控制字符，请删除后重新填写',
      '入会日期早于本人年满 16 周岁（1996-01-03），请核对',
      '入会日期早于本人年满 16 周岁（2016-06-01），请核对',
      '入会日期不能晚于今天',
      '手机号码应为 11 位，以 13–19 开头',
      '入会日期早于所属工会的成立日期（2012-01-01），请核对',
      '身份证号不正确：校验位不正确',
    ]);
  });

  it('says what an interrupted import had written, and finishes it when resumed, without duplicates', async () => {
    const unionName = '甲县导入厂有限公司工会';
    const rows = [1, 2, 3, 4, 5].map((i) => [`续导${i}`, fakeIdNumber(`1986-0${i}-1${i}`), '', '', unionName, '', '2021-01-01']);
    // The server stopped after committing the first two rows (file rows 2 and 3).
    for (const r of rows.slice(0, 2)) {
      const res = await call(app, admin, 'POST', '/api/v1/membership/members', { name: r[0], idNumber: r[1], unionUnitId: unionA.unionId, joinedOn: '2021-01-01' });
      expect(res.statusCode).toBe(201);
    }
    const jobId = randomUUID();
    fs.mkdirSync(jobDir(TEST_CONFIG.dataDir, jobId), { recursive: true });
    fs.writeFileSync(path.join(jobDir(TEST_CONFIG.dataDir, jobId), 'upload.xlsx'), await roster(rows));
    await database.query(
      `INSERT INTO import_jobs (id, unit_id, kind, mode, status, file_name, created_by, processed, written, written_through) VALUES ($1, $2, 'members', 'valid_only', 'importing', '会员名册.xlsx', $3, 2, 2, 3)`,
      [jobId, t.a.id, adminId],
    );
    await failInterruptedJobs(database);
    const stopped = (await call(app, admin, 'GET', `/api/v1/membership/imports/${jobId}`)).json();
    expect(stopped).toMatchObject({ status: 'failed', written: 2, writtenThrough: 3, resumable: true, error: { code: 'IMPORT_INTERRUPTED' } });
    expect(stopped.error.message).toContain('已写入 2 行（到文件第 3 行），此后的行尚未处理');
    expect(stopped.error.message).toContain('已写入的行不会重复');

    const before = await countMembers();
    const resumed = await call(app, admin, 'POST', `/api/v1/membership/imports/${jobId}/resume`, {});
    expect(resumed.statusCode).toBe(202);
    await idleImportJobs();
    const done = (await call(app, admin, 'GET', `/api/v1/membership/imports/${jobId}`)).json();
    expect(done).toMatchObject({ status: 'done', resumable: false, error: null, counts: { rows: 5, imported: 3, unchanged: 2, invalid: 0 } });
    expect(await countMembers()).toBe(before + 3);
    // A finished job cannot be resumed; nor can another user's.
    expect((await call(app, admin, 'POST', `/api/v1/membership/imports/${jobId}/resume`, {})).json().code).toBe('IMPORT_NOT_RESUMABLE');
  });

  it('imports nothing in all-or-nothing mode when a row is wrong', async () => {
    const before = await countMembers();
    const rows = [
      ['全员一', fakeIdNumber('1985-05-05'), '', '', '甲县导入厂有限公司工会', '', '2020-01-01'],
      ['全员二', '123', '', '', '甲县导入厂有限公司工会', '', '2020-01-01'],
    ];
    const { job } = await upload(admin, 'all.xlsx', await roster(rows), 'all_or_nothing');
    expect(job).toMatchObject({ status: 'done', counts: { imported: 0, invalid: 1, valid: 1 } });
    expect(await countMembers()).toBe(before);
  });

  it('refuses a person who is a current member in another county, naming the county', async () => {
    const id = fakeIdNumber('1977-07-07');
    await buildMember(database, { rootUnitId: t.city.id, unionId: unionB.unionId, enterpriseId: unionB.enterpriseId, idNumber: id });
    const { job } = await upload(admin, 'cross.xlsx', await roster([['跨县', id, '', '', '甲县导入厂有限公司工会', '', '2020-01-01']]));
    expect(job.counts).toMatchObject({ imported: 0, invalid: 1 });
    const report = await app.inject({ method: 'GET', url: `/api/v1/membership/imports/${job.id}/report.xlsx`, headers: { cookie: admin.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as never);
    expect(JSON.stringify(wb.worksheets[0]!.getRow(2).values)).toContain('乙县总工会辖区内工会的会员');
  });

  it('takes back a former member as the same person, with a new membership period', async () => {
    const id = fakeIdNumber('1966-06-16');
    const m = await buildMember(database, { rootUnitId: t.city.id, unionId: unionA.unionId, enterpriseId: unionA.enterpriseId, idNumber: id });
    await database.query(`UPDATE memberships SET left_on = '2023-01-31', leave_reason = 'left' WHERE person_id = $1`, [m.personId]);
    const persons = async () => (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
    const before = await persons();
    const fresh = fakeIdNumber('1967-07-17');
    const { job } = await upload(
      admin,
      'back.xlsx',
      await roster([
        ['回来', id, '', '', '甲县导入厂有限公司工会', '', '2024-03-01'],
        ['新人', fresh, '', '', '甲县导入厂有限公司工会', '', '2024-03-01'],
      ]),
    );
    expect(job.counts).toMatchObject({ imported: 2, invalid: 0 });
    expect(await persons()).toBe(before + 1);
    const periods = await database.query<{ joined_on: string; left_on: string | null }>('SELECT joined_on, left_on FROM memberships WHERE person_id = $1 ORDER BY joined_on', [m.personId]);
    expect(periods).toEqual([
      { joined_on: periods[0]!.joined_on, left_on: '2023-01-31' },
      { joined_on: '2024-03-01', left_on: null },
    ]);
  });

  it('checks and writes a long roster batch by batch: duplicates and unknown unions are caught across batches', async () => {
    // More rows than one batch (5,000): a duplicate of an early row and an unknown union appear in the second batch.
    const ids = Array.from({ length: 5200 }, (_, i) => {
      const birth = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const first17 = `350702${birth}${String(700 + (i % 7)).padStart(3, '0')}`;
      return first17 + idCardCheckChar(first17);
    });
    const lines = ids.map((id, i) => `批量${i},${id},${i === 5100 ? '不存在的工会' : '甲县导入厂有限公司工会'},2021-01-01`);
    lines.push(`重复者,${ids[10]},甲县导入厂有限公司工会,2021-01-01`);
    const text = `姓名,身份证号,所属基层工会,入会日期\n${lines.join('\n')}\n`;
    const before = await countMembers();
    const { job } = await upload(admin, 'long.csv', Buffer.from(text));
    expect(job).toMatchObject({ status: 'done', counts: { rows: 5201, invalid: 2, imported: 5199 } });
    // Each batch's commit was recorded as it went: an interruption would have said so much.
    expect(job).toMatchObject({ written: 5199, writtenThrough: 5202 });
    expect(await countMembers()).toBe(before + 5199);
    const again = await upload(admin, 'long.csv', Buffer.from(text));
    expect(again.job).toMatchObject({ status: 'done', counts: { imported: 0, unchanged: 5199, invalid: 2 } });
    expect(await countMembers()).toBe(before + 5199);
  });

  it('reads a GBK csv as cadres export it from WPS', async () => {
    const id = fakeIdNumber('1986-08-08');
    const text = `姓名,身份证号,所属基层工会,入会日期\r\n张三,${id},甲县导入厂有限公司工会,2019-09-09\r\n`;
    const { job } = await upload(admin, 'roster.csv', encodeGbk(text));
    expect(job).toMatchObject({ status: 'done', counts: { imported: 1 } });
    const found = await call(app, admin, 'GET', `/api/v1/membership/members?q=${id}`);
    expect(found.json().items[0].name).toBe('张三');
  });

  it('gives a clear error for hostile or broken files and changes nothing', async () => {
    const before = await countMembers();
    const garbage = await upload(admin, 'roster.xlsx', Buffer.from('PK\u0003\u0004 this is not really a workbook'));
    expect(garbage.job).toMatchObject({ status: 'failed', error: { code: expect.stringMatching(/^IMPORT_/), message: expect.any(String) } });
    const xls = await upload(admin, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(xls.job.error.code).toBe('IMPORT_UNSUPPORTED_FORMAT');
    const empty = await upload(admin, 'empty.csv', Buffer.alloc(0));
    expect(empty.res.statusCode).toBe(400);
    expect(empty.res.json().code).toBe('IMPORT_EMPTY_FILE');
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/membership/imports?kind=members&mode=valid_only',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: { file: 'x' },
    });
    expect(wrongType.statusCode).toBe(415);
    const formula = await upload(admin, 'formula.xlsx', await roster([['=HYPERLINK("http://x","点我")', fakeIdNumber('1984-04-04'), '', '', '甲县导入厂有限公司工会', '', '2020-01-01']]));
    expect(formula.job.status).toBe('done');
    expect(await countMembers()).toBe(before + (formula.job.counts.imported as number));
  });

  it('exports the filtered member list with masked ID numbers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/membership/members/export.xlsx', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('王一');
    expect(text).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('乙县');
  });
});

describe('enterprise roster import', () => {
  it('registers enterprises with their headcounts, refuses bad codes, and is idempotent', async () => {
    const tpl = await call(app, admin, 'GET', '/api/v1/membership/imports/templates/enterprises');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1).map((h) => String(h).replace(/\*$/, ''))).toEqual([
      '企业名称',
      '统一社会信用代码',
      '行业门类',
      '经济类型',
      '行政区划代码',
      '规模以上',
      '成立日期',
      '地址',
      '职工人数',
      '所属单位',
    ]);
    ws.spliceRows(2, ws.rowCount);
    const { fakeCreditCode } = await import('../../test/factories.ts');
    const good = fakeCreditCode();
    ws.addRow(['甲县新建竹业有限公司', good, 'C 制造业', '170 私营企业', '', '否', '2015-03-01', '', 42, '甲县城关镇工会']);
    ws.addRow(['校验位错误公司', '91350100M000100Y44', 'C 制造业', '170 私营企业', '', '', '2015-03-01', '', 5, '']);
    ws.addRow(['外县企业', fakeCreditCode(), 'C 制造业', '170 私营企业', '', '', '2015-03-01', '', 5, '乙县城关镇工会']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const send = async () => {
      const m = multipart('企业.xlsx', file);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/membership/imports?kind=enterprises&mode=valid_only',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...m.headers },
        payload: m.payload,
      });
      await idleImportJobs();
      return (await call(app, admin, 'GET', `/api/v1/membership/imports/${res.json().jobId}`)).json();
    };
    expect(await send()).toMatchObject({ status: 'done', counts: { imported: 1, invalid: 2 } });
    const listed = (await call(app, admin, 'GET', `/api/v1/membership/enterprises?q=${good}`)).json();
    expect(listed.items[0]).toMatchObject({ name: '甲县新建竹业有限公司', industry: 'C', ownership: '170', employees: 42, unitId: t.aTown.id });
    expect(await send()).toMatchObject({ status: 'done', counts: { imported: 0, unchanged: 1, invalid: 2 } });
  });
});

describe('grassroots union roster import', () => {
  it('registers single and joint unions with their enterprises, refuses unknown ones, and is idempotent; all-or-nothing keeps nothing', async () => {
    const { fakeCreditCode } = await import('../../test/factories.ts');
    const codes = [fakeCreditCode(), fakeCreditCode(), fakeCreditCode(), fakeCreditCode()];
    for (const [i, code] of codes.entries()) {
      const r = await call(app, admin, 'POST', '/api/v1/membership/enterprises', {
        unitId: t.aTown.id,
        creditCode: code,
        name: `联合导入企业${i}`,
        industry: 'F',
        ownership: '170',
        registeredOn: '2016-01-01',
        employees: 8,
      });
      expect(r.statusCode).toBe(201);
    }
    const tpl = await call(app, admin, 'GET', '/api/v1/membership/imports/templates/unions');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as never);
    const ws = wb.worksheets[0]!;
    ws.spliceRows(2, ws.rowCount);
    ws.addRow(['导入单独工会', '', '单独', '甲县城关镇工会', '2018-01-01', '李主席', codes[0], '2019-01-01', '2019-02-01']);
    ws.addRow(['导入联合工会', '', '联合', '甲县城关镇工会', '2018-01-01', '', `${codes[1]}；${codes[2]}`, '', '']);
    ws.addRow(['缺企业工会', '', '单独', '甲县城关镇工会', '2018-01-01', '', fakeCreditCode(), '', '']);
    ws.addRow(['外县工会', '', '单独', '乙县城关镇工会', '2018-01-01', '', codes[3], '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const send = async (mode: string, body = file) => {
      const m = multipart('工会.xlsx', body);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/membership/imports?kind=unions&mode=${mode}`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...m.headers },
        payload: m.payload,
      });
      await idleImportJobs();
      return (await call(app, admin, 'GET', `/api/v1/membership/imports/${res.json().jobId}`)).json();
    };
    const unitsBefore = (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units`))[0]!.n;
    expect(await send('all_or_nothing')).toMatchObject({ status: 'done', counts: { imported: 0, invalid: 2 } });
    expect((await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units`))[0]!.n).toBe(unitsBefore);
    expect(await send('valid_only')).toMatchObject({ status: 'done', counts: { imported: 2, invalid: 2 } });
    const joint = (await call(app, admin, 'GET', `/api/v1/membership/unions?q=${encodeURIComponent('导入联合工会')}`)).json().items[0];
    expect(joint).toMatchObject({ unionType: 'joint', enterpriseCount: 2 });
    const single = (await call(app, admin, 'GET', `/api/v1/membership/unions?q=${encodeURIComponent('导入单独工会')}`)).json().items[0];
    expect(single).toMatchObject({ unionType: 'single', chairName: '李主席', signboardShownOn: '2019-01-01', chairShownOn: '2019-02-01' });
    expect(await send('valid_only')).toMatchObject({ status: 'done', counts: { imported: 0, unchanged: 2, invalid: 2 } });
  });
});
