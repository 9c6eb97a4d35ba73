import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { asUser, buildTwoCounties, buildUser, call, login, type Session } from '../../test/factories.ts';
import { buildCounselling } from '../counselling/testing.ts';
import type { App } from '../../server/app-types.ts';
import { backup } from '../../db/backup.ts';
import { rowsOf } from '../../db/sql.ts';
import { DomainError } from '../../engines/errors.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { addDays } from '../../engines/cases/deadlines.ts';
import { readNotes } from './service.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let cityAdmin: Session;
let adminA: Session;
let adminB: Session;
let auditor: Session;
let counsellor: Session;
let otherCounsellor: Session;
let setup: Awaited<ReturnType<typeof buildCounselling>>;
let other: Awaited<ReturnType<typeof buildCounselling>>;
let counsellorUser: { id: number; username: string };
let cityAdminUser: { id: number; username: string };
const SECRET = '来访者自述：与车间主任冲突，夜间失眠两周';

const at = (daysAhead: number, hh: string) => {
  const day = addDays(todayInShanghai(), daysAhead);
  return `${day}T${hh}:00+08:00`;
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  t = await buildTwoCounties(database);
  cityAdminUser = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  const b = await buildUser(database, { unitId: t.b.id, role: 'county_admin' });
  const aud = await buildUser(database, { unitId: t.city.id, role: 'auditor' });
  counsellorUser = await buildUser(database, { unitId: t.city.id, role: 'counsellor' });
  const otherUser = await buildUser(database, { unitId: t.city.id, role: 'counsellor' });
  setup = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.city.id, name: '何老师', userId: counsellorUser.id });
  other = await buildCounselling(database, { rootUnitId: t.city.id, unitId: t.city.id, name: '孔老师', userId: otherUser.id });
  cityAdmin = await login(app, cityAdminUser.username);
  adminA = await login(app, a.username);
  adminB = await login(app, b.username);
  auditor = await login(app, aud.username);
  counsellor = await login(app, counsellorUser.username);
  otherCounsellor = await login(app, otherUser.username);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const book = (s: Session, slotId: number, over: Record<string, unknown> = {}) =>
  call(app, s, 'POST', '/api/v1/counselling/appointments', { slotId, unitId: t.aUnion.id, requestedBy: 'union', clientName: '钱职工', clientPhone: '13905990001', topic: 'work_stress', ...over });
const slot = (s: Session, body: Record<string, unknown>) => call(app, s, 'POST', '/api/v1/counselling/slots', body);

