/**
 * Over HTTP, as the cadres' app will call it: a student-aid application from entry through the
 * three approvals and the notice to payment, seen in the county's report; the hardship file's
 * masked and revealed views; a proof document uploaded and downloaded.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { buildTwoCounties, buildUser, call, fakeIdNumber, login, type Session } from '../../test/factories.ts';
import { todayInShanghai } from '../../engines/time.ts';
import type { App } from '../../server/app-types.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
const s: Record<string, Session> = {};
const today = todayInShanghai();
const year = today.slice(0, 4);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  for (const [name, unitId, role] of [
    ['clerk', t.aUnion.id, 'grassroots_staff'],
    ['chair', t.aUnion.id, 'grassroots_staff'],
    ['countyA', t.a.id, 'county_admin'],
    ['countyB', t.b.id, 'county_admin'],
    ['city', t.city.id, 'city_admin'],
    ['auditor', t.city.id, 'auditor'],
  ] as const) {
    const u = await buildUser(database, { unitId, role });
    s[name] = await login(app, u.username);
  }
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const ok = async (who: string, method: 'GET' | 'POST', url: string, body?: unknown, status = [200, 201]) => {
  const res = await call(app, s[who]!, method, url, body);
  expect(status, `${method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
  return res;
};

describe('a student-aid application, over HTTP', () => {
  it('goes from entry through three approvals and the notice to payment, and shows in the county’s report', async () => {
    await ok('city', 'POST', '/api/v1/hardship/standards', { unitId: t.city.id, validFrom: '2010-01-01', minimumLivingFen: 400_00, noticeDays: 5 });
    const child = fakeIdNumber('2001-09-01');
    const reg = await ok('clerk', 'POST', '/api/v1/hardship/households', {
      unitId: t.aUnion.id,
      workerName: '郑国华',
      idNumber: fakeIdNumber('1972-02-02'),
      mainCause: 'illness',
      bankName: '邮储银行',
      bankAccount: '6221881234567890',
      members: [
        { name: '郑小雨', relation: '子女', idNumber: child, schoolLevel: 'college' },
        { name: '林梅', relation: '配偶' },
      ],
      finances: [{ kind: 'income', category: '工资', annualFen: 10_800_00 }],
    });
    const household = reg.json().household;
    expect(household).toMatchObject({ grade: 'deep', householdSize: 3, bankAccountMasked: '************7890' });
    expect(reg.json().gradeBasis.steps.length).toBeGreaterThan(2);
    await ok('chair', 'POST', `/api/v1/hardship/households/${household.id}/visit`, { visitedOn: today, visitors: '王、李', findings: '属实', confirmed: true });
    await ok('clerk', 'POST', `/api/v1/hardship/households/${household.id}/notice`, {});
    await database.query('UPDATE hardship_households SET notice_until = notice_from WHERE id = $1', [household.id]);
    await ok('clerk', 'POST', `/api/v1/hardship/households/${household.id}/file`, {});

    const campaign = (
      await ok('city', 'POST', '/api/v1/relief/campaigns', { unitId: t.city.id, kind: 'student_aid', name: `${year}年金秋助学`, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` })
    ).json();
    await ok('city', 'POST', `/api/v1/relief/campaigns/${campaign.id}/funds`, { unitId: t.city.id, source: 'donation', amountFen: 30_000_00, donor: '闽北爱心企业', idempotencyKey: 'donation-0001' });
    const again = await ok('city', 'POST', `/api/v1/relief/campaigns/${campaign.id}/funds`, {
      unitId: t.city.id,
      source: 'donation',
      amountFen: 30_000_00,
      donor: '闽北爱心企业',
      idempotencyKey: 'donation-0001',
    });
    expect(again.json().created).toBe(false);
    await ok('city', 'POST', `/api/v1/relief/campaigns/${campaign.id}/allocations`, { toUnitId: t.a.id, amountFen: 10_000_00 });

    const app1 = (
      await ok('clerk', 'POST', `/api/v1/relief/campaigns/${campaign.id}/applications`, { unitId: t.aUnion.id, name: '郑小雨', idNumber: child, schoolLevel: 'college', school: '福州大学' })
    ).json();
    expect(app1).toMatchObject({ archived: true, amountFen: 5000_00, status: 'pending', bankAccountMasked: '************7890' });
    await ok('chair', 'POST', `/api/v1/relief/applications/${app1.id}/decision`, { decision: 'approve' });
    await ok('countyA', 'POST', `/api/v1/relief/applications/${app1.id}/decision`, { decision: 'approve' });
    const inNotice = await ok('city', 'GET', `/api/v1/relief/applications?campaignId=${campaign.id}&status=in_notice`);
    expect(inNotice.json().items.map((a: { id: number }) => a.id)).toEqual([app1.id]);
    const early = await call(app, s.city!, 'POST', `/api/v1/relief/applications/${app1.id}/notice-end`, {});
    expect(early.json().code).toBe('APPROVAL_NOTICE_RUNNING');
    await database.query(`UPDATE approval_requests SET notice_until = notice_from WHERE subject_id LIKE $1`, [`${campaign.id}:%`]);
    await ok('city', 'POST', `/api/v1/relief/applications/${app1.id}/notice-end`, {});
    const preview = (await ok('city', 'POST', '/api/v1/relief/decisions/preview', { applicationIds: [app1.id], decision: 'approve' })).json();
    expect(preview).toMatchObject({ willDecide: 1, commitFen: 5000_00, pools: [{ unitId: t.a.id, enough: true }] });
    await ok('city', 'POST', '/api/v1/relief/decisions', { applicationIds: [app1.id], decision: 'approve' });

    const batch = (await ok('countyA', 'POST', `/api/v1/relief/campaigns/${campaign.id}/batches`, { unitId: t.a.id })).json();
    const file = await ok('countyA', 'GET', `/api/v1/relief/batches/${batch.id}/bank-file.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2).values as unknown[];
    expect(row).toEqual(expect.arrayContaining(['郑小雨', '6221881234567890', '5000.00']));
    await ok('countyA', 'POST', `/api/v1/relief/batches/${batch.id}/confirm`, { paidOn: today, bankReference: 'PSBC-2013-01' });

    const detail = (await ok('countyA', 'GET', `/api/v1/relief/applications/${app1.id}`)).json();
    expect(detail.postings.map((p: { kind: string }) => p.kind)).toEqual(['commit', 'pay']);
    expect(detail.steps.map((x: { decision: { kind: string } | null }) => x.decision?.kind)).toEqual(['approve', 'approve', 'notice_passed', 'approve']);
    const aid = (await ok('countyA', 'GET', `/api/v1/relief/campaigns/${campaign.id}/student-aid`)).json();
    expect(aid.items).toEqual([{ schoolLevel: 'college', archived: true, approved: 1, paid: 1, approvedFen: 5000_00, paidFen: 5000_00 }]);
    const summary = (await ok('countyA', 'GET', `/api/v1/relief/campaigns/${campaign.id}/summary`)).json();
    expect(summary.unit.id).toBe(t.a.id);
    expect(summary.total).toMatchObject({ households: 1, allocatedFen: 0, paidFen: 5000_00 });
    const citySummary = (await ok('city', 'GET', `/api/v1/relief/campaigns/${campaign.id}/summary`)).json();
    expect(citySummary.rows.find((r: { unitId: number }) => r.unitId === t.a.id)).toMatchObject({ households: 1, allocatedFen: 10_000_00, paidFen: 5000_00 });
    expect(citySummary.total).toMatchObject({ raisedFen: 30_000_00, allocatedFen: 10_000_00 });
    const drill = (await ok('auditor', 'GET', `/api/v1/relief/campaigns/${campaign.id}/drill?figure=paid&unitId=${t.a.id}`)).json();
    expect(drill.lines.reduce((x: number, l: { amount: number }) => x + l.amount, 0)).toBe(5000_00);
    const trace = (await ok('auditor', 'GET', `/api/v1/ledger/entries/${detail.postings[1].id}`)).json();
    expect(trace.fundedBy.map((l: { entryKind: string }) => l.entryKind)).toEqual(['allocate']);
    const xlsx = await ok('countyA', 'GET', `/api/v1/relief/campaigns/${campaign.id}/summary.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // County B sees none of it.
    const bList = (await ok('countyB', 'GET', `/api/v1/relief/applications?campaignId=${campaign.id}`)).json();
    expect(bList.total).toBe(0);
    expect((await call(app, s.countyB!, 'GET', `/api/v1/relief/applications/${app1.id}`)).statusCode).toBe(404);
    // The auditor reads it all and may decide nothing.
    expect((await call(app, s.auditor!, 'POST', `/api/v1/relief/applications/${app1.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
  });

  it('shows a household file masked, reveals it for a stated reason, and keeps proof documents', async () => {
    const id = fakeIdNumber('1969-09-09');
    const reg = await ok('clerk', 'POST', '/api/v1/hardship/households', {
      unitId: t.aUnion.id,
      workerName: '吴春梅',
      idNumber: id,
      mainCause: 'disability',
      secondaryCauses: ['education'],
      bankAccount: '6217001111222233334',
      members: [],
      finances: [{ kind: 'income', category: '低保金', annualFen: 3_600_00 }],
    });
    const hid = reg.json().household.id;
    const file = await ok('countyA', 'GET', `/api/v1/hardship/households/${hid}?purpose=${encodeURIComponent('年度复核')}`);
    expect(file.body).not.toContain(id);
    expect(file.body).not.toContain('6217001111222233334');
    expect((await call(app, s.auditor!, 'POST', `/api/v1/hardship/households/${hid}/sensitive`, { reason: '审计' })).statusCode).toBe(403);
    const full = (await ok('countyA', 'POST', `/api/v1/hardship/households/${hid}/sensitive`, { reason: '核对发放账号' })).json();
    expect(full).toMatchObject({ idNumber: id, bankAccount: '6217001111222233334' });
    const boundary = '----proof';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n');
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/hardship/households/${hid}/attachments`,
      headers: { cookie: s.clerk!.cookie, 'x-csrf-token': s.clerk!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="残疾证.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(up.statusCode, up.body).toBe(201);
    const down = await ok('countyA', 'GET', `/api/v1/hardship/attachments/${up.json().id}`);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect((await call(app, s.countyB!, 'GET', `/api/v1/hardship/attachments/${up.json().id}`)).statusCode).toBe(404);
    const views = await database.query<{ entity: string; reason: string }>(`SELECT entity, reason FROM audit_log WHERE action = 'view' AND entity LIKE 'hardship%' ORDER BY seq`);
    expect(views).toEqual(
      expect.arrayContaining([
        { entity: 'hardship_household', reason: '年度复核' },
        { entity: 'hardship_household.sensitive', reason: '核对发放账号' },
        { entity: 'hardship_attachment', reason: '查看困难职工档案附件' },
      ]),
    );
  });

  it('exports only what the county may see', async () => {
    await ok('city', 'POST', '/api/v1/hardship/standards', { unitId: t.city.id, validFrom: '2010-01-01', minimumLivingFen: 400_00 });
    await ok('countyB', 'POST', '/api/v1/hardship/households', {
      unitId: t.bUnion.id,
      workerName: '乙县困难户',
      idNumber: fakeIdNumber('1971-01-01'),
      mainCause: 'unemployment',
      members: [],
      finances: [{ kind: 'income', category: '失业金', annualFen: 3_000_00 }],
    });
    const sheet = async (url: string) => {
      const res = await ok('countyA', 'GET', url);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[] = [];
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).join('|'));
      });
      return rows;
    };
    const households = await sheet('/api/v1/hardship/households/export.xlsx');
    const listed = (await ok('countyA', 'GET', '/api/v1/hardship/households?pageSize=500')).json();
    expect(households).toHaveLength(listed.total);
    expect(households.join('\n')).not.toContain('乙县');
    const cityRows = await (async () => {
      const res = await ok('city', 'GET', '/api/v1/hardship/households/export.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0]!.rowCount - 1;
    })();
    expect(cityRows).toBe(households.length + 1);
    const apps = await sheet('/api/v1/relief/applications/export.xlsx');
    expect(apps.join('\n')).not.toContain('乙县');
  });
});
