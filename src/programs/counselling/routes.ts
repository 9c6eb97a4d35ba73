/** HTTP for counselling: the team, rooms, slots, appointments, the counsellor's own notes, follow-ups and counts. */
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam } from '../../server/replies.ts';
import type { Ctx } from '../../engines/context.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId, ZonedDateTime, Paragraph, NullableRecordId } from '../../server/schemas.ts';
import { commonError } from '../../engines/errors.ts';
import { APPOINTMENT_STATUSES, FOLLOW_UP_METHODS, REQUESTERS, TOPICS } from './schema.ts';
import {
  addFollowUp,
  appointmentDetail,
  cancelAppointment,
  completeAppointment,
  completeFollowUp,
  confirmAppointment,
  counsellingStatistics,
  createCounsellor,
  createRoom,
  createSlot,
  getCounsellor,
  listAppointments,
  listCounsellors,
  listRooms,
  listSlots,
  markNoShow,
  presentCounsellor,
  presentFollowUp,
  presentSlot,
  readNotes,
  rescheduleAppointment,
  requestAppointment,
  updateCounsellor,
  withdrawSlot,
  writeNote,
} from './service.ts';

const tags = ['心理咨询'];
const NullableString = Type.Union([Type.String(), Type.Null()]);
/** Writes that carry nothing but their URL. */
const NoBody = Type.Object({}, { additionalProperties: false });
const NullableInt = Type.Union([Type.Null(), Type.Integer()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

function moment(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw commonError('VALIDATION_FAILED', `${field}：不是有效的时间`);
  return d;
}

const Counsellor = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  userId: NullableInt,
  name: Type.String(),
  qualification: Type.String(),
  qualificationNo: NullableString,
  phone: NullableString,
  available: Type.Boolean(),
  availabilityNote: NullableString,
  active: Type.Boolean(),
  joinedOn: Type.String(),
});
const Room = Type.Object({ id: Type.Integer(), unitId: Type.Integer(), name: Type.String(), address: NullableString });
const Slot = Type.Object({ id: Type.Integer(), unitId: Type.Integer(), counsellorId: Type.Integer(), roomId: Type.Integer(), startsAt: Type.String(), endsAt: Type.String() });
const FollowUp = Type.Object({ id: Type.Integer(), appointmentId: Type.Integer(), method: Type.String(), dueOn: Type.String(), doneOn: NullableString });
const Appointment = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  slotId: Type.Integer(),
  counsellorId: Type.Integer(),
  counsellorName: Type.String(),
  roomId: Type.Integer(),
  roomName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  requestedBy: Type.String(),
  clientName: Type.String(),
  clientPhone: NullableString,
  topic: Type.String(),
  status: Type.String(),
  requestedAt: Type.String(),
  confirmedAt: NullableString,
  cancelledAt: NullableString,
  cancelReason: NullableString,
  completedAt: NullableString,
  noteWritten: Type.Boolean({ description: '是否已写咨询记录（内容只有承接的咨询师本人可读）' }),
  noteWrittenAt: NullableString,
});
const Counts = Type.Object({
  requested: Type.Integer(),
  sessions: Type.Integer(),
  cancelled: Type.Integer(),
  noShow: Type.Integer(),
  clients: Type.Integer(),
  followUpsPlanned: Type.Integer(),
  followUpsDone: Type.Integer(),
});

