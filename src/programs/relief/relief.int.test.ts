import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeIdNumber } from '../../test/factories.ts';
import { buildHardshipStandard, buildHousehold } from '../hardship/testing.ts';
import type { Role } from '../../engines/accounts/roles.ts';
import type { Ctx } from '../../engines/context.ts';
import type { DomainError } from '../../engines/errors.ts';
import { code } from '../../test/errors.ts';
import { todayInShanghai } from '../../engines/time.ts';
import type { ChainStep } from '../../engines/approvals/schema.ts';
import { fundBooks, sumLines, traceEntry } from '../../engines/ledger/service.ts';
import {
  allocateFunds,
  bankFileRows,
  checkEligibility,
  confirmBatch,
  createBatch,
  createCampaign,
  decideApplication,
  decideBulk,
  endApplicationNotice,
  getApplication,
  listApplications,
  previewBulk,
  raiseFunds,
  submitApplication,
} from './service.ts';
import { campaignSummary, drillDown, studentAidByLevel } from './reports.ts';
import type { CampaignRow } from './schema.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type Who = { userId: number; username: string; role: Role; unitId: number };
const u: Record<string, Who> = {};
const today = todayInShanghai();
const year = today.slice(0, 4);

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  for (const [name, unitId, role] of [
    ['clerk', t.aUnion.id, 'grassroots_staff'],
    ['chair', t.aUnion.id, 'grassroots_staff'],
    ['countyA', t.a.id, 'county_admin'],
    ['bClerk', t.bUnion.id, 'grassroots_staff'],
    ['bChair', t.bUnion.id, 'grassroots_staff'],
    ['countyB', t.b.id, 'county_admin'],
    ['city', t.city.id, 'city_admin'],
    ['city2', t.city.id, 'city_admin'],
  ] as const) {
    const x = await buildUser(database, { unitId, role });
    u[name] = { userId: x.id, username: x.username, role, unitId };
  }
  await buildHardshipStandard(database, { unitId: t.city.id, minimumLivingFen: 400_00 });
});
afterAll(() => database.destroy());

const as = <T>(who: string, w: (ctx: Ctx) => Promise<T>) => asUser(database, u[who]!, w);
const THREE: ChainStep[] = [
  { kind: 'decide', level: 'grassroots' },
  { kind: 'decide', level: 'county' },
  { kind: 'decide', level: 'city' },
];

async function festival(o: { steps?: ChainStep[]; pools?: [number, number] } = {}): Promise<CampaignRow> {
  const c = await as('city', (ctx) =>
    createCampaign(ctx, {
      unitId: t.city.id,
      kind: 'festival',
      name: `${year}年两节慰问`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      standards: { byGrade: { deep: 1500_00, relative: 1000_00, accident: 1000_00, not_filed: 500_00 } },
      steps: o.steps ?? THREE,
    }),
  );
  await as('city', (ctx) => raiseFunds(ctx, c.id, { unitId: t.city.id, source: 'city', amountFen: 100_000_00 }));
  await as('city', (ctx) => raiseFunds(ctx, c.id, { unitId: t.city.id, source: 'enterprise', amountFen: 20_000_00, donor: '南平铝业' }));
  const [a, b] = o.pools ?? [10_000_00, 10_000_00];
  if (a) await as('city', (ctx) => allocateFunds(ctx, c.id, { toUnitId: t.a.id, amountFen: a }));
  if (b) await as('city', (ctx) => allocateFunds(ctx, c.id, { toUnitId: t.b.id, amountFen: b }));
  return c;
}

/** Through grassroots and county to the city's last step. */
async function upToCity(appId: number, g = 'chair', county = 'countyA') {
  await as(g, (ctx) => decideApplication(ctx, appId, { decision: 'approve' }));
  await as(county, (ctx) => decideApplication(ctx, appId, { decision: 'approve' }));
}

