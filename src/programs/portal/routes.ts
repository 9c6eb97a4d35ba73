/** HTTP for the workers' portal: registration (before sign-in) and the worker's own records. */
import { Type } from 'typebox';
import type { Database } from '../../db/client.ts';
import type { App } from '../../server/app-types.ts';
import type { MessageChannel } from '../../engines/notify/channels.ts';
import { REFUSALS, IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { DISPUTE_TYPES } from '../legal/index.ts';
import { TOPICS } from '../counselling/index.ts';
import { requestRegistrationCode, registerWorker } from './registration.ts';
import { bookSlot, cancelMine, fileDispute, myAppointments, myCase, myCases, myMembership, openSlots, requestAidOnMyCase, rescheduleMine } from './service.ts';

const tags = ['职工服务门户'];
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Mobile = Type.String({ pattern: '^1\\d{10}$', description: '手机号码（11 位）' });
const IdNumber = Text({ min: 15, max: 18, description: '身份证号' });
const Identity = { name: Text({ max: 50 }), idNumber: IdNumber, phone: Mobile };

const Membership = Type.Object({
  name: Type.String(),
  idMasked: Type.String(),
  phone: Type.String(),
  status: Type.Union([Type.Literal('member'), Type.Literal('left')]),
  unionName: NullableString,
  enterpriseName: NullableString,
  joinedOn: NullableString,
  periods: Type.Array(Type.Object({ unionName: Type.String(), enterpriseName: NullableString, joinedOn: Type.String(), leftOn: NullableString, leaveReason: NullableString })),
});
const CaseItem = Type.Object({
  id: Type.Integer(),
  ref: Type.String(),
  title: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  openedOn: Type.String(),
  closedOn: NullableString,
  result: NullableString,
  channel: Type.String(),
  disputeType: Type.String(),
  claimedFen: Type.Integer(),
  recoveredFen: Type.Integer(),
  employerName: Type.String(),
  nextDueOn: NullableString,
});
const CaseDetail = Type.Object({
  ...Type.Omit(CaseItem, ['nextDueOn']).properties,
  unitName: Type.String(),
  employerCreditCode: NullableString,
  facts: NullableString,
  stages: Type.Array(Type.Object({ stage: Type.String(), startedOn: Type.String(), endedOn: NullableString, outcome: NullableString, amountFen: Type.Integer() })),
  deadlines: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), dueOn: Type.String(), metOn: NullableString, state: Type.String() })),
  aidRequests: Type.Array(
    Type.Object({
      id: Type.Integer(),
      requestedOn: Type.String(),
      reason: Type.String(),
      decision: Type.String(),
      decidedOn: NullableString,
      decisionNote: NullableString,
      lawyerName: NullableString,
    }),
  ),
});
const OpenSlot = Type.Object({
  id: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  counsellorName: Type.String(),
  qualification: Type.String(),
  roomName: Type.String(),
  roomAddress: NullableString,
});
const MyAppointment = Type.Object({
  id: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  counsellorName: Type.String(),
  roomName: Type.String(),
  topic: Type.String(),
  status: Type.String(),
  requestedAt: Type.String(),
  cancelReason: NullableString,
});

