/**
 * The portal's demo: a worker login (nanping.worker) bound to a current member of a grassroots
 * union, who has filed one dispute through the portal and booked one counselling slot — both made
 * through the same functions the portal calls, under the worker's own scope.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowsOf } from '../../db/sql.ts';
import { createUserAsSystem } from '../../engines/accounts/service.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../../engines/org/scope.ts';
import type { IsoDate } from '../../engines/time.ts';
import type { DemoLogin } from '../program.ts';
import { bindWorkerAsSystem } from './registration.ts';
import { bookSlot, fileDispute, openSlots } from './service.ts';

export const DEMO_WORKER = 'nanping.worker';
const DEMO_PHONE = '13959900001';

export async function seedPortalDemo(database: Database, opts: { today: IsoDate }): Promise<DemoLogin[]> {
  const found = await runAsSystem(database, async (db) => {
    // A current member of a grassroots union, the first of the first county's unions.
    const [m] = rowsOf<{ person_id: number; union_unit_id: number; union_name: string; name: string; phone: string | null }>(
      await db.execute(sql`
        SELECT m.person_id, m.union_unit_id, u.name AS union_name, p.name, p.phone
          FROM memberships m JOIN org_units u ON u.id = m.union_unit_id JOIN persons p ON p.id = m.person_id
         WHERE m.left_on IS NULL AND u.kind = 'grassroots' AND m.joined_on <= ${opts.today}
         ORDER BY u.path, m.person_id LIMIT 1`),
    );
    if (!m) return null;
    const phone = m.phone ?? DEMO_PHONE;
    if (!m.phone) await db.execute(sql`UPDATE persons SET phone = ${phone} WHERE id = ${m.person_id}`);
    const { user, password } = await createUserAsSystem(db, { username: DEMO_WORKER, displayName: m.name, role: 'worker', unitId: m.union_unit_id, mustChangePassword: false });
    await bindWorkerAsSystem(db, { userId: user.id, personId: m.person_id, phone });
    const scope = await scopeOfUnit(db, m.union_unit_id);
    return { user, password, scope: scope!, unionName: m.union_name };
  });
  if (!found) return [];
  const { user, password, scope, unionName } = found;
  await runScoped(database, { userId: user.id, username: user.username, displayName: user.displayName, role: 'worker', unitId: user.unitId }, scope, async (ctx) => {
    await fileDispute(ctx, {
      disputeType: 'wages',
      claimedFen: 860_000,
      employerName: '南平市闽北竹木制品有限公司',
      facts: '2026年8月至10月工资未按时足额发放，多次向车间主任催要未果。',
      knewOn: null,
    });
    const [slot] = await openSlots(ctx);
    if (slot) await bookSlot(ctx, { slotId: slot.id, topic: 'work_stress' });
  });
  return [{ username: DEMO_WORKER, password, role: 'worker', unit: unionName }];
}
