import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { buildTwoCounties, buildUser, call, fakeIdNumber, login, type Session } from '../../test/factories.ts';
import { buildLawyer } from '../legal/testing.ts';
import { buildUnionWithEnterprise } from '../membership/testing.ts';
import type { App } from '../../server/app-types.ts';
import { addDays, addYears, daysBetween, firstWorkingDayFrom, type RestDayCalendar } from '../../engines/cases/deadlines.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { dueSoon, loadCalendar } from '../../engines/cases/service.ts';
import { onDay } from '../../test/clock.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let admin: Session;
let adminB: Session;
let auditor: Session;
let lawyerSession: Session;
let lawyerId: number;
let lawyerUserId: number;
let cityAdmin: Session;
let usernames: { admin: string; cityAdmin: string; lawyer: string };
let calendar: RestDayCalendar;
/** A due date as the law has it: a rest day moves to the next working day. */
const due = (d: string) => firstWorkingDayFrom(calendar, d);
let enterprise: { enterpriseId: number; unionId: number };
let creditCode: string;
const today = todayInShanghai();
const ago = (n: number) => addDays(today, -n);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  const b = await buildUser(database, { unitId: t.b.id, role: 'county_admin' });
  const aud = await buildUser(database, { unitId: t.a.id, role: 'auditor' });
  const lu = await buildUser(database, { unitId: t.city.id, role: 'lawyer', displayName: '林律师' });
  lawyerUserId = lu.id;
  lawyerId = (await buildLawyer(database, { rootUnitId: t.city.id, unitId: t.city.id, name: '林律师', userId: lu.id })).id;
  enterprise = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县竹业' });
  [{ credit_code: creditCode }] = (await database.query<{ credit_code: string }>(`SELECT credit_code FROM enterprises WHERE id = $1`, [enterprise.enterpriseId])) as [{ credit_code: string }];
  admin = await login(app, a.username);
  adminB = await login(app, b.username);
  auditor = await login(app, aud.username);
  lawyerSession = await login(app, lu.username);
  const city = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  cityAdmin = await login(app, city.username);
  usernames = { admin: a.username, cityAdmin: city.username, lawyer: lu.username };
  calendar = await runAsSystem(database, (db) => loadCalendar(db));
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const intake = (s: Session, over: Record<string, unknown> = {}) =>
  call(app, s, 'POST', '/api/v1/legal/cases', {
    unitId: t.aUnion.id,
    channel: 'hotline',
    disputeType: 'wages',
    claimedFen: 2500000,
    employerName: '甲县竹业有限公司',
    employerCreditCode: creditCode,
    facts: '拖欠三个月工资，共计二万五千元',
    openedOn: ago(60),
    knewOn: ago(70),
    workers: [
      { name: '张建国', idNumber: fakeIdNumber('1980-01-01') },
      { name: '李秀英', idNumber: fakeIdNumber('1982-02-02', false) },
    ],
    ...over,
  });

