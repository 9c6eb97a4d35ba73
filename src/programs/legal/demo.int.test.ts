import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser } from '../../test/factories.ts';
import { createUserAsSystem } from '../../engines/accounts/service.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { seedDemoOrg } from '../../demo/org.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { dueSoon } from '../../engines/cases/service.ts';
import { seedCounsellingDemo } from '../counselling/demo.ts';
import { counsellingStatistics, listAppointments, listCounsellors, readNotes } from '../counselling/service.ts';
import { LEGAL_REPORT, seedLegalDemo } from './demo.ts';
import { legalStatistics, listDisputes, listLawyers } from './service.ts';

let database: TestDatabase;
const ids = { city: 0, admin: 0, lawyer: 0, counsellor: 0 };
let summary: Awaited<ReturnType<typeof seedLegalDemo>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await runAsSystem(database, async (db) => {
    const org = await seedDemoOrg(db, { unionsPerTownship: 0 });
    ids.city = org.cityId;
    const user = async (username: string, role: 'city_admin' | 'lawyer' | 'counsellor') =>
      (await createUserAsSystem(db, { username, displayName: username, role, unitId: org.cityId, mustChangePassword: false })).user.id;
    ids.admin = await user('nanping.admin', 'city_admin');
    ids.lawyer = await user('nanping.lawyer', 'lawyer');
    ids.counsellor = await user('nanping.counsellor', 'counsellor');
  });
  const started = performance.now();
  summary = await seedLegalDemo(database, { scale: 1, today: todayInShanghai() });
  await seedCounsellingDemo(database, { scale: 1, today: todayInShanghai() });
  expect(performance.now() - started).toBeLessThan(60000);
});
afterAll(() => database.destroy());

const as = (role: 'city_admin' | 'lawyer' | 'counsellor') => {
  const userId = role === 'city_admin' ? ids.admin : role === 'lawyer' ? ids.lawyer : ids.counsellor;
  return <T>(work: Parameters<typeof asUser<T>>[2]) => asUser(database, { userId, username: role, role, unitId: ids.city }, work);
};

describe('the legal-services demo', () => {
  it('reproduces the report: 228 received, 197 mediated, 154 arbitrations, 336 lawsuits, 40 lawyers', async () => {
    const stats = await as('city_admin')((ctx) => legalStatistics(ctx, { from: LEGAL_REPORT.from, to: LEGAL_REPORT.to }));
    expect(stats.totals).toMatchObject({ received: 228, mediated: 197, arbitrations: 154, lawsuits: 336 });
    expect(stats.totals.recovered).toBeGreaterThan(0);
    expect(stats.totals.workers).toBeGreaterThan(500);
    expect(stats.byUnit.reduce((s, u) => s + u.lawsuits, 0)).toBe(336);
    expect((await as('city_admin')((ctx) => listLawyers(ctx, {}))).length).toBe(40);
    expect(summary).toMatchObject({ lawyers: 40, received: 228 });
  });

  it('has current cases with deadlines coming due, and gives the demo lawyer only the cases assigned to them', async () => {
    const soon = await runAsSystem(database, (db) => dueSoon(db, { withinDays: 30 }));
    expect(soon.length).toBeGreaterThan(0);
    const all = await as('city_admin')((ctx) => listDisputes(ctx, { offset: 0, limit: 1 }));
    const mine = await as('lawyer')((ctx) => listDisputes(ctx, { offset: 0, limit: 100 }));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(mine.items.every((c) => c.lawyerName === '林志强')).toBe(true);
  });
});

describe('the counselling demo', () => {
  it('has 40+ counsellors, sessions counted anonymously, and notes only the demo counsellor can read', async () => {
    expect((await as('city_admin')((ctx) => listCounsellors(ctx, {}))).length).toBeGreaterThanOrEqual(40);
    const stats = await as('city_admin')((ctx) => counsellingStatistics(ctx, { from: '2000-01-01', to: '2100-01-01' }));
    expect(stats.totals.sessions).toBeGreaterThan(500);
    const own = await as('counsellor')((ctx) => listAppointments(ctx, { status: 'completed', offset: 0, limit: 1 }));
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(stats.totals.sessions);
    const notes = await as('counsellor')((ctx) => readNotes(ctx, own.items[0]!.id));
    expect(notes[0]!.body).toContain('咨询');
    const [{ n }] = (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM counselling_notes WHERE body_sealed LIKE '%咨询%'`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
