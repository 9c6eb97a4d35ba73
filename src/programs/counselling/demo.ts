/**
 * The counselling part of the demo: the 40-odd qualified counsellors of the report (domain.md §3),
 * a counselling room at the city's service centre and one in each county, a year of sessions
 * (anonymous counts only reach anyone but the counsellor), follow-ups, and the coming fortnight's
 * free slots. The demo counsellor's own sessions carry sealed notes only they can read.
 */
import { csvLine, onOneConnection } from '../../db/connection.ts';
import type { Database } from '../../db/client.ts';
import { purposeSealer } from '../../engines/cases/sealing.ts';
import { addDays } from '../../engines/cases/deadlines.ts';
import { chineseName, seededRandom } from '../../demo/random.ts';
import { TOPICS } from './schema.ts';

export const COUNSELLING_REPORT = { counsellors: 42 } as const;

const QUALIFICATIONS = ['国家二级心理咨询师', '国家二级心理咨询师', '国家三级心理咨询师', '心理治疗师（中级）'];

export async function seedCounsellingDemo(database: Database, opts: { scale: number; today: string; counsellorUsername?: string }) {
  const r = seededRandom(8301);
  const team = Math.max(1, Math.round(COUNSELLING_REPORT.counsellors * opts.scale));
  const weeks = Math.max(2, Math.round(52 * Math.min(1, opts.scale * 2)));
  return onOneConnection(database, {}, async (q, copyIn) => {
    const [city] = await q<{ id: number; name: string }>(`SELECT id, name FROM org_units WHERE kind = 'city' ORDER BY id LIMIT 1`);
    if (!city) throw new Error('The demo organisation must be loaded first');
    const counties = await q<{ id: number; name: string }>(`SELECT id, name FROM org_units WHERE kind = 'county' ORDER BY id`);
    const locals = await q<{ id: number; county: number }>(
      `SELECT u.id, split_part(u.path, '/', 3)::int AS county FROM org_units u WHERE u.kind IN ('township', 'grassroots') ORDER BY random() LIMIT 600`,
    );
    const [admin] = await q<{ id: number }>(`SELECT id FROM users WHERE role = 'city_admin' ORDER BY id LIMIT 1`);
    const [me] = await q<{ id: number }>(`SELECT id FROM users WHERE username = $1`, [opts.counsellorUsername ?? 'nanping.counsellor']);
    const createdBy = admin?.id ?? 0;
    const base = async (t: string) => (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM ${t}`))[0]!.n;
    const counsellorBase = await base('counsellors');
    const roomBase = await base('counselling_rooms');
    const slotBase = await base('counselling_slots');
    const apptBase = await base('counselling_appointments');

    const rooms = [{ unitId: city.id, name: '南平市职工心理咨询室' }, ...counties.map((c) => ({ unitId: c.id, name: `${c.name.replace(/总工会$/, '')}职工心理咨询室` }))];
    let roomRows = '';
    for (const [i, room] of rooms.entries()) roomRows += csvLine([roomBase + 1 + i, room.unitId, room.name, `${room.name.replace(/职工心理咨询室$/, '')}职工服务中心`]);

    let counsellorRows = '';
    let servedRows = '';
    let slotRows = '';
    let apptRows = '';
    let noteRows = '';
    let followRows = '';
    let slotId = slotBase;
    let apptId = apptBase;
    const notes = purposeSealer('counselling-notes');
    const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
    let sessions = 0;
    for (let i = 0; i < team; i++) {
      const id = counsellorBase + 1 + i;
      const roomIndex = i % rooms.length;
      const room = rooms[roomIndex]!;
      // Each counsellor keeps one hour of one room: no two slots of a room or a counsellor overlap.
      const hour = 9 + (Math.floor(i / rooms.length) % 8);
      const weekday = Math.floor(i / (rooms.length * 8)) % 5;
      const userId = i === 0 ? (me?.id ?? null) : null;
      counsellorRows += csvLine([id, room.unitId, userId, i === 0 && me ? '何静怡' : chineseName(r), r.pick(QUALIFICATIONS), `PC${String(20130000 + id)}`, r.chance(0.93), '2012-09-01']);
      servedRows += csvLine([id, room.unitId]);
      const clientUnits = locals.filter((l) => room.unitId === city.id || l.county === room.unitId);
      const client = () => (clientUnits.length ? r.pick(clientUnits).id : room.unitId);
      // The past year, one slot a week on the counsellor's day; about two in three were used.
      const firstDay = addDays(opts.today, -7 * weeks);
      for (let w = 0; w < weeks; w++) {
        const day = addDays(firstDay, w * 7 + weekday);
        slotId++;
        slotRows += csvLine([slotId, room.unitId, id, roomBase + 1 + roomIndex, at(day, hour), at(day, hour + 1), false]);
        if (!r.chance(0.65)) continue;
        apptId++;
        const status = r.chance(0.85) ? 'completed' : r.pick(['cancelled', 'no_show'] as const);
        const requestedAt = at(addDays(day, -r.int(2, 10)), 10);
        apptRows += csvLine([
          apptId,
          client(),
          slotId,
          id,
          r.pick(['worker', 'union'] as const),
          chineseName(r),
          null,
          r.pick(TOPICS),
          status,
          requestedAt,
          status === 'cancelled' ? null : requestedAt,
          status === 'cancelled' ? requestedAt : null,
          status === 'cancelled' ? '来访者另有安排' : null,
          status === 'completed' ? at(day, hour + 1) : null,
          createdBy,
        ]);
        if (status !== 'completed') continue;
        sessions++;
        if (userId) noteRows += csvLine([apptId, client(), userId, notes.seal(`第${w + 1}次咨询：来访者情绪较上次平稳，约定继续练习放松训练。`), at(day, hour + 1)]);
        if (r.chance(0.3))
          followRows += csvLine([
            apptId,
            r.pick(['phone', 'phone', 'visit'] as const),
            addDays(day, 14),
            addDays(day, 14) <= opts.today && r.chance(0.8) ? addDays(day, r.int(14, 16)) : null,
            createdBy,
          ]);
      }
      // The coming fortnight: two free slots.
      for (const ahead of [3, 10]) {
        slotId++;
        slotRows += csvLine([slotId, room.unitId, id, roomBase + 1 + roomIndex, at(addDays(opts.today, ahead + weekday), hour), at(addDays(opts.today, ahead + weekday), hour + 1), false]);
      }
    }
    await copyIn('counselling_rooms', ['id', 'unit_id', 'name', 'address'], roomRows);
    await copyIn('counsellors', ['id', 'unit_id', 'user_id', 'name', 'qualification', 'qualification_no', 'available', 'joined_on'], counsellorRows);
    await copyIn('counsellor_units', ['counsellor_id', 'unit_id'], servedRows);
    await copyIn('counselling_slots', ['id', 'unit_id', 'counsellor_id', 'room_id', 'starts_at', 'ends_at', 'withdrawn'], slotRows);
    if (apptRows)
      await copyIn(
        'counselling_appointments',
        [
          'id',
          'unit_id',
          'slot_id',
          'counsellor_id',
          'requested_by',
          'client_name',
          'client_phone',
          'topic',
          'status',
          'requested_at',
          'confirmed_at',
          'cancelled_at',
          'cancel_reason',
          'completed_at',
          'created_by',
        ],
        apptRows,
      );
    // A note's unit is its appointment's.
    if (noteRows) {
      await copyIn('counselling_notes', ['appointment_id', 'unit_id', 'counsellor_user_id', 'body_sealed', 'written_at'], noteRows);
      await q(`UPDATE counselling_notes n SET unit_id = a.unit_id FROM counselling_appointments a WHERE a.id = n.appointment_id AND n.unit_id <> a.unit_id`);
      await q(
        `UPDATE counselling_appointments a SET note_written_at = n.written_at FROM (SELECT appointment_id, max(written_at) AS written_at FROM counselling_notes GROUP BY appointment_id) n WHERE n.appointment_id = a.id`,
      );
    }
    if (followRows) await copyIn('counselling_follow_ups', ['appointment_id', 'method', 'due_on', 'done_on', 'created_by'], followRows);
    for (const [t, c] of [
      ['counsellors', 'id'],
      ['counselling_rooms', 'id'],
      ['counselling_slots', 'id'],
      ['counselling_appointments', 'id'],
    ] as const) {
      await q(`SELECT setval(pg_get_serial_sequence('${t}', '${c}'), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`);
    }
    for (const t of ['counselling_slots', 'counselling_appointments']) await q(`ANALYZE ${t}`);
    return { counsellors: team, rooms: rooms.length, sessions };
  });
}