describe('booking', () => {
  it('never books a slot twice — refused by the database, whoever asks', async () => {
    const first = await book(adminA, setup.slotId);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'requested', counsellorName: '何老师' });
    expect((await book(adminA, setup.slotId, { clientName: '孙职工' })).json().code).toBe('SLOT_TAKEN');
    // County B cannot see A's booking, but the slot is the city's and it is taken for B too.
    expect((await book(adminB, setup.slotId, { unitId: t.bUnion.id })).json().code).toBe('SLOT_TAKEN');
    const seen = (await call(app, adminB, 'GET', `/api/v1/counselling/slots?from=${encodeURIComponent(at(0, '00:00'))}&to=${encodeURIComponent(at(30, '00:00'))}`)).json().items;
    expect(seen.find((s: { id: number }) => s.id === setup.slotId)).toMatchObject({ taken: true });
    expect(JSON.stringify(seen)).not.toContain('钱职工');
    // Even written straight to the table, a second live booking of the slot is refused.
    await expect(
      database.query(`INSERT INTO counselling_appointments (unit_id, slot_id, counsellor_id, requested_by, client_name, topic, created_by) VALUES ($1, $2, $3, 'worker', '直写', 'other', 1)`, [
        t.aUnion.id,
        setup.slotId,
        setup.counsellorId,
      ]),
    ).rejects.toThrow(/counselling_appointments_one_per_slot|duplicate key/);
  });

  it('keeps a counsellor and a room to one slot at a time', async () => {
    const base = { counsellorId: setup.counsellorId, roomId: setup.roomId };
    expect((await slot(cityAdmin, { ...base, startsAt: at(5, '09:00'), endsAt: at(5, '10:00') })).statusCode).toBe(201);
    expect((await slot(cityAdmin, { ...base, startsAt: at(5, '09:30'), endsAt: at(5, '10:30') })).json().code).toBe('SLOT_OVERLAP');
    expect((await slot(cityAdmin, { counsellorId: setup.counsellorId, roomId: other.roomId, startsAt: at(5, '09:59'), endsAt: at(5, '11:00') })).json().code).toBe('SLOT_OVERLAP');
    expect((await slot(cityAdmin, { counsellorId: other.counsellorId, roomId: setup.roomId, startsAt: at(5, '09:00'), endsAt: at(5, '09:45') })).json().code).toBe('SLOT_OVERLAP');
    // Back to back is fine.
    expect((await slot(cityAdmin, { ...base, startsAt: at(5, '10:00'), endsAt: at(5, '11:00') })).statusCode).toBe(201);
    expect((await slot(cityAdmin, { ...base, startsAt: at(-1, '10:00'), endsAt: at(-1, '11:00') })).json().code).toBe('SLOT_IN_PAST');
    // A counsellor opens slots of their own only.
    expect((await slot(counsellor, { ...base, startsAt: at(6, '09:00'), endsAt: at(6, '10:00') })).statusCode).toBe(201);
    expect((await slot(counsellor, { counsellorId: other.counsellorId, roomId: other.roomId, startsAt: at(6, '14:00'), endsAt: at(6, '15:00') })).statusCode).toBe(404);
  });

  it('reschedules to a free slot and frees the old one; cancelling frees it too', async () => {
    const s1 = (await slot(cityAdmin, { counsellorId: setup.counsellorId, roomId: setup.roomId, startsAt: at(8, '09:00'), endsAt: at(8, '10:00') })).json().id;
    const s2 = (await slot(cityAdmin, { counsellorId: setup.counsellorId, roomId: setup.roomId, startsAt: at(8, '14:00'), endsAt: at(8, '15:00') })).json().id;
    const s3 = (await slot(cityAdmin, { counsellorId: other.counsellorId, roomId: other.roomId, startsAt: at(8, '14:00'), endsAt: at(8, '15:00') })).json().id;
    const a1 = (await book(adminA, s1)).json().id;
    const a2 = (await book(adminA, s2, { clientName: '周职工' })).json().id;
    expect((await call(app, adminA, 'POST', `/api/v1/counselling/appointments/${a1}/confirm`, {})).json().status).toBe('confirmed');
    expect((await call(app, adminA, 'POST', `/api/v1/counselling/appointments/${a1}/reschedule`, { slotId: s2 })).json().code).toBe('SLOT_TAKEN');
    // To another counsellor: confirmed again by them.
    expect((await call(app, adminA, 'POST', `/api/v1/counselling/appointments/${a1}/reschedule`, { slotId: s3 })).json()).toMatchObject({ slotId: s3, status: 'requested', counsellorName: '孔老师' });
    expect((await book(adminA, s1, { clientName: '新职工' })).statusCode).toBe(201);
    expect((await call(app, adminA, 'POST', `/api/v1/counselling/appointments/${a2}/cancel`, { reason: '本人临时有事' })).json().status).toBe('cancelled');
    expect((await call(app, adminA, 'POST', `/api/v1/counselling/appointments/${a2}/confirm`, {})).json().code).toBe('APPOINTMENT_STATUS');
    expect((await book(adminA, s2, { clientName: '补约职工' })).statusCode).toBe(201);
    expect((await call(app, cityAdmin, 'POST', `/api/v1/counselling/slots/${s2}/withdraw`, {})).json().code).toBe('SLOT_HAS_APPOINTMENT');
  });
});

