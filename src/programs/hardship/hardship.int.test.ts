import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeIdNumber } from '../../test/factories.ts';
import { buildHardshipStandard, buildHousehold } from '../hardship/testing.ts';
import type { Role } from '../../engines/accounts/roles.ts';
import type { Ctx } from '../../engines/context.ts';
import type { DomainError } from '../../engines/errors.ts';
import { code } from '../../test/errors.ts';
import {
  addAttachment,
  archiveCounts,
  exitHousehold,
  fileHousehold,
  getHousehold,
  listHouseholds,
  openAttachment,
  recordVisit,
  reenterHousehold,
  registerHousehold,
  remindReviews,
  revealSensitive,
  reviewHousehold,
  setStandard,
  startNotice,
  type HouseholdInput,
} from './service.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type Who = { userId: number; username: string; role: Role; unitId: number };
const u: Record<string, Who> = {};
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-hardship-'));

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  for (const [name, unitId, role] of [
    ['clerk', t.aUnion.id, 'grassroots_staff'],
    ['visitor', t.aUnion.id, 'grassroots_staff'],
    ['countyA', t.a.id, 'county_admin'],
    ['countyB', t.b.id, 'county_admin'],
    ['city', t.city.id, 'city_admin'],
  ] as const) {
    const x = await buildUser(database, { unitId, role });
    u[name] = { userId: x.id, username: x.username, role, unitId };
  }
  await buildHardshipStandard(database, { unitId: t.city.id, minimumLivingFen: 400_00 });
});
afterAll(() => database.destroy());

const as = <T>(who: string, w: (ctx: Ctx) => Promise<T>) => asUser(database, u[who]!, w);

const household = (o: Partial<HouseholdInput> = {}): HouseholdInput => ({
  unitId: t.aUnion.id,
  workerName: '陈建国',
  idNumber: fakeIdNumber('1970-01-01'),
  mainCause: 'illness',
  secondaryCauses: ['education'],
  bankName: '建设银行',
  bankAccount: '6217001234567890123',
  appliedOn: '2013-03-01',
  members: [
    { name: '王秀英', relation: '配偶' },
    { name: '陈小明', relation: '子女', idNumber: fakeIdNumber('1996-05-05'), schoolLevel: 'high_school' },
  ],
  finances: [
    { kind: 'income', category: '工资', annualFen: 24_000_00 },
    { kind: 'expense', category: '住房', annualFen: 6_000_00 },
    { kind: 'expense', category: '医疗', annualFen: 8_000_00, hardshipCost: true },
  ],
  ...o,
});

describe('registering a household', () => {
  it('grades against the local standard, the county’s own where it has one, with the computation kept', async () => {
    const h = await as('clerk', (ctx) => registerHousehold(ctx, household()));
    // (24,000 − 6,000) ÷ 12 ÷ 3 = 500 a month: above ¥400, below ¥800.
    expect(h).toMatchObject({ grade: 'relative', householdSize: 3, status: 'applied', idMasked: expect.stringMatching(/^\d{4}\*{10}[\dX]{4}$/) });
    expect((h.gradeBasis as { steps: string[] }).steps.join('\n')).toContain('= 500.00 元');
    await as('countyA', (ctx) => setStandard(ctx, { unitId: t.a.id, validFrom: '2013-01-01', minimumLivingFen: 520_00 }));
    const h2 = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1971-01-01') })));
    expect(h2.grade).toBe('deep');
    expect((h2.gradeBasis as { standard: { unitId: number } }).standard.unitId).toBe(t.a.id);
  });

  it('keeps one file per household across the federation, saying in which county it is', async () => {
    const id = fakeIdNumber('1968-08-08');
    await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: id })));
    const err = (await as('countyB', (ctx) => registerHousehold(ctx, household({ unitId: t.bUnion.id, idNumber: id.toLowerCase() }))).catch((e) => e)) as DomainError;
    expect(err.code).toBe('HOUSEHOLD_ALREADY_ON_FILE');
    expect(err.message).toContain('甲县总工会');
    expect((await as('countyB', (ctx) => listHouseholds(ctx, { q: id, offset: 0, limit: 10 }))).total).toBe(0);
    // Two counties filing the same worker at the same moment: one file.
    const twin = fakeIdNumber('1967-07-07');
    const racing = await Promise.allSettled([
      as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: twin }))),
      as('countyB', (ctx) => registerHousehold(ctx, household({ unitId: t.bUnion.id, idNumber: twin }))),
    ]);
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((racing.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as DomainError).code).toBe('HOUSEHOLD_ALREADY_ON_FILE');
  });

  it('checks the causes, the bank account and the ID number', async () => {
    expect(await code(as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: '350702197001010000' }))))).toBe('HOUSEHOLD_ID_INVALID');
    expect(await code(as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber(), mainCause: 'astrology' }))))).toBe('HOUSEHOLD_CAUSE_INVALID');
    expect(await code(as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber(), secondaryCauses: ['education', 'disaster', 'disability', 'low_income'] }))))).toBe(
      'HOUSEHOLD_CAUSE_INVALID',
    );
    expect(await code(as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber(), bankAccount: '12ab' }))))).toBe('HOUSEHOLD_BANK_ACCOUNT_INVALID');
  });
});

