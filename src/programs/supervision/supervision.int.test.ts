import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { asUser, buildTwoCounties, buildUser, call, login, type Session } from '../../test/factories.ts';
import { buildMember, buildUnionWithEnterprise } from '../membership/testing.ts';
import type { App } from '../../server/app-types.ts';
import type { Ctx } from '../../engines/context.ts';
import { code } from '../../test/errors.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { countedFromRecords, ratesOf } from '../membership/coverage.ts';
import { getUnit } from '../../engines/org/service.ts';
import { freezeMonth, freezeDueMonths, latestSnapshots, snapshotHistory } from '../../engines/indicators/snapshots.ts';
import { setTarget } from '../../engines/indicators/targets.ts';
import { checkTargetNudges, publishBulletin, verifyBulletin } from './service.ts';
import type { BulletinContent } from './bulletin.ts';
import '../index.ts'; // every program's indicators and due checks
import { runFileOn } from '../../test/clock.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type A = { userId: number; username: string; role: 'city_admin' | 'county_admin'; unitId: number };
let cityAdmin: A;
let adminA: A;
let adminB: A;
let countyA: Session;
let countyB: Session;
let aTown2: number;

// The records below carry fixed dates of early 2026; the file runs later that year.
runFileOn('2026-12-07');

const JAN = '2026-01-31';
const FEB = '2026-02-28';

const asCity = <T>(w: (ctx: Ctx) => Promise<T>) => asUser(database, cityAdmin, w);
const asA = <T>(w: (ctx: Ctx) => Promise<T>) => asUser(database, adminA, w);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  const { buildUnit } = await import('../../test/factories.ts');
  aTown2 = (await buildUnit(database, { parentId: t.a.id, kind: 'township', name: '甲县开发区工会' })).id;
  const c = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  const b = await buildUser(database, { unitId: t.b.id, role: 'county_admin' });
  cityAdmin = { userId: c.id, username: c.username, role: 'city_admin', unitId: t.city.id };
  adminA = { userId: a.id, username: a.username, role: 'county_admin', unitId: t.a.id };
  adminB = { userId: b.id, username: b.username, role: 'county_admin', unitId: t.b.id };
  // County A: two covered enterprises in its first township (one showing 双亮), a third covered only from 10 February.
  const u1 = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县一厂', employees: 10, shuangliang: true });
  await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县二厂', employees: 20 });
  const late = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: aTown2, name: '甲县三厂', employees: 8, foundedOn: '2026-02-10' });
  // County B: one union.
  const ub = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.bTown.id, name: '乙县一厂', employees: 30, shuangliang: true });
  for (let i = 0; i < 3; i++) await buildMember(database, { rootUnitId: t.city.id, unionId: u1.unionId, enterpriseId: u1.enterpriseId, joinedOn: '2025-06-01', migrant: i === 0 });
  await buildMember(database, { rootUnitId: t.city.id, unionId: late.unionId, enterpriseId: late.enterpriseId, joinedOn: '2026-02-15' });
  await buildMember(database, { rootUnitId: t.city.id, unionId: ub.unionId, enterpriseId: ub.enterpriseId, joinedOn: '2025-06-01' });
  // An enterprise in A's second township with no union yet.
  const { createEnterprise } = await import('../membership/service.ts');
  const { fakeCreditCode } = await import('../../test/factories.ts');
  await asA((ctx) => createEnterprise(ctx, { unitId: aTown2, creditCode: fakeCreditCode(), name: '甲县未建会企业', industry: 'C', ownership: '170', registeredOn: '2015-01-01', employees: 12 }));
  countyA = await login(app, a.username);
  countyB = await login(app, b.username);
  await otherProgramsRecords();
});

/**
 * Hand-made records of the other programs, dated in January and February 2026 (written straight to
 * the tables where the services would date them today). What each unit's figures must be:
 * see PROGRAM_FIGURES below.
 */