describe('who sees what', () => {
  it('shows a counsellor only their own appointments', async () => {
    const mine = (await call(app, counsellor, 'GET', '/api/v1/counselling/appointments?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((a: { counsellorName: string }) => a.counsellorName))).toEqual(new Set(['何老师']));
    const theirs = (await call(app, otherCounsellor, 'GET', '/api/v1/counselling/appointments?pageSize=100')).json();
    expect(new Set(theirs.items.map((a: { counsellorName: string }) => a.counsellorName))).toEqual(new Set(['孔老师']));
    const all = (await call(app, adminA, 'GET', '/api/v1/counselling/appointments?pageSize=1')).json().total;
    expect(all).toBe(mine.total + theirs.total);
    expect((await call(app, otherCounsellor, 'GET', `/api/v1/counselling/appointments/${mine.items[0].id}`)).statusCode).toBe(404);
    expect((await call(app, adminB, 'GET', '/api/v1/counselling/appointments')).json().total).toBe(0);
  });

  it('lets only the assigned counsellor read a note: not admins, auditors, other counsellors, the trail, exports or a backup', async () => {
    const s = (await slot(cityAdmin, { counsellorId: setup.counsellorId, roomId: setup.roomId, startsAt: at(10, '09:00'), endsAt: at(10, '10:00') })).json().id;
    const id = (await book(adminA, s, { clientName: '吴来访' })).json().id;
    expect((await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/notes`, { body: SECRET })).json().code).toBe('APPOINTMENT_STATUS');
    expect((await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/confirm`, {})).json().status).toBe('confirmed');
    expect((await call(app, adminA, 'GET', `/api/v1/counselling/appointments/${id}`)).json()).toMatchObject({ noteWritten: false, noteWrittenAt: null });
    const w = await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/notes`, { body: SECRET });
    expect(w.statusCode, w.body).toBe(201);
    const read = await call(app, counsellor, 'GET', `/api/v1/counselling/appointments/${id}/notes`);
    expect(read.json().items.map((n: { body: string }) => n.body)).toEqual([SECRET]);
    // Everyone in scope sees that a note exists, and when; never its text.
    for (const who of [cityAdmin, adminA, auditor, counsellor]) {
      const seen = (await call(app, who, 'GET', `/api/v1/counselling/appointments/${id}`)).json();
      expect(seen).toMatchObject({ noteWritten: true, noteWrittenAt: w.json().writtenAt });
      const listed = (await call(app, who, 'GET', '/api/v1/counselling/appointments?pageSize=500')).json().items.find((x: { id: number }) => x.id === id);
      expect(listed).toMatchObject({ noteWritten: true });
    }

    // Nobody else: no permission for admins and auditors, not found for another counsellor.
    for (const who of [cityAdmin, adminA, auditor]) {
      expect((await call(app, who, 'GET', `/api/v1/counselling/appointments/${id}/notes`)).statusCode).toBe(403);
      expect((await call(app, who, 'GET', `/api/v1/counselling/appointments/${id}`)).body).not.toContain('失眠');
    }
    expect((await call(app, otherCounsellor, 'GET', `/api/v1/counselling/appointments/${id}/notes`)).statusCode).toBe(404);
    expect((await call(app, otherCounsellor, 'POST', `/api/v1/counselling/appointments/${id}/notes`, { body: '冒写' })).statusCode).toBe(404);
    // Even the admin's own queries, under their scope, find no note rows at all.
    const adminActor = { userId: cityAdminUser.id, username: cityAdminUser.username, role: 'city_admin' as const, unitId: t.city.id };
    const seenByAdmin = await asUser(database, adminActor, async (ctx) => rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT count(*)::int AS n FROM counselling_notes`))[0]!.n);
    expect(seenByAdmin).toBe(0);
    await expect(asUser(database, adminActor, (ctx) => readNotes(ctx, id))).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'NOTE_NOT_YOURS');

    // Stored sealed; the trail says a note was written, not what it says; lists carry no notes.
    const [stored] = await database.query<{ body_sealed: string }>(`SELECT body_sealed FROM counselling_notes WHERE appointment_id = $1`, [id]);
    expect(stored!.body_sealed).toMatch(/^p1\./);
    expect(stored!.body_sealed).not.toContain('失眠');
    const trail = await database.query<{ action: string; after: unknown; reason: string | null }>(`SELECT action, after, reason FROM audit_log WHERE entity = 'counselling_note' ORDER BY seq`);
    expect(trail.map((e) => e.action)).toEqual(['create', 'view']);
    expect(JSON.stringify(trail)).not.toContain('失眠');
    const everything = await database.query<{ j: string }>(`SELECT json_agg(a)::text AS j FROM audit_log a`);
    expect(everything[0]!.j).not.toContain('失眠');
    for (const url of ['/api/v1/counselling/appointments?pageSize=500', `/api/v1/counselling/statistics?from=2000-01-01&to=2100-01-01`]) {
      expect((await call(app, cityAdmin, 'GET', url)).body).not.toContain('失眠');
    }
    // A backup, read without the key, holds only the sealed text.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-backup-')), 'b.jsonl.gz');
    await backup(database, file);
    const dump = gunzipSync(fs.readFileSync(file)).toString('utf8');
    expect(dump).toContain(stored!.body_sealed);
    expect(dump).not.toContain('失眠');
  });
});

