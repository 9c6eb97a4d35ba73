import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import type { Ctx } from '../context.ts';
import { code } from '../../test/errors.ts';
import { runAsSystem } from '../org/scope.ts';
import { rowsOf } from '../../db/sql.ts';
import { addDays, daysBetween, firstWorkingDayFrom } from './deadlines.ts';
import type { CaseFlow } from './flow.ts';
import { advanceStage, assignCase, caseRecord, closeCase, dueSoon, endStage, loadCalendar, openCase, recordEvent, registerFlow } from './service.ts';
import { todayInShanghai } from '../time.ts';

/** A flow of the engine's own, so these tests depend on no program. */
const flow: CaseFlow = registerFlow({
  kind: 'test_flow',
  stages: ['intake', 'hearing', 'review'],
  entry: ['intake', 'hearing'],
  next: { intake: ['hearing', 'review'], hearing: ['review'], review: [] },
  roles: { intake: ['clerk'], hearing: ['agent'], review: ['agent'] },
  outcomes: { intake: ['referred'], hearing: ['won', 'lost'], review: ['won', 'lost'] },
  events: ['notice_served'],
  deadlines: [{ key: 'reply', label: '答复期限', basis: '测试', from: ['notice_served'], period: { days: 10 }, metBy: ['hearing_started'] }],
  results: ['done'],
});

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type Who = { userId: number; username: string; role: 'county_admin' | 'lawyer' | 'auditor'; unitId: number };
let adminA: Who;
let adminB: Who;
let lawyer: Who;
let auditor: Who;

const as = <T>(who: Who, w: (ctx: Ctx) => Promise<T>) => asUser(database, who, w);
const visibleCaseIds = (who: Who) => as(who, async (ctx) => rowsOf<{ id: number }>(await ctx.db.execute(sql`SELECT id FROM cases ORDER BY id`)).map((r) => r.id));
const today = todayInShanghai();
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const who = async (unitId: number, role: Who['role']) => {
    const u = await buildUser(database, { unitId, role });
    return { userId: u.id, username: u.username, role, unitId };
  };
  adminA = await who(t.a.id, 'county_admin');
  adminB = await who(t.b.id, 'county_admin');
  lawyer = await who(t.city.id, 'lawyer');
  auditor = await who(t.a.id, 'auditor');
});
afterAll(() => database.destroy());