export function counsellingRoutes(app: App): void {
  const read = { permission: 'counselling.read' } as const;
  const write = { permission: 'counselling.write' } as const;
  const manage = { permission: 'counselling.manage' } as const;
  const ownNotes = { permission: 'counselling.notes', resource: 'appointment' } as const;
  const appointment = { ...write, resource: 'appointment' } as const;

  // ── The team and the rooms ──────────────────────────────────────────────────────────────
  app.get('/api/v1/counselling/counsellors', {
    schema: {
      tags,
      summary: '心理咨询服务团（按姓名拼音排序）',
      querystring: Type.Object({ available: Type.Optional(Type.Boolean()) }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ ...Counsellor.properties, unitsServed: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) })) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await listCounsellors(ctx, req.query) })),
  });

  const CounsellorBody = {
    qualification: Text({ max: 100 }),
    qualificationNo: Type.Optional(Nullable(Text({ max: 50 }))),
    phone: Type.Optional(Nullable(Text({ min: 0, max: 20 }))),
    userId: Type.Optional(NullableRecordId()),
    available: Type.Optional(Type.Boolean()),
    availabilityNote: Type.Optional(Nullable(Text({ max: 200 }))),
    unitsServed: Type.Optional(Type.Array(RecordId(), { maxItems: 200 })),
  };

  app.post('/api/v1/counselling/counsellors', {
    schema: {
      tags,
      summary: '选聘心理咨询师',
      body: Type.Object({ unitId: RecordId(), name: Text({ max: 50 }), joinedOn: IsoDate, ...CounsellorBody }, { additionalProperties: false }),
      response: { 201: Counsellor, ...errorResponses },
    },
    config: { access: manage },
    handler: async (req, reply) => reply.status(201).send(presentCounsellor(await req.inScope((ctx) => createCounsellor(ctx, { ...req.body, joinedOn: dateParam(req.body.joinedOn, 'joinedOn') })))),
  });

  app.get('/api/v1/counselling/counsellors/:id', {
    schema: { tags, summary: '心理咨询师详情', params: IdParam, response: { 200: Counsellor, ...errorResponses } },
    config: { access: { ...read, resource: 'counsellor' } },
    handler: async (req) => req.inScope(async (ctx) => presentCounsellor(await getCounsellor(ctx, req.params.id))),
  });

  app.patch('/api/v1/counselling/counsellors/:id', {
    schema: {
      tags,
      summary: '修改心理咨询师信息、可预约状态、服务单位',
      params: IdParam,
      body: Type.Object({ ...CounsellorBody, qualification: Type.Optional(Text({ max: 100 })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Counsellor, ...errorResponses },
    },
    config: { access: { ...manage, resource: 'counsellor' } },
    handler: async (req) => req.inScope(async (ctx) => presentCounsellor(await updateCounsellor(ctx, req.params.id, req.body))),
  });

  app.get('/api/v1/counselling/rooms', {
    schema: { tags, summary: '心理咨询室', response: { 200: Type.Object({ items: Type.Array(Room) }), ...errorResponses } },
    config: { access: read },
    handler: async (req) => req.inScope(async (ctx) => ({ items: (await listRooms(ctx)).map((r) => ({ id: r.id, unitId: r.unitId, name: r.name, address: r.address })) })),
  });

  app.post('/api/v1/counselling/rooms', {
    schema: {
      tags,
      summary: '设立心理咨询室',
      body: Type.Object({ unitId: RecordId(), name: Text({ max: 100 }), address: Type.Optional(Nullable(Text({ max: 200 }))) }, { additionalProperties: false }),
      response: { 201: Room, ...errorResponses },
    },
    config: { access: manage },
    handler: async (req, reply) => {
      const r = await req.inScope((ctx) => createRoom(ctx, req.body));
      return reply.status(201).send({ id: r.id, unitId: r.unitId, name: r.name, address: r.address });
    },
  });

  // ── Slots ───────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/counselling/slots', {
    schema: {
      tags,
      summary: '可预约时段（已被预约的时段标为 taken，不显示预约人）',
      querystring: Type.Object({
        from: ZonedDateTime,
        to: ZonedDateTime,
        counsellorId: Type.Optional(RecordId()),
        roomId: Type.Optional(RecordId()),
        freeOnly: Type.Optional(Type.Boolean()),
      }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...Slot.properties, counsellorName: Type.String(), roomName: Type.String(), taken: Type.Boolean() })) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await listSlots(ctx, { ...req.query, from: moment(req.query.from, 'from'), to: moment(req.query.to, 'to') }) })),
  });

  app.post('/api/v1/counselling/slots', {
    schema: {
      tags,
      summary: '开放预约时段（同一咨询师、同一咨询室的时段不能重叠）',
      body: Type.Object({ counsellorId: RecordId(), roomId: RecordId(), startsAt: ZonedDateTime, endsAt: ZonedDateTime }, { additionalProperties: false }),
      response: { 201: Slot, ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) =>
      reply.status(201).send(presentSlot(await req.inScope((ctx) => createSlot(ctx, { ...req.body, startsAt: moment(req.body.startsAt, 'startsAt'), endsAt: moment(req.body.endsAt, 'endsAt') })))),
  });

  app.post('/api/v1/counselling/slots/:id/withdraw', {
    schema: { tags, summary: '撤销未被预约的时段', params: IdParam, body: NoBody, response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses } },
    config: { access: { ...write, resource: 'counselling_slot' } },
    handler: async (req) => {
      await req.inScope((ctx) => withdrawSlot(ctx, req.params.id));
      return { ok: true as const };
    },
  });

  // ── Appointments ────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/counselling/appointments', {
    schema: {
      tags,
      summary: '预约（咨询师只看到自己的预约）',
      querystring: Type.Object({
        status: Type.Optional(OneOf(APPOINTMENT_STATUSES)),
        underUnitId: Type.Optional(RecordId()),
        counsellorId: Type.Optional(RecordId()),
        from: Type.Optional(IsoDate),
        to: Type.Optional(IsoDate),
        ...Paging,
      }),
      response: { 200: Page(Appointment), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listAppointments(ctx, { ...req.query, from: dateParam(req.query.from, 'from'), to: dateParam(req.query.to, 'to'), ...pageOf(req.query) })),
  });

  app.post('/api/v1/counselling/appointments', {
    schema: {
      tags,
      summary: '申请预约（职工本人或工会代为申请）；一个时段只能被预约一次',
      body: Type.Object(
        {
          slotId: RecordId(),
          unitId: RecordId(),
          requestedBy: OneOf(REQUESTERS),
          clientName: Text({ max: 50 }),
          clientPhone: Type.Optional(Nullable(Text({ min: 0, max: 20 }))),
          topic: OneOf(TOPICS),
        },
        { additionalProperties: false },
      ),
      response: { 201: Appointment, ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) =>
      reply.status(201).send(
        await req.inScope(async (ctx) => {
          const a = await requestAppointment(ctx, req.body);
          const { followUps: _f, ...detail } = await appointmentDetail(ctx, a.id);
          return detail;
        }),
      ),
  });

  app.get('/api/v1/counselling/appointments/:id', {
    schema: { tags, summary: '预约详情（不含咨询记录）', params: IdParam, response: { 200: Type.Object({ ...Appointment.properties, followUps: Type.Array(FollowUp) }), ...errorResponses } },
    config: { access: { ...read, resource: 'appointment' } },
    handler: async (req) => req.inScope((ctx) => appointmentDetail(ctx, req.params.id)),
  });

  const transition = (url: string, summary: string, work: (ctx: Ctx, id: number, body: Record<string, unknown>) => Promise<unknown>, body?: ReturnType<typeof Type.Object>) =>
    app.post(url, {
      schema: { tags, summary, params: IdParam, body: body ?? NoBody, response: { 200: Appointment, ...errorResponses } },
      config: { access: appointment },
      handler: async (req) =>
        req.inScope(async (ctx) => {
          const id = (req.params as { id: number }).id;
          await work(ctx, id, (req.body ?? {}) as Record<string, unknown>);
          const { followUps: _f, ...detail } = await appointmentDetail(ctx, id);
          return detail;
        }),
    });
  transition('/api/v1/counselling/appointments/:id/confirm', '确认预约', (ctx, id) => confirmAppointment(ctx, id));
  transition(
    '/api/v1/counselling/appointments/:id/reschedule',
    '改约到另一个空闲时段（换咨询师须重新确认）',
    (ctx, id, b) => rescheduleAppointment(ctx, id, Number(b.slotId)),
    Type.Object({ slotId: RecordId() }, { additionalProperties: false }),
  );
  transition(
    '/api/v1/counselling/appointments/:id/cancel',
    '取消预约',
    (ctx, id, b) => cancelAppointment(ctx, id, String(b.reason)),
    Type.Object({ reason: Text({ max: 200 }) }, { additionalProperties: false }),
  );
  transition('/api/v1/counselling/appointments/:id/complete', '登记咨询已完成', (ctx, id) => completeAppointment(ctx, id));
  transition('/api/v1/counselling/appointments/:id/no-show', '登记未到', (ctx, id) => markNoShow(ctx, id));

  // ── Notes: the assigned counsellor's only ───────────────────────────────────────────────
  app.get('/api/v1/counselling/appointments/:id/notes', {
    schema: {
      tags,
      summary: '本人的咨询记录（仅承接该预约的咨询师本人可读）',
      params: IdParam,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), writtenAt: Type.String(), body: Type.String() })) }), ...errorResponses },
    },
    config: { access: ownNotes },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await readNotes(ctx, req.params.id) })),
  });

  app.post('/api/v1/counselling/appointments/:id/notes', {
    schema: {
      tags,
      summary: '写咨询记录（加密保存；审计只记录“已写”，不记录内容）',
      params: IdParam,
      body: Type.Object({ body: Paragraph({ max: 20000 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), writtenAt: Type.String() }), ...errorResponses },
    },
    config: { access: ownNotes },
    handler: async (req, reply) => reply.status(201).send(await req.inScope((ctx) => writeNote(ctx, req.params.id, req.body.body))),
  });

  // ── Follow-ups ──────────────────────────────────────────────────────────────────────────
  app.post('/api/v1/counselling/appointments/:id/follow-ups', {
    schema: {
      tags,
      summary: '安排回访',
      params: IdParam,
      body: Type.Object({ method: OneOf(FOLLOW_UP_METHODS), dueOn: IsoDate }, { additionalProperties: false }),
      response: { 201: FollowUp, ...errorResponses },
    },
    config: { access: appointment },
    handler: async (req, reply) =>
      reply.status(201).send(presentFollowUp(await req.inScope((ctx) => addFollowUp(ctx, req.params.id, { method: req.body.method, dueOn: dateParam(req.body.dueOn, 'dueOn') })))),
  });

  app.post('/api/v1/counselling/follow-ups/:id/done', {
    schema: { tags, summary: '登记回访已完成', params: IdParam, body: Type.Object({ doneOn: IsoDate }, { additionalProperties: false }), response: { 200: FollowUp, ...errorResponses } },
    config: { access: { ...write, resource: 'follow_up' } },
    handler: async (req) => req.inScope(async (ctx) => presentFollowUp(await completeFollowUp(ctx, req.params.id, dateParam(req.body.doneOn, 'doneOn')))),
  });

  // ── Counts ──────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/counselling/statistics', {
    schema: {
      tags,
      summary: '心理咨询统计（仅匿名计数，不含任何咨询内容）',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), from: IsoDate, to: IsoDate }),
      response: {
        200: Type.Object({
          unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
          from: Type.String(),
          to: Type.String(),
          totals: Counts,
          counsellors: Type.Integer(),
          byUnit: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), ...Counts.properties })),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => counsellingStatistics(ctx, { unitId: req.query.unitId, from: dateParam(req.query.from, 'from'), to: dateParam(req.query.to, 'to') })),
  });
}
