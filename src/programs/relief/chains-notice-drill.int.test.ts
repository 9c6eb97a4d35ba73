/**
 * Chains set per campaign that end below the county, the notice counted from the day it was put
 * up, every report figure drilled to its records, and a household's aid across campaigns.
 */
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
const daysAgo = (n: number) => new Date(Date.parse(today) - n * 86400000).toISOString().slice(0, 10);
const fail = async (who: string, method: 'GET' | 'POST', url: string, body?: unknown) => (await call(app, s[who]!, method, url, body)).json().code as string;

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
  ] as const) {
    const u = await buildUser(database, { unitId, role });
    s[name] = await login(app, u.username);
  }
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
  const res = await call(app, s[who]!, method, url, body);
  expect([200, 201], `${method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
  return res.json();
};

const campaign = async (name: string, extra: Record<string, unknown> = {}) => {
  const c = await ok('city', 'POST', '/api/v1/relief/campaigns', { unitId: t.city.id, kind: 'festival', name, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, ...extra });
  await ok('city', 'POST', `/api/v1/relief/campaigns/${c.id}/funds`, { unitId: t.city.id, source: 'city', amountFen: 10_000_00 });
  await ok('city', 'POST', `/api/v1/relief/campaigns/${c.id}/allocations`, { toUnitId: t.a.id, amountFen: 5_000_00 });
  return c;
};

describe('a chain set per campaign', () => {
  it('may end at the county: the county’s approval finishes it and commits the money', async () => {
    const c = await campaign(`${year}年两节慰问（县审）`, {
      steps: [
        { kind: 'decide', level: 'grassroots' },
        { kind: 'decide', level: 'county' },
      ],
    });
    const shown = await ok('clerk', 'GET', `/api/v1/relief/campaigns/${c.id}`);
    expect(shown.steps).toEqual([
      { kind: 'decide', level: 'grassroots', days: null, label: '基层审核' },
      { kind: 'decide', level: 'county', days: null, label: '县级审核' },
    ]);
    const a = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${c.id}/applications`, { unitId: t.aUnion.id, name: '甲', idNumber: fakeIdNumber('1970-03-03'), people: 2 });
    expect(await fail('countyA', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' })).toBe('APPROVAL_LOWER_LEVEL_FIRST');
    await ok('chair', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' });
    expect((await ok('countyA', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' })).status).toBe('approved');
    const detail = await ok('countyA', 'GET', `/api/v1/relief/applications/${a.id}`);
    expect(detail.postings.map((p: { kind: string }) => p.kind)).toEqual(['commit']);
  });

  it('may be grassroots only: the union approves, the county commits and pays when it makes the batch', async () => {
    const c = await campaign(`${year}年两节慰问（基层）`, { steps: [{ kind: 'decide', level: 'grassroots' }] });
    const a = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${c.id}/applications`, {
      unitId: t.aUnion.id,
      name: '乙',
      idNumber: fakeIdNumber('1970-04-04'),
      people: 2,
      bankAccount: '6222020200112233445',
    });
    expect(await fail('clerk', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' })).toBe('APPROVAL_SELF_DECISION');
    expect((await ok('chair', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' })).status).toBe('approved');
    expect((await ok('countyA', 'GET', `/api/v1/relief/applications/${a.id}`)).postings).toEqual([]);
    // The county's own application skips the union's step and is approved (and committed) at once.
    const b = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${c.id}/applications`, {
      unitId: t.a.id,
      name: '丙',
      idNumber: fakeIdNumber('1970-05-05'),
      people: 3,
      bankAccount: '6222020200112233446',
    });
    expect(b.status).toBe('approved');
    const batch = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${c.id}/batches`, { unitId: t.a.id });
    expect(batch).toMatchObject({ count: 2, totalFen: 1000_00 });
    await ok('countyA', 'POST', `/api/v1/relief/batches/${batch.id}/confirm`, { paidOn: today });
    const detail = await ok('countyA', 'GET', `/api/v1/relief/applications/${a.id}`);
    expect(detail.postings.map((p: { kind: string }) => p.kind)).toEqual(['commit', 'pay']);
    const sum = await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/summary`);
    expect(sum.total).toMatchObject({ paidFen: 1000_00, committedFen: 0, availableFen: 9_000_00 });
  });
});

