/** HTTP for legal services: the lawyers' team, labour-dispute cases, legal aid and the figures. */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type, type Static, type TObject } from 'typebox';
import type { Ctx } from '../../engines/context.ts';
import type { App } from '../../server/app-types.ts';
import { dateParam } from '../../server/replies.ts';
import { sendListExport, type PageRequest } from '../../server/list-export.ts';
import { IdParam, IsoDate, OneOf, Ok, Page, Paging, Text, errorResponses, pageOf, RecordId, NullableRecordId, uploadRefusals } from '../../server/schemas.ts';
import { commonError } from '../../engines/errors.ts';
import { advanceStage, attachDocument, endStage, getCase, presentDocument, recordEvent } from '../../engines/cases/service.ts';
import { caseFilesDir } from '../../engines/cases/routes.ts';
import { CASE_RESULTS, LEGAL_EVENTS, LEGAL_STAGES, UNION_ROLES, labourDisputeFlow as flow } from './flow.ts';
import { AID_DECISIONS, DISPUTE_TYPES, INTAKE_CHANNELS } from './schema.ts';
import { remindLegalDeadlines } from './reminders.ts';
import {
  addParty,
  assignLawyer,
  caseRef,
  closeDispute,
  openDispute,
  createLawyer,
  decideAid,
  disputeRecord,
  drillDownLegal,
  getLawyer,
  LEGAL_FIGURES,
  legalStatistics,
  type DisputeCursor,
  listDisputes,
  listLawyers,
  presentAid,
  presentLawyer,
  presentParty,
  requestAid,
  updateDispute,
  updateLawyer,
} from './service.ts';

const tags = ['法律服务'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Null(), Type.Integer()]);
export const DOCUMENT_LIMIT = 20 * 1024 * 1024;

const Lawyer = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  userId: NullableInt,
  name: Type.String(),
  licenceNo: Type.String(),
  firm: Type.String(),
  phone: NullableString,
  available: Type.Boolean(),
  availabilityNote: NullableString,
  active: Type.Boolean(),
  joinedOn: Type.String(),
});
const LawyerListItem = Type.Object({ ...Lawyer.properties, unitsServed: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })), openCases: Type.Integer() });

/** What the list and the whole case both say of a dispute. */
const DisputeCore = {
  id: Type.Integer(),
  ref: Type.String(),
  title: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  stage: Type.String(),
  status: Type.String(),
  openedOn: Type.String(),
  closedOn: NullableString,
  result: NullableString,
  channel: Type.String(),
  disputeType: Type.String(),
  claimedFen: Type.Integer(),
  recoveredFen: Type.Integer(),
  collective: Type.Boolean(),
  employerName: Type.String(),
  employerCreditCode: NullableString,
};

const DisputeListItem = Type.Object({
  ...DisputeCore,
  workers: Type.Integer(),
  partyNames: Type.Array(Type.String()),
  lawyerName: NullableString,
  nextDueOn: NullableString,
});

const Party = Type.Object({ id: Type.Integer(), name: Type.String(), idMasked: Type.String(), gender: Type.String(), birthYear: Type.Integer(), phone: NullableString, migrantWorker: Type.Boolean() });
const Aid = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  partyId: Type.Integer(),
  requestedOn: Type.String(),
  reason: Type.String(),
  decision: Type.String(),
  decidedOn: NullableString,
  decisionNote: NullableString,
  lawyerId: NullableInt,
});
const Document = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  stageSeq: NullableInt,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  note: NullableString,
  uploadedAt: Type.String(),
});
const Dispute = Type.Object({
  ...DisputeCore,
  resultNote: NullableString,
  channelNote: NullableString,
  enterpriseId: NullableInt,
  facts: NullableString,
  parties: Type.Array(Party),
  stages: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      stage: Type.String(),
      role: Type.String(),
      startedOn: Type.String(),
      endedOn: NullableString,
      outcome: NullableString,
      amountFen: Type.Integer(),
      note: NullableString,
    }),
  ),
  events: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), occurredOn: Type.String(), stageSeq: NullableInt, note: NullableString })),
  deadlines: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      basis: Type.String(),
      fromOn: Type.String(),
      dueOn: Type.String(),
      nominalDueOn: NullableString,
      calendarHeld: Type.Boolean(),
      extended: Type.Boolean(),
      metOn: NullableString,
      state: OneOf(['met', 'open', 'due_soon', 'overdue', 'void'] as const),
      daysLeft: Type.Integer(),
      lateBy: Type.Integer(),
    }),
  ),
  assignments: Type.Array(Type.Object({ id: Type.Integer(), userId: Type.Integer(), name: Type.String(), role: Type.String(), assignedOn: Type.String(), endedOn: NullableString })),
  documents: Type.Array(Document),
  aidRequests: Type.Array(Aid),
});

