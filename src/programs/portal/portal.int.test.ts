import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { asUser, buildTwoCounties, buildUser, call, fakeIdNumber, login, type Session } from '../../test/factories.ts';
import { buildCounselling } from '../counselling/testing.ts';
import { buildDispute, buildLawyer } from '../legal/testing.ts';
import { buildMember, buildUnionWithEnterprise } from '../membership/testing.ts';
import type { App } from '../../server/app-types.ts';
import { DomainError } from '../../engines/errors.ts';
import { logChannel, type OutboundMessage } from '../../engines/notify/channels.ts';
import { rowsOf } from '../../db/sql.ts';
import { sql } from 'drizzle-orm';
import { leaveMember } from '../membership/service.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { requestRegistrationCode } from './registration.ts';
import * as clock from '../../engines/clock.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let union: Awaited<ReturnType<typeof buildUnionWithEnterprise>>;
const sent: { to: string; message: OutboundMessage }[] = [];
const sms = logChannel('sms', { info: () => {} }, sent);
const PASSWORD = 'Portal-passw0rd';

const wang = { name: '王建平', idNumber: fakeIdNumber('1980-04-05'), phone: '13905990001' };
const li = { name: '李秀英', idNumber: fakeIdNumber('1985-07-08', false), phone: '13905990002' };
let wangPerson: number;

const lastCode = () => /(\d{6})/.exec(sent.at(-1)!.message.text)![1]!;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