describe('the life cycle of a file', () => {
  it('goes from a home visit by another person, through the notice, to filed, reviewed, exited and back', async () => {
    const h = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1966-06-06'), unitId: t.aUnion.id })));
    expect(await code(as('clerk', (ctx) => startNotice(ctx, h.id)))).toBe('HOUSEHOLD_STATUS_WRONG');
    expect(await code(as('clerk', (ctx) => recordVisit(ctx, h.id, { visitedOn: '2013-03-02', visitors: '本人', findings: '属实', confirmed: true })))).toBe('HOUSEHOLD_SELF_VERIFY');
    await as('visitor', (ctx) => recordVisit(ctx, h.id, { visitedOn: '2013-03-02', visitors: '张三、李四', findings: '住房简陋，属实', confirmed: true }));
    const shown = await as('clerk', (ctx) => startNotice(ctx, h.id));
    expect(shown.noticeUntil! > shown.noticeFrom!).toBe(true);
    expect(await code(as('clerk', (ctx) => fileHousehold(ctx, h.id, {})))).toBe('HOUSEHOLD_NOTICE_RUNNING');
    await database.query(`UPDATE hardship_households SET notice_until = notice_from WHERE id = $1`, [h.id]);
    const filed = await as('clerk', (ctx) => fileHousehold(ctx, h.id, {}));
    expect(filed.status).toBe('filed');
    expect(filed.nextReviewDue! > filed.filedOn!).toBe(true);
    const due = await as('countyA', (ctx) => listHouseholds(ctx, { reviewDueBy: filed.nextReviewDue!, offset: 0, limit: 50 }));
    expect(due.items.map((x) => x.id)).toContain(h.id);
    // The review finds the income risen above the line: no longer in hardship.
    const review = await as('clerk', (ctx) => reviewHousehold(ctx, h.id, { reviewedOn: filed.filedOn!, finances: [{ kind: 'income', category: '工资', annualFen: 60_000_00 }] }));
    expect(review.stillInHardship).toBe(false);
    await as('clerk', (ctx) => exitHousehold(ctx, h.id, { reason: 'recovered', on: filed.filedOn!, note: '连续六个月人均收入高于低保' }));
    const back = await as('clerk', (ctx) => reenterHousehold(ctx, h.id, { on: filed.filedOn!, finances: [{ kind: 'income', category: '工资', annualFen: 9_000_00 }] }));
    expect(back).toMatchObject({ status: 'applied', intake: 'returned', grade: 'deep' });
    const file = await as('countyA', (ctx) => getHousehold(ctx, h.id, '复核'));
    expect(file.history.map((e) => e.action)).toEqual(['registered', 'visited', 'notice_started', 'filed', 'reviewed', 'exited', 'reentered']);
  });

  it('does not file a household whose notice drew an objection that holds', async () => {
    const h = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1965-05-05') })));
    await as('visitor', (ctx) => recordVisit(ctx, h.id, { visitedOn: '2013-03-02', visitors: '张三', findings: '属实', confirmed: true }));
    await as('clerk', (ctx) => startNotice(ctx, h.id));
    await database.query(`UPDATE hardship_households SET notice_until = notice_from WHERE id = $1`, [h.id]);
    expect((await as('clerk', (ctx) => fileHousehold(ctx, h.id, { objection: '有群众反映其家庭有经营性收入' }))).status).toBe('not_filed');
  });
});

describe('review reminders', () => {
  it('reminds each unit once of reviews falling due, and clears when they are done', async () => {
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id });
    await database.query(`UPDATE hardship_households SET next_review_due = filed_on WHERE id = $1`, [h.id]);
    const first = await as('countyA', (ctx) => remindReviews(ctx));
    expect(first).toMatchObject({ units: 1, households: 1, reminded: 1 });
    expect((await as('countyA', (ctx) => remindReviews(ctx))).reminded).toBe(0);
    const open = () => database.query(`SELECT unit_id FROM notification_causes WHERE cause_key = $1 AND cleared_at IS NULL`, [`hardship.review:${t.aUnion.id}`]);
    expect(await open()).toEqual([{ unit_id: t.aUnion.id }]);
    expect((await as('countyB', (ctx) => remindReviews(ctx))).units).toBe(0);
    const r = await as('clerk', (ctx) => reviewHousehold(ctx, h.id, { reviewedOn: h.filedOn! }));
    expect(r.stillInHardship).toBe(true);
    expect(await open()).toEqual([]);
  });
});