async function otherProgramsRecords() {
  const by = cityAdmin.userId;
  // Hardship: H1 filed 10 Jan; H2 filed 15 Jan, exited 5 Feb; H3 (county B) filed 20 Feb;
  // H4 (A's second township) exited 5 Jan, returned 20 Jan, filed again 10 Feb.
  const household = async (unitId: number, grade: string, status: string, events: [string, string][]) => {
    const [h] = await database.query<{ id: number }>(
      `INSERT INTO hardship_households (unit_id, status, worker_name, id_hash, id_sealed, id_masked, gender, birth_date, main_cause, grade, applied_on, created_by)
       VALUES ($1, $2, $3, $4, 'x', '350700********0011', 'male', '1975-01-01', 'illness', $5, '2025-11-01', $6) RETURNING id`,
      [unitId, status, `督查测试户${grade}${events.length}`, `hash-${Math.random()}`, grade, by],
    );
    for (const [action, on] of events) await database.query(`INSERT INTO hardship_events (household_id, action, on_date, actor_name) VALUES ($1, $2, $3, '测试')`, [h!.id, action, on]);
  };
  await household(t.aUnion.id, 'deep', 'filed', [
    ['registered', '2026-01-02'],
    ['filed', '2026-01-10'],
  ]);
  await household(t.aUnion.id, 'relative', 'exited', [
    ['filed', '2026-01-15'],
    ['exited', '2026-02-05'],
  ]);
  await household(t.bUnion.id, 'accident', 'filed', [['filed', '2026-02-20']]);
  await household(aTown2, 'relative', 'filed', [
    ['filed', '2025-12-01'],
    ['exited', '2026-01-05'],
    ['reentered', '2026-01-20'],
    ['filed', '2026-02-10'],
  ]);

  // Relief: county B's campaign, one application approved on 20 January and paid on 12 February.
  const { buildReliefScenario } = await import('../relief/testing.ts');
  const os = await import('node:os');
  const relief = await buildReliefScenario(database, { countyId: t.b.id, unionId: t.bUnion.id, mark: '乙县督查', filesDir: os.tmpdir() });
  await database.query(`UPDATE approval_requests SET finished_at = '2026-01-20T10:00:00+08:00' WHERE id = (SELECT approval_request_id FROM relief_applications WHERE id = $1)`, [relief.applicationId]);
  await database.query(`UPDATE relief_applications SET paid_on = '2026-02-12' WHERE id = $1`, [relief.applicationId]);

  // Legal: two disputes received at A's union (10 Jan, 15 Feb); the first mediated to an agreement
  // on 3 February, the second's mediation failed on 25 February.
  const { buildDispute } = await import('../legal/testing.ts');
  const d1 = await buildDispute(database, { rootUnitId: t.city.id, unitId: t.aUnion.id, openedOn: '2026-01-10', knewOn: '2026-01-02' });
  const d2 = await buildDispute(database, { rootUnitId: t.city.id, unitId: t.aUnion.id, openedOn: '2026-02-15', knewOn: '2026-02-02' });
  for (const [caseId, started, ended, outcome] of [
    [d1.id, '2026-01-12', '2026-02-03', 'agreement'],
    [d2.id, '2026-02-16', '2026-02-25', 'failed'],
  ] as const) {
    await database.query(
      `INSERT INTO case_stages (case_id, seq, stage, role, started_on, ended_on, outcome, created_by)
       SELECT $1, COALESCE(max(seq), 0) + 1, 'mediation', 'mediator', $2, $3, $4, $5 FROM case_stages WHERE case_id = $1`,
      [caseId, started, ended, outcome, by],
    );
  }

  // Counselling: sessions held on 12 January (through county A) and 3 February (A's second
  // township); one cancelled in February does not count.
  const { buildCounselling } = await import('../counselling/testing.ts');
  const room = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.a.id });
  for (const [unitId, day, status] of [
    [t.a.id, '2026-01-12', 'completed'],
    [aTown2, '2026-02-03', 'completed'],
    [aTown2, '2026-02-04', 'cancelled'],
  ] as const) {
    const [slot] = await database.query<{ id: number }>(`INSERT INTO counselling_slots (unit_id, counsellor_id, room_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      t.a.id,
      room.counsellorId,
      room.roomId,
      `${day}T09:00:00+08:00`,
      `${day}T10:00:00+08:00`,
    ]);
    await database.query(
      `INSERT INTO counselling_appointments (unit_id, slot_id, counsellor_id, requested_by, client_name, topic, status, completed_at, created_by)
       VALUES ($1, $2, $3, 'worker', '来访者', 'work_stress', $4, CASE WHEN $4 = 'completed' THEN $5::timestamptz + interval '1 hour' END, $6)`,
      [unitId, slot!.id, room.counsellorId, status, `${day}T09:00:00+08:00`, by],
    );
  }
}

/** The other programs' figures the hand-made records must give, by unit and month end. */
function programFigures(): Record<string, Record<number, Record<string, number | null>>> {
  const none = { 'hardship.households': 0, 'relief.paidShare': null, 'relief.households': 0, 'legal.received': 0, 'legal.mediated': 0, 'legal.mediationRate': null, 'counselling.sessions': 0 };
  return {
    [JAN]: {
      [t.city.id]: { ...none, 'hardship.households': 2, 'relief.paidShare': 0, 'legal.received': 1, 'counselling.sessions': 1 },
      [t.a.id]: { ...none, 'hardship.households': 2, 'legal.received': 1, 'counselling.sessions': 1 },
      [t.aTown.id]: { ...none, 'hardship.households': 2, 'legal.received': 1 },
      [aTown2]: { ...none },
      [t.b.id]: { ...none, 'relief.paidShare': 0 },
      [t.bTown.id]: { ...none, 'relief.paidShare': 0 },
    },
    [FEB]: {
      [t.city.id]: {
        ...none,
        'hardship.households': 3,
        'relief.paidShare': 1,
        'relief.households': 1,
        'legal.received': 2,
        'legal.mediated': 1,
        'legal.mediationRate': 0.5,
        'counselling.sessions': 2,
      },
      [t.a.id]: { ...none, 'hardship.households': 2, 'legal.received': 2, 'legal.mediated': 1, 'legal.mediationRate': 0.5, 'counselling.sessions': 2 },
      [t.aTown.id]: { ...none, 'hardship.households': 1, 'legal.received': 2, 'legal.mediated': 1, 'legal.mediationRate': 0.5 },
      [aTown2]: { ...none, 'hardship.households': 1, 'counselling.sessions': 1 },
      [t.b.id]: { ...none, 'hardship.households': 1, 'relief.paidShare': 1, 'relief.households': 1 },
      [t.bTown.id]: { ...none, 'hardship.households': 1, 'relief.paidShare': 1, 'relief.households': 1 },
    },
  };
}
afterAll(async () => {
  await app.close();
  await database.destroy();
});

/** The membership figures of a unit straight from the records (no tallies). */
async function recount(unitId: number, asOf: string) {
  return runAsSystem(database, async (db) => {
    const ctx = { db, actor: { userId: 0, username: 'system', displayName: '', role: 'city_admin' as const, unitId }, scope: { unitId, path: '/' } };
    const unit = await getUnit(ctx, unitId);
    const c = (await countedFromRecords(ctx, unit, asOf, false)).get(0)!;
    const rates = Object.fromEntries(ratesOf(c).map((r) => [`membership.${r.key}`, r.value]));
    return { ...rates, 'membership.unions': c.unions, 'membership.members': c.members, 'membership.migrantMembers': c.migrantMembers } as Record<string, number | null>;
  });
}

/** Every non-membership indicator for one unit, computed afresh from the records. */
async function recomputeOthers(unitId: number, asOf: string) {
  const { listIndicators } = await import('../../engines/indicators/catalogue.ts');
  return runAsSystem(database, async (db) => {
    const ctx = { db, actor: { userId: 0, username: 'system', displayName: '', role: 'city_admin' as const, unitId }, scope: { unitId, path: '/' } };
    const out: Record<string, number | null> = {};
    for (const def of listIndicators().filter((d) => !d.key.startsWith('membership.'))) out[def.key] = (await def.compute(ctx, unitId, asOf)).value;
    return out;
  });
}

describe('monthly snapshots', () => {
  it('freeze every supervised unit for every indicator, equal to a recomputation from the records as of the month end', async () => {
    const r = await freezeDueMonths(database, '2026-02-05'); // the scheduled run: January is over
    expect(r).toHaveLength(1);
    expect(r[0]!.period).toBe(JAN);
    await asCity((ctx) => freezeMonth(ctx, { rootUnitId: t.city.id, period: FEB }));
    for (const period of [JAN, FEB]) {
      const frozen = await asCity((ctx) => latestSnapshots(ctx, { periods: [period] }));
      const units = new Set(frozen.map((s) => s.unitId));
      expect([...units].sort()).toEqual([t.city.id, t.a.id, t.aTown.id, aTown2, t.b.id, t.bTown.id].sort());
      for (const unitId of units) {
        const expected = await recount(unitId, period);
        const got = Object.fromEntries(frozen.filter((s) => s.unitId === unitId).map((s) => [s.indicatorKey, s.value]));
        const membership = Object.fromEntries(Object.entries(got).filter(([k]) => k.startsWith('membership.')));
        expect(membership, `unit ${unitId} ${period}`).toEqual(expected);
        // The other programs' indicators: what the hand-made records give, and what each indicator
        // computes again from the records for that unit alone as of the month end.
        const others = Object.fromEntries(Object.entries(got).filter(([k]) => !k.startsWith('membership.')));
        expect(others, `unit ${unitId} ${period}`).toEqual(programFigures()[period]![unitId]);
        expect(await recomputeOthers(unitId, period), `unit ${unitId} ${period} recomputed`).toEqual(others);
      }
    }
    // Today a household is on file when its status says so: H1, H3, H4 and the relief scenario's household.
    const { todayInShanghai } = await import('../../engines/time.ts');
    expect((await recomputeOthers(t.city.id, todayInShanghai()))['hardship.households']).toBe(4);
    const jan = await recount(t.a.id, JAN);
    const feb = await recount(t.a.id, FEB);
    expect(jan['membership.unions']).toBe(2);
    expect(feb['membership.unions']).toBe(3);
    expect(feb['membership.formationRate']).toBeCloseTo(3 / 4, 4);
  });

  it('is idempotent, never changed, and a correction adds a marked version keeping the old one', async () => {
    expect((await freezeDueMonths(database, '2026-02-05')).length).toBe(0);
    expect((await asCity((ctx) => freezeMonth(ctx, { rootUnitId: t.city.id, period: JAN }))).rows).toBe(0);
    // A member whose joining in January is recorded late: the frozen January stays as it was.
    const before = (await asCity((ctx) => latestSnapshots(ctx, { unitIds: [t.a.id], periods: [JAN], keys: ['membership.members'] })))[0]!;
    const { unionId, enterpriseId } = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县补录厂', employees: 5, foundedOn: '2020-01-01' });
    await buildMember(database, { rootUnitId: t.city.id, unionId, enterpriseId, joinedOn: '2026-01-20' });
    expect((await asCity((ctx) => latestSnapshots(ctx, { unitIds: [t.a.id], periods: [JAN], keys: ['membership.members'] })))[0]!.value).toBe(before.value);
    await expect(database.query(`UPDATE indicator_snapshots SET value = 0 WHERE unit_id = $1`, [t.a.id])).rejects.toThrow(/kept unchanged/);
    // The county corrects its January: version 2, marked, with the reason; version 1 kept.
    await asA((ctx) => freezeMonth(ctx, { rootUnitId: t.a.id, period: JAN, correctionReason: '补录1月入会会员' }));
    const history = (await asA((ctx) => snapshotHistory(ctx, t.a.id, JAN))).filter((s) => s.indicatorKey === 'membership.members');
    expect(history.map((s) => [s.version, s.value, s.correction, s.reason])).toEqual([
      [1, before.value, false, null],
      [2, before.value! + 1, true, '补录1月入会会员'],
    ]);
    expect(history[1]!.value).toBe((await recount(t.a.id, JAN))['membership.members']);
    expect(history[0]!.definitionHash).toMatch(/^v1:[0-9a-f]{16}$/);
    // The correction stays within the county: the city's own January figure is untouched.
    const city = (await asCity((ctx) => latestSnapshots(ctx, { unitIds: [t.city.id], periods: [JAN], keys: ['membership.members'] })))[0]!;
    expect(city.version).toBe(1);
    expect(await code(asA((ctx) => freezeMonth(ctx, { rootUnitId: t.a.id, period: '2099-01-31' })))).toBe('SNAPSHOT_PERIOD_NOT_OVER');
  });
});

describe('targets', () => {
  it('are set by the level above for the units below, never for one’s own unit', async () => {
    expect(await code(asA((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 0.9 })))).toBe('TARGET_NOT_BELOW');
    expect(await code(asA((ctx) => setTarget(ctx, { unitId: t.b.id, year: 2026, indicatorKey: 'membership.formationRate', target: 0.9 })))).toBe('ORG_UNIT_NOT_FOUND');
    expect(await code(asCity((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 1.5 })))).toBe('TARGET_VALUE_INVALID');
    expect(await code(asCity((ctx) => setTarget(ctx, { unitId: t.aUnion.id, year: 2026, indicatorKey: 'membership.formationRate', target: 0.9 })))).toBe('TARGET_UNIT_NOT_SUPERVISED');
    const row = await asCity((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 1 }));
    // The baseline is the figure at the end of the year before, computed from the records.
    expect(row.baseline).toBeCloseTo((await recount(t.a.id, '2025-12-31'))['membership.formationRate']!, 4);
  });
});

describe('nudges', () => {
  it('fire once per cause, not at every check, and again after the unit caught up and fell behind anew', async () => {
    const today = '2026-06-30';
    await asCity((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 1, baseline: 0.95 }));
    const inbox = async () => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'behind_target'`, [adminA.userId]))[0]!.n;
    const first = await asCity((ctx) => checkTargetNudges(ctx, t.city.id, today));
    expect(first).toMatchObject({ raised: 1, behind: 1 });
    expect(await inbox()).toBe(1);
    const again = await asCity((ctx) => checkTargetNudges(ctx, t.city.id, today));
    expect(again).toMatchObject({ raised: 0, behind: 1 });
    expect(await inbox()).toBe(1);
    const [n] = await database.query<{ title: string; body: string; link: string }>(`SELECT title, body, link FROM notifications WHERE user_id = $1`, [adminA.userId]);
    expect(n!.title).toBe('组建率落后于序时进度');
    expect(n!.body).toContain('未建会企业名单');
    expect(n!.link).toContain(`unitId=${t.a.id}`);
    // The target is lowered: the unit is on track, the cause clears; raised again, it nudges again.
    await asCity((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 0.5, baseline: 0.5 }));
    expect(await asCity((ctx) => checkTargetNudges(ctx, t.city.id, today))).toMatchObject({ raised: 0, cleared: 1, behind: 0 });
    await asCity((ctx) => setTarget(ctx, { unitId: t.a.id, year: 2026, indicatorKey: 'membership.formationRate', target: 1, baseline: 1 }));
    expect(await asCity((ctx) => checkTargetNudges(ctx, t.city.id, today))).toMatchObject({ raised: 1 });
    expect(await inbox()).toBe(2);
  });

  it('reach the user in the app and live, and a county never sees another county’s notifications', async () => {
    const list = await call(app, countyA, 'GET', '/api/v1/notifications?unreadOnly=true');
    expect(list.statusCode).toBe(200);
    expect(list.json().unread).toBe(2);
    const other = await call(app, countyB, 'GET', '/api/v1/notifications');
    expect(other.json()).toMatchObject({ total: 0, unread: 0 });
    // B cannot mark A's notification read.
    const id = list.json().items[0].id;
    expect((await call(app, countyB, 'POST', '/api/v1/notifications/read', { ids: [id] })).json().marked).toBe(0);
    const read = await call(app, countyA, 'POST', '/api/v1/notifications/read', { ids: [id] });
    expect(read.json()).toEqual({ marked: 1, unread: 1 });

    // The live stream: 'ready' with the unread count, then each new notification as it is raised.
    const res = await app.inject({ method: 'GET', url: '/api/v1/notifications/stream', headers: { cookie: countyA.cookie }, payloadAsStream: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const stream = res.stream();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(text); i++) await new Promise((r) => setTimeout(r, 50));
      return text;
    };
    expect(await waitFor(/event: ready/)).toContain('"unread":1');
    const { raiseNudge } = await import('../../engines/notify/service.ts');
    await asCity((ctx) => raiseNudge(ctx, { unitId: t.a.id, causeKey: 'test.due:1', kind: 'due', title: '合同续签到期', body: '请在到期前续签。', link: '/x' }));
    await asCity((ctx) => raiseNudge(ctx, { unitId: t.b.id, causeKey: 'test.due:1', kind: 'due', title: '乙县到期事项', body: '乙县', link: '/y' }));
    expect(await waitFor(/合同续签到期/)).toContain('event: notification');
    await new Promise((r) => setTimeout(r, 300));
    expect(text).not.toContain('乙县');
    stream.destroy();
  });
});

