/** HTTP for the hardship archive: parse, call the service, shape the answer (identifiers masked). */
import fs from 'node:fs';
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam } from '../../server/replies.ts';
import { sendListExport, type PageRequest } from '../../server/list-export.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId, uploadRefusals } from '../../server/schemas.ts';
import { commonError } from '../../engines/errors.ts';
import { EXIT_REASONS, HARDSHIP_GRADES, HOUSEHOLD_INTAKES, HOUSEHOLD_STATUSES } from './schema.ts';
import { GRADE_LABELS, HARDSHIP_CAUSES } from './grading.ts';
import { hardshipError } from './errors.ts';
import {
  ATTACHMENT_LIMIT,
  EXIT_LABELS,
  addAttachment,
  archiveCounts,
  exitHousehold,
  fileHousehold,
  getHousehold,
  getHouseholdRow,
  type HouseholdCursor,
  keepFilesOnlyIfCommitted,
  listHouseholds,
  listStandards,
  openAttachment,
  presentHousehold,
  previewGrade,
  recordVisit,
  reenterHousehold,
  registerHousehold,
  remindReviews,
  revealSensitive,
  reviewHousehold,
  setStandard,
  startNotice,
  updateHousehold,
} from './service.ts';

const tags = ['困难职工档案'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Str = Type.Union([Type.String(), Type.Null()]);

const Household = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  status: Type.String(),
  intake: Type.String(),
  workerName: Type.String(),
  idMasked: Type.String(),
  gender: Type.String(),
  birthYear: Type.Integer({ description: '出生年份（完整日期随查看敏感信息给出）' }),
  ethnicity: Str,
  health: Str,
  disability: Str,
  employment: Str,
  employer: Str,
  industry: Str,
  housing: Str,
  phone: Str,
  address: Str,
  migrantWorker: Type.Boolean(),
  employedSince: Str,
  mainCause: Type.String(),
  secondaryCauses: Type.Array(Type.String()),
  bankName: Str,
  bankAccountMasked: Str,
  accident: Type.Boolean(),
  householdSize: Type.Integer(),
  grade: Str,
  appliedOn: Type.String(),
  noticeFrom: Str,
  noticeUntil: Str,
  filedOn: Str,
  nextReviewDue: Str,
  exitedOn: Str,
  exitReason: Str,
});

const GradeBasis = Type.Object({
  grade: Str,
  incomeFen: Type.Integer(),
  rigidExpenseFen: Type.Integer(),
  hardshipCostFen: Type.Integer(),
  householdSize: Type.Integer(),
  monthlyPerCapitaFen: Type.Integer(),
  deepLineFen: Type.Integer(),
  relativeLineFen: Type.Integer(),
  standard: Type.Object({
    unitId: Type.Integer(),
    validFrom: Type.String(),
    minimumLivingFen: Type.Integer(),
    deepPct: Type.Integer(),
    relativePct: Type.Integer(),
    accidentCostPct: Type.Integer(),
    migrantMinMonths: Type.Integer(),
  }),
  steps: Type.Array(Type.String()),
});

const MemberIn = Type.Object(
  {
    name: Text({ max: 50 }),
    relation: Text({ max: 20 }),
    birthDate: Nullable(IsoDate),
    idNumber: Nullable(Text({ min: 0, max: 18 })),
    health: Nullable(Text({ max: 50 })),
    occupation: Nullable(Text({ max: 50 })),
    schoolLevel: Type.Optional(Type.Union([OneOf(['high_school', 'vocational', 'college'] as const), Type.Null()])),
  },
  { additionalProperties: false },
);
const FinanceIn = Type.Object(
  {
    kind: OneOf(['income', 'expense'] as const),
    category: Text({ max: 30 }),
    annualFen: Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: '年度金额，单位：分' }),
    hardshipCost: Type.Optional(Type.Boolean({ description: '因病、因灾等致困支出（计入意外致困的判断）' })),
    note: Nullable(Text({ max: 200 })),
  },
  { additionalProperties: false },
);
const Figures = {
  members: Type.Array(MemberIn, { maxItems: 20 }),
  finances: Type.Array(FinanceIn, { maxItems: 40 }),
  accident: Type.Optional(Type.Boolean()),
};

const StandardBody = Type.Object(
  {
    unitId: RecordId(),
    validFrom: IsoDate,
    minimumLivingFen: Type.Integer({ minimum: 1, maximum: 10_000_00, description: '低保标准，元/人·月 × 100' }),
    deepPct: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    relativePct: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    accidentCostPct: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    migrantMinMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    reviewMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    noticeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  },
  { additionalProperties: false },
);