describe('a case moving through its stages', () => {
  it('goes forward in the allowed order with the allowed roles, and records every stage with its dates', async () => {
    const c = await as(adminA, (ctx) => openCase(ctx, flow, { unitId: t.aUnion.id, title: '测试案件', openedOn: daysAgo(30), stage: 'intake', role: 'clerk' }));
    expect(await code(as(adminA, (ctx) => openCase(ctx, flow, { unitId: t.aUnion.id, title: 'x', openedOn: daysAgo(1), stage: 'review', role: 'agent' })))).toBe('CASE_STAGE_ORDER');
    expect(await code(as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'hearing', role: 'clerk', startedOn: daysAgo(20) })))).toBe('CASE_ROLE_NOT_ALLOWED');
    expect(await code(as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'hearing', role: 'agent', startedOn: daysAgo(40) })))).toBe('CASE_DATE_INVALID');
    expect(await code(as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'hearing', role: 'agent', startedOn: addDays(today, 1) })))).toBe('CASE_DATE_INVALID');
    await as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'hearing', role: 'agent', startedOn: daysAgo(20) }));
    // The hearing must end before the review starts; the intake ended by itself.
    expect(await code(as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'review', role: 'agent', startedOn: daysAgo(10) })))).toBe('CASE_STAGE_NOT_ENDED');
    expect(await code(as(adminA, (ctx) => endStage(ctx, flow, c.id, { outcome: 'referred', endedOn: daysAgo(12) })))).toBe('CASE_OUTCOME_NOT_ALLOWED');
    await as(adminA, (ctx) => endStage(ctx, flow, c.id, { outcome: 'lost', endedOn: daysAgo(12), amountFen: 150000 }));
    expect(await code(as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'intake', role: 'clerk', startedOn: daysAgo(10) })))).toBe('CASE_STAGE_ORDER');
    await as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'review', role: 'agent', startedOn: daysAgo(10) }));
    expect(await code(as(adminA, (ctx) => closeCase(ctx, flow, c.id, { result: 'nonsense', closedOn: daysAgo(1) })))).toBe('CASE_RESULT_UNKNOWN');
    await as(adminA, (ctx) => closeCase(ctx, flow, c.id, { result: 'done', closedOn: daysAgo(1) }));
    expect(await code(as(adminA, (ctx) => recordEvent(ctx, flow, c.id, { kind: 'notice_served', occurredOn: daysAgo(1) })))).toBe('CASE_CLOSED');
    const r = await as(adminA, (ctx) => caseRecord(ctx, flow, c.id));
    expect(r.case).toMatchObject({ status: 'closed', stage: 'review', result: 'done', closedOn: daysAgo(1) });
    expect(r.stages.map((s) => [s.stage, s.role, s.startedOn, s.endedOn, s.outcome, s.amountFen])).toEqual([
      ['intake', 'clerk', daysAgo(30), daysAgo(20), null, 0],
      ['hearing', 'agent', daysAgo(20), daysAgo(12), 'lost', 150000],
      ['review', 'agent', daysAgo(10), daysAgo(1), null, 0],
    ]);
    expect(r.events.map((e) => e.kind)).toEqual(['intake_started', 'intake_ended', 'hearing_started', 'hearing_ended', 'review_started']);
    const audit = await database.query<{ entity: string }>(`SELECT entity FROM audit_log WHERE entity LIKE 'case%' AND entity_id = $1 ORDER BY seq`, [String(c.id)]);
    expect(audit.map((a) => a.entity)).toEqual(['case', 'case.stage', 'case.stage', 'case.stage', 'case']);
  });

  it('keeps the deadlines computed from events, and lists those due soon for the reminder job', async () => {
    const c = await as(adminA, (ctx) =>
      openCase(ctx, flow, { unitId: t.aUnion.id, title: '期限案件', openedOn: daysAgo(5), stage: 'intake', role: 'clerk', events: [{ kind: 'notice_served', occurredOn: daysAgo(5) }] }),
    );
    // Ten days from a notice served five days ago: five days from today, or — when that is a rest
    // day on the calendar the city keeps — the first working day after it (any test day will do).
    const due = firstWorkingDayFrom(await runAsSystem(database, (db) => loadCalendar(db)), addDays(today, 5));
    const left = daysBetween(today, due);
    expect(left).toBeGreaterThanOrEqual(5);
    const r = await as(adminA, (ctx) => caseRecord(ctx, flow, c.id));
    expect(r.deadlines).toEqual([expect.objectContaining({ key: 'reply', label: '答复期限', dueOn: due, daysLeft: left, state: left <= 7 ? 'due_soon' : 'open', metOn: null })]);
    const soon = await as(adminA, (ctx) => dueSoon(ctx.db, { withinDays: left, kind: 'test_flow' }));
    expect(soon.map((d) => [d.caseId, d.key, d.dueOn])).toEqual([[c.id, 'reply', due]]);
    expect(await as(adminA, (ctx) => dueSoon(ctx.db, { withinDays: left - 1, kind: 'test_flow' }))).toEqual([]);
    // County B sees none of A's deadlines; the system (the job) sees all.
    expect(await as(adminB, (ctx) => dueSoon(ctx.db, { withinDays: left }))).toEqual([]);
    expect((await runAsSystem(database, (db) => dueSoon(db, { withinDays: left, kind: 'test_flow' }))).map((d) => d.caseId)).toEqual([c.id]);
    // Entering the hearing meets the deadline: it is no longer due.
    await as(adminA, (ctx) => advanceStage(ctx, flow, c.id, { stage: 'hearing', role: 'agent', startedOn: daysAgo(1) }));
    expect(await as(adminA, (ctx) => dueSoon(ctx.db, { withinDays: 30, kind: 'test_flow' }))).toEqual([]);
    const after = await as(adminA, (ctx) => caseRecord(ctx, flow, c.id));
    expect(after.deadlines[0]).toMatchObject({ state: 'met', metOn: daysAgo(1) });
  });
});