describe('bulletins', () => {
  it('rank the units below with the change since last month, are signed and kept unchanged; re-publishing adds a version', async () => {
    const row = await asA((ctx) => publishBulletin(ctx, t.a.id, FEB));
    const c = row.content as BulletinContent;
    expect(verifyBulletin(row)).toBe(true);
    const formation = c.indicators.find((i) => i.key === 'membership.formationRate')!;
    // Township 1: 2 of 2 covered in Jan and Feb (3 of 3 after the late record) ; township 2: 0 of 1 in Jan, 1 of 2 in Feb.
    expect(formation.rows.map((r) => [r.unitId, r.rank, r.value, r.previous])).toEqual([
      [t.aTown.id, 1, 1, 1],
      [aTown2, 2, 0.5, 0],
    ]);
    expect(formation.rows[1]!.change).toBe(0.5);
    expect(formation.leaders).toEqual([t.aTown.id]);
    expect(formation.laggards).toEqual([aTown2]);
    expect(c.commentary[0]).toMatch(/^截至2026年2月末，甲县总工会组建率/);
    expect(c.commentary.join('')).toContain('进步最快的是甲县开发区工会（+50.0个百分点）');
    await expect(database.query(`UPDATE supervision_bulletins SET title = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/kept unchanged/);
    const again = await asA((ctx) => publishBulletin(ctx, t.a.id, FEB));
    expect(again.version).toBe(2);
    expect(await code(asA((ctx) => publishBulletin(ctx, t.a.id, '2026-03-31')))).toBe('BULLETIN_NOT_FROZEN');
  });

  it('download as PDF with the Chinese font embedded and as xlsx; another county gets 404', async () => {
    const list = await call(app, countyA, 'GET', '/api/v1/supervision/bulletins');
    expect(list.json().total).toBe(2);
    const id = list.json().items[0].id;
    const pdf = await call(app, countyA, 'GET', `/api/v1/supervision/bulletins/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/FontFile3|\/FontFile2/);
    expect(bytes.toString('latin1')).toContain('NotoSansHans');
    const xlsx = await call(app, countyA, 'GET', `/api/v1/supervision/bulletins/${id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = await call(app, countyA, 'GET', `/api/v1/supervision/bulletins/${id}`);
    expect(json.json()).toMatchObject({ verified: true, version: 2 });
    for (const url of [`/api/v1/supervision/bulletins/${id}`, `/api/v1/supervision/bulletins/${id}/pdf`, `/api/v1/supervision/bulletins/${id}/xlsx`]) {
      expect((await call(app, countyB, 'GET', url)).statusCode).toBe(404);
    }
    expect((await call(app, countyB, 'GET', '/api/v1/supervision/bulletins')).json().total).toBe(0);
  });
});

describe('the records behind the other programs’ figures', () => {
  it('list households, applications and disputes with their dates and notes; counselling has none', async () => {
    const records = async (indicator: string, unitId: number, figure: string) => {
      const r = await call(app, countyA, 'GET', `/api/v1/supervision/records?indicator=${indicator}&unitId=${unitId}&asOf=${FEB}&figure=${figure}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { total: number; items: { id: number; name: string; kind: string; date: string | null; detail: string | null; parentId?: number | null }[] };
    };
    const relative = await records('hardship.households', t.a.id, 'relative');
    expect(relative.items.map((i) => [i.kind, i.date, i.detail])).toEqual([['household', '2026-02-10', '相对困难']]);
    expect((await records('hardship.households', t.a.id, 'households')).total).toBe(2);
    const mediated = await records('legal.mediated', t.a.id, 'mediated');
    expect(mediated.items.map((i) => [i.kind, i.date])).toEqual([['case', '2026-01-10']]);
    expect((await records('legal.mediationRate', t.a.id, 'mediationsEnded')).total).toBe(2);
    const city = await login(app, cityAdmin.username);
    const paid = await call(app, city, 'GET', `/api/v1/supervision/records?indicator=relief.households&unitId=${t.b.id}&asOf=${FEB}&figure=paid`);
    expect(paid.json().items).toHaveLength(1);
    expect(paid.json().items[0]).toMatchObject({ kind: 'relief_application', date: '2026-02-12' });
    expect(paid.json().items[0].parentId).toBeGreaterThan(0);
    const sessions = await call(app, countyA, 'GET', `/api/v1/supervision/records?indicator=counselling.sessions&unitId=${t.a.id}&asOf=${FEB}`);
    expect(sessions.json()).toEqual({ figure: null, items: [], total: 0 });
    // County A cannot open county B's relief records.
    expect((await call(app, countyA, 'GET', `/api/v1/supervision/records?indicator=relief.households&unitId=${t.b.id}&asOf=${FEB}&figure=paid`)).statusCode).toBe(404);
  });
});

describe('bulletins of the levels above', () => {
  it('a county reads the city’s published bulletin ranking it, read-only; the city’s drafts stay with the city', async () => {
    const city = await login(app, cityAdmin.username);
    const published = await call(app, city, 'POST', '/api/v1/supervision/bulletins', { period: '2026-02', unitId: t.city.id });
    expect(published.statusCode, published.body).toBe(201);
    const id = published.json().id;
    // County B: the city's bulletin is listed among those from above, opens, downloads, and is marked as from above.
    const above = await call(app, countyB, 'GET', '/api/v1/supervision/bulletins?above=true');
    expect(above.json().items.map((b: { id: number }) => b.id)).toEqual([id]);
    const own = await call(app, countyB, 'GET', `/api/v1/supervision/bulletins?unitId=${t.b.id}`);
    expect(own.json().total).toBe(0);
    const b = await call(app, countyB, 'GET', `/api/v1/supervision/bulletins/${id}`);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ unitId: t.city.id, fromAbove: true, verified: true });
    expect(
      b
        .json()
        .content.indicators[0].rows.map((r: { unitId: number }) => r.unitId)
        .sort(),
    ).toEqual([t.a.id, t.b.id].sort());
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/bulletins/${id}/pdf`)).statusCode).toBe(200);
    expect((await call(app, city, 'GET', `/api/v1/supervision/bulletins/${id}`)).json().fromAbove).toBe(false);
    // A township of county A reads it too; county A's own bulletins stay out of B's reach.
    const aBulletins = await call(app, countyA, 'GET', '/api/v1/supervision/bulletins?above=true');
    expect(aBulletins.json().items.map((x: { id: number }) => x.id)).toEqual([id]);
    const aOwn = (await call(app, countyA, 'GET', `/api/v1/supervision/bulletins?unitId=${t.a.id}`)).json().items[0].id;
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/bulletins/${aOwn}`)).statusCode).toBe(404);
    // Drafts are the city's: no preview of the city's bulletin, no publishing in its name, no records of another county.
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/bulletins/preview?unitId=${t.city.id}&period=2026-02`)).statusCode).toBe(404);
    expect((await call(app, countyB, 'POST', '/api/v1/supervision/bulletins', { period: '2026-02', unitId: t.city.id })).statusCode).toBe(404);
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/records?indicator=membership.unions&unitId=${t.a.id}&asOf=2026-02-28`)).statusCode).toBe(404);
    // Row-level security refuses a bulletin written for a unit above the scope, whatever the query.
    const refused = await asUser(database, adminB, (ctx) =>
      ctx.db.execute(sql`INSERT INTO supervision_bulletins (unit_id, period, version, title, content, content_hash) VALUES (${t.city.id}, '2026-02-28', 9, 'x', '{}'::jsonb, 'x')`),
    ).then(
      () => null,
      (e: Error & { cause?: Error }) => e,
    );
    expect(String(refused?.cause?.message ?? refused?.message)).toMatch(/row-level security/);
  });
});

