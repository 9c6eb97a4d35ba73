import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import type { Role } from '../accounts/roles.ts';
import type { Ctx } from '../context.ts';
import type { DomainError } from '../errors.ts';
import { code } from '../../test/errors.ts';
import { createChain, decide, decideMany, DEFAULT_CHAIN, endNotice, openRequest, previewDecisions, requestTimeline } from './service.ts';
import type { ChainStep } from './schema.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type Who = { userId: number; username: string; role: Role; unitId: number };
const users: Record<string, Who> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const mk = async (name: string, unitId: number, role: Role) => {
    const u = await buildUser(database, { unitId, role });
    users[name] = { userId: u.id, username: u.username, role, unitId };
  };
  await mk('clerk', t.aUnion.id, 'grassroots_staff');
  await mk('chair', t.aUnion.id, 'grassroots_staff');
  await mk('countyA', t.a.id, 'county_admin');
  await mk('countyA2', t.a.id, 'county_admin');
  await mk('countyB', t.b.id, 'county_admin');
  await mk('city', t.city.id, 'city_admin');
  await mk('city2', t.city.id, 'city_admin');
});
afterAll(() => database.destroy());

const as = <T>(who: string, w: (ctx: Ctx) => Promise<T>) => asUser(database, users[who]!, w);
let n = 0;
async function request(steps: ChainStep[], by = 'clerk', unitId = t.aUnion.id) {
  const chain = await as('city', (ctx) => createChain(ctx, { unitId: t.city.id, name: '测试流程', steps }));
  return as(by, (ctx) => openRequest(ctx, { chainId: chain.id, unitId, subjectType: 'test', subjectId: String(++n) }));
}