export function portalRoutes(app: App, deps: { database: Database; sms: MessageChannel }): void {
  const self = { permission: 'portal.self' } as const;

  // ── Registration (before sign-in) ───────────────────────────────────────────────────────
  app.post('/api/v1/portal/registration/code', {
    schema: {
      tags,
      summary: '职工注册：核对身份并发送短信验证码（每个身份证号和手机号每分钟一次、每天五次）',
      body: Type.Object(Identity, { additionalProperties: false }),
      response: { 200: Type.Object({ expiresAt: Type.String(), resendAfterSeconds: Type.Integer() }), ...errorResponses, 429: REFUSALS[429] },
    },
    config: { access: { public: true } },
    handler: async (req) => requestRegistrationCode(deps.database, deps.sms, req.body),
  });

  app.post('/api/v1/portal/registration', {
    schema: {
      tags,
      summary: '职工注册：凭验证码开通账号（用户名为手机号码，所在工会为当前会籍的工会）',
      body: Type.Object({ ...Identity, code: Type.String({ pattern: '^\\d{6}$' }), password: Text({ min: 1, max: 128 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ username: Type.String() }), ...errorResponses },
    },
    config: { access: { public: true } },
    handler: async (req, reply) => reply.status(201).send({ username: (await registerWorker(deps.database, req.body)).username }),
  });

  // ── The worker's own records ────────────────────────────────────────────────────────────
  app.get('/api/v1/portal/me', {
    schema: { tags, summary: '我的会籍：所在工会、入会日期与状态', response: { 200: Membership, ...errorResponses } },
    config: { access: self },
    handler: async (req) => req.inScope((ctx) => myMembership(ctx)),
  });

  app.get('/api/v1/portal/cases', {
    schema: {
      tags,
      summary: '我的劳动争议案件',
      querystring: Type.Object({ q: Type.Optional(Text({ min: 0, max: 100 })), ...Paging }),
      response: { 200: Page(CaseItem), ...errorResponses },
    },
    config: { access: self },
    handler: async (req) => req.inScope((ctx) => myCases(ctx, { q: req.query.q, ...pageOf(req.query) })),
  });

  app.post('/api/v1/portal/cases', {
    schema: {
      tags,
      summary: '我要维权：提交劳动争议（受理渠道为职工门户，本人为当事职工）',
      body: Type.Object(
        {
          disputeType: OneOf(DISPUTE_TYPES),
          claimedFen: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
          employerName: Text({ max: 100 }),
          employerCreditCode: Type.Optional(Type.Union([Type.Null(), Text({ min: 0, max: 18 })])),
          facts: Text({ max: 4000 }),
          knewOn: Type.Optional(Type.Union([Type.Null(), IsoDate])),
        },
        { additionalProperties: false },
      ),
      response: { 201: CaseDetail, ...errorResponses },
    },
    config: { access: self },
    handler: async (req, reply) => reply.status(201).send(await req.inScope((ctx) => fileDispute(ctx, req.body))),
  });

  app.get('/api/v1/portal/cases/:id', {
    schema: { tags, summary: '我的案件：阶段、期限与结果', params: IdParam, response: { 200: CaseDetail, ...errorResponses } },
    config: { access: { ...self, resource: 'legal_case' } },
    handler: async (req) => req.inScope((ctx) => myCase(ctx, req.params.id)),
  });

  app.post('/api/v1/portal/cases/:id/aid', {
    schema: {
      tags,
      summary: '申请法律援助',
      params: IdParam,
      body: Type.Object({ reason: Text({ max: 1000 }) }, { additionalProperties: false }),
      response: { 200: CaseDetail, ...errorResponses },
    },
    config: { access: { ...self, resource: 'legal_case' } },
    handler: async (req) => req.inScope((ctx) => requestAidOnMyCase(ctx, req.params.id, req.body.reason)),
  });

  app.get('/api/v1/portal/slots', {
    schema: { tags, summary: '可预约的心理咨询时段（为本人所在工会服务的咨询师，四周内）', response: { 200: Type.Object({ items: Type.Array(OpenSlot) }), ...errorResponses } },
    config: { access: self },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await openSlots(ctx) })),
  });

  app.get('/api/v1/portal/appointments', {
    schema: { tags, summary: '我的心理咨询预约', querystring: Type.Object(Paging), response: { 200: Page(MyAppointment), ...errorResponses } },
    config: { access: self },
    handler: async (req) => req.inScope((ctx) => myAppointments(ctx, pageOf(req.query))),
  });

  app.post('/api/v1/portal/appointments', {
    schema: {
      tags,
      summary: '预约心理咨询',
      body: Type.Object({ slotId: RecordId(), topic: OneOf(TOPICS) }, { additionalProperties: false }),
      response: { 201: MyAppointment, ...errorResponses },
    },
    config: { access: self },
    handler: async (req, reply) => reply.status(201).send(await req.inScope((ctx) => bookSlot(ctx, req.body))),
  });

  app.post('/api/v1/portal/appointments/:id/reschedule', {
    schema: {
      tags,
      summary: '改约到另一个时段',
      params: IdParam,
      body: Type.Object({ slotId: RecordId() }, { additionalProperties: false }),
      response: { 200: MyAppointment, ...errorResponses },
    },
    config: { access: { ...self, resource: 'appointment' } },
    handler: async (req) => req.inScope((ctx) => rescheduleMine(ctx, req.params.id, req.body.slotId)),
  });

  app.post('/api/v1/portal/appointments/:id/cancel', {
    schema: {
      tags,
      summary: '取消预约',
      params: IdParam,
      body: Type.Object({ reason: Type.Optional(Text({ min: 0, max: 200 })) }, { additionalProperties: false }),
      response: { 200: MyAppointment, ...errorResponses },
    },
    config: { access: { ...self, resource: 'appointment' } },
    handler: async (req) => req.inScope((ctx) => cancelMine(ctx, req.params.id, req.body.reason ?? '')),
  });
}