describe('eligibility and one application per household', () => {
  it('applies the campaign’s rules with the reason shown, and the standard amount by grade', async () => {
    const c = await festival();
    const deep = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, monthlyPerCapitaFen: 300_00 });
    const relative = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, monthlyPerCapitaFen: 600_00 });
    expect(await as('clerk', (ctx) => checkEligibility(ctx, c.id, { unitId: t.aUnion.id, householdId: deep.id }))).toMatchObject({ eligible: true, amountFen: 1500_00, grade: 'deep' });
    expect(await as('clerk', (ctx) => checkEligibility(ctx, c.id, { unitId: t.aUnion.id, householdId: relative.id }))).toMatchObject({ eligible: true, amountFen: 1000_00 });
    const temp = await as('clerk', (ctx) => checkEligibility(ctx, c.id, { unitId: t.aUnion.id, name: '临时户', idNumber: fakeIdNumber('1960-01-01'), people: 2 }));
    expect(temp).toMatchObject({ eligible: true, amountFen: 500_00, archived: false });
    expect(temp.checks[0]!.reason).toContain('临时救助');
    const strict = await as('city', (ctx) =>
      createCampaign(ctx, {
        unitId: t.city.id,
        kind: 'custom',
        subject: 'household',
        name: '深度困难专项',
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        rules: { grades: ['deep'] },
        standards: { byGrade: { deep: 800_00 } },
        steps: THREE,
      }),
    );
    const err = (await as('clerk', (ctx) => submitApplication(ctx, strict.id, { unitId: t.aUnion.id, householdId: relative.id })).catch((e) => e)) as DomainError;
    expect(err.code).toBe('APPLICATION_NOT_ELIGIBLE');
    expect(err.message).toContain('相对困难不在本活动帮扶范围内');
    expect(await code(as('clerk', (ctx) => submitApplication(ctx, strict.id, { unitId: t.aUnion.id, name: '临时户', idNumber: fakeIdNumber() })))).toBe('APPLICATION_NOT_ELIGIBLE');
  });

  it('allows one application per household per campaign across the federation, saying where it is', async () => {
    const c = await festival();
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id });
    await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id }));
    expect(await code(as('chair', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id })))).toBe('APPLICATION_DUPLICATE');
    // County B cannot see the file, and enters the same worker as a case not on file: refused, naming county A.
    const err = (await as('bClerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.bUnion.id, name: '同一人', idNumber: h.idNumber })).catch((e) => e)) as DomainError;
    expect(err.code).toBe('APPLICATION_DUPLICATE');
    expect(err.message).toContain('甲县总工会');
    const [n] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM relief_applications WHERE campaign_id = $1', [c.id]);
    expect(n!.n).toBe(1);
    // Two unions entering the same worker at the same moment: one application.
    const id = fakeIdNumber('1962-02-02');
    const racing = await Promise.allSettled([
      as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, name: '同时填报', idNumber: id })),
      as('bClerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.bUnion.id, name: '同时填报', idNumber: id })),
    ]);
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((racing.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as DomainError).code).toBe('APPLICATION_DUPLICATE');
  });

  it('aids students by school level and archive status, and not those funded elsewhere', async () => {
    const c = await as('city', (ctx) =>
      createCampaign(ctx, { unitId: t.city.id, kind: 'student_aid', name: `${year}年金秋助学`, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, steps: THREE }),
    );
    const child = fakeIdNumber('2000-09-01');
    await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, children: [{ name: '陈小红', idNumber: child, schoolLevel: 'college' }] });
    const filed = await as('clerk', (ctx) => checkEligibility(ctx, c.id, { unitId: t.aUnion.id, name: '陈小红', idNumber: child, schoolLevel: 'college' }));
    expect(filed).toMatchObject({ eligible: true, archived: true, amountFen: 5000_00 });
    const other = await as('clerk', (ctx) => checkEligibility(ctx, c.id, { unitId: t.aUnion.id, name: '王小军', idNumber: fakeIdNumber('2001-02-02'), schoolLevel: 'high_school' }));
    expect(other).toMatchObject({ eligible: true, archived: false, amountFen: 2000_00 });
    const funded = await as('clerk', (ctx) =>
      checkEligibility(ctx, c.id, { unitId: t.aUnion.id, name: '李小华', idNumber: fakeIdNumber('2001-03-03'), schoolLevel: 'college', fundedElsewhere: true }),
    );
    expect(funded.eligible).toBe(false);
    expect(funded.checks.find((x) => !x.ok)!.reason).toContain('其他渠道资助');
  });
});

