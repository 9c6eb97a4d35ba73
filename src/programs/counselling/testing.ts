/** Counselling's test fixtures: a counsellor with a room and a slot; and another county's records for the scope walk. */
import type { Database } from '../../db/client.ts';
import type { OtherCounty } from '../program.ts';
import { asUser, next, systemActor } from '../../test/factories.ts';
import * as clock from '../../engines/clock.ts';
import { addDays } from '../../engines/cases/deadlines.ts';
import { createCounsellor, createRoom, createSlot } from './service.ts';

/** A counsellor of `unitId` with a room there and one slot `daysAhead` days from now at 09:00 Shanghai time. */
export async function buildCounselling(database: Database, o: { rootUnitId: number; unitId: number; name?: string; userId?: number | null; daysAhead?: number }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, async (ctx) => {
    const c = await createCounsellor(ctx, { unitId: o.unitId, name: o.name ?? `咨询师${next()}`, qualification: '国家二级心理咨询师', userId: o.userId ?? null, joinedOn: '2013-01-01' });
    const room = await createRoom(ctx, { unitId: o.unitId, name: `${o.name ?? ''}心理咨询室${next()}` });
    const day = addDays(clock.today(), o.daysAhead ?? 3);
    const slot = await createSlot(ctx, { counsellorId: c.id, roomId: room.id, startsAt: new Date(`${day}T09:00:00+08:00`), endsAt: new Date(`${day}T10:00:00+08:00`) });
    return { counsellorId: c.id, roomId: room.id, slotId: slot.id, actor };
  });
}

/** Another county's counsellor, room and slot, a client booked there and a follow-up. */
export async function recordsOf(c: OtherCounty) {
  const s = await buildCounselling(c.database, { rootUnitId: c.cityId, unitId: c.countyId, name: `${c.mark}咨询师` });
  const [appt] = await c.database.query<{ id: number }>(
    `INSERT INTO counselling_appointments (unit_id, slot_id, counsellor_id, requested_by, client_name, topic, status, created_by) VALUES ($1, $2, $3, 'worker', $4, 'family', 'completed', 1) RETURNING id`,
    [c.unionId, s.slotId, s.counsellorId, `${c.mark}来访者`],
  );
  const [fu] = await c.database.query<{ id: number }>(`INSERT INTO counselling_follow_ups (appointment_id, method, due_on, created_by) VALUES ($1, 'phone', '2030-01-01', 1) RETURNING id`, [appt!.id]);
  return { counsellor: s.counsellorId, counselling_slot: s.slotId, appointment: appt!.id, follow_up: fu!.id };
}