describe('a public notice', () => {
  it('runs from the day it was put up, which is never after today, and ends once its days have passed', async () => {
    const c = await campaign(`${year}年两节慰问（公示）`, {
      steps: [
        { kind: 'decide', level: 'grassroots' },
        { kind: 'notice', days: 5 },
        { kind: 'decide', level: 'county' },
      ],
    });
    const a = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${c.id}/applications`, { unitId: t.aUnion.id, name: '丁', idNumber: fakeIdNumber('1970-06-06'), people: 1 });
    expect(await fail('chair', 'POST', `/api/v1/relief/applications/${a.id}/notice-posted`, { postedOn: daysAgo(6) })).toBe('APPROVAL_NOT_IN_NOTICE');
    await ok('chair', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' });
    expect(await fail('chair', 'POST', `/api/v1/relief/applications/${a.id}/notice-posted`, { postedOn: daysAgo(-1) })).toBe('APPROVAL_NOTICE_DATE_INVALID');
    await ok('chair', 'POST', `/api/v1/relief/applications/${a.id}/notice-posted`, { postedOn: daysAgo(3) });
    expect(await fail('countyA', 'POST', `/api/v1/relief/applications/${a.id}/notice-end`, {})).toBe('APPROVAL_NOTICE_RUNNING');
    const posted = await ok('chair', 'POST', `/api/v1/relief/applications/${a.id}/notice-posted`, { postedOn: daysAgo(5) });
    expect(posted).toMatchObject({ status: 'in_notice', noticeFrom: daysAgo(5), noticeUntil: today });
    await ok('countyA', 'POST', `/api/v1/relief/applications/${a.id}/notice-end`, {});
    expect((await ok('countyA', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' })).status).toBe('approved');
    const steps = (await ok('countyA', 'GET', `/api/v1/relief/applications/${a.id}`)).steps;
    expect(steps[1].decision.reason).toBe(`公示 ${daysAgo(5)} 至 ${today}，无异议`);
  });
});

describe('every report figure', () => {
  it('drills down to records that add up to it: the balance, the by-grade and the student-aid rows', async () => {
    const c = await campaign(`${year}年两节慰问（报表）`, { steps: [{ kind: 'decide', level: 'county' }] });
    const a = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${c.id}/applications`, {
      unitId: t.aUnion.id,
      name: '戊',
      idNumber: fakeIdNumber('1970-07-07'),
      people: 4,
      bankAccount: '6222020200112233447',
    });
    expect(a.status).toBe('pending');
    const countyA2 = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    s.countyA2 = await login(app, countyA2.username);
    await ok('countyA2', 'POST', `/api/v1/relief/applications/${a.id}/decision`, { decision: 'approve' });
    const batch = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${c.id}/batches`, { unitId: t.a.id });
    await ok('countyA', 'POST', `/api/v1/relief/batches/${batch.id}/confirm`, { paidOn: today });
    const sum = await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/summary`);
    const row = sum.rows.find((r: { unitId: number }) => r.unitId === t.a.id);
    const bal = await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/drill?figure=available&unitId=${t.a.id}`);
    expect(bal).toMatchObject({ kind: 'lines', amountFen: row.availableFen });
    expect(bal.lines.reduce((x: number, l: { amount: number }) => x + l.amount, 0)).toBe(row.availableFen);
    const total = await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/drill?figure=available`);
    expect(total.amountFen).toBe(sum.total.availableFen);
    const g = sum.byGrade.find((x: { grade: string }) => x.grade === 'not_filed');
    const byGrade = await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/drill?figure=households&grade=not_filed`);
    expect([byGrade.total, byGrade.amountFen]).toEqual([g.households, g.paid]);
    expect((await ok('city', 'GET', `/api/v1/relief/campaigns/${c.id}/drill?figure=households&grade=deep`)).total).toBe(0);

    const aid = await ok('city', 'POST', '/api/v1/relief/campaigns', {
      unitId: t.city.id,
      kind: 'student_aid',
      name: `${year}年金秋助学（报表）`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      steps: [{ kind: 'decide', level: 'grassroots' }],
    });
    // The standards by school level reach the browser (the template the form fills in, the campaign it shows).
    const templates = await ok('clerk', 'GET', '/api/v1/relief/templates');
    expect(templates.items.find((x: { kind: string }) => x.kind === 'student_aid').standards.bySchool.college).toEqual({ filed: 5000_00, notFiled: 3000_00 });
    expect(aid.standards.bySchool.high_school).toEqual({ filed: 3000_00, notFiled: 2000_00 });
    const st = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${aid.id}/applications`, { unitId: t.aUnion.id, name: '小己', idNumber: fakeIdNumber('2006-08-08'), schoolLevel: 'high_school' });
    await ok('chair', 'POST', `/api/v1/relief/applications/${st.id}/decision`, { decision: 'approve' });
    const table = await ok('countyA', 'GET', `/api/v1/relief/campaigns/${aid.id}/student-aid`);
    expect(table.items).toEqual([{ schoolLevel: 'high_school', archived: false, approved: 1, paid: 0, approvedFen: 2000_00, paidFen: 0 }]);
    const rowDrill = await ok('countyA', 'GET', `/api/v1/relief/campaigns/${aid.id}/drill?figure=approved&schoolLevel=high_school&archived=false`);
    expect(rowDrill.applications.map((x: { id: number }) => x.id)).toEqual([st.id]);
    expect(rowDrill.amountFen).toBe(2000_00);
    expect((await ok('countyA', 'GET', `/api/v1/relief/campaigns/${aid.id}/drill?figure=approved&schoolLevel=college`)).total).toBe(0);
  });
});