describe('a labour dispute from intake to a closed case', () => {
  it('takes in a collective dispute, links the employer to the register, seals ID numbers and shows them masked', async () => {
    const id = fakeIdNumber('1979-09-09');
    const res = await intake(admin, {
      workers: [
        { name: '王强', idNumber: id },
        { name: '赵敏', idNumber: fakeIdNumber('1990-03-03', false) },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().id;
    const detail = (await call(app, admin, 'GET', `/api/v1/legal/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ collective: true, enterpriseId: enterprise.enterpriseId, stage: 'intake', status: 'open', facts: '拖欠三个月工资，共计二万五千元', claimedFen: 2500000 });
    expect(detail.parties.map((p: { idMasked: string }) => p.idMasked)).toEqual([`${id.slice(0, 4)}**********${id.slice(-4)}`, expect.stringMatching(/^3507\*{10}/)]);
    expect(JSON.stringify(detail)).not.toContain(id);
    const [stored] = await database.query<{ id_sealed: string; facts_sealed: string }>(
      `SELECT p.id_sealed, d.facts_sealed FROM legal_parties p JOIN legal_disputes d ON d.case_id = p.case_id WHERE p.case_id = $1 ORDER BY p.id LIMIT 1`,
      [caseId],
    );
    expect(stored!.id_sealed).not.toContain(id);
    expect(stored!.facts_sealed).not.toContain('拖欠');
    // Found by the full ID number (through its keyed hash), and by name.
    expect((await call(app, admin, 'GET', `/api/v1/legal/cases?q=${id}`)).json().items.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect((await call(app, admin, 'GET', `/api/v1/legal/cases?q=${encodeURIComponent('赵敏')}`)).json().total).toBe(1);
    // Corrected after intake: facts stay sealed, and the trail shows that they changed, not what they say.
    const fixed = await call(app, admin, 'PATCH', `/api/v1/legal/cases/${caseId}`, { claimedFen: 2600000, facts: '拖欠四个月工资', employerCreditCode: null });
    expect(fixed.json()).toMatchObject({ claimedFen: 2600000, facts: '拖欠四个月工资', enterpriseId: null, employerCreditCode: null });
    const trail = await database.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'legal_dispute' AND entity_id = $1 AND action = 'update'`, [String(caseId)]);
    expect(JSON.stringify(trail)).not.toContain('四个月');
    // The one-year limitation runs from when the workers knew.
    expect(detail.deadlines).toEqual([expect.objectContaining({ key: 'arbitration_limitation', fromOn: ago(70), dueOn: due(addYears(ago(70), 1)), state: 'open' })]);
  });

  it('goes through mediation to arbitration and court in order, records the union’s role and amounts, and closes', async () => {
    const caseId = (await intake(admin)).json().id;
    const post = (path: string, body: unknown) => call(app, admin, 'POST', `/api/v1/legal/cases/${caseId}/${path}`, body);
    expect((await post('stages', { stage: 'mediation', role: 'arbitrator', startedOn: ago(55) })).json().code).toBe('CASE_ROLE_NOT_ALLOWED');
    expect((await post('stages', { stage: 'mediation', role: 'mediator', startedOn: ago(55) })).statusCode).toBe(200);
    expect((await post('stages', { stage: 'arbitration', role: 'arbitrator', startedOn: ago(50) })).json().code).toBe('CASE_STAGE_NOT_ENDED');
    expect((await post('stage-outcome', { outcome: 'failed', endedOn: ago(50) })).statusCode).toBe(200);
    expect((await post('stages', { stage: 'arbitration', role: 'workers_agent', startedOn: ago(48) })).statusCode).toBe(200);
    expect((await post('events', { kind: 'arbitration_accepted', occurredOn: ago(47) })).statusCode).toBe(200);
    let d = (await call(app, admin, 'GET', `/api/v1/legal/cases/${caseId}`)).json();
    expect(d.deadlines.find((x: { key: string }) => x.key === 'arbitration_award')).toMatchObject({ dueOn: due(addDays(ago(47), 45)), extended: false });
    expect(d.deadlines.find((x: { key: string }) => x.key === 'arbitration_limitation')).toMatchObject({ state: 'met', metOn: ago(48) });
    await post('events', { kind: 'arbitration_extended', occurredOn: ago(10) });
    d = (await call(app, admin, 'GET', `/api/v1/legal/cases/${caseId}`)).json();
    expect(d.deadlines.find((x: { key: string }) => x.key === 'arbitration_award')).toMatchObject({ dueOn: due(addDays(ago(47), 60)), extended: true });
    // Back to mediation is refused; forward to court after the award.
    expect((await post('stages', { stage: 'mediation', role: 'mediator', startedOn: ago(5) })).json().code).toBe('CASE_STAGE_ORDER');
    await post('events', { kind: 'award_served', occurredOn: ago(9) });
    expect((await post('stage-outcome', { outcome: 'award', endedOn: ago(9), amountFen: 800000 })).statusCode).toBe(200);
    d = (await call(app, admin, 'GET', `/api/v1/legal/cases/${caseId}`)).json();
    expect(d.deadlines.find((x: { key: string }) => x.key === 'lawsuit_filing')).toMatchObject({
      dueOn: due(addDays(ago(9), 15)),
      state: daysBetween(today, due(addDays(ago(9), 15))) <= 7 ? 'due_soon' : 'open',
    });
    // The reminder job finds it.
    const soon = await runAsSystem(database, (db) => dueSoon(db, { withinDays: 20, kind: 'labour_dispute' }));
    expect(soon.filter((s) => s.caseId === caseId).map((s) => s.key)).toEqual(['lawsuit_filing']);
    expect((await call(app, admin, 'GET', '/api/v1/cases/due-soon?withinDays=20')).json().items.map((s: { caseId: number }) => s.caseId)).toContain(caseId);
    expect((await call(app, adminB, 'GET', '/api/v1/cases/due-soon?withinDays=20')).json().items).toEqual([]);
    // Reminders: one nudge per deadline coming due, not one per check; county B's job finds nothing of A's.
    const first = (await call(app, admin, 'POST', '/api/v1/legal/reminders', { withinDays: 20 })).json();
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect((await call(app, admin, 'POST', '/api/v1/legal/reminders', { withinDays: 20 })).json().raised).toBe(0);
    expect((await call(app, adminB, 'POST', '/api/v1/legal/reminders', { withinDays: 20 })).json()).toEqual({ checked: 0, raised: 0 });
    const causes = await database.query<{ unit_id: number }>(`SELECT unit_id FROM notification_causes WHERE cause_key = $1`, [`legal.deadline:${caseId}:lawsuit_filing:${due(addDays(ago(9), 15))}`]);
    expect(causes).toEqual([{ unit_id: t.aUnion.id }]);
    expect((await post('stages', { stage: 'first_instance', role: 'workers_agent', startedOn: ago(3) })).statusCode).toBe(200);
    expect((await post('stage-outcome', { outcome: 'mediated', endedOn: ago(1), amountFen: 500000 })).statusCode).toBe(200);
    expect((await post('close', { result: 'settled', closedOn: ago(1), note: '庭上调解，当场履行' })).statusCode).toBe(200);
    d = (await call(app, admin, 'GET', `/api/v1/legal/cases/${caseId}`)).json();
    expect(d).toMatchObject({ status: 'closed', result: 'settled', recoveredFen: 1300000, stage: 'first_instance' });
    expect(d.stages.map((s: { stage: string; role: string; outcome: string | null }) => [s.stage, s.role, s.outcome])).toEqual([
      ['intake', 'supervisor', null],
      ['mediation', 'mediator', 'failed'],
      ['arbitration', 'workers_agent', 'award'],
      ['first_instance', 'workers_agent', 'mediated'],
    ]);
    expect((await post('events', { kind: 'judgment_served', occurredOn: ago(1) })).json().code).toBe('CASE_CLOSED');
  });

  it('keeps an upload with the case under the data folder, and gives it back', async () => {
    const caseId = (await intake(admin)).json().id;
    const boundary = '----doc';
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/legal/cases/${caseId}/documents`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="调解协议.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 协议\r\n--${boundary}--\r\n`),
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ caseId, fileName: '调解协议.pdf', contentType: 'application/pdf' });
    const got = await call(app, admin, 'GET', `/api/v1/cases/documents/${up.json().id}/file`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('%PDF-1.4 协议');
    expect((await call(app, adminB, 'GET', `/api/v1/cases/documents/${up.json().id}/file`)).statusCode).toBe(404);
  });
});

describe('a lawyer’s view', () => {
  it('shows a lawyer only the cases assigned to them — in the list, its count, search, export, figures and details', async () => {
    const mine = (await intake(admin, { workers: [{ name: '周援助', idNumber: fakeIdNumber('1975-05-05') }] })).json().id;
    const other = (await intake(admin, { workers: [{ name: '吴未派', idNumber: fakeIdNumber('1976-06-06') }] })).json().id;
    // A worker asks for legal aid; the union grants it and assigns the lawyer.
    const detail = (await call(app, admin, 'GET', `/api/v1/legal/cases/${mine}`)).json();
    const aid = await call(app, admin, 'POST', `/api/v1/legal/cases/${mine}/aid-requests`, { partyId: detail.parties[0].id, requestedOn: ago(2), reason: '经济困难，无力聘请律师' });
    expect(aid.statusCode, aid.body).toBe(201);
    expect((await call(app, admin, 'POST', `/api/v1/legal/aid-requests/${aid.json().id}/decision`, { decision: 'granted', decidedOn: ago(1) })).json().code).toBe('AID_NEEDS_LAWYER');
    const granted = await call(app, admin, 'POST', `/api/v1/legal/aid-requests/${aid.json().id}/decision`, { decision: 'granted', decidedOn: ago(1), lawyerId });
    expect(granted.json()).toMatchObject({ decision: 'granted', lawyerId });
    expect((await call(app, admin, 'POST', `/api/v1/legal/aid-requests/${aid.json().id}/decision`, { decision: 'refused', decidedOn: ago(1) })).json().code).toBe('AID_ALREADY_DECIDED');

    const list = (await call(app, lawyerSession, 'GET', '/api/v1/legal/cases?pageSize=100')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([mine]);
    expect(list.total).toBe(1);
    expect(list.items[0].lawyerName).toBe('林律师');
    expect((await call(app, lawyerSession, 'GET', `/api/v1/legal/cases?q=${encodeURIComponent('吴未派')}`)).json().total).toBe(0);
    expect((await call(app, lawyerSession, 'GET', `/api/v1/legal/cases/${other}`)).statusCode).toBe(404);
    expect((await call(app, lawyerSession, 'GET', `/api/v1/legal/cases/${mine}`)).statusCode).toBe(200);
    const exp = await call(app, lawyerSession, 'GET', '/api/v1/legal/cases/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('周援助');
    const stats = (await call(app, lawyerSession, 'GET', `/api/v1/legal/statistics?unitId=${t.city.id}&from=${ago(365)}&to=${today}`)).json();
    expect(stats.totals).toMatchObject({ received: 1, workers: 1 });
    // The lawyer works the case, but cannot take in or assign.
    expect((await call(app, lawyerSession, 'POST', `/api/v1/legal/cases/${mine}/stages`, { stage: 'arbitration', role: 'workers_agent', startedOn: ago(1) })).statusCode).toBe(200);
    expect((await call(app, lawyerSession, 'POST', `/api/v1/legal/cases/${other}/stages`, { stage: 'arbitration', role: 'workers_agent', startedOn: ago(1) })).statusCode).toBe(404);
    expect((await intake(lawyerSession)).statusCode).toBe(403);
    expect((await call(app, lawyerSession, 'POST', `/api/v1/legal/cases/${other}/assignments`, { lawyerId, assignedOn: ago(1) })).statusCode).toBe(403);
    // The team list tells how many open cases each lawyer carries.
    const team = (await call(app, admin, 'GET', '/api/v1/legal/lawyers')).json().items;
    expect(team.find((l: { id: number }) => l.id === lawyerId)).toMatchObject({ openCases: 1, available: true });
    // County B gives the lawyer a case too: each county sees the lawyer's whole open caseload, not only its own share.
    const inB = (await intake(adminB, { unitId: t.bUnion.id, employerCreditCode: null, workers: [{ name: '郑乙县', idNumber: fakeIdNumber('1977-07-07') }] })).json().id;
    expect((await call(app, adminB, 'POST', `/api/v1/legal/cases/${inB}/assignments`, { lawyerId, assignedOn: ago(1) })).statusCode).toBe(200);
    for (const s of [admin, adminB, lawyerSession]) {
      const items = (await call(app, s, 'GET', '/api/v1/legal/lawyers')).json().items;
      expect(items.find((l: { id: number }) => l.id === lawyerId)).toMatchObject({ openCases: 2 });
    }
    // … while what the cases are stays within each county.
    expect((await call(app, admin, 'GET', `/api/v1/legal/cases/${inB}`)).statusCode).toBe(404);
    expect(lawyerUserId).toBeGreaterThan(0);
  });

  it('lets an auditor read the cases in scope and change nothing; county B sees none', async () => {
    const own = (await call(app, admin, 'GET', '/api/v1/legal/cases?pageSize=1')).json().total;
    expect(own).toBeGreaterThan(0);
    expect((await call(app, auditor, 'GET', '/api/v1/legal/cases?pageSize=1')).json().total).toBe(own);
    expect((await intake(auditor)).statusCode).toBe(403);
    expect((await call(app, admin, 'GET', `/api/v1/legal/cases?q=${encodeURIComponent('张建国')}`)).json().total).toBeGreaterThan(0);
    expect((await call(app, adminB, 'GET', `/api/v1/legal/cases?q=${encodeURIComponent('张建国')}`)).json().total).toBe(0);
    expect((await intake(adminB)).json().code).toBe('ORG_UNIT_NOT_FOUND');
  });
});

describe('figures', () => {
  it('counts received, mediated, arbitrations, lawsuits, amounts and workers by unit and period, each drilling down to its cases', async () => {
    // A city of its own, so nothing else in this file is counted.
    const a2 = app;
    {
      const tt = await buildTwoCounties(database);
      const u = await buildUser(database, { unitId: tt.city.id, role: 'city_admin' });
      const s = await login(a2, u.username);
      const w = (n: string) => ({ name: n, idNumber: fakeIdNumber() });
      const same = fakeIdNumber('1988-08-08');
      const open = async (unitId: number, over: Record<string, unknown>) =>
        (
          await call(a2, s, 'POST', '/api/v1/legal/cases', { unitId, channel: 'station', disputeType: 'wages', claimedFen: 100, employerName: '某厂', openedOn: ago(30), workers: [w('甲')], ...over })
        ).json().id;
      const step = (id: number, p: string, b: unknown) => call(a2, s, 'POST', `/api/v1/legal/cases/${id}/${p}`, b);
      // A: received and mediated (¥3,000 obtained); B: received, mediation failed, arbitration, first instance and appeal.
      const c1 = await open(tt.aUnion.id, { workers: [{ name: '同一人', idNumber: same }] });
      await step(c1, 'stages', { stage: 'mediation', role: 'mediator', startedOn: ago(29) });
      await step(c1, 'stage-outcome', { outcome: 'agreement', endedOn: ago(25), amountFen: 300000 });
      await step(c1, 'close', { result: 'mediation_agreement', closedOn: ago(25) });
      const c2 = await open(tt.bUnion.id, { workers: [{ name: '同一人', idNumber: same }, w('乙')] });
      await step(c2, 'stages', { stage: 'mediation', role: 'mediator', startedOn: ago(29) });
      await step(c2, 'stage-outcome', { outcome: 'failed', endedOn: ago(28) });
      await step(c2, 'stages', { stage: 'arbitration', role: 'arbitrator', startedOn: ago(27) });
      await step(c2, 'stage-outcome', { outcome: 'award', endedOn: ago(20), amountFen: 100000 });
      await step(c2, 'stages', { stage: 'first_instance', role: 'workers_agent', startedOn: ago(15) });
      await step(c2, 'stage-outcome', { outcome: 'judgment', endedOn: ago(10) });
      await step(c2, 'stages', { stage: 'appeal', role: 'workers_agent', startedOn: ago(5) });
      // The union joins a court case it did not receive: a lawsuit taken part in, not a dispute received.
      const c3 = await open(tt.b.id, { channel: 'court', stage: 'first_instance', role: 'supervisor', openedOn: ago(4) });
      const q = `from=${ago(60)}&to=${today}`;
      const stats = (await call(a2, s, 'GET', `/api/v1/legal/statistics?${q}`)).json();
      expect(stats.totals).toEqual({ received: 2, mediated: 1, arbitrations: 1, lawsuits: 3, recovered: 400000, workers: 3 });
      const byUnit = Object.fromEntries(stats.byUnit.map((r: { unitId: number }) => [r.unitId, r]));
      expect(byUnit[tt.a.id]).toMatchObject({ received: 1, mediated: 1, lawsuits: 0, recovered: 300000, workers: 1 });
      expect(byUnit[tt.b.id]).toMatchObject({ received: 1, mediated: 0, arbitrations: 1, lawsuits: 3, recovered: 100000, workers: 3 });
      const drill = async (figure: string, extra = '') =>
        (await call(a2, s, 'GET', `/api/v1/legal/statistics/drill-down?figure=${figure}&${q}${extra}`))
          .json()
          .items.map((c: { id: number }) => c.id)
          .sort();
      expect(await drill('received')).toEqual([c1, c2].sort());
      expect(await drill('mediated')).toEqual([c1]);
      expect(await drill('arbitrations')).toEqual([c2]);
      expect(await drill('lawsuits')).toEqual([c2, c3].sort());
      expect(await drill('recovered')).toEqual([c1, c2].sort());
      expect(await drill('lawsuits', `&unitId=${tt.a.id}`)).toEqual([]);
      // County B's 本级 row is the county's own cases only, not its subtree's.
      expect(stats.byUnit.find((r: { unitId: number }) => r.unitId === tt.b.id)).toMatchObject({ lawsuits: 3 });
      const bStats = (await call(a2, s, 'GET', `/api/v1/legal/statistics?unitId=${tt.b.id}&${q}`)).json();
      expect(bStats.byUnit.find((r: { unitName: string }) => r.unitName.endsWith('（本级）'))).toMatchObject({ unitId: tt.b.id, lawsuits: 1, received: 0 });
      expect(await drill('lawsuits', `&unitId=${tt.b.id}`)).toEqual([c2, c3].sort());
      expect(await drill('lawsuits', `&unitId=${tt.b.id}&own=true`)).toEqual([c3]);
      // A period before anything happened counts nothing.
      expect((await call(a2, s, 'GET', `/api/v1/legal/statistics?from=2000-01-01&to=2000-12-31`)).json().totals).toEqual({
        received: 0,
        mediated: 0,
        arbitrations: 0,
        lawsuits: 0,
        recovered: 0,
        workers: 0,
      });
      expect((await call(a2, s, 'GET', `/api/v1/legal/statistics?from=${today}&to=${ago(1)}`)).json().code).toBe('STATISTICS_PERIOD_INVALID');
    }
  });
});

describe('the lawyers’ team', () => {
  it('keeps licence numbers unique, links a login only of a lawyer, and marks availability', async () => {
    const res = await call(app, admin, 'POST', '/api/v1/legal/lawyers', {
      unitId: t.a.id,
      name: '陈律师',
      licenceNo: '13507201210000001',
      firm: '甲县律师事务所',
      joinedOn: '2012-05-01',
      unitsServed: [t.aTown.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call(app, admin, 'POST', '/api/v1/legal/lawyers', { unitId: t.a.id, name: '陈二', licenceNo: '13507201210000001', firm: '某所', joinedOn: '2012-05-01' })).json().code).toBe(
      'LAWYER_LICENCE_TAKEN',
    );
    const staff = await buildUser(database, { unitId: t.a.id, role: 'grassroots_staff' });
    expect((await call(app, admin, 'PATCH', `/api/v1/legal/lawyers/${res.json().id}`, { userId: staff.id })).json().code).toBe('LAWYER_USER_INVALID');
    expect((await call(app, admin, 'PATCH', `/api/v1/legal/lawyers/${res.json().id}`, { available: false, availabilityNote: '外出培训至月底' })).json()).toMatchObject({ available: false });
    // A login is unlinked with null (JSON null stays null, never 0).
    const unlinked = await call(app, admin, 'PATCH', `/api/v1/legal/lawyers/${res.json().id}`, { userId: null });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().userId).toBeNull();
    const serving = (await call(app, admin, 'GET', `/api/v1/legal/lawyers?servesUnitId=${t.aUnion.id}`)).json().items.map((l: { name: string }) => l.name);
    expect(serving).toContain('陈律师');
    expect(serving).toContain('林律师');
    // The city's team page lists the lawyers serving any unit below it as well.
    const cityTeam = (await call(app, cityAdmin, 'GET', `/api/v1/legal/lawyers?servesUnitId=${t.city.id}`)).json().items.map((l: { name: string }) => l.name);
    expect(cityTeam).toEqual(expect.arrayContaining(['陈律师', '林律师']));
    expect((await call(app, admin, 'GET', '/api/v1/legal/lawyers?available=true')).json().items.map((l: { name: string }) => l.name)).not.toContain('陈律师');
    // County B sees the city's team, not county A's.
    const bTeam = (await call(app, adminB, 'GET', '/api/v1/legal/lawyers')).json().items.map((l: { name: string }) => l.name);
    expect(bTeam).toContain('林律师');
    expect(bTeam).not.toContain('陈律师');
  });
});

describe('deadlines', () => {
  it('filters the case list to deadlines coming due within some days, or passed', async () => {
    const soon = (await intake(admin, { knewOn: null, workers: [{ name: '期限近', idNumber: fakeIdNumber('1981-01-11') }] })).json().id;
    await call(app, admin, 'POST', `/api/v1/legal/cases/${soon}/events`, { kind: 'award_served', occurredOn: ago(12) });
    const passed = (await intake(admin, { knewOn: ago(400), workers: [{ name: '已逾期', idNumber: fakeIdNumber('1981-02-12') }] })).json().id;
    const far = (await intake(admin, { knewOn: ago(30), workers: [{ name: '期限远', idNumber: fakeIdNumber('1981-03-13') }] })).json().id;
    const ids = async (query: string, s: Session = admin) => (await call(app, s, 'GET', `/api/v1/legal/cases?pageSize=100&${query}`)).json().items.map((c: { id: number }) => c.id);
    const within = await ids('deadlineWithin=14');
    expect(within).toContain(soon);
    expect(within).not.toContain(passed);
    expect(within).not.toContain(far);
    const overdue = await ids('overdue=true');
    expect(overdue).toContain(passed);
    expect(overdue).not.toContain(soon);
    expect(overdue).not.toContain(far);
    const either = await ids('deadlineWithin=14&overdue=true');
    expect(either).toEqual(expect.arrayContaining([soon, passed]));
    expect(either).not.toContain(far);
    // A deadline met, or a case closed, is no longer due.
    await call(app, admin, 'POST', `/api/v1/legal/cases/${passed}/close`, { result: 'withdrawn', closedOn: today });
    expect(await ids('overdue=true')).not.toContain(passed);
    // County B and the lawyer see none of them.
    expect(await ids('deadlineWithin=14&overdue=true', adminB)).not.toContain(soon);
    expect(await ids('deadlineWithin=14&overdue=true', lawyerSession)).not.toContain(soon);
    expect((await call(app, admin, 'GET', '/api/v1/legal/cases?deadlineWithin=-1')).statusCode).toBe(400);
  });

  it('reminds the assigned lawyer of their case’s deadline once, besides the unit’s cadres', async () => {
    const caseId = (await intake(admin, { knewOn: null, workers: [{ name: '提醒律师', idNumber: fakeIdNumber('1983-03-03') }] })).json().id;
    await call(app, admin, 'POST', `/api/v1/legal/cases/${caseId}/events`, { kind: 'award_served', occurredOn: ago(10) });
    expect((await call(app, admin, 'POST', `/api/v1/legal/cases/${caseId}/assignments`, { lawyerId, assignedOn: ago(1) })).statusCode).toBe(200);
    const dueOn = due(addDays(ago(10), 15));
    const lawyerKey = `legal.deadline.lawyer:${lawyerUserId}:${caseId}:lawsuit_filing:${dueOn}`;
    // The city's job reaches the city's lawyer.
    expect((await call(app, cityAdmin, 'POST', '/api/v1/legal/reminders', { withinDays: 20 })).json().raised).toBeGreaterThanOrEqual(2);
    const mine = await database.query<{ user_id: number; link: string; body: string }>(`SELECT user_id, link, body FROM notifications WHERE cause_key = $1`, [lawyerKey]);
    expect(mine).toEqual([{ user_id: lawyerUserId, link: `/legal/cases/${caseId}`, body: expect.stringContaining(dueOn) }]);
    // Once per case, deadline and date.
    await call(app, cityAdmin, 'POST', '/api/v1/legal/reminders', { withinDays: 20 });
    expect(await database.query(`SELECT 1 FROM notifications WHERE cause_key = $1`, [lawyerKey])).toHaveLength(1);
    // The lawyer finds it among their own notifications; the unit's nudge is raised beside it.
    const inbox = (await call(app, lawyerSession, 'GET', '/api/v1/notifications?pageSize=100')).json().items;
    expect(inbox.some((n: { link: string | null }) => n.link === `/legal/cases/${caseId}`)).toBe(true);
    expect(await database.query(`SELECT 1 FROM notification_causes WHERE cause_key = $1`, [`legal.deadline:${caseId}:lawsuit_filing:${dueOn}`])).toHaveLength(1);
    // A lawyer not assigned to the case hears nothing of it.
    expect(await database.query(`SELECT 1 FROM notifications WHERE cause_key LIKE $1 AND user_id <> $2`, [`legal.deadline.lawyer:%:${caseId}:%`, lawyerUserId])).toHaveLength(0);
  });

  it('moves due dates off rest days by the calendar the city keeps, and recomputes when it changes', () =>
    // Written for the 2026 calendar, with 2027 not yet held: on a day late in 2026.
    onDay('2026-12-07', async () => {
      // Sessions opened on the run's day have ended by then (or not yet begun): sign in again.
      const admin = await login(app, usernames.admin);
      const cityAdmin = await login(app, usernames.cityAdmin);
      const lawyerSession = await login(app, usernames.lawyer);
      // Seeded: 15 days after an award served on 5 February 2026 end on 20 February, in 春节 (15–23 February).
      // Opened on the day the test runs on, not the run's day the file's other cases are opened on.
      const openedOn = todayInShanghai();
      const spring = (await intake(admin, { openedOn, knewOn: '2026-01-20', workers: [{ name: '春节期', idNumber: fakeIdNumber('1984-04-04') }] })).json().id;
      await call(app, admin, 'POST', `/api/v1/legal/cases/${spring}/events`, { kind: 'award_served', occurredOn: '2026-02-05' });
      const deadline = async (id: number, key: string) => (await call(app, admin, 'GET', `/api/v1/legal/cases/${id}`)).json().deadlines.find((d: { key: string }) => d.key === key);
      expect(await deadline(spring, 'lawsuit_filing')).toMatchObject({ nominalDueOn: '2026-02-20', dueOn: '2026-02-24', calendarHeld: true });
      const year = (await call(app, admin, 'GET', '/api/v1/cases/calendar?year=2026')).json();
      expect(year).toMatchObject({ year: 2026, held: true });
      expect(year.years).toEqual(expect.arrayContaining([2024, 2025, 2026]));
      expect(year.days).toContainEqual({ day: '2026-02-28', kind: 'workday', name: '春节' });
      // 2027 is not in the calendar: weekends only, and the case says so.
      const later = (await intake(admin, { openedOn, knewOn: '2026-03-10', workers: [{ name: '明年期', idNumber: fakeIdNumber('1985-05-05') }] })).json().id;
      expect(await deadline(later, 'arbitration_limitation')).toMatchObject({ dueOn: '2027-03-10', nominalDueOn: null, calendarHeld: false });
      // Only the city keeps the calendar.
      expect((await call(app, admin, 'PUT', '/api/v1/cases/calendar/2027-03-10', { kind: 'holiday', name: '测试' })).json().code).toBe('CALENDAR_CITY_ONLY');
      expect((await call(app, lawyerSession, 'PUT', '/api/v1/cases/calendar/2027-03-10', { kind: 'holiday', name: '测试' })).statusCode).toBe(403);
      const set = await call(app, cityAdmin, 'PUT', '/api/v1/cases/calendar/2027-03-10', { kind: 'holiday', name: '测试' });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().recomputed).toBeGreaterThanOrEqual(1);
      expect(await deadline(later, 'arbitration_limitation')).toMatchObject({ dueOn: '2027-03-11', nominalDueOn: '2027-03-10', calendarHeld: true });
      const [row] = await database.query<{ due_on: string }>(`SELECT due_on::text FROM case_deadlines WHERE case_id = $1 AND key = 'arbitration_limitation'`, [later]);
      expect(row!.due_on).toBe('2027-03-11');
      expect((await call(app, cityAdmin, 'DELETE', '/api/v1/cases/calendar/2027-03-10')).statusCode).toBe(200);
      expect(await deadline(later, 'arbitration_limitation')).toMatchObject({ dueOn: '2027-03-10', nominalDueOn: null, calendarHeld: false });
      expect((await call(app, cityAdmin, 'DELETE', '/api/v1/cases/calendar/2027-03-10')).json().code).toBe('CALENDAR_DAY_NOT_FOUND');
    }));
});
