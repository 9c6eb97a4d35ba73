/** Relief's test fixtures: a campaign taken to a payment batch; and another county's records for the scope walk. */
import type { Database } from '../../db/client.ts';
import type { OtherCounty } from '../program.ts';
import { asUser, buildUser, systemActor } from '../../test/factories.ts';
import { hardship, type HardshipFixtures } from '../hardship/index.ts';

/**
 * A county's own relief campaign with one household taken all the way to a payment batch: a file
 * (with a proof document), a fund with money raised, an application approved at both levels.
 * Names carry `mark`, so a test can prove none of them reaches another county.
 */
export async function buildReliefScenario(database: Database, o: { countyId: number; unionId: number; mark: string; filesDir: string }) {
  // Hardship's fixtures, through its face (a household on file for the application).
  const { buildHardshipStandard, buildHousehold, buildAttachment } = (await hardship.testing!()) as HardshipFixtures;
  const { createCampaign, raiseFunds, submitApplication, decideApplication, createBatch } = await import('./service.ts');
  const { todayInShanghai } = await import('../../engines/time.ts');
  await buildHardshipStandard(database, { unitId: o.countyId });
  const household = await buildHousehold(database, { rootUnitId: o.countyId, unitId: o.unionId, name: `${o.mark}困难户` });
  const county = await systemActor(database, o.countyId);
  const attachment = await buildAttachment(database, household, o.filesDir, `${o.mark}证明.pdf`);
  const year = todayInShanghai().slice(0, 4);
  const campaign = await asUser(database, county, (ctx) =>
    createCampaign(ctx, {
      unitId: o.countyId,
      kind: 'festival',
      name: `${o.mark}两节慰问`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      steps: [
        { kind: 'decide', level: 'grassroots' },
        { kind: 'decide', level: 'county' },
      ],
    }),
  );
  const raised = await asUser(database, county, (ctx) => raiseFunds(ctx, campaign.id, { unitId: o.countyId, source: 'donation', amountFen: 10_000_00, donor: `${o.mark}爱心企业` }));
  const staff = async () => {
    const u = await buildUser(database, { unitId: o.unionId, role: 'grassroots_staff' });
    return { userId: u.id, username: u.username, role: 'grassroots_staff' as const, unitId: o.unionId };
  };
  const clerk = await staff();
  const chair = await staff();
  const application = await asUser(database, clerk, (ctx) => submitApplication(ctx, campaign.id, { unitId: o.unionId, householdId: household.id }));
  await asUser(database, chair, (ctx) => decideApplication(ctx, application.id, { decision: 'approve' }));
  await asUser(database, county, (ctx) => decideApplication(ctx, application.id, { decision: 'approve' }));
  const batch = await asUser(database, county, (ctx) => createBatch(ctx, campaign.id, { unitId: o.countyId }));
  return { householdId: household.id, attachmentId: attachment.id, campaignId: campaign.id, fundId: campaign.fundId, entryId: raised.entry.id, applicationId: application.id, batchId: batch.id };
}

/** Another county's campaign taken to a payment batch, with the fund and its first entry. */
export async function recordsOf(c: OtherCounty) {
  const r = await buildReliefScenario(c.database, { countyId: c.countyId, unionId: c.unionId, mark: c.mark, filesDir: c.filesDir });
  return { campaign: r.campaignId, relief_application: r.applicationId, payment_batch: r.batchId, fund: r.fundId, ledger_entry: r.entryId };
}