export function hardshipRoutes(app: App, deps: { filesDir: string }): void {
  const read = { permission: 'hardship.read' } as const;
  const write = { permission: 'hardship.write' } as const;
  const household = { ...write, resource: 'household' } as const;

  app.get('/api/v1/hardship/code-lists', {
    schema: {
      tags,
      summary: '致困原因、困难等级、退出原因等代码',
      response: {
        200: Type.Object({ causes: Type.Record(Type.String(), Type.String()), grades: Type.Record(Type.String(), Type.String()), exitReasons: Type.Record(Type.String(), Type.String()) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async () => ({ causes: HARDSHIP_CAUSES, grades: GRADE_LABELS, exitReasons: EXIT_LABELS }),
  });

  app.get('/api/v1/hardship/standards', {
    schema: { tags, summary: '最低生活保障标准与认定规则（本级及上级）', response: { 200: Type.Object({ items: Type.Array(StandardBody) }), ...errorResponses } },
    config: { access: read },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await listStandards(ctx) })),
  });

  app.post('/api/v1/hardship/standards', {
    schema: { tags, summary: '设定（或更正）某单位自某日起的低保标准与认定规则', body: StandardBody, response: { 200: StandardBody, ...errorResponses } },
    config: { access: write },
    handler: async (req) => req.inScope((ctx) => setStandard(ctx, { ...req.body, validFrom: dateParam(req.body.validFrom, 'validFrom')! })),
  });

  app.post('/api/v1/hardship/grade-preview', {
    schema: {
      tags,
      summary: '按现行标准试算困难等级（不保存），显示计算过程',
      body: Type.Object({ unitId: RecordId(), migrantWorker: Type.Optional(Type.Boolean()), employedSince: Nullable(IsoDate), ...Figures }, { additionalProperties: false }),
      response: { 200: GradeBasis, ...errorResponses },
    },
    config: { access: write },
    handler: async (req) => req.inScope((ctx) => previewGrade(ctx, { ...req.body, employedSince: dateParam(req.body.employedSince, 'employedSince') ?? null })),
  });

  const HouseholdQuery = Type.Object({
    underUnitId: Type.Optional(RecordId()),
    status: Type.Optional(OneOf(HOUSEHOLD_STATUSES)),
    grade: Type.Optional(OneOf(HARDSHIP_GRADES)),
    cause: Type.Optional(Text({ min: 0, max: 30, description: '致困原因（主要或次要）' })),
    q: Type.Optional(Text({ min: 0, max: 50, description: '姓名、工作单位或完整身份证号' })),
    reviewDueBy: Type.Optional(IsoDate),
  });

  app.get('/api/v1/hardship/households', {
    schema: {
      tags,
      summary: '困难职工档案列表（身份证号、银行账号脱敏）',
      querystring: Type.Object({ ...HouseholdQuery.properties, ...Paging }),
      response: { 200: Page(Household), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope((ctx) => listHouseholds(ctx, { ...req.query, q: req.query.q?.trim() || undefined, reviewDueBy: dateParam(req.query.reviewDueBy, 'reviewDueBy'), ...pageOf(req.query) })),
  });

  app.get('/api/v1/hardship/households/export.xlsx', {
    schema: { tags, summary: '导出困难职工档案（脱敏，不含收入与账号）', querystring: HouseholdQuery },
    config: { access: read },
    handler: async (req, reply) => {
      const filter = { ...req.query, q: req.query.q?.trim() || undefined, reviewDueBy: dateParam(req.query.reviewDueBy, 'reviewDueBy') };
      return sendListExport(req, reply, {
        title: '困难职工档案',
        entity: 'hardship_export',
        filter: req.query,
        unitId: req.query.underUnitId,
        page: (ctx, p: PageRequest<HouseholdCursor>) => listHouseholds(ctx, { ...filter, ...p }),
        columns: [
          { header: '姓名', value: (h) => h.workerName },
          { header: '身份证号（脱敏）', width: 22, value: (h) => h.idMasked },
          { header: '所属工会', width: 30, value: (h) => h.unitName },
          { header: '工作单位', width: 30, value: (h) => h.employer },
          { header: '家庭人口', value: (h) => h.householdSize },
          { header: '困难类别', value: (h) => (h.grade ? GRADE_LABELS[h.grade as keyof typeof GRADE_LABELS] : '') },
          { header: '主要致困原因', value: (h) => HARDSHIP_CAUSES[h.mainCause] ?? h.mainCause },
          { header: '状态', value: (h) => h.status },
          { header: '建档日期', value: (h) => h.filedOn },
          { header: '下次复核', value: (h) => h.nextReviewDue },
        ],
      });
    },
  });

  app.get('/api/v1/hardship/counts', {
    schema: {
      tags,
      summary: '建档户数（按等级、状态）',
      querystring: Type.Object({ underUnitId: Type.Optional(RecordId()) }),
      response: {
        200: Type.Object({ filed: Type.Integer(), filedPeople: Type.Integer(), byGrade: Type.Record(Type.String(), Type.Integer()), byStatus: Type.Record(Type.String(), Type.Integer()) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => archiveCounts(ctx, req.query.underUnitId)),
  });

  app.post('/api/v1/hardship/review-reminders', {
    schema: {
      tags,
      summary: '复核提醒：向 30 天内到期或已逾期复核的单位各发一次提醒（复核完成后自动消除）',
      body: Type.Object({ underUnitId: Type.Optional(RecordId()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ units: Type.Integer(), households: Type.Integer(), reminded: Type.Integer() }), ...errorResponses },
    },
    config: { access: write },
    handler: async (req) => req.inScope((ctx) => remindReviews(ctx, req.body)),
  });

  app.post('/api/v1/hardship/households', {
    schema: {
      tags,
      summary: '登记困难职工家庭（一户一档；自动认定等级）',
      body: Type.Object(
        {
          unitId: RecordId(),
          intake: Type.Optional(OneOf(HOUSEHOLD_INTAKES)),
          workerName: Text({ max: 50 }),
          idNumber: Text({ min: 18, max: 18 }),
          ethnicity: Nullable(Text({ max: 20 })),
          health: Nullable(Text({ max: 50 })),
          disability: Nullable(Text({ max: 50 })),
          employment: Nullable(Text({ max: 30 })),
          employer: Nullable(Text({ max: 100 })),
          industry: Nullable(Text({ max: 30 })),
          housing: Nullable(Text({ max: 50 })),
          phone: Nullable(Text({ min: 0, max: 11 })),
          address: Nullable(Text({ max: 200 })),
          migrantWorker: Type.Optional(Type.Boolean()),
          employedSince: Nullable(IsoDate),
          mainCause: Text({ min: 0, max: 30 }),
          secondaryCauses: Type.Optional(Type.Array(Text({ min: 0, max: 30 }), { maxItems: 3 })),
          bankName: Nullable(Text({ max: 50 })),
          bankAccount: Nullable(Text({ min: 0, max: 40 })),
          appliedOn: Type.Optional(IsoDate),
          ...Figures,
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ household: Household, gradeBasis: GradeBasis }), ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) => {
      const b = req.body;
      const h = await req.inScope((ctx) => registerHousehold(ctx, { ...b, appliedOn: dateParam(b.appliedOn, 'appliedOn'), employedSince: dateParam(b.employedSince, 'employedSince') ?? null }));
      return reply.status(201).send({ household: presentHousehold(h), gradeBasis: h.gradeBasis as never });
    },
  });

  app.get('/api/v1/hardship/households/:id', {
    schema: {
      tags,
      summary: '困难职工档案（脱敏）：家庭成员、全部经历、附件；每次查看记入审计日志',
      params: IdParam,
      querystring: Type.Object({ purpose: Type.Optional(Text({ max: 100, description: '查看用途（记入审计日志）' })) }),
      response: {
        200: Type.Object({
          household: Household,
          members: Type.Array(
            Type.Object({
              seq: Type.Integer(),
              name: Type.String(),
              relation: Type.String(),
              birthYear: Type.Union([Type.Integer(), Type.Null()]),
              idMasked: Str,
              health: Str,
              occupation: Str,
              schoolLevel: Str,
            }),
          ),
          history: Type.Array(Type.Object({ id: Type.Integer(), action: Type.String(), onDate: Type.String(), actorName: Type.String(), details: Type.Unknown(), at: Type.String() })),
          attachments: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), note: Str, uploadedAt: Type.String() })),
        }),
        ...errorResponses,
      },
    },
    config: { access: { ...read, resource: 'household' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await getHousehold(ctx, req.params.id, req.query.purpose?.trim() || '查阅档案');
        return { ...r, history: r.history.map((e) => ({ ...e, at: e.at.toISOString() })), attachments: r.attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })) };
      }),
  });

  app.put('/api/v1/hardship/households/:id', {
    schema: {
      tags,
      summary: '修改档案信息（家庭成员、收支、致困原因、银行账号、联系方式）：重新认定等级，记入档案经历与审计日志',
      params: IdParam,
      body: Type.Object(
        {
          members: Type.Optional(Figures.members),
          finances: Type.Optional(Figures.finances),
          accident: Type.Optional(Type.Boolean()),
          mainCause: Type.Optional(Text({ min: 0, max: 30 })),
          secondaryCauses: Type.Optional(Type.Array(Text({ min: 0, max: 30 }), { maxItems: 3 })),
          bankName: Nullable(Text({ max: 50 })),
          bankAccount: Nullable(Text({ min: 0, max: 40, description: '新账号；空字符串或 null 为删除；不传则不变' })),
          phone: Nullable(Text({ min: 0, max: 11 })),
          address: Nullable(Text({ max: 200 })),
          health: Nullable(Text({ max: 50 })),
          disability: Nullable(Text({ max: 50 })),
          employment: Nullable(Text({ max: 30 })),
          employer: Nullable(Text({ max: 100 })),
          housing: Nullable(Text({ max: 50 })),
          note: Type.Optional(Text({ max: 500, description: '修改原因' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ household: Household, gradeBasis: GradeBasis }), ...errorResponses },
    },
    config: { access: household },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await updateHousehold(ctx, req.params.id, req.body);
        return { household: presentHousehold(r.household), gradeBasis: r.basis as never };
      }),
  });

  app.post('/api/v1/hardship/households/:id/sensitive', {
    schema: {
      tags,
      summary: '查看完整身份证号、银行账号、收支明细与认定计算（须说明用途，记入审计日志）',
      params: IdParam,
      body: Type.Object({ reason: Text({ min: 2, max: 200 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          idNumber: Type.String(),
          bankName: Str,
          bankAccount: Str,
          members: Type.Array(Type.Object({ seq: Type.Integer(), name: Type.String(), relation: Type.String(), idNumber: Str })),
          finances: Type.Array(Type.Object({ seq: Type.Integer(), kind: Type.String(), category: Type.String(), annualFen: Type.Integer(), hardshipCost: Type.Boolean(), note: Str })),
          gradeBasis: Type.Union([GradeBasis, Type.Null()]),
        }),
        ...errorResponses,
      },
    },
    config: { access: { permission: 'hardship.sensitive', resource: 'household' } },
    handler: async (req) => req.inScope((ctx) => revealSensitive(ctx, req.params.id, req.body.reason)),
  });

  const done = (h: Parameters<typeof presentHousehold>[0]) => presentHousehold(h);

  app.post('/api/v1/hardship/households/:id/visit', {
    schema: {
      tags,
      summary: '入户核查（须由建档人以外的人员）',
      params: IdParam,
      body: Type.Object({ visitedOn: IsoDate, visitors: Text({ max: 100 }), findings: Text({ max: 2000 }), confirmed: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Household, ...errorResponses },
    },
    config: { access: household },
    handler: async (req) => req.inScope(async (ctx) => done(await recordVisit(ctx, req.params.id, { ...req.body, visitedOn: dateParam(req.body.visitedOn, 'visitedOn')! }))),
  });

  app.post('/api/v1/hardship/households/:id/notice', {
    schema: {
      tags,
      summary: '公示（天数按标准设定，自张贴之日起算；张贴日期不晚于今天，默认今天）',
      params: IdParam,
      body: Type.Object({ postedOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Household, ...errorResponses },
    },
    config: { access: household },
    handler: async (req) => req.inScope(async (ctx) => done(await startNotice(ctx, req.params.id, { postedOn: dateParam(req.body.postedOn, 'postedOn') }))),
  });

  app.post('/api/v1/hardship/households/:id/file', {
    schema: {
      tags,
      summary: '公示期满：建档（或因异议成立不予建档）',
      params: IdParam,
      body: Type.Object({ objection: Nullable(Text({ max: 500 })) }, { additionalProperties: false }),
      response: { 200: Household, ...errorResponses },
    },
    config: { access: household },
    handler: async (req) => req.inScope(async (ctx) => done(await fileHousehold(ctx, req.params.id, req.body))),
  });

  app.post('/api/v1/hardship/households/:id/review', {
    schema: {
      tags,
      summary: '年度复核：更新家庭成员与收支，重新认定',
      params: IdParam,
      body: Type.Object(
        { reviewedOn: IsoDate, members: Type.Optional(Figures.members), finances: Type.Optional(Figures.finances), accident: Type.Optional(Type.Boolean()), note: Type.Optional(Text({ max: 500 })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ household: Household, gradeBasis: GradeBasis, stillInHardship: Type.Boolean() }), ...errorResponses },
    },
    config: { access: household },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await reviewHousehold(ctx, req.params.id, { ...req.body, reviewedOn: dateParam(req.body.reviewedOn, 'reviewedOn')! });
        return { household: done(r.household), gradeBasis: r.basis as never, stillInHardship: r.stillInHardship };
      }),
  });

  app.post('/api/v1/hardship/households/:id/exit', {
    schema: {
      tags,
      summary: '退出档案（脱困、政府兜底、身故、迁出、认定有误）',
      params: IdParam,
      body: Type.Object({ reason: OneOf(EXIT_REASONS), on: IsoDate, note: Type.Optional(Text({ max: 500 })) }, { additionalProperties: false }),
      response: { 200: Household, ...errorResponses },
    },
    config: { access: household },
    handler: async (req) => req.inScope(async (ctx) => done(await exitHousehold(ctx, req.params.id, { ...req.body, on: dateParam(req.body.on, 'on')! }))),
  });

  app.post('/api/v1/hardship/households/:id/reenter', {
    schema: {
      tags,
      summary: '返困：原档案重新进入核查',
      params: IdParam,
      body: Type.Object(
        { on: IsoDate, members: Type.Optional(Figures.members), finances: Type.Optional(Figures.finances), accident: Type.Optional(Type.Boolean()), note: Type.Optional(Text({ max: 500 })) },
        { additionalProperties: false },
      ),
      response: { 200: Household, ...errorResponses },
    },
    config: { access: household },
    handler: async (req) => req.inScope(async (ctx) => done(await reenterHousehold(ctx, req.params.id, { ...req.body, on: dateParam(req.body.on, 'on')! }))),
  });

  app.post('/api/v1/hardship/households/:id/attachments', {
    schema: {
      tags,
      summary: '上传证明材料（multipart/form-data，字段 file；PDF、JPG、PNG，10 MB 以内）',
      consumes: ['multipart/form-data'],
      params: IdParam,
      body: Type.Unknown({ description: 'multipart/form-data：file（PDF、JPG、PNG），可附 note 说明' }),
      response: { 201: Type.Object({ id: Type.Integer(), fileName: Type.String(), size: Type.Integer() }), ...errorResponses, ...uploadRefusals },
    },
    config: { access: household },
    handler: async (req, reply) => {
      // The file's household must be in scope before anything is read from the upload.
      await req.inScope((ctx) => getHouseholdRow(ctx, req.params.id));
      if (!req.isMultipart()) throw commonError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      const file = await req.file({ limits: { fileSize: ATTACHMENT_LIMIT, files: 1 } });
      if (!file) throw hardshipError('ATTACHMENT_TYPE_REFUSED');
      const data = await file.toBuffer().catch((e: { code?: string }) => {
        // Past the limit the parser stops reading; any other failure is a malformed upload.
        throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? hardshipError('ATTACHMENT_TOO_LARGE') : e;
      });
      const note = (file.fields.note as { value?: unknown } | undefined)?.value;
      const row = await keepFilesOnlyIfCommitted((written) =>
        req.inScope((ctx) => addAttachment(ctx, deps.filesDir, req.params.id, { fileName: file.filename || 'file', data, note: typeof note === 'string' ? note.slice(0, 200) : null }, written)),
      );
      return reply.status(201).send({ id: row.id, fileName: row.fileName, size: row.size });
    },
  });

  app.get('/api/v1/hardship/attachments/:id', {
    schema: { tags, summary: '下载证明材料（记入审计日志）', params: IdParam },
    config: { access: { ...read, resource: 'hardship_attachment' } },
    handler: async (req, reply) => {
      const { row, file } = await req.inScope((ctx) => openAttachment(ctx, deps.filesDir, req.params.id));
      if (!fs.existsSync(file)) throw hardshipError('ATTACHMENT_NOT_FOUND');
      reply.type(row.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
      return reply.send(fs.createReadStream(file));
    },
  });
}