describe('after the session', () => {
  it('completes a session, plans and records follow-ups, and counts everything anonymously by unit', async () => {
    const s = (await slot(cityAdmin, { counsellorId: setup.counsellorId, roomId: setup.roomId, startsAt: at(12, '09:00'), endsAt: at(12, '10:00') })).json().id;
    const id = (await book(adminA, s, { clientName: '郑来访' })).json().id;
    await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/confirm`, {});
    expect((await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/complete`, {})).json().code).toBe('APPOINTMENT_STATUS');
    // Time passes: the session has taken place.
    await database.query(`UPDATE counselling_slots SET starts_at = clock_now() - interval '2 hours', ends_at = clock_now() - interval '1 hour' WHERE id = $1`, [s]);
    expect((await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/complete`, {})).json().status).toBe('completed');
    const f = await call(app, counsellor, 'POST', `/api/v1/counselling/appointments/${id}/follow-ups`, { method: 'phone', dueOn: todayInShanghai() });
    expect(f.statusCode, f.body).toBe(201);
    expect((await call(app, counsellor, 'POST', `/api/v1/counselling/follow-ups/${f.json().id}/done`, { doneOn: todayInShanghai() })).json().doneOn).toBe(todayInShanghai());
    // The session's Shanghai date: two hours ago may be yesterday there.
    const [{ d: today }] = (await database.query<{ d: string }>(`SELECT ((starts_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS d FROM counselling_slots WHERE id = $1`, [s])) as [{ d: string }];
    const stats = (await call(app, cityAdmin, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json();
    expect(stats.totals).toMatchObject({ sessions: 1, clients: 1, followUpsPlanned: 1, followUpsDone: 1 });
    expect(stats.byUnit.find((r: { unitId: number }) => r.unitId === t.a.id)).toMatchObject({ sessions: 1 });
    expect(stats.counsellors).toBe(2);
    expect(JSON.stringify(stats)).not.toContain('郑来访');
    // A county counts the counsellors kept by its units or serving them, not the city's team serving elsewhere.
    const own = await call(app, adminA, 'POST', '/api/v1/counselling/counsellors', { unitId: t.a.id, name: '甲县老师', qualification: '心理咨询师（二级）', joinedOn: '2013-01-01' });
    expect(own.statusCode, own.body).toBe(201);
    const countyStats = (await call(app, adminA, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json();
    expect(countyStats.counsellors).toBe(1);
    expect((await call(app, cityAdmin, 'GET', `/api/v1/counselling/statistics?unitId=${t.a.id}&from=${today}&to=${today}`)).json().counsellors).toBe(1);
    expect((await call(app, cityAdmin, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json().counsellors).toBe(3);
    expect((await call(app, adminB, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json().counsellors).toBe(0);
    // A city counsellor who also serves county B counts there.
    const served = await call(app, cityAdmin, 'PATCH', `/api/v1/counselling/counsellors/${other.counsellorId}`, { unitsServed: [t.city.id, t.bTown.id] });
    expect(served.statusCode, served.body).toBe(200);
    expect((await call(app, adminB, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json().counsellors).toBe(1);
    expect((await call(app, adminB, 'GET', `/api/v1/counselling/statistics?from=${today}&to=${today}`)).json().totals.sessions).toBe(0);
  });
});
