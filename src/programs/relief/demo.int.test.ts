import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildUser } from '../../test/factories.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { seedDemoOrg } from '../../demo/org.ts';
import { archiveCounts } from '../hardship/service.ts';
import { HARDSHIP_REPORT, seedHardshipDemo } from '../hardship/demo.ts';
import { campaignSummary, studentAidByLevel } from './reports.ts';
import { RELIEF_REPORT, seedReliefDemo, type ReliefDemoSummary } from './demo.ts';

const SCALE = 0.01;
const today = '2026-11-26';
let database: TestDatabase;
let city: { userId: number; username: string; role: 'city_admin'; unitId: number };
let demo: ReliefDemoSummary;
const yuan = (fen: number) => Math.round((fen * SCALE) / 100) * 100;

beforeAll(async () => {
  database = await createTestDatabase();
  // A few unions per township are enough: the archive and the campaigns only need grassroots units.
  const org = await runAsSystem(database, (db) => seedDemoOrg(db, { unionsPerTownship: 2 }));
  const u = await buildUser(database, { unitId: org.cityId, role: 'city_admin' });
  city = { userId: u.id, username: u.username, role: 'city_admin', unitId: org.cityId };
  await seedHardshipDemo(database, { scale: SCALE, today });
  demo = await seedReliefDemo(database, { scale: SCALE, today });
});
afterAll(() => database.destroy());

describe('the demo reproduces the report', () => {
  it('has the households on file, graded by the rule', async () => {
    const counts = await asUser(database, city, (ctx) => archiveCounts(ctx));
    expect(counts.filed).toBe(Math.round(HARDSHIP_REPORT.households * SCALE));
    expect(counts.byGrade.deep + counts.byGrade.relative + counts.byGrade.accident).toBe(counts.filed);
  });

  it('shows the two-festivals campaign: the money raised and the households helped, by county', async () => {
    const s = await asUser(database, city, (ctx) => campaignSummary(ctx, demo.festival.campaignId));
    const F = RELIEF_REPORT.festival.sources;
    expect(s.total.raisedFen).toBe(yuan(F.city) + yuan(F.enterprise) + yuan(F.donation) + yuan(F.county));
    expect(s.total.households).toBe(Math.round(RELIEF_REPORT.festival.households * SCALE));
    expect(s.rows.filter((r) => r.kind === 'child')).toHaveLength(10);
    expect(s.total.paidFen).toBe(demo.festival.paidFen);
    expect(s.total.paidFen).toBeLessThanOrEqual(s.total.raisedFen);
    expect(s.total.raisedFen).toBe(s.total.availableFen + s.total.committedFen + s.total.paidFen);
    expect(s.byGrade.map((g) => g.grade).sort()).toEqual(['accident', 'deep', 'not_filed', 'relative']);
  });

  it('shows Golden Autumn: the money raised and the children aided, by school level', async () => {
    const s = await asUser(database, city, (ctx) => campaignSummary(ctx, demo.studentAid.campaignId));
    const A = RELIEF_REPORT.studentAid.sources;
    expect(s.total.raisedFen).toBe(yuan(A.city) + yuan(A.enterprise) + yuan(A.donation));
    const aid = await asUser(database, city, (ctx) => studentAidByLevel(ctx, demo.studentAid.campaignId));
    expect(aid.total.paid).toBe(Math.round(RELIEF_REPORT.studentAid.children * SCALE));
    expect(aid.total.paidFen).toBe(demo.studentAid.paidFen);
  });

  it('keeps the books whole: every entry balances, balances equal their lines, nothing below zero', async () => {
    expect(await database.query(`SELECT entry_id FROM ledger_lines GROUP BY fund_id, entry_id HAVING sum(amount) <> 0`)).toEqual([]);
    expect(await database.query(`SELECT a.id FROM ledger_accounts a LEFT JOIN ledger_lines l ON l.account_id = a.id GROUP BY a.id HAVING a.balance <> COALESCE(sum(l.amount), 0)`)).toEqual([]);
    expect(await database.query(`SELECT id FROM ledger_accounts WHERE kind <> 'source' AND balance < 0`)).toEqual([]);
    // Exactly one commitment and one payment per application.
    expect(await database.query(`SELECT ref_id FROM ledger_entries WHERE ref_type = 'relief_application' GROUP BY ref_id HAVING count(*) <> 2`)).toEqual([]);
  });
});