describe('from application to payment', () => {
  it('takes an application through three levels, commits and pays it once, and the report shows it', async () => {
    const c = await festival();
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, size: 4 });
    const app = await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id }));
    expect(await code(as('clerk', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })))).toBe('APPROVAL_SELF_DECISION');
    expect(await code(as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })))).toBe('APPROVAL_LOWER_LEVEL_FIRST');
    await upToCity(app.id);
    expect((await as('city', (ctx) => fundBooks(ctx, c.fundId))).totals.committed).toBe(0);
    await as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' }));
    const books = await as('city', (ctx) => fundBooks(ctx, c.fundId));
    expect(books.totals).toEqual({ raised: 120_000_00, available: 120_000_00 - 1500_00, committed: 1500_00, paid: 0 });
    const batch = await as('countyA', (ctx) => createBatch(ctx, c.id, { unitId: t.a.id }));
    expect(batch).toMatchObject({ count: 1, totalFen: 1500_00 });
    expect(await code(as('countyA', (ctx) => createBatch(ctx, c.id, { unitId: t.a.id })))).toBe('BATCH_EMPTY');
    const file = await as('countyA', (ctx) => bankFileRows(ctx, batch.id));
    expect(file.rows).toEqual([expect.objectContaining({ name: h.workerName, amount: '1500.00', bankAccount: expect.stringMatching(/^62284800\d{11}$/) })]);
    await as('countyA', (ctx) => confirmBatch(ctx, batch.id, { paidOn: today, bankReference: 'NB-001' }));
    expect(await code(as('countyA', (ctx) => confirmBatch(ctx, batch.id, { paidOn: today })))).toBe('BATCH_ALREADY_PAID');
    const detail = await as('countyA', (ctx) => getApplication(ctx, app.id));
    expect(detail.postings.map((p) => p.kind)).toEqual(['commit', 'pay']);
    expect(detail.application.paidOn).toBe(today);
    // The payment traces back to the money allocated to county A.
    const trail = await as('city', (ctx) => traceEntry(ctx, c.fundId, detail.postings[1]!.id));
    expect(trail.fundedBy.map((l) => l.entryKind)).toContain('allocate');
    // The county's report: one household, four people, ¥1,500 paid; each figure drills to its records.
    const report = await as('city', (ctx) => campaignSummary(ctx, c.id));
    const rowA = report.rows.find((r) => r.unitId === t.a.id)!;
    expect(rowA).toMatchObject({ households: 1, people: 4, allocatedFen: 10_000_00, paidFen: 1500_00 });
    expect(report.total).toMatchObject({ raisedFen: 120_000_00, allocatedFen: 20_000_00, paidFen: 1500_00, households: 1 });
    const paidLines = await as('city', (ctx) => drillDown(ctx, c.id, { figure: 'paid', unitId: t.a.id, offset: 0, limit: 50 }));
    expect(paidLines.lines.reduce((s, l) => s + l.amount, 0)).toBe(rowA.paidFen);
    const raised = await as('city', (ctx) => drillDown(ctx, c.id, { figure: 'raised', unitId: t.city.id, own: true, offset: 0, limit: 50 }));
    expect(-raised.lines.reduce((s, l) => s + l.amount, 0)).toBe(report.rows[0]!.raisedFen);
    const households = await as('city', (ctx) => drillDown(ctx, c.id, { figure: 'households', unitId: t.a.id, offset: 0, limit: 50 }));
    expect(households.applications.map((a) => a.id)).toEqual([app.id]);
  });

  it('pays exactly once when two city clerks approve the last step at the same moment', async () => {
    const c = await festival();
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id });
    const app = await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id }));
    await upToCity(app.id);
    const results = await Promise.allSettled([
      as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })),
      as('city2', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // A retried request finds the chain finished and posts nothing.
    expect(await code(as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })))).toBe('APPROVAL_FINISHED');
    const commits = await database.query(`SELECT id FROM ledger_entries WHERE fund_id = $1 AND ref_id = $2 AND kind = 'commit'`, [c.fundId, `${c.id}:${app.id}`]);
    expect(commits).toHaveLength(1);
    expect((await as('city', (ctx) => fundBooks(ctx, c.fundId))).totals.committed).toBe(1500_00);
  });

  it('refuses an approval the county’s pool cannot pay, writing nothing', async () => {
    const c = await festival({ pools: [1000_00, 0] });
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id });
    const app = await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id }));
    await upToCity(app.id);
    expect(await code(as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' })))).toBe('LEDGER_INSUFFICIENT_FUNDS');
    const detail = await as('city', (ctx) => getApplication(ctx, app.id));
    expect(detail.application.status).toBe('pending');
    expect(detail.postings).toEqual([]);
    await as('city', (ctx) => allocateFunds(ctx, c.id, { toUnitId: t.a.id, amountFen: 500_00 }));
    await as('city', (ctx) => decideApplication(ctx, app.id, { decision: 'approve' }));
    expect((await as('city', (ctx) => fundBooks(ctx, c.fundId))).totals).toMatchObject({ committed: 1500_00, paid: 0 });
  });

  it('holds the public notice, and previews a bulk approval with the money it commits', async () => {
    const c = await festival({
      steps: [
        { kind: 'decide', level: 'county' },
        { kind: 'notice', days: 5 },
        { kind: 'decide', level: 'city' },
      ],
    });
    const hs = await Promise.all([1, 2, 3].map(() => buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id })));
    const apps: Awaited<ReturnType<typeof submitApplication>>[] = [];
    for (const h of hs) apps.push(await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: h.id })));
    await as('countyA', (ctx) =>
      decideBulk(
        ctx,
        apps.map((a) => a.id),
        { decision: 'approve' },
      ),
    );
    expect(await code(as('city', (ctx) => decideApplication(ctx, apps[0]!.id, { decision: 'approve' })))).toBe('APPROVAL_IN_NOTICE');
    expect(await code(as('city', (ctx) => endApplicationNotice(ctx, apps[0]!.id, {})))).toBe('APPROVAL_NOTICE_RUNNING');
    await database.query(`UPDATE approval_requests SET notice_until = notice_from WHERE id = ANY($1::int[])`, [apps.map((a) => a.approvalRequestId)]);
    for (const a of apps.slice(0, 2)) await as('city', (ctx) => endApplicationNotice(ctx, a.id, {}));
    await as('city', (ctx) => endApplicationNotice(ctx, apps[2]!.id, { objection: '群众反映有房屋出租收入，经核属实' }));
    const preview = await as('city', (ctx) =>
      previewBulk(
        ctx,
        apps.map((a) => a.id),
        { decision: 'approve' },
      ),
    );
    expect(preview).toMatchObject({ willDecide: 2, refused: 1, commitFen: 3000_00, pools: [{ unitId: t.a.id, neededFen: 3000_00, availableFen: 10_000_00, enough: true }] });
    expect(preview.items[2]).toMatchObject({ ok: false, code: 'APPROVAL_FINISHED' });
    expect((await as('city', (ctx) => fundBooks(ctx, c.fundId))).totals.committed).toBe(0);
    const done = await as('city', (ctx) =>
      decideBulk(
        ctx,
        apps.map((a) => a.id),
        { decision: 'approve' },
      ),
    );
    expect(done).toMatchObject({ decided: 2, refused: 1 });
    expect((await as('city', (ctx) => fundBooks(ctx, c.fundId))).totals.committed).toBe(3000_00);
  });
});