const Worker = Type.Object(
  {
    name: Text({ max: 50 }),
    idNumber: Text({ min: 18, max: 18 }),
    phone: Type.Optional(Nullable(Text({ min: 0, max: 20 }))),
    migrantWorker: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const DisputeQuery = {
  q: Type.Optional(Text({ min: 0, max: 100 })),
  underUnitId: Type.Optional(RecordId()),
  stage: Type.Optional(OneOf(LEGAL_STAGES)),
  status: Type.Optional(OneOf(['open', 'closed'] as const)),
  disputeType: Type.Optional(OneOf(DISPUTE_TYPES)),
  channel: Type.Optional(OneOf(INTAKE_CHANNELS)),
  openedFrom: Type.Optional(IsoDate),
  openedTo: Type.Optional(IsoDate),
  deadlineWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, description: '只看有期限在今天起若干天内届满（尚未办理）的在办案件' })),
  overdue: Type.Optional(Type.Boolean({ description: '只看有期限已过而未办理的在办案件（与 deadlineWithin 同时给出时取其一即可）' })),
};

/** A move of a case through its flow: its path under the case, its body, and the engine's step. */
interface Transition {
  path: string;
  summary: string;
  body: TObject;
  run: (ctx: Ctx, caseId: number, body: never) => Promise<void>;
}
const transition = <B extends TObject>(t: { path: string; summary: string; body: B; run: (ctx: Ctx, caseId: number, body: Static<B>) => Promise<void> }): Transition => t as Transition;

const Figures = Type.Object({
  received: Type.Integer(),
  mediated: Type.Integer(),
  arbitrations: Type.Integer(),
  lawsuits: Type.Integer(),
  recovered: Type.Integer(),
  workers: Type.Integer(),
});