describe('county scope', () => {
  it('a county sees its own snapshots only, and its dashboard ranks only its own units', async () => {
    const own = await call(app, countyB, 'GET', `/api/v1/supervision/snapshots?period=2026-01`);
    expect(own.statusCode).toBe(200);
    const ids = new Set(own.json().items.map((s: { unitId: number }) => s.unitId));
    expect([...ids].sort()).toEqual([t.b.id, t.bTown.id].sort());
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/snapshots?period=2026-01&unitId=${t.a.id}`)).statusCode).toBe(404);
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/snapshots/history?period=2026-01&unitId=${t.a.id}`)).statusCode).toBe(404);
    const n = await asUser(database, adminB, async (ctx) => (await ctx.db.execute(sql`SELECT count(*)::int AS n FROM indicator_snapshots`)) as unknown as { rows: { n: number }[] });
    expect(n.rows[0]!.n).toBe((await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM indicator_snapshots WHERE unit_id IN ($1, $2)`, [t.b.id, t.bTown.id]))[0]!.n);
    const dash = await call(app, countyA, 'GET', '/api/v1/supervision/dashboard?asOf=2026-03-15');
    expect(dash.statusCode).toBe(200);
    const body = dash.json();
    expect(body.unit.id).toBe(t.a.id);
    const formation = body.gauges.find((g: { indicator: { key: string } }) => g.indicator.key === 'membership.formationRate');
    expect(formation.progress.status).toBe('red');
    expect(formation.drill.href).toContain('indicator=membership.formationRate');
    const trend = body.trends.find((x: { indicatorKey: string }) => x.indicatorKey === 'membership.unions');
    expect(trend.points.filter((p: { frozen: boolean }) => p.frozen).map((p: { period: string; value: number; corrected: boolean }) => [p.period, p.value, p.corrected])).toEqual([
      [JAN, 3, true],
      [FEB, 3, false],
    ]);
    const drill = await call(app, countyA, 'GET', `${formation.drill.href.replace(/&asOf=[^&]+/, '')}&figure=uncoveredEnterprises`);
    expect(drill.json().items.map((i: { name: string }) => i.name)).toEqual(['甲县未建会企业']);
    expect(dash.body).not.toContain('乙县');
  });
});

describe('the API', () => {
  it('sets targets for the units below and shows their progress; freezes a month on demand; builds quarterly reviews', async () => {
    const city = await login(app, cityAdmin.username);
    const put = await call(app, city, 'PUT', '/api/v1/supervision/targets', { unitId: t.b.id, year: 2026, indicatorKey: 'membership.unions', target: 4, baseline: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect((await call(app, countyA, 'PUT', '/api/v1/supervision/targets', { unitId: t.b.id, year: 2026, indicatorKey: 'membership.unions', target: 9 })).statusCode).toBe(404);
    const own = await call(app, countyB, 'GET', '/api/v1/supervision/targets?year=2026');
    const item = own.json().items.find((i: { indicatorKey: string }) => i.indicatorKey === 'membership.unions');
    expect(item).toMatchObject({ unitId: t.b.id, target: 4, baseline: 1, actual: 1 });
    expect(item.progress.status).toBe('red');
    expect((await call(app, countyB, 'GET', `/api/v1/supervision/targets?unitId=${t.a.id}`)).statusCode).toBe(404);

    const frozen = await call(app, city, 'POST', '/api/v1/supervision/snapshots', { period: '2026-03' });
    expect(frozen.json()).toMatchObject({ period: '2026-03-31', correction: false });
    expect(frozen.json().rows).toBeGreaterThan(0);
    const review = await call(app, countyA, 'GET', '/api/v1/supervision/reviews?year=2026&kind=quarter');
    expect(review.statusCode).toBe(200);
    expect(review.json().periods.map((p: { label: string }) => p.label)).toEqual(['2026年第一季度']);
    const preview = await call(app, countyA, 'GET', '/api/v1/supervision/bulletins/preview?period=2026-03');
    expect(preview.json()).toMatchObject({ frozen: true, period: '2026-03-31', previousPeriod: FEB });
    const catalogue = await call(app, countyA, 'GET', '/api/v1/supervision/indicators');
    expect(catalogue.json().items.map((i: { key: string }) => i.key)).toEqual([
      'membership.formationRate',
      'membership.membershipRate',
      'membership.shuangliangRate',
      'membership.unions',
      'membership.members',
      'membership.migrantMembers',
      'hardship.households',
      'relief.paidShare',
      'relief.households',
      'legal.received',
      'legal.mediated',
      'legal.mediationRate',
      'counselling.sessions',
    ]);
  });
});