describe('approval chains', () => {
  it('refuses a chain that goes down a level, ends on a notice, or has a notice of no days', async () => {
    const bad: ChainStep[][] = [
      [
        { kind: 'decide', level: 'city' },
        { kind: 'decide', level: 'county' },
      ],
      [
        { kind: 'decide', level: 'county' },
        { kind: 'notice', days: 7 },
      ],
      [
        { kind: 'notice', days: 0 },
        { kind: 'decide', level: 'city' },
      ],
      [],
    ];
    for (const steps of bad) expect(await code(as('city', (ctx) => createChain(ctx, { unitId: t.city.id, name: 'x', steps })))).toBe('APPROVAL_CHAIN_INVALID');
  });

  it('goes grassroots → county → notice → city, each level only after the one below, never by the applicant', async () => {
    const req = await request(DEFAULT_CHAIN);
    expect(req).toMatchObject({ step: 0, status: 'pending' });
    expect(await code(as('city', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_LOWER_LEVEL_FIRST');
    expect(await code(as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_LOWER_LEVEL_FIRST');
    expect(await code(as('clerk', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_SELF_DECISION');
    await as('chair', (ctx) => decide(ctx, req.id, { decision: 'approve' }));
    expect(await code(as('chair', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_WRONG_LEVEL');
    const county = await as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' }));
    expect(county.request).toMatchObject({ step: 2, status: 'in_notice' });
    expect(county.request.noticeUntil! > county.request.noticeFrom!).toBe(true);
    expect(await code(as('city', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_IN_NOTICE');
    expect(await code(as('city', (ctx) => endNotice(ctx, req.id, {})))).toBe('APPROVAL_NOTICE_RUNNING');
    await as('city', (ctx) => endNotice(ctx, req.id, { today: county.request.noticeUntil! }));
    const done = await as('city', (ctx) => decide(ctx, req.id, { decision: 'approve' }));
    expect(done).toMatchObject({ approved: true, request: { status: 'approved', step: 4 } });
    expect(await code(as('city2', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_FINISHED');
    const tl = await as('city', (ctx) => requestTimeline(ctx, req.id));
    expect(tl.steps.map((s) => s.decision?.kind)).toEqual(['approve', 'approve', 'notice_passed', 'approve']);
  });

  it('lets one person decide only one step of a request', async () => {
    const req = await request([
      { kind: 'decide', level: 'county', label: '初审' },
      { kind: 'decide', level: 'county', label: '复审' },
    ]);
    await as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' }));
    expect(await code(as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_SAME_PERSON_TWICE');
    expect((await as('countyA2', (ctx) => decide(ctx, req.id, { decision: 'approve' }))).approved).toBe(true);
  });

  it('rejects only with a reason, and an upheld objection in the notice ends the request', async () => {
    const req = await request(DEFAULT_CHAIN);
    expect(await code(as('chair', (ctx) => decide(ctx, req.id, { decision: 'reject', reason: '  ' })))).toBe('APPROVAL_REASON_REQUIRED');
    const r = await as('chair', (ctx) => decide(ctx, req.id, { decision: 'reject', reason: '收入核实不符' }));
    expect(r.request.status).toBe('rejected');
    expect((await as('countyA', (ctx) => requestTimeline(ctx, req.id))).steps[0]!.decision).toMatchObject({ kind: 'reject', reason: '收入核实不符' });
    const req2 = await request([
      { kind: 'notice', days: 5 },
      { kind: 'decide', level: 'city' },
    ]);
    expect(req2.status).toBe('in_notice');
    const o = await as('city', (ctx) => endNotice(ctx, req2.id, { objection: '群众反映家有营运车辆', today: req2.noticeUntil! }));
    expect(o.request.status).toBe('rejected');
  });

  it('skips the levels below the unit that applies', async () => {
    const req = await request(DEFAULT_CHAIN, 'countyA', t.a.id);
    expect(req).toMatchObject({ step: 1, status: 'pending' });
    expect(await code(as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_SELF_DECISION');
    expect((await as('countyA2', (ctx) => decide(ctx, req.id, { decision: 'approve' }))).request.status).toBe('in_notice');
  });

  it('decides a step once when two clerks decide it at the same moment', async () => {
    const req = await request([
      { kind: 'decide', level: 'county' },
      { kind: 'decide', level: 'city' },
    ]);
    const results = await Promise.allSettled([as('countyA', (ctx) => decide(ctx, req.id, { decision: 'approve' })), as('countyA2', (ctx) => decide(ctx, req.id, { decision: 'approve' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as DomainError;
    // Racing on a server: the second insert meets the first's decision; one after the other: the step has moved on.
    expect(['APPROVAL_ALREADY_DECIDED', 'APPROVAL_WRONG_LEVEL']).toContain(lost.code);
    expect(await database.query('SELECT step FROM approval_decisions WHERE request_id = $1', [req.id])).toEqual([{ step: 0 }]);
  });

  it('previews a bulk decision without writing, then applies it to those that pass', async () => {
    const a = await request([{ kind: 'decide', level: 'county' }]);
    const b = await request([{ kind: 'decide', level: 'county' }], 'countyA', t.a.id);
    const c = await request([
      { kind: 'decide', level: 'grassroots' },
      { kind: 'decide', level: 'county' },
    ]);
    const preview = await as('countyA', (ctx) => previewDecisions(ctx, [a.id, b.id, c.id], { decision: 'approve' }));
    expect(preview.map((o) => [o.ok, o.code ?? null, o.to?.status ?? null])).toEqual([
      [true, null, 'approved'],
      [false, 'APPROVAL_SELF_DECISION', null],
      [false, 'APPROVAL_LOWER_LEVEL_FIRST', null],
    ]);
    expect(await database.query(`SELECT count(*)::int AS n FROM approval_decisions WHERE request_id = ANY($1::int[])`, [[a.id, b.id, c.id]])).toEqual([{ n: 0 }]);
    const seen: number[] = [];
    await as('countyA', (ctx) => decideMany(ctx, [a.id, b.id, c.id], { decision: 'approve' }, async (d) => void seen.push(d.request.id)));
    expect(seen).toEqual([a.id]);
    expect(await database.query(`SELECT id, status FROM approval_requests WHERE id = ANY($1::int[]) ORDER BY id`, [[a.id, b.id]])).toEqual([
      { id: a.id, status: 'approved' },
      { id: b.id, status: 'pending' },
    ]);
  });

  it('hides another county’s requests', async () => {
    const req = await request([{ kind: 'decide', level: 'county' }]);
    expect(await code(as('countyB', (ctx) => decide(ctx, req.id, { decision: 'approve' })))).toBe('APPROVAL_NOT_FOUND');
    expect(await code(as('countyB', (ctx) => requestTimeline(ctx, req.id)))).toBe('APPROVAL_NOT_FOUND');
  });
});