describe('sensitive data and scope', () => {
  it('shows identifiers masked, and logs who saw the full ones and why', async () => {
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id, name: '林秀兰' });
    const file = await as('countyA', (ctx) => getHousehold(ctx, h.id, '两节慰问核对'));
    const wire = JSON.stringify(file);
    expect(wire).not.toContain(h.idNumber);
    expect(wire).not.toContain('annualFen');
    // Nothing beside the masked number completes it: the birth year, never the date the mask hides.
    const born = h.idNumber.slice(6, 14);
    expect(file.household).toMatchObject({ idMasked: `${h.idNumber.slice(0, 4)}**********${h.idNumber.slice(-4)}`, birthYear: Number(born.slice(0, 4)) });
    const listed = JSON.stringify(await as('countyA', (ctx) => listHouseholds(ctx, { q: h.idNumber, offset: 0, limit: 10 })));
    for (const shown of [wire, listed]) for (const hidden of [h.idNumber.slice(4, 14), born, `${born.slice(0, 4)}-${born.slice(4, 6)}-${born.slice(6)}`]) expect(shown).not.toContain(hidden);
    expect(file.household.bankAccountMasked).toMatch(/^\*+\d{4}$/);
    expect(await code(as('countyA', (ctx) => revealSensitive(ctx, h.id, ' ')))).toBe('HOUSEHOLD_VIEW_REASON_REQUIRED');
    const full = await as('countyA', (ctx) => revealSensitive(ctx, h.id, '核对银行账号以便发放'));
    expect(full.idNumber).toBe(h.idNumber);
    expect(full.bankAccount).toMatch(/^62284800\d{11}$/);
    expect(full.finances[0]).toMatchObject({ kind: 'income' });
    const log = await database.query(`SELECT entity, reason, actor_id FROM audit_log WHERE action = 'view' AND entity_id = $1 ORDER BY seq`, [String(h.id)]);
    expect(log).toEqual([
      { entity: 'hardship_household', reason: '两节慰问核对', actor_id: u.countyA!.userId },
      { entity: 'hardship_household.sensitive', reason: '核对银行账号以便发放', actor_id: u.countyA!.userId },
    ]);
  });

  it('never shows a county another county’s households, in lists, counts or files', async () => {
    const hb = await buildHousehold(database, { rootUnitId: t.b.id, unitId: t.bUnion.id, name: '乙县困难户' });
    const list = await as('countyA', (ctx) => listHouseholds(ctx, { offset: 0, limit: 500 }));
    expect(JSON.stringify(list)).not.toContain('乙县');
    expect(await code(as('countyA', (ctx) => getHousehold(ctx, hb.id, '查看')))).toBe('HOUSEHOLD_NOT_FOUND');
    expect(await code(as('countyA', (ctx) => revealSensitive(ctx, hb.id, '查看')))).toBe('HOUSEHOLD_NOT_FOUND');
    expect(await code(as('countyA', (ctx) => exitHousehold(ctx, hb.id, { reason: 'moved_away', on: '2013-06-01' })))).toBe('HOUSEHOLD_NOT_FOUND');
    const a = await as('countyA', (ctx) => archiveCounts(ctx));
    const b = await as('countyB', (ctx) => archiveCounts(ctx));
    const all = await as('city', (ctx) => archiveCounts(ctx));
    expect(b.filed).toBe(1);
    expect(a.filed + b.filed).toBe(all.filed);
  });

  it('keeps proof documents with the file, accepts only real PDFs and images, and logs each download', async () => {
    const h = await buildHousehold(database, { rootUnitId: t.a.id, unitId: t.aUnion.id });
    const pdf = Buffer.from('%PDF-1.4\n%测试\n');
    expect(await code(as('clerk', (ctx) => addAttachment(ctx, filesDir, h.id, { fileName: 'x.pdf', data: Buffer.from('MZ not a pdf') })))).toBe('ATTACHMENT_TYPE_REFUSED');
    const a = await as('clerk', (ctx) => addAttachment(ctx, filesDir, h.id, { fileName: '../../病历.pdf', data: pdf, note: '医院诊断证明' }));
    expect(a.fileName).toBe('病历.pdf');
    const opened = await as('countyA', (ctx) => openAttachment(ctx, filesDir, a.id));
    expect(opened.file.startsWith(path.join(filesDir, 'hardship', String(h.id)))).toBe(true);
    expect(fs.readFileSync(opened.file)).toEqual(pdf);
    expect(await code(as('countyB', (ctx) => openAttachment(ctx, filesDir, a.id)))).toBe('ATTACHMENT_NOT_FOUND');
  });
});