async function register(who: typeof wang, now?: Date): Promise<Session> {
  await requestRegistrationCode(database, sms, who, now);
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/registration', payload: { ...who, code: lastCode(), password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().username).toBe(who.phone);
  return login(app, who.phone, PASSWORD);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  union = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县竹木' });
  wangPerson = (await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...wang })).personId;
  await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...li });
  await database.query(`UPDATE persons SET phone = $1 WHERE id = $2`, [wang.phone, wangPerson]);
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('registration', () => {
  it('refuses a wrong name, a former member and a phone other than the one on file, and sends no code', async () => {
    const before = sent.length;
    expect(await refusal(requestRegistrationCode(database, sms, { ...wang, name: '王建国' }))).toBe('PORTAL_IDENTITY_MISMATCH');
    expect(await refusal(requestRegistrationCode(database, sms, { ...wang, idNumber: fakeIdNumber('1990-01-01'), phone: '13905990009' }))).toBe('PORTAL_IDENTITY_MISMATCH');
    const former = { name: '张离会', idNumber: fakeIdNumber('1970-02-02'), phone: '13905990003' };
    const m = await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...former });
    await asUser(database, { userId: 1, username: 'sys', role: 'city_admin', unitId: t.city.id }, (ctx) => leaveMember(ctx, m.personId, { on: '2020-01-01', reason: 'left' }));
    expect(await refusal(requestRegistrationCode(database, sms, former))).toBe('PORTAL_NOT_A_MEMBER');
    const later = new Date(clock.nowMs() + 120_000);
    expect(await refusal(requestRegistrationCode(database, sms, { ...wang, phone: '13905990008' }, later))).toBe('PORTAL_PHONE_MISMATCH');
    expect(sent.length).toBe(before);
  });

  it('limits code requests per ID number: one a minute, five a day, refusals included', async () => {
    const who = { name: '赵频繁', idNumber: fakeIdNumber('1975-03-03'), phone: '13905990010' };
    await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...who });
    const start = clock.nowMs() - 6 * 3600_000;
    await requestRegistrationCode(database, sms, who, new Date(start));
    expect(await refusal(requestRegistrationCode(database, sms, who, new Date(start + 30_000)))).toBe('PORTAL_CODE_TOO_SOON');
    // Another phone for the same ID number is held to the same limits.
    expect(await refusal(requestRegistrationCode(database, sms, { ...who, phone: '13905990011' }, new Date(start + 30_000)))).toBe('PORTAL_CODE_TOO_SOON');
    for (let i = 1; i <= 4; i++)
      expect(await refusal(requestRegistrationCode(database, sms, i === 2 ? { ...who, name: '赵错名' } : who, new Date(start + i * 61_000)))).toMatch(/accepted|PORTAL_IDENTITY_MISMATCH/);
    expect(await refusal(requestRegistrationCode(database, sms, who, new Date(start + 10 * 61_000)))).toBe('PORTAL_CODE_DAILY_LIMIT');
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/registration/code', payload: who });
    expect(res.statusCode).toBe(429);
  });

  it('refuses a wrong code, locks the code after five wrong tries, and refuses an expired one', async () => {
    const post = (code: string, who = li) => app.inject({ method: 'POST', url: '/api/v1/portal/registration', payload: { ...who, code, password: PASSWORD } });
    await requestRegistrationCode(database, sms, li, new Date(clock.nowMs() - 11 * 60_000));
    const expired = lastCode();
    expect((await post(expired)).json().code).toBe('PORTAL_CODE_EXPIRED');
    await requestRegistrationCode(database, sms, li);
    const right = lastCode();
    const wrong = right === '000000' ? '000001' : '000000';
    const first = await post(wrong);
    expect(first.statusCode).toBe(400);
    expect(first.json().code).toBe('PORTAL_CODE_WRONG');
    for (let i = 0; i < 3; i++) expect((await post(wrong)).json().code).toBe('PORTAL_CODE_WRONG');
    expect((await post(wrong)).json().code).toBe('PORTAL_CODE_LOCKED');
    expect((await post(right)).json().code).toBe('PORTAL_CODE_LOCKED');
    const [n] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM portal_accounts`);
    expect(n!.n).toBe(0);
  });

  it('opens a worker login at the member’s union, bound to the person, once', async () => {
    const s = await register(wang, new Date(clock.nowMs() + 180_000));
    const me = await call(app, s, 'GET', '/api/v1/auth/me');
    expect(me.json().user.role).toBe('worker');
    expect(me.json().user.unitId).toBe(union.unionId);
    const mine = await call(app, s, 'GET', '/api/v1/portal/me');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ name: wang.name, status: 'member', unionName: '甲县竹木有限公司工会', joinedOn: '2013-03-01' });
    expect(mine.json().idMasked).not.toContain(wang.idNumber.slice(6, 14));
    expect(await refusal(requestRegistrationCode(database, sms, wang, new Date(clock.nowMs() + 600_000)))).toBe('PORTAL_ALREADY_REGISTERED');
  });
});

describe('a worker’s own records', () => {
  let wangS: Session;
  let liS: Session;
  let staff: Session;
  let wangCase: number;
  let liCase: number;
  let jointCase: number;

  beforeAll(async () => {
    wangS = await login(app, wang.phone, PASSWORD);
    liS = await register(li, new Date(clock.nowMs() + 3600_000));
    const u = await buildUser(database, { unitId: union.unionId, role: 'grassroots_staff' });
    staff = await login(app, u.username);
    const filed = await call(app, wangS, 'POST', '/api/v1/portal/cases', {
      disputeType: 'wages',
      claimedFen: 1_280_000,
      employerName: '南平某竹木制品有限公司',
      facts: '拖欠三个月工资，车间主任口头承诺月底支付',
      knewOn: '2026-09-01',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    wangCase = filed.json().id;
    expect(filed.json()).toMatchObject({ channel: 'portal', stage: 'intake', claimedFen: 1_280_000, facts: '拖欠三个月工资，车间主任口头承诺月底支付' });
    liCase = (await buildDispute(database, { rootUnitId: t.city.id, unitId: union.unionId, workers: [li], employerName: '李家茶厂' })).id;
    jointCase = (await buildDispute(database, { rootUnitId: t.city.id, unitId: union.unionId, workers: [wang, li], employerName: '集体争议公司' })).id;
  });

  it('sees in lists and search only the cases they filed or are a party to', async () => {
    const mine = await call(app, wangS, 'GET', '/api/v1/portal/cases');
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json()
        .items.map((c: { id: number }) => c.id)
        .sort(),
    ).toEqual([wangCase, jointCase].sort());
    expect(mine.json().total).toBe(2);
    // Another worker's name finds nothing, not even the case they share.
    expect((await call(app, wangS, 'GET', `/api/v1/portal/cases?q=${encodeURIComponent(li.name)}`)).json().total).toBe(0);
    expect((await call(app, wangS, 'GET', `/api/v1/portal/cases?q=${li.idNumber}`)).json().total).toBe(0);
    expect((await call(app, wangS, 'GET', `/api/v1/portal/cases?q=${encodeURIComponent('集体')}`)).json().total).toBe(1);
    const lis = await call(app, liS, 'GET', '/api/v1/portal/cases');
    expect(
      lis
        .json()
        .items.map((c: { id: number }) => c.id)
        .sort(),
    ).toEqual([liCase, jointCase].sort());
  });

  it('cannot open another worker’s case (404), and on a shared case reads only their own party row', async () => {
    const other = await call(app, wangS, 'GET', `/api/v1/portal/cases/${liCase}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('李家茶厂');
    const aid = await call(app, wangS, 'POST', `/api/v1/portal/cases/${liCase}/aid`, { reason: '经济困难' });
    expect(aid.statusCode).toBe(404);
    const joint = await call(app, wangS, 'GET', `/api/v1/portal/cases/${jointCase}`);
    expect(joint.statusCode).toBe(200);
    expect(joint.body).not.toContain(li.name);
    const [me] = await database.query<{ id: number }>(`SELECT id FROM users WHERE username = $1`, [wang.phone]);
    const seen = await asUser(database, { userId: me!.id, username: wang.phone, role: 'worker', unitId: union.unionId }, async (ctx) => ({
      parties: rowsOf<{ name: string }>(await ctx.db.execute(sql`SELECT name FROM legal_parties`)).map((r) => r.name),
      persons: rowsOf<{ name: string }>(await ctx.db.execute(sql`SELECT name FROM persons`)).map((r) => r.name),
      members: rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT count(*)::int AS n FROM memberships`))[0]!.n,
      cases: rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT count(*)::int AS n FROM cases`))[0]!.n,
    }));
    expect(seen.parties).toEqual([wang.name, wang.name]);
    expect(seen.persons).toEqual([wang.name]);
    expect(seen.members).toBe(1);
    expect(seen.cases).toBe(2);
  });

  it('asks for legal aid on their own case once at a time; the union sees it', async () => {
    const res = await call(app, wangS, 'POST', `/api/v1/portal/cases/${wangCase}/aid`, { reason: '家庭经济困难，无力聘请律师' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().aidRequests).toMatchObject([{ decision: 'pending', reason: '家庭经济困难，无力聘请律师' }]);
    expect((await call(app, wangS, 'POST', `/api/v1/portal/cases/${wangCase}/aid`, { reason: '再次申请' })).json().code).toBe('PORTAL_AID_PENDING');
    const seen = await call(app, staff, 'GET', `/api/v1/legal/cases/${wangCase}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().channel).toBe('portal');
    expect(seen.json().aidRequests).toHaveLength(1);
    const told = await call(app, staff, 'GET', '/api/v1/notifications');
    expect(told.json().items.map((n: { title: string }) => n.title)).toEqual(['职工申请法律援助', '职工门户收到劳动争议']);
    expect((await call(app, wangS, 'GET', '/api/v1/notifications')).json().total).toBe(0);
  });

  it('cannot use cadre endpoints (403), and a cadre cannot use the portal', async () => {
    for (const url of ['/api/v1/legal/cases', `/api/v1/legal/cases/${wangCase}`, '/api/v1/membership/members', '/api/v1/counselling/appointments', '/api/v1/users']) {
      expect((await call(app, wangS, 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await call(app, staff, 'GET', '/api/v1/portal/cases')).statusCode).toBe(403);
  });

  it('books a slot of a counsellor serving their unit, sees only their own appointments, reschedules and cancels', async () => {
    const here = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '甲县咨询师', daysAhead: 2 });
    const later = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '甲县咨询师二', daysAhead: 4 });
    const elsewhere = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.b.id, name: '乙县咨询师', daysAhead: 2 });
    const slots = (await call(app, wangS, 'GET', '/api/v1/portal/slots')).json().items.map((s: { id: number }) => s.id);
    expect(slots).toContain(here.slotId);
    expect(slots).not.toContain(elsewhere.slotId);
    expect((await call(app, wangS, 'POST', '/api/v1/portal/appointments', { slotId: elsewhere.slotId, topic: 'work_stress' })).statusCode).toBe(404);
    const booked = await call(app, wangS, 'POST', '/api/v1/portal/appointments', { slotId: here.slotId, topic: 'work_stress' });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().status).toBe('requested');
    const id = booked.json().id;
    // The union books the other slot for someone else; the worker does not see it, nor does Li see Wang's.
    const byStaff = await call(app, staff, 'POST', '/api/v1/counselling/appointments', {
      slotId: later.slotId,
      unitId: union.unionId,
      requestedBy: 'union',
      clientName: '其他来访者',
      topic: 'family',
    });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    expect((await call(app, wangS, 'GET', '/api/v1/portal/appointments')).json().items.map((a: { id: number }) => a.id)).toEqual([id]);
    expect((await call(app, liS, 'GET', '/api/v1/portal/appointments')).json().total).toBe(0);
    expect((await call(app, liS, 'POST', `/api/v1/portal/appointments/${id}/cancel`, {})).statusCode).toBe(404);
    expect((await call(app, wangS, 'POST', `/api/v1/portal/appointments/${byStaff.json().id}/cancel`, {})).statusCode).toBe(404);
    const free = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '甲县咨询师三', daysAhead: 5 });
    const moved = await call(app, wangS, 'POST', `/api/v1/portal/appointments/${id}/reschedule`, { slotId: free.slotId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().counsellorName).toBe('甲县咨询师三');
    const cancelled = await call(app, wangS, 'POST', `/api/v1/portal/appointments/${id}/cancel`, { reason: '临时加班' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '临时加班' });
    const byUnion = await call(app, staff, 'GET', `/api/v1/counselling/appointments/${id}`);
    expect(byUnion.json()).toMatchObject({ requestedBy: 'worker', clientName: wang.name, status: 'cancelled' });
  });

  it('is listed among the county’s users, and a county admin can disable it', async () => {
    const admin = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const s = await login(app, admin.username);
    const list = await call(app, s, 'GET', '/api/v1/users?role=worker');
    expect(
      list
        .json()
        .items.map((u: { username: string }) => u.username)
        .sort(),
    ).toEqual([wang.phone, li.phone].sort());
    const id = list.json().items.find((u: { username: string }) => u.username === li.phone).id;
    expect((await call(app, s, 'POST', `/api/v1/users/${id}/disable`, {})).statusCode).toBe(200);
    expect((await call(app, liS, 'GET', '/api/v1/portal/me')).statusCode).toBe(401);
  });
});

describe('what a worker is told on the portal', () => {
  const chen = { name: '陈春燕', idNumber: fakeIdNumber('1988-08-08', false), phone: '13905990020' };
  let wangS: Session;
  let chenS: Session;
  let countyAdmin: Session;
  type Notice = { id: number; kind: string; title: string; body: string; link: string | null; readAt: string | null };
  const noticesOf = async (s: Session) => (await call(app, s, 'GET', '/api/v1/notifications?pageSize=100')).json() as { items: Notice[]; total: number; unread: number };
  const legalNotices = async () => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind IN ('legal', 'counselling')`))[0]!.n;
  const today = () => todayInShanghai();

  beforeAll(async () => {
    await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...chen });
    chenS = await register(chen, new Date(clock.nowMs() + 7200_000));
    wangS = await login(app, wang.phone, PASSWORD);
    countyAdmin = await login(app, (await buildUser(database, { unitId: t.a.id, role: 'county_admin' })).username);
  });

  it('is told when a counsellor confirms, the union moves or cancels the booking — never of their own moves, and only they are told', async () => {
    const counsellorUser = await buildUser(database, { unitId: t.a.id, role: 'counsellor' });
    const here = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '何咨询师', userId: counsellorUser.id, daysAhead: 6 });
    const before = (await noticesOf(wangS)).total;
    const booked = await call(app, wangS, 'POST', '/api/v1/portal/appointments', { slotId: here.slotId, topic: 'family' });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id;
    const slot = (await call(app, wangS, 'GET', '/api/v1/portal/appointments')).json().items.find((a: { id: number }) => a.id === id);
    const day = new Date(new Date(slot.startsAt).getTime() + 8 * 3600_000);

    const counsellor = await login(app, counsellorUser.username);
    const confirmed = await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const mine = await noticesOf(wangS);
    expect(mine.total).toBe(before + 1);
    expect(mine.items[0]).toMatchObject({ kind: 'counselling', title: '心理咨询预约已确认', link: '/portal/counselling', readAt: null });
    // The time is Shanghai's, with the weekday, the counsellor and the room.
    expect(mine.items[0]!.body).toContain(`${day.getUTCMonth() + 1}月${day.getUTCDate()}日`);
    expect(mine.items[0]!.body).toMatch(/周[一二三四五六日] 09:00–10:00，咨询师何咨询师，地点：何咨询师心理咨询室\d+。请准时到达/);
    expect(mine.unread).toBeGreaterThanOrEqual(1);
    // Another worker sees none of it, and cannot mark it read.
    expect((await noticesOf(chenS)).items.map((n) => n.title)).not.toContain('心理咨询预约已确认');
    expect((await call(app, chenS, 'POST', '/api/v1/notifications/read', { ids: [mine.items[0]!.id] })).json().marked).toBe(0);
    // The union moves it to another counsellor's time: the worker is told it waits for confirmation.
    const other = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '林咨询师', daysAhead: 7 });
    expect((await call(app, countyAdmin, 'POST', `/api/v1/counselling/appointments/${id}/reschedule`, { slotId: other.slotId })).statusCode).toBe(200);
    const moved = (await noticesOf(wangS)).items[0]!;
    expect(moved).toMatchObject({ title: '心理咨询预约已改期' });
    expect(moved.body).toContain('咨询师林咨询师');
    expect(moved.body).toContain('咨询师确认后会再通知您');
    // The worker moves it back and cancels it themselves: nothing new for them.
    const count = (await noticesOf(wangS)).total;
    expect((await call(app, wangS, 'POST', `/api/v1/portal/appointments/${id}/reschedule`, { slotId: here.slotId })).statusCode).toBe(200);
    expect((await noticesOf(wangS)).total).toBe(count);
    // The union cancels a booking the worker made: told, with the reason.
    const again = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '吴咨询师', daysAhead: 8 });
    const second = (await call(app, wangS, 'POST', '/api/v1/portal/appointments', { slotId: again.slotId, topic: 'work_stress' })).json().id;
    expect((await call(app, countyAdmin, 'POST', `/api/v1/counselling/appointments/${second}/cancel`, { reason: '咨询师临时外出' })).statusCode).toBe(200);
    const cancelled = (await noticesOf(wangS)).items[0]!;
    expect(cancelled.title).toBe('心理咨询预约已取消');
    expect(cancelled.body).toContain('原因：咨询师临时外出');
    expect((await call(app, wangS, 'POST', `/api/v1/portal/appointments/${id}/cancel`, {})).statusCode).toBe(200);
    expect((await noticesOf(wangS)).total).toBe(count + 1);
    // A booking the union made for someone at the counter tells no one.
    const walkIn = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '郑咨询师', daysAhead: 9 });
    const byUnion = await call(app, countyAdmin, 'POST', '/api/v1/counselling/appointments', {
      slotId: walkIn.slotId,
      unitId: union.unionId,
      requestedBy: 'union',
      clientName: '来访职工',
      topic: 'career',
    });
    const n = await legalNotices();
    expect((await call(app, countyAdmin, 'POST', `/api/v1/counselling/appointments/${byUnion.json().id}/confirm`, {})).statusCode).toBe(200);
    expect(await legalNotices()).toBe(n);
    // Marked read, it leaves the unread count.
    const all = await noticesOf(wangS);
    const read = await call(app, wangS, 'POST', '/api/v1/notifications/read', { ids: all.items.filter((x) => !x.readAt).map((x) => x.id) });
    expect(read.json()).toMatchObject({ unread: 0 });
  });

  it('is told when the union decides their legal aid, assigns a lawyer and closes the case; co-workers without an account get nothing, and the decision stands', async () => {
    const filed = await call(app, wangS, 'POST', '/api/v1/portal/cases', { disputeType: 'overtime', claimedFen: 450_000, employerName: '甲县加班费公司', facts: '连续三个月加班未付加班费' });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id;
    const ref = filed.json().ref;
    expect((await call(app, wangS, 'POST', `/api/v1/portal/cases/${caseId}/aid`, { reason: '收入低，无力聘请律师' })).statusCode).toBe(200);
    const aidId = (await call(app, wangS, 'GET', `/api/v1/portal/cases/${caseId}`)).json().aidRequests[0].id;

    const refused = await call(app, countyAdmin, 'POST', `/api/v1/legal/aid-requests/${aidId}/decision`, { decision: 'refused', decidedOn: today(), note: '请求金额较小，建议先行调解。' });
    expect(refused.statusCode, refused.body).toBe(200);
    let top = (await noticesOf(wangS)).items[0]!;
    expect(top).toMatchObject({ kind: 'legal', title: '法律援助申请未获批准', link: `/portal/cases/${caseId}`, readAt: null });
    expect(top.body).toBe(`您在案件 ${ref}（${filed.json().title}）中的法律援助申请未获批准，说明：请求金额较小，建议先行调解。如有疑问，请与甲县竹木有限公司工会联系。`);

    // Asked again, granted with a lawyer of the team.
    const lawyerUser = await buildUser(database, { unitId: t.a.id, role: 'lawyer' });
    const lawyer = await buildLawyer(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '郑律师', userId: lawyerUser.id });
    expect((await call(app, wangS, 'POST', `/api/v1/portal/cases/${caseId}/aid`, { reason: '家庭困难，再次申请' })).statusCode).toBe(200);
    const second = (await call(app, wangS, 'GET', `/api/v1/portal/cases/${caseId}`)).json().aidRequests.find((a: { decision: string }) => a.decision === 'pending').id;
    const granted = await call(app, countyAdmin, 'POST', `/api/v1/legal/aid-requests/${second}/decision`, { decision: 'granted', decidedOn: today(), lawyerId: lawyer.id });
    expect(granted.statusCode, granted.body).toBe(200);
    top = (await noticesOf(wangS)).items[0]!;
    expect(top.title).toBe('法律援助申请已批准');
    expect(top.body).toContain('由郑律师律师（福建闽北律师事务所）为您提供法律援助');
    // One notice for the grant, not a second one for the lawyer it assigned.
    expect((await noticesOf(wangS)).items.filter((n) => n.link === `/portal/cases/${caseId}` && n.title === '案件已有承办律师')).toHaveLength(0);

    // The lawyer closes the case with an agreement: the worker hears the outcome.
    const lawyerS = await login(app, lawyerUser.username);
    expect((await call(app, lawyerS, 'POST', `/api/v1/legal/cases/${caseId}/stages`, { stage: 'mediation', role: 'mediator', startedOn: today() })).statusCode).toBe(200);
    expect((await call(app, lawyerS, 'POST', `/api/v1/legal/cases/${caseId}/stage-outcome`, { outcome: 'agreement', endedOn: today(), amountFen: 320_050 })).statusCode).toBe(200);
    const closed = await call(app, lawyerS, 'POST', `/api/v1/legal/cases/${caseId}/close`, { result: 'mediation_agreement', closedOn: today() });
    expect(closed.statusCode, closed.body).toBe(200);
    top = (await noticesOf(wangS)).items[0]!;
    expect(top.title).toBe('案件已结案');
    expect(top.body).toContain('结果：达成调解协议，为您追回 3,200.5 元。');
    // Chen is no party: nothing of Wang's case reaches her.
    expect((await noticesOf(chenS)).items.filter((n) => n.kind === 'legal')).toEqual([]);

    // A case whose workers have no portal account: the union assigns, decides and closes as before, and nobody is told.
    const noAccount = (await buildDispute(database, { rootUnitId: t.city.id, unitId: union.unionId, workers: [{ name: '周无号', idNumber: fakeIdNumber('1979-09-09') }] })).id;
    const party = (await call(app, countyAdmin, 'GET', `/api/v1/legal/cases/${noAccount}`)).json().parties[0].id;
    const n = await legalNotices();
    const asked = await call(app, countyAdmin, 'POST', `/api/v1/legal/cases/${noAccount}/aid-requests`, { partyId: party, requestedOn: today(), reason: '经济困难' });
    const decided = await call(app, countyAdmin, 'POST', `/api/v1/legal/aid-requests/${asked.json().id}/decision`, { decision: 'granted', decidedOn: today(), lawyerId: lawyer.id });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ decision: 'granted', lawyerId: lawyer.id });
    expect((await call(app, countyAdmin, 'POST', `/api/v1/legal/cases/${noAccount}/close`, { result: 'advice_only', closedOn: today() })).statusCode).toBe(200);
    expect(await legalNotices()).toBe(n);
    expect((await call(app, countyAdmin, 'GET', `/api/v1/legal/cases/${noAccount}`)).json()).toMatchObject({ status: 'closed', aidRequests: [{ decision: 'granted' }] });
  });

  it('is told of a lawyer assigned to a case they share; a co-worker with an account is told too, one without is not', async () => {
    const lawyerUser = await buildUser(database, { unitId: t.a.id, role: 'lawyer' });
    const lawyer = await buildLawyer(database, { rootUnitId: t.city.id, unitId: t.a.id, name: '黄律师', userId: lawyerUser.id });
    const shared = (
      await buildDispute(database, { rootUnitId: t.city.id, unitId: union.unionId, workers: [wang, chen, { name: '孙无号', idNumber: fakeIdNumber('1981-01-01') }], employerName: '三人争议公司' })
    ).id;
    const n = await legalNotices();
    expect((await call(app, countyAdmin, 'POST', `/api/v1/legal/cases/${shared}/assignments`, { lawyerId: lawyer.id, assignedOn: today() })).statusCode).toBe(200);
    expect(await legalNotices()).toBe(n + 2);
    for (const s of [wangS, chenS]) {
      const top = (await noticesOf(s)).items[0]!;
      expect(top).toMatchObject({ title: '案件已有承办律师', link: `/portal/cases/${shared}` });
      expect(top.body).toContain('已指派黄律师律师（福建闽北律师事务所）承办');
    }
    // Each asks for aid on the shared case: each sees their own request and its reason, never the other's.
    expect((await call(app, wangS, 'POST', `/api/v1/portal/cases/${shared}/aid`, { reason: '王某：月收入低于最低工资' })).statusCode).toBe(200);
    expect((await call(app, chenS, 'POST', `/api/v1/portal/cases/${shared}/aid`, { reason: '陈某：家中有重病老人' })).statusCode).toBe(200);
    const seenBy = async (s: Session) => (await call(app, s, 'GET', `/api/v1/portal/cases/${shared}`)).json().aidRequests.map((a: { reason: string }) => a.reason);
    expect(await seenBy(wangS)).toEqual(['王某：月收入低于最低工资']);
    expect(await seenBy(chenS)).toEqual(['陈某：家中有重病老人']);
    // The union sees both.
    expect((await call(app, countyAdmin, 'GET', `/api/v1/legal/cases/${shared}`)).json().aidRequests).toHaveLength(2);
  });
});