export function legalRoutes(app: App, deps: { filesDir: string }): void {
  const read = { permission: 'legal.read' } as const;
  const write = { permission: 'legal.write' } as const;
  const manage = { permission: 'legal.manage' } as const;

  // ── The team ────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/legal/lawyers', {
    schema: {
      tags,
      summary: '职工法律服务团律师（按姓名拼音排序）',
      querystring: Type.Object({ q: Type.Optional(Text({ min: 0, max: 50 })), available: Type.Optional(Type.Boolean()), servesUnitId: Type.Optional(RecordId()) }),
      response: { 200: Type.Object({ items: Type.Array(LawyerListItem) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await listLawyers(ctx, { ...req.query, q: req.query.q?.trim() || undefined }) })),
  });

  const LawyerBody = {
    firm: Text({ max: 100 }),
    phone: Type.Optional(Nullable(Text({ min: 0, max: 20 }))),
    userId: Type.Optional(NullableRecordId()),
    available: Type.Optional(Type.Boolean()),
    availabilityNote: Type.Optional(Nullable(Text({ max: 200 }))),
    unitsServed: Type.Optional(Type.Array(RecordId(), { maxItems: 200 })),
  };

  app.post('/api/v1/legal/lawyers', {
    schema: {
      tags,
      summary: '聘请律师加入服务团',
      body: Type.Object({ unitId: RecordId(), name: Text({ max: 50 }), licenceNo: Type.String({ pattern: '^[0-9A-Za-z]{6,32}$' }), joinedOn: IsoDate, ...LawyerBody }, { additionalProperties: false }),
      response: { 201: Lawyer, ...errorResponses },
    },
    config: { access: manage },
    handler: async (req, reply) => {
      const l = await req.inScope((ctx) => createLawyer(ctx, { ...req.body, joinedOn: dateParam(req.body.joinedOn, 'joinedOn') }));
      return reply.status(201).send(presentLawyer(l));
    },
  });

  app.patch('/api/v1/legal/lawyers/:id', {
    schema: {
      tags,
      summary: '修改律师信息、可承接状态、服务单位',
      params: IdParam,
      body: Type.Object({ ...LawyerBody, firm: Type.Optional(Text({ max: 100 })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Lawyer, ...errorResponses },
    },
    config: { access: { ...manage, resource: 'lawyer' } },
    handler: async (req) => req.inScope(async (ctx) => presentLawyer(await updateLawyer(ctx, req.params.id, req.body))),
  });

  app.get('/api/v1/legal/lawyers/:id', {
    schema: { tags, summary: '律师详情', params: IdParam, response: { 200: Lawyer, ...errorResponses } },
    config: { access: { ...read, resource: 'lawyer' } },
    handler: async (req) => req.inScope(async (ctx) => presentLawyer(await getLawyer(ctx, req.params.id))),
  });

  // ── Cases ───────────────────────────────────────────────────────────────────────────────
  app.get('/api/v1/legal/cases', {
    schema: {
      tags,
      summary: '劳动争议案件（律师只看到指派给自己的案件）；q 可为当事人姓名、身份证号、用人单位或信用代码',
      querystring: Type.Object({ ...DisputeQuery, ...Paging }),
      response: { 200: Page(DisputeListItem), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listDisputes(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) })),
  });

  app.get('/api/v1/legal/cases/export.xlsx', {
    schema: { tags, summary: '导出劳动争议案件（当事人身份证号不导出）', querystring: Type.Object(DisputeQuery) },
    config: { access: read },
    handler: async (req, reply) => {
      const filter = { ...req.query, q: req.query.q?.trim() || undefined };
      return sendListExport(req, reply, {
        title: '劳动争议案件',
        entity: 'legal_dispute_export',
        filter: req.query,
        unitId: req.query.underUnitId,
        page: (ctx, p: PageRequest<DisputeCursor>) => listDisputes(ctx, { ...filter, ...p }),
        columns: [
          { header: '案件编号', value: (c) => c.ref },
          { header: '案由', width: 40, value: (c) => c.title },
          { header: '受理单位', width: 24, value: (c) => c.unitName },
          { header: '来源', value: (c) => c.channel },
          { header: '争议类型', value: (c) => c.disputeType },
          { header: '职工', width: 20, value: (c) => c.partyNames.join('、') },
          { header: '人数', value: (c) => c.workers },
          { header: '用人单位', width: 30, value: (c) => c.employerName },
          { header: '阶段', value: (c) => c.stage },
          { header: '状态', value: (c) => c.status },
          { header: '立案日期', value: (c) => c.openedOn },
          { header: '结案日期', value: (c) => c.closedOn },
          { header: '请求金额（元）', value: (c) => c.claimedFen / 100 },
          { header: '挽回金额（元）', value: (c) => c.recoveredFen / 100 },
          { header: '承办律师', value: (c) => c.lawyerName },
        ],
      });
    },
  });

  app.post('/api/v1/legal/cases', {
    schema: {
      tags,
      summary: '受理劳动争议（服务站、热线、职工服务平台、转介；或参与仲裁、诉讼）',
      body: Type.Object(
        {
          unitId: RecordId(),
          channel: OneOf(INTAKE_CHANNELS),
          channelNote: Type.Optional(Nullable(Text({ max: 200 }))),
          disputeType: OneOf(DISPUTE_TYPES),
          claimedFen: Type.Integer({ minimum: 0, maximum: 1e13 }),
          employerName: Text({ max: 100 }),
          employerCreditCode: Type.Optional(Nullable(Text({ min: 18, max: 18 }))),
          facts: Type.Optional(Nullable(Text({ max: 5000, min: 0 }))),
          title: Type.Optional(Text({ max: 200 })),
          openedOn: IsoDate,
          knewOn: Type.Optional(Nullable(IsoDate)),
          stage: Type.Optional(OneOf(LEGAL_STAGES)),
          role: Type.Optional(OneOf(UNION_ROLES)),
          workers: Type.Array(Worker, { minItems: 1, maxItems: 500 }),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ id: Type.Integer(), ref: Type.String() }), ...errorResponses },
    },
    config: { access: manage },
    handler: async (req, reply) => {
      const b = req.body;
      const c = await req.inScope((ctx) => openDispute(ctx, { ...b, openedOn: dateParam(b.openedOn, 'openedOn'), knewOn: dateParam(b.knewOn, 'knewOn') }));
      return reply.status(201).send({ id: c.id, ref: caseRef(c) });
    },
  });

  app.get('/api/v1/legal/cases/:id', {
    schema: { tags, summary: '案件详情：当事人（脱敏）、各阶段、期限、指派、材料、法律援助', params: IdParam, response: { 200: Dispute, ...errorResponses } },
    config: { access: { ...read, resource: 'legal_case' } },
    handler: async (req) => req.inScope((ctx) => disputeRecord(ctx, req.params.id)),
  });

  app.patch('/api/v1/legal/cases/:id', {
    schema: {
      tags,
      summary: '更正受理信息（案由、争议类型、请求金额、用人单位、案情）',
      params: IdParam,
      body: Type.Object(
        {
          title: Type.Optional(Text({ max: 200 })),
          channelNote: Type.Optional(Nullable(Text({ max: 200 }))),
          disputeType: Type.Optional(OneOf(DISPUTE_TYPES)),
          claimedFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13 })),
          employerName: Type.Optional(Text({ max: 100 })),
          employerCreditCode: Type.Optional(Nullable(Text({ min: 18, max: 18 }))),
          facts: Type.Optional(Nullable(Text({ max: 5000, min: 0 }))),
        },
        { additionalProperties: false },
      ),
      response: { 200: Dispute, ...errorResponses },
    },
    config: { access: { ...manage, resource: 'legal_case' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        await updateDispute(ctx, req.params.id, req.body);
        return disputeRecord(ctx, req.params.id);
      }),
  });

  app.post('/api/v1/legal/cases/:id/parties', {
    schema: { tags, summary: '增加职工当事人（集体争议）', params: IdParam, body: Worker, response: { 201: Party, ...errorResponses } },
    config: { access: { ...manage, resource: 'legal_case' } },
    handler: async (req, reply) => reply.status(201).send(presentParty(await req.inScope((ctx) => addParty(ctx, req.params.id, req.body)))),
  });

  // The moves of a case through its flow, each registered the same way.
  const Note = Type.Optional(Nullable(Text({ max: 500 })));
  const transitions: Transition[] = [
    transition({
      path: 'stages',
      summary: '转入下一阶段（调解 → 仲裁 → 一审 → 二审），登记工会在该阶段的角色',
      body: Type.Object({ stage: OneOf(LEGAL_STAGES), role: OneOf(UNION_ROLES), startedOn: IsoDate, note: Note }, { additionalProperties: false }),
      run: (ctx, id, b) => advanceStage(ctx, flow, id, { ...b, startedOn: dateParam(b.startedOn, 'startedOn') }),
    }),
    transition({
      path: 'stage-outcome',
      summary: '登记当前阶段的结果与为职工取得的金额（分）',
      body: Type.Object({ outcome: Text({ min: 0, max: 40 }), endedOn: IsoDate, amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13 })), note: Note }, { additionalProperties: false }),
      run: (ctx, id, b) => endStage(ctx, flow, id, { ...b, endedOn: dateParam(b.endedOn, 'endedOn') }),
    }),
    transition({
      path: 'events',
      summary: '登记案件事项（知道权利受侵害、时效中断、申请/受理仲裁、延期、收到裁决书、起诉、判决送达、上诉）',
      body: Type.Object({ kind: OneOf(LEGAL_EVENTS), occurredOn: IsoDate, note: Note }, { additionalProperties: false }),
      run: (ctx, id, b) => recordEvent(ctx, flow, id, { ...b, occurredOn: dateParam(b.occurredOn, 'occurredOn') }),
    }),
    transition({
      path: 'close',
      summary: '结案',
      body: Type.Object({ result: OneOf(CASE_RESULTS), closedOn: IsoDate, note: Note }, { additionalProperties: false }),
      run: (ctx, id, b) => closeDispute(ctx, id, { ...b, closedOn: dateParam(b.closedOn, 'closedOn') }),
    }),
  ];
  for (const t of transitions) {
    app.post(`/api/v1/legal/cases/:id/${t.path}`, {
      schema: { tags, summary: t.summary, params: IdParam, body: t.body, response: { 200: Ok, ...errorResponses } },
      config: { access: { ...write, resource: 'legal_case' } },
      handler: async (req) => {
        await req.inScope((ctx) => t.run(ctx, req.params.id, req.body as never));
        return { ok: true as const };
      },
    });
  }

  app.post('/api/v1/legal/cases/:id/assignments', {
    schema: {
      tags,
      summary: '指派律师承办（原承办律师同日结束）',
      params: IdParam,
      body: Type.Object({ lawyerId: RecordId(), assignedOn: IsoDate }, { additionalProperties: false }),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { permission: 'cases.assign', resource: 'legal_case' } },
    handler: async (req) => {
      await req.inScope((ctx) => assignLawyer(ctx, req.params.id, { lawyerId: req.body.lawyerId, assignedOn: dateParam(req.body.assignedOn, 'assignedOn') }));
      return { ok: true as const };
    },
  });

  app.post('/api/v1/legal/cases/:id/documents', {
    schema: {
      tags,
      summary: '上传案件材料（multipart/form-data，字段 file；可带字段 note）',
      consumes: ['multipart/form-data'],
      params: IdParam,
      body: Type.Unknown({ description: 'multipart/form-data：file（案件材料），可附 note 说明' }),
      response: { 201: Document, ...errorResponses, ...uploadRefusals },
    },
    config: { access: { ...write, resource: 'legal_case' } },
    handler: async (req, reply) => {
      // The case first: whoever cannot see it learns nothing else.
      await req.inScope((ctx) => getCase(ctx, req.params.id, flow.kind));
      if (!req.isMultipart()) throw commonError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      const file = await req.file({ limits: { fileSize: DOCUMENT_LIMIT, files: 1 } });
      if (!file) throw commonError('VALIDATION_FAILED', '请选择要上传的文件');
      const dir = caseFilesDir(deps.filesDir, req.params.id);
      fs.mkdirSync(dir, { recursive: true });
      const ext = path
        .extname(file.filename)
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, '')
        .slice(0, 8);
      const storedAs = `${randomUUID()}${ext}`;
      const target = path.join(dir, storedAs);
      const hash = createHash('sha256');
      let size = 0;
      try {
        file.file.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
        });
        await pipeline(file.file, fs.createWriteStream(target, { mode: 0o600 }));
        if (file.file.truncated) throw commonError('BODY_TOO_LARGE', `文件超过 ${DOCUMENT_LIMIT / 1024 / 1024} MB`);
        if (size === 0) throw commonError('VALIDATION_FAILED', '文件是空的');
        const noteField = file.fields.note as { value?: unknown } | undefined;
        const note = typeof noteField?.value === 'string' ? noteField.value.slice(0, 500) : null;
        const doc = await req.inScope((ctx) =>
          attachDocument(ctx, flow, req.params.id, {
            fileName: file.filename.slice(0, 200) || 'file',
            contentType: file.mimetype || 'application/octet-stream',
            size,
            sha256: hash.digest('hex'),
            storedAs,
            note,
          }),
        );
        return reply.status(201).send(presentDocument(doc));
      } catch (e) {
        fs.rmSync(target, { force: true });
        throw e;
      }
    },
  });

  // ── Legal aid ───────────────────────────────────────────────────────────────────────────
  app.post('/api/v1/legal/cases/:id/aid-requests', {
    schema: {
      tags,
      summary: '登记职工的法律援助申请',
      params: IdParam,
      body: Type.Object({ partyId: RecordId(), requestedOn: IsoDate, reason: Text({ max: 1000 }) }, { additionalProperties: false }),
      response: { 201: Aid, ...errorResponses },
    },
    config: { access: { ...manage, resource: 'legal_case' } },
    handler: async (req, reply) =>
      reply.status(201).send(presentAid(await req.inScope((ctx) => requestAid(ctx, req.params.id, { ...req.body, requestedOn: dateParam(req.body.requestedOn, 'requestedOn') })))),
  });

  app.post('/api/v1/legal/aid-requests/:id/decision', {
    schema: {
      tags,
      summary: '工会对法律援助申请作出决定（同意须指派律师）',
      params: IdParam,
      body: Type.Object(
        {
          decision: OneOf(AID_DECISIONS.filter((d) => d !== 'pending') as ['granted', 'refused']),
          decidedOn: IsoDate,
          note: Type.Optional(Nullable(Text({ max: 500 }))),
          lawyerId: Type.Optional(NullableRecordId()),
        },
        { additionalProperties: false },
      ),
      response: { 200: Aid, ...errorResponses },
    },
    config: { access: { ...manage, resource: 'legal_aid' } },
    handler: async (req) => req.inScope(async (ctx) => presentAid(await decideAid(ctx, req.params.id, { ...req.body, decidedOn: dateParam(req.body.decidedOn, 'decidedOn') }))),
  });

  app.post('/api/v1/legal/reminders', {
    schema: {
      tags,
      summary: '为即将届满的案件期限发出提醒（每个期限提醒一次）',
      body: Type.Object({ withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ checked: Type.Integer(), raised: Type.Integer() }), ...errorResponses },
    },
    config: { access: manage },
    handler: async (req) => req.inScope((ctx) => remindLegalDeadlines(ctx, { withinDays: req.body.withinDays ?? 7 })),
  });

  // ── Figures ─────────────────────────────────────────────────────────────────────────────
  const Period = { unitId: Type.Optional(RecordId()), from: IsoDate, to: IsoDate };

  app.get('/api/v1/legal/statistics', {
    schema: {
      tags,
      summary: '法律服务统计：受理、调解成功、参与仲裁、参与诉讼、挽回金额、帮助职工（按单位、期间）',
      querystring: Type.Object(Period),
      response: {
        200: Type.Object({
          unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
          from: Type.String(),
          to: Type.String(),
          totals: Figures,
          definitions: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), definition: Type.String() })),
          byUnit: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), ...Figures.properties })),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => legalStatistics(ctx, { unitId: req.query.unitId, from: dateParam(req.query.from, 'from'), to: dateParam(req.query.to, 'to') })),
  });

  app.get('/api/v1/legal/statistics/drill-down', {
    schema: {
      tags,
      summary: '统计数字对应的案件',
      querystring: Type.Object({ figure: OneOf(LEGAL_FIGURES), ...Period, own: Type.Optional(Type.Boolean({ description: '只看该单位本级的案件' })), ...Paging }),
      response: { 200: Page(DisputeListItem), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope((ctx) =>
        drillDownLegal(ctx, {
          figure: req.query.figure,
          unitId: req.query.unitId,
          own: req.query.own,
          from: dateParam(req.query.from, 'from'),
          to: dateParam(req.query.to, 'to'),
          ...pageOf(req.query),
        }),
      ),
  });
}