describe('a household’s aid history', () => {
  it('lists each application and payment across campaigns, within scope, and logs the view', async () => {
    await ok('city', 'POST', '/api/v1/hardship/standards', { unitId: t.city.id, validFrom: '2010-01-01', minimumLivingFen: 400_00 });
    const worker = fakeIdNumber('1968-10-10');
    const child = fakeIdNumber('2005-10-10');
    const h = (
      await ok('clerk', 'POST', '/api/v1/hardship/households', {
        unitId: t.aUnion.id,
        workerName: '庚',
        idNumber: worker,
        mainCause: 'illness',
        bankAccount: '6222020200112233448',
        members: [{ name: '小庚', relation: '子女', idNumber: child, schoolLevel: 'college' }],
        finances: [{ kind: 'income', category: '工资', annualFen: 6_000_00 }],
      })
    ).household;
    const fest = await campaign(`${year}年两节慰问（历史）`, { steps: [{ kind: 'decide', level: 'grassroots' }] });
    const f = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${fest.id}/applications`, { unitId: t.aUnion.id, householdId: h.id });
    await ok('chair', 'POST', `/api/v1/relief/applications/${f.id}/decision`, { decision: 'approve' });
    const batch = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${fest.id}/batches`, { unitId: t.a.id });
    await ok('countyA', 'POST', `/api/v1/relief/batches/${batch.id}/confirm`, { paidOn: today });
    const aid = await ok('city', 'POST', '/api/v1/relief/campaigns', {
      unitId: t.city.id,
      kind: 'student_aid',
      name: `${year}年金秋助学（历史）`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
    });
    const st = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${aid.id}/applications`, { unitId: t.aUnion.id, name: '小庚', idNumber: child, schoolLevel: 'college' });
    // A student entered with the household chosen (the student's own ID not on the file), approved and paid.
    const aid2 = await campaign(`${year}年金秋助学（历史二）`, { kind: 'student_aid', steps: [{ kind: 'decide', level: 'grassroots' }] });
    const st2 = await ok('clerk', 'POST', `/api/v1/relief/campaigns/${aid2.id}/applications`, {
      unitId: t.aUnion.id,
      householdId: h.id,
      name: '小庚二',
      idNumber: fakeIdNumber('2006-11-11'),
      schoolLevel: 'college',
      school: '闽江学院',
    });
    await ok('chair', 'POST', `/api/v1/relief/applications/${st2.id}/decision`, { decision: 'approve' });
    const batch2 = await ok('countyA', 'POST', `/api/v1/relief/campaigns/${aid2.id}/batches`, { unitId: t.a.id });
    await ok('countyA', 'POST', `/api/v1/relief/batches/${batch2.id}/confirm`, { paidOn: today });

    const hist = await ok('countyA', 'GET', `/api/v1/hardship/households/${h.id}/aid?purpose=${encodeURIComponent('核对帮扶')}`);
    expect(hist.items.map((i: { applicationId: number; status: string; paidOn: string | null }) => [i.applicationId, i.status, i.paidOn]).sort()).toEqual(
      [
        [f.id, 'approved', today],
        [st.id, 'pending', null],
        [st2.id, 'approved', today],
      ].sort(),
    );
    const paid = hist.items.find((i: { applicationId: number }) => i.applicationId === f.id);
    expect(paid.payEntryId).toBeGreaterThan(0);
    expect(hist).toMatchObject({ paidCount: 2, paidFen: paid.amountFen + 3000_00 });
    expect((await call(app, s.countyB!, 'GET', `/api/v1/hardship/households/${h.id}/aid`)).statusCode).toBe(404);
    const views = await database.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'view' AND entity = 'hardship_household.aid'`);
    expect(views.map((v) => v.reason)).toContain('核对帮扶');
  });
});