describe('a worker’s case held above their union', () => {
  const sun = { name: '孙立新', idNumber: fakeIdNumber('1983-03-03'), phone: '13905990030' };
  let wangS: Session;
  let sunS: Session;
  let countyAdmin: Session;
  let cityAdmin: Session;
  let unionStaff: Session;
  let held: number;
  let othersAtCounty: number;
  let wangUser: number;
  const today = () => todayInShanghai();
  const asWang = <T>(work: Parameters<typeof asUser<T>>[2]) => asUser(database, { userId: wangUser, username: wang.phone, role: 'worker', unitId: union.unionId }, work);
  const noticesOfWang = async () => (await call(app, wangS, 'GET', '/api/v1/notifications?pageSize=100')).json().items as { title: string; link: string | null }[];
  const count = async (query: ReturnType<typeof sql>) => asWang(async (ctx) => Number(rowsOf<{ n: number }>(await ctx.db.execute(query))[0]!.n));

  beforeAll(async () => {
    await buildMember(database, { rootUnitId: t.city.id, unionId: union.unionId, enterpriseId: union.enterpriseId, ...sun });
    sunS = await register(sun, new Date(clock.nowMs() + 10800_000));
    wangS = await login(app, wang.phone, PASSWORD);
    wangUser = (await database.query<{ id: number }>(`SELECT id FROM users WHERE username = $1`, [wang.phone]))[0]!.id;
    countyAdmin = await login(app, (await buildUser(database, { unitId: t.a.id, role: 'county_admin' })).username);
    cityAdmin = await login(app, (await buildUser(database, { unitId: t.city.id, role: 'city_admin' })).username);
    unionStaff = await login(app, (await buildUser(database, { unitId: union.unionId, role: 'grassroots_staff' })).username);
    // Wang walks into the county's legal service: the county takes the dispute in at its own level.
    const taken = await call(app, countyAdmin, 'POST', '/api/v1/legal/cases', {
      unitId: t.a.id,
      channel: 'station',
      disputeType: 'termination',
      claimedFen: 3_600_000,
      employerName: '甲县县级争议公司',
      facts: '未提前通知即解除劳动合同',
      openedOn: today(),
      knewOn: today(),
      workers: [{ name: wang.name, idNumber: wang.idNumber }],
    });
    expect(taken.statusCode, taken.body).toBe(201);
    held = taken.json().id;
    expect((await call(app, countyAdmin, 'POST', `/api/v1/legal/cases/${held}/stages`, { stage: 'mediation', role: 'mediator', startedOn: today() })).statusCode).toBe(200);
    // The county's other business, which no worker of the union may see.
    othersAtCounty = (await buildDispute(database, { rootUnitId: t.city.id, unitId: t.a.id, workers: [{ name: '县里另案人', idNumber: fakeIdNumber('1972-12-12') }], employerName: '县里另案公司' }))
      .id;
  });

  it('is listed and opened on the portal with its stages, deadlines and the county as the holding unit', async () => {
    const list = await call(app, wangS, 'GET', '/api/v1/portal/cases');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(held);
    expect(list.json().items.find((c: { id: number }) => c.id === held)).toMatchObject({ stage: 'mediation', employerName: '甲县县级争议公司', claimedFen: 3_600_000 });
    expect((await call(app, wangS, 'GET', `/api/v1/portal/cases?q=${encodeURIComponent('县级争议')}`)).json().total).toBe(1);
    const open = await call(app, wangS, 'GET', `/api/v1/portal/cases/${held}`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ unitName: '甲县总工会', channel: 'station', stage: 'mediation', facts: '未提前通知即解除劳动合同' });
    expect(open.json().stages.map((s: { stage: string }) => s.stage)).toEqual(['intake', 'mediation']);
    expect(open.json().deadlines.length).toBeGreaterThan(0);
    expect(open.body).not.toContain('县里另案');
  });

  it('asks for legal aid on it: the county is told, not the union; a lawyer the city grants from another county is named', async () => {
    const asked = await call(app, wangS, 'POST', `/api/v1/portal/cases/${held}/aid`, { reason: '失业在家，无力聘请律师' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().aidRequests).toMatchObject([{ decision: 'pending', reason: '失业在家，无力聘请律师' }]);
    const countyTold = (await call(app, countyAdmin, 'GET', '/api/v1/notifications')).json().items;
    expect(countyTold.find((n: { link: string }) => n.link === `/legal/cases/${held}`)).toMatchObject({ title: '职工申请法律援助' });
    const unionTold = (await call(app, unionStaff, 'GET', '/api/v1/notifications')).json().items;
    expect(unionTold.filter((n: { link: string }) => n.link === `/legal/cases/${held}`)).toEqual([]);
    // The union's own cadres do not hold the case and still cannot open it.
    expect((await call(app, unionStaff, 'GET', `/api/v1/legal/cases/${held}`)).statusCode).toBe(404);

    const lawyerUser = await buildUser(database, { unitId: t.b.id, role: 'lawyer' });
    const lawyer = await buildLawyer(database, { rootUnitId: t.city.id, unitId: t.b.id, name: '乙县援助律师', userId: lawyerUser.id });
    const granted = await call(app, cityAdmin, 'POST', `/api/v1/legal/aid-requests/${asked.json().aidRequests[0].id}/decision`, { decision: 'granted', decidedOn: today(), lawyerId: lawyer.id });
    expect(granted.statusCode, granted.body).toBe(200);
    const seen = await call(app, wangS, 'GET', `/api/v1/portal/cases/${held}`);
    expect(seen.json().aidRequests).toMatchObject([{ decision: 'granted', lawyerName: '乙县援助律师（福建闽北律师事务所）' }]);
    expect((await noticesOfWang()).find((n) => n.link === `/portal/cases/${held}`)).toMatchObject({ title: '法律援助申请已批准' });
    // The worker still cannot read that lawyer's team, nor the assignment.
    expect(await count(sql`SELECT count(*)::int AS n FROM lawyers WHERE unit_id = ${t.b.id}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM case_assignments`)).toBe(0);
  });

  it('is not seen by another worker of the union, who can neither open it nor ask for aid on it', async () => {
    expect((await call(app, sunS, 'GET', '/api/v1/portal/cases')).json().items.map((c: { id: number }) => c.id)).not.toContain(held);
    const other = await call(app, sunS, 'GET', `/api/v1/portal/cases/${held}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('甲县县级争议公司');
    expect((await call(app, sunS, 'POST', `/api/v1/portal/cases/${held}/aid`, { reason: '冒名申请' })).statusCode).toBe(404);
    expect((await call(app, wangS, 'GET', `/api/v1/portal/cases/${othersAtCounty}`)).statusCode).toBe(404);
  });

  it('opens nothing else of the county to the worker: its other cases, units, users and their names stay out of reach', async () => {
    const own = await asWang(async (ctx) => rowsOf<{ id: number }>(await ctx.db.execute(sql`SELECT id FROM cases`)).map((r) => Number(r.id)));
    expect(own).toContain(held);
    expect(own).not.toContain(othersAtCounty);
    expect(await count(sql`SELECT count(*)::int AS n FROM cases WHERE unit_id = ${t.a.id}`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM org_units WHERE id IN (${t.a.id}, ${t.aTown.id}, ${t.city.id})`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM users WHERE unit_id <> ${union.unionId}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM legal_parties WHERE case_id = ${othersAtCounty}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM case_stages WHERE case_id = ${othersAtCounty}`)).toBe(0);
    // The narrow functions answer only for the worker's own case.
    expect(await asWang(async (ctx) => rowsOf<{ name: string | null }>(await ctx.db.execute(sql`SELECT gonghui_own_case_unit_name(${othersAtCounty}) AS name`))[0]!.name)).toBeNull();
    expect(await count(sql`SELECT count(*)::int AS n FROM gonghui_own_case_lawyers(${othersAtCounty})`)).toBe(0);
    expect(await count(sql`SELECT gonghui_tell_own_case_unit(${othersAtCounty}, '{county_admin}'::text[], 'portal', '冒充', '冒充', NULL) AS n`)).toBe(0);
    // A cadre is no worker: the functions tell them nothing either.
    const countyUser = (await database.query<{ id: number; username: string }>(`SELECT id, username FROM users WHERE unit_id = $1 AND role = 'county_admin' LIMIT 1`, [t.a.id]))[0]!;
    const forCadre = await asUser(
      database,
      { userId: countyUser.id, username: countyUser.username, role: 'county_admin', unitId: t.a.id },
      async (ctx) => rowsOf<{ name: string | null }>(await ctx.db.execute(sql`SELECT gonghui_own_case_unit_name(${othersAtCounty}) AS name`))[0]!.name,
    );
    expect(forCadre).toBeNull();
  });

  it('cannot write into the case row held above, nor into the county’s other cases', async () => {
    const changed = await asWang(async (ctx) => {
      const r = await ctx.db.execute(sql`UPDATE cases SET title = '改名' WHERE id IN (${held}, ${othersAtCounty})`);
      return Number((r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as unknown as { affectedRows?: number }).affectedRows ?? 0);
    });
    expect(changed).toBe(0);
    const party = (await database.query<{ id: number }>(`SELECT id FROM legal_parties WHERE case_id = $1`, [othersAtCounty]))[0]!.id;
    const intruded = await asWang(async (ctx) => {
      await ctx.db.execute(sql`INSERT INTO legal_aid_requests (case_id, party_id, requested_on, reason, created_by) VALUES (${othersAtCounty}, ${party}, ${today()}, '冒名', ${wangUser})`);
    }).then(
      () => 'written',
      (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
    );
    expect(intruded).toMatch(/row-level security/);
    const [titles] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE title = '改名'`);
    expect(titles!.n).toBe(0);
  });
});