describe('scope', () => {
  it('never shows a county another county’s applications, postings or report rows', async () => {
    const c = await festival();
    const ha = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, name: '甲县困难户' });
    const hb = await buildHousehold(database, { rootUnitId: t.b.id, unitId: t.bUnion.id, name: '乙县困难户' });
    await as('clerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.aUnion.id, householdId: ha.id }));
    const bApp = await as('bClerk', (ctx) => submitApplication(ctx, c.id, { unitId: t.bUnion.id, householdId: hb.id }));
    await upToCity(bApp.id, 'bChair', 'countyB');
    await as('city', (ctx) => decideApplication(ctx, bApp.id, { decision: 'approve' }));
    const list = await as('countyA', (ctx) => listApplications(ctx, { campaignId: c.id, offset: 0, limit: 100 }));
    expect(list.total).toBe(1);
    expect(JSON.stringify(list)).not.toContain('乙县');
    expect(await code(as('countyA', (ctx) => getApplication(ctx, bApp.id)))).toBe('APPLICATION_NOT_FOUND');
    expect(await code(as('countyA', (ctx) => decideApplication(ctx, bApp.id, { decision: 'approve' })))).toBe('APPLICATION_NOT_FOUND');
    const report = await as('countyA', (ctx) => campaignSummary(ctx, c.id));
    expect(JSON.stringify(report)).not.toContain('乙县');
    expect(report.total.committedFen).toBe(0);
    expect((await as('countyA', (ctx) => sumLines(ctx, { fundId: c.fundId, accountKind: 'payable' }))).amount).toBe(0);
    expect((await as('countyB', (ctx) => sumLines(ctx, { fundId: c.fundId, accountKind: 'payable' }))).amount).toBe(1500_00);
    expect(await code(as('countyA', (ctx) => campaignSummary(ctx, c.id, { underUnitId: t.b.id })))).toBe('ORG_UNIT_NOT_FOUND');
    const aid = await as('countyA', (ctx) => studentAidByLevel(ctx, c.id));
    expect(aid.items).toEqual([]);
  });
});