describe('who sees a case', () => {
  it('shows a lawyer only the cases assigned to them, in every query, and ends an assignment when replaced', async () => {
    const c1 = await as(adminA, (ctx) =>
      openCase(ctx, flow, { unitId: t.aUnion.id, title: '指派一', openedOn: daysAgo(3), stage: 'hearing', role: 'agent', events: [{ kind: 'notice_served', occurredOn: daysAgo(3) }] }),
    );
    const c2 = await as(adminA, (ctx) => openCase(ctx, flow, { unitId: t.aUnion.id, title: '指派二', openedOn: daysAgo(3), stage: 'intake', role: 'clerk' }));
    expect(await visibleCaseIds(lawyer)).toEqual([]);
    await as(adminA, (ctx) => assignCase(ctx, flow, c1.id, { userId: lawyer.userId, role: 'lawyer', assignedOn: daysAgo(2) }));
    expect(await code(as(adminA, (ctx) => assignCase(ctx, flow, c1.id, { userId: lawyer.userId, role: 'lawyer', assignedOn: daysAgo(1) })))).toBe('CASE_ALREADY_ASSIGNED');
    expect(await visibleCaseIds(lawyer)).toEqual([c1.id]);
    const counts = await as(
      lawyer,
      async (ctx) =>
        rowsOf<{ stages: number; events: number }>(await ctx.db.execute(sql`SELECT (SELECT count(*)::int FROM case_stages) AS stages, (SELECT count(*)::int FROM case_events) AS events`))[0],
    );
    expect(counts).toEqual({ stages: 1, events: 2 });
    expect(await code(as(lawyer, (ctx) => caseRecord(ctx, flow, c2.id)))).toBe('CASE_NOT_FOUND');
    // The lawyer works the assigned case.
    await as(lawyer, (ctx) => recordEvent(ctx, flow, c1.id, { kind: 'notice_served', occurredOn: daysAgo(1) }));
    expect(await code(as(lawyer, (ctx) => recordEvent(ctx, flow, c2.id, { kind: 'notice_served', occurredOn: daysAgo(1) })))).toBe('CASE_NOT_FOUND');
    // Reassigned to another lawyer: the first no longer sees it.
    const other = await buildUser(database, { unitId: t.city.id, role: 'lawyer' });
    await as(adminA, (ctx) => assignCase(ctx, flow, c1.id, { userId: other.id, role: 'lawyer', assignedOn: daysAgo(1) }));
    expect(await visibleCaseIds(lawyer)).toEqual([]);
    expect(await visibleCaseIds({ userId: other.id, username: other.username, role: 'lawyer', unitId: t.city.id })).toEqual([c1.id]);
  });

  it('keeps county B and its auditors out, and lets A’s auditor read A’s cases', async () => {
    const ids = await visibleCaseIds(adminA);
    expect(ids.length).toBeGreaterThan(0);
    expect(await visibleCaseIds(adminB)).toEqual([]);
    expect(await visibleCaseIds(auditor)).toEqual(ids);
    expect(await code(as(adminB, (ctx) => caseRecord(ctx, flow, ids[0]!)))).toBe('CASE_NOT_FOUND');
    expect(await code(as(adminB, (ctx) => openCase(ctx, flow, { unitId: t.aUnion.id, title: '越界', openedOn: daysAgo(1), stage: 'intake', role: 'clerk' })))).toBe('ORG_UNIT_NOT_FOUND');
  });
});
