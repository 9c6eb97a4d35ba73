/** Supervision's test fixtures: another county's frozen month and its signed bulletin, for the scope walk. */
import { asUser, systemActor } from '../../test/factories.ts';
import { freezeMonth } from '../../engines/indicators/snapshots.ts';
import { lastClosedPeriod } from '../../engines/indicators/periods.ts';
import { todayInShanghai } from '../../engines/time.ts';
import type { OtherCounty } from '../program.ts';
import { publishBulletin } from './service.ts';

/** The month last ended on the run's day, frozen for the county, and the county's bulletin for it. */
export async function recordsOf(c: OtherCounty) {
  const admin = await systemActor(c.database, c.countyId);
  const period = lastClosedPeriod(todayInShanghai());
  await asUser(c.database, admin, (ctx) => freezeMonth(ctx, { rootUnitId: c.countyId, period }));
  const bulletin = await asUser(c.database, admin, (ctx) => publishBulletin(ctx, c.countyId, period));
  return { bulletin: bulletin.id };
}
