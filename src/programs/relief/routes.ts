/** HTTP for relief campaigns: campaigns, money in, applications, decisions, batches, reports. */
import { Readable } from 'node:stream';
import { Type, type TSchema } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam, xlsxReply } from '../../server/replies.ts';
import { sendListExport, type PageRequest } from '../../server/list-export.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf } from '../../server/schemas.ts';
import { exportRows } from '../../engines/imports/index.ts';
import { APPROVAL_LEVELS, APPROVAL_STATUSES } from '../../engines/approvals/schema.ts';
import { EntryView, LineView, presentEntry } from '../../engines/ledger/routes.ts';
import { GRADE_LABELS } from '../hardship/index.ts';
import { CAMPAIGN_KINDS, CAMPAIGN_SUBJECTS, FUND_SOURCES, SCHOOL_LEVELS, type CampaignRow } from './schema.ts';
import {
  FUND_SOURCE_LABELS,
  SCHOOL_LEVEL_LABELS,
  TEMPLATES,
  type ApplicationCursor,
  allocateFunds,
  bankFileRows,
  campaignSteps,
  campaignTotals,
  checkEligibility,
  closeCampaign,
  confirmBatch,
  createBatch,
  createCampaign,
  decideApplication,
  decideBulk,
  endApplicationNotice,
  getApplication,
  getBatch,
  getCampaign,
  householdAidHistory,
  listApplications,
  listBatches,
  listCampaigns,
  previewBulk,
  raiseFunds,
  recordApplicationNotice,
  submitApplication,
} from './service.ts';
import { FIGURES, campaignSummary, drillDown, studentAidByLevel } from './reports.ts';

const tags = ['帮扶活动'];
const Str = Type.Union([Type.String(), Type.Null()]);
const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

const yuan = (fen: number) => (fen / 100).toFixed(2);

const Step = Type.Union([
  Type.Object({ kind: Type.Literal('decide'), level: OneOf(APPROVAL_LEVELS), label: Type.Optional(Text({ max: 30 })) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('notice'), days: Type.Integer({ minimum: 1, maximum: 30 }), label: Type.Optional(Text({ max: 30 })) }, { additionalProperties: false }),
]);
const Fen = Type.Integer({ minimum: 1, maximum: 100_000_00, description: '单位：分' });
const Rules = Type.Object(
  {
    grades: Type.Optional(Type.Array(OneOf(['deep', 'relative', 'accident'] as const))),
    allowNotFiled: Type.Optional(Type.Boolean()),
    schoolLevels: Type.Optional(Type.Array(OneOf(SCHOOL_LEVELS))),
    excludeFundedElsewhere: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const SchoolStandard = Type.Object({ filed: Fen, notFiled: Fen }, { additionalProperties: false });
const Standards = Type.Object(
  {
    byGrade: Type.Optional(Type.Object({ deep: Type.Optional(Fen), relative: Type.Optional(Fen), accident: Type.Optional(Fen), not_filed: Type.Optional(Fen) }, { additionalProperties: false })),
    // Named keys (not a record over an enum): the response serialiser keeps only the properties it knows.
    bySchool: Type.Optional(
      Type.Object(Object.fromEntries(SCHOOL_LEVELS.map((l) => [l, Type.Optional(SchoolStandard)])) as Record<(typeof SCHOOL_LEVELS)[number], ReturnType<typeof Type.Optional<typeof SchoolStandard>>>, {
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);
const Totals = Type.Object({ raised: Type.Integer(), available: Type.Integer(), committed: Type.Integer(), paid: Type.Integer() });
const Campaign = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  kind: Type.String(),
  subject: Type.String(),
  name: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  rules: Rules,
  standards: Standards,
  chainId: Type.Integer(),
  fundId: Type.Integer(),
  status: Type.String(),
});
const presentCampaign = (c: CampaignRow) => ({
  id: c.id,
  unitId: c.unitId,
  kind: c.kind,
  subject: c.subject,
  name: c.name,
  periodFrom: c.periodFrom,
  periodTo: c.periodTo,
  rules: c.rules,
  standards: c.standards,
  chainId: c.chainId,
  fundId: c.fundId,
  status: c.status,
});

const Check = Type.Object({ rule: Type.String(), ok: Type.Boolean(), reason: Type.String() });
const Application = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  householdId: Type.Union([Type.Null(), Type.Integer()]),
  archived: Type.Boolean(),
  grade: Str,
  name: Type.String(),
  idMasked: Type.String(),
  people: Type.Integer(),
  guardianName: Str,
  school: Str,
  schoolLevel: Str,
  fundedElsewhere: Type.Boolean(),
  bankName: Str,
  bankAccountMasked: Str,
  eligibility: Type.Array(Check),
  amountFen: Type.Integer(),
  batchId: Type.Union([Type.Null(), Type.Integer()]),
  paidOn: Str,
  status: Type.Optional(Type.String()),
});
const ApplicationBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1, description: '填报申请的工会' }),
    householdId: Nullable(Type.Integer({ minimum: 1 })),
    name: Nullable(Text({ max: 50, description: '未建档家庭的职工姓名，或学生姓名' })),
    idNumber: Nullable(Type.String({ minLength: 18, maxLength: 18 })),
    people: Nullable(Type.Integer({ minimum: 1, maximum: 20 })),
    guardianName: Nullable(Text({ max: 50 })),
    school: Nullable(Text({ max: 100 })),
    schoolLevel: Nullable(OneOf(SCHOOL_LEVELS)),
    fundedElsewhere: Type.Optional(Type.Boolean()),
    bankName: Nullable(Text({ max: 50 })),
    bankAccount: Nullable(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const Decision = Type.Object({ decision: OneOf(['approve', 'reject'] as const), reason: Nullable(Text({ max: 500 })) }, { additionalProperties: false });
const Outcome = Type.Object({
  requestId: Type.Integer(),
  applicationId: Type.Optional(Type.Integer()),
  name: Type.Optional(Type.String()),
  amountFen: Type.Optional(Type.Integer()),
  ok: Type.Boolean(),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  from: Type.Object({ step: Type.Integer(), status: Type.String(), label: Type.String() }),
  to: Type.Optional(Type.Object({ step: Type.Integer(), status: Type.String(), label: Type.String() })),
});
const Batch = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  status: Type.String(),
  count: Type.Integer(),
  totalFen: Type.Integer(),
  createdAt: Type.String(),
  exportedAt: Str,
  paidOn: Str,
  bankReference: Str,
});
const presentBatch = (b: {
  id: number;
  campaignId: number;
  unitId: number;
  unitName?: string;
  status: string;
  count: number;
  totalFen: number;
  createdAt: Date;
  exportedAt: Date | null;
  paidOn: string | null;
  bankReference: string | null;
}) => ({
  id: b.id,
  campaignId: b.campaignId,
  unitId: b.unitId,
  ...(b.unitName !== undefined ? { unitName: b.unitName } : {}),
  status: b.status,
  count: b.count,
  totalFen: b.totalFen,
  createdAt: b.createdAt.toISOString(),
  exportedAt: b.exportedAt?.toISOString() ?? null,
  paidOn: b.paidOn,
  bankReference: b.bankReference,
});
const SummaryRow = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  kind: Type.String(),
  applications: Type.Integer(),
  approved: Type.Integer(),
  households: Type.Integer(),
  people: Type.Integer(),
  raisedFen: Type.Integer(),
  allocatedFen: Type.Integer({ description: '该行单位收到的上级拨付；合计行为拨付给下级各单位的总额' }),
  committedFen: Type.Integer({ description: '已批准、待发放' }),
  paidFen: Type.Integer(),
  availableFen: Type.Integer({ description: '结余（可用资金）' }),
});
const Summary = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), subject: Type.String(), periodFrom: Type.String(), periodTo: Type.String() }),
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  rows: Type.Array(SummaryRow),
  total: SummaryRow,
  byGrade: Type.Array(Type.Object({ grade: Type.String(), households: Type.Integer(), people: Type.Integer(), paid: Type.Integer() })),
});
const StudentAid = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), name: Type.String() }),
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  items: Type.Array(Type.Object({ schoolLevel: Type.String(), archived: Type.Boolean(), approved: Type.Integer(), paid: Type.Integer(), approvedFen: Type.Integer(), paidFen: Type.Integer() })),
  total: Type.Object({ approved: Type.Integer(), paid: Type.Integer(), approvedFen: Type.Integer(), paidFen: Type.Integer() }),
});
const UnderUnit = Type.Object({ underUnitId: Type.Optional(Type.Integer({ minimum: 1 })) });

export function reliefRoutes(app: App): void {
  const read = { permission: 'relief.read' } as const;
  const write = { permission: 'relief.write' } as const;
  const approve = { permission: 'relief.approve' } as const;
  const funds = { permission: 'funds.write' } as const;
  const pay = { permission: 'funds.pay' } as const;

  app.get('/api/v1/relief/templates', {
    schema: {
      tags,
      summary: '内置活动模板：两节慰问、金秋助学（适用对象、标准金额、审批流程）',
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), subject: Type.String(), name: Type.String(), rules: Rules, standards: Standards, steps: Type.Array(Step) })) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async () => ({ items: Object.values(TEMPLATES) }),
  });

  app.get('/api/v1/relief/code-lists', {
    schema: {
      tags,
      summary: '资金来源、学段、困难类别',
      response: {
        200: Type.Object({ fundSources: Type.Record(Type.String(), Type.String()), schoolLevels: Type.Record(Type.String(), Type.String()), grades: Type.Record(Type.String(), Type.String()) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async () => ({ fundSources: FUND_SOURCE_LABELS, schoolLevels: SCHOOL_LEVEL_LABELS, grades: { ...GRADE_LABELS, not_filed: '未建档' } }),
  });

  app.get('/api/v1/relief/campaigns', {
    schema: {
      tags,
      summary: '帮扶活动列表（本级、上级举办的）',
      querystring: Type.Object({ kind: Type.Optional(OneOf(CAMPAIGN_KINDS)), ...Paging }),
      response: { 200: Page(Campaign), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listCampaigns(ctx, { kind: req.query.kind, ...pageOf(req.query) });
        return { items: r.items.map(presentCampaign), total: r.total };
      }),
  });

  app.post('/api/v1/relief/campaigns', {
    schema: {
      tags,
      summary: '举办帮扶活动（两节慰问、金秋助学按模板，其他项目自定义）',
      body: Type.Object(
        {
          unitId: Type.Integer({ minimum: 1 }),
          kind: OneOf(CAMPAIGN_KINDS),
          name: Text({ max: 100 }),
          periodFrom: IsoDate,
          periodTo: IsoDate,
          subject: Type.Optional(OneOf(CAMPAIGN_SUBJECTS)),
          rules: Type.Optional(Rules),
          standards: Type.Optional(Standards),
          steps: Type.Optional(Type.Array(Step, { minItems: 1, maxItems: 8 })),
        },
        { additionalProperties: false },
      ),
      response: { 201: Campaign, ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) => {
      const b = req.body;
      const c = await req.inScope((ctx) => createCampaign(ctx, { ...b, periodFrom: dateParam(b.periodFrom, 'periodFrom')!, periodTo: dateParam(b.periodTo, 'periodTo')! }));
      return reply.status(201).send(presentCampaign(c));
    },
  });

  app.get('/api/v1/relief/campaigns/:id', {
    schema: {
      tags,
      summary: '帮扶活动详情、审批流程与资金合计（本辖区）',
      params: IdParam,
      response: {
        200: Type.Object({
          campaign: Campaign,
          steps: Type.Array(Type.Object({ kind: Type.String(), level: Str, days: Type.Union([Type.Null(), Type.Integer()]), label: Type.String() })),
          totals: Totals,
        }),
        ...errorResponses,
      },
    },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const c = await getCampaign(ctx, req.params.id);
        return { campaign: presentCampaign(c), steps: await campaignSteps(ctx, c), totals: await campaignTotals(ctx, c) };
      }),
  });

  app.post('/api/v1/relief/campaigns/:id/close', {
    schema: { tags, summary: '结束活动（不再受理申请）', params: IdParam, body: Type.Object({}, { additionalProperties: false }), response: { 200: Campaign, ...errorResponses } },
    config: { access: { ...write, resource: 'campaign' } },
    handler: async (req) => req.inScope(async (ctx) => presentCampaign(await closeCampaign(ctx, req.params.id))),
  });

  app.post('/api/v1/relief/campaigns/:id/funds', {
    schema: {
      tags,
      summary: '登记筹集资金（市总、县级、企业、捐赠；每笔即一笔记账）',
      params: IdParam,
      body: Type.Object(
        {
          unitId: Type.Integer({ minimum: 1, description: '筹得资金的单位' }),
          source: OneOf(FUND_SOURCES),
          amountFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
          donor: Nullable(Text({ max: 100 })),
          receivedOn: Type.Optional(IsoDate),
          idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 64, description: '重试同一请求时带上同一编号，只记一次' })),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ entry: EntryView, created: Type.Boolean() }), ...errorResponses },
    },
    config: { access: { ...funds, resource: 'campaign' } },
    handler: async (req, reply) => {
      const r = await req.inScope((ctx) => raiseFunds(ctx, req.params.id, { ...req.body, receivedOn: dateParam(req.body.receivedOn, 'receivedOn') }));
      return reply.status(201).send({ entry: presentEntry(r.entry), created: r.created });
    },
  });

  app.post('/api/v1/relief/campaigns/:id/allocations', {
    schema: {
      tags,
      summary: '向下级拨付资金',
      params: IdParam,
      body: Type.Object(
        {
          toUnitId: Type.Integer({ minimum: 1 }),
          fromUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
          amountFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
          idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ entry: EntryView, created: Type.Boolean() }), ...errorResponses },
    },
    config: { access: { ...funds, resource: 'campaign' } },
    handler: async (req, reply) => {
      const r = await req.inScope((ctx) => allocateFunds(ctx, req.params.id, req.body));
      return reply.status(201).send({ entry: presentEntry(r.entry), created: r.created });
    },
  });

  app.post('/api/v1/relief/campaigns/:id/eligibility', {
    schema: {
      tags,
      summary: '按活动规则核对申请资格（不保存）：逐条说明理由与标准金额',
      params: IdParam,
      body: ApplicationBody,
      response: {
        200: Type.Object({ eligible: Type.Boolean(), checks: Type.Array(Check), amountFen: Type.Integer(), archived: Type.Boolean(), grade: Str, name: Type.String(), idMasked: Type.String() }),
        ...errorResponses,
      },
    },
    config: { access: { ...write, resource: 'campaign' } },
    handler: async (req) => req.inScope((ctx) => checkEligibility(ctx, req.params.id, req.body)),
  });

  app.post('/api/v1/relief/campaigns/:id/applications', {
    schema: { tags, summary: '填报帮扶申请（每户、每名学生每次活动限一份）', params: IdParam, body: ApplicationBody, response: { 201: Application, ...errorResponses } },
    config: { access: { ...write, resource: 'campaign' } },
    handler: async (req, reply) => {
      const r = await req.inScope(async (ctx) => {
        const a = await submitApplication(ctx, req.params.id, req.body);
        return (await getApplication(ctx, a.id)).application;
      });
      return reply.status(201).send(r);
    },
  });

  const ApplicationQuery = Type.Object({
    campaignId: Type.Optional(Type.Integer({ minimum: 1 })),
    underUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(OneOf(APPROVAL_STATUSES)),
    paid: Type.Optional(Type.Boolean()),
    batchId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  });

  app.get('/api/v1/relief/applications', {
    schema: {
      tags,
      summary: '帮扶申请列表（公示名单：status=in_notice）',
      querystring: Type.Object({ ...ApplicationQuery.properties, ...Paging }),
      response: { 200: Type.Object({ items: Type.Array(Application), total: Type.Integer(), amountFen: Type.Integer() }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listApplications(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) })),
  });

  app.get('/api/v1/relief/applications/export.xlsx', {
    schema: { tags, summary: '导出帮扶申请（身份证号、账号脱敏）', querystring: ApplicationQuery },
    config: { access: read },
    handler: async (req, reply) => {
      const filter = { ...req.query, q: req.query.q?.trim() || undefined };
      const statuses: Record<string, string> = { pending: '审批中', in_notice: '公示中', approved: '已批准', rejected: '未通过' };
      return sendListExport(req, reply, {
        title: '帮扶申请',
        entity: 'relief_export',
        filter: req.query,
        unitId: req.query.underUnitId,
        page: (ctx, p: PageRequest<ApplicationCursor>) => listApplications(ctx, { ...filter, ...p }),
        columns: [
          { header: '姓名', value: (a) => a.name },
          { header: '身份证号（脱敏）', width: 22, value: (a) => a.idMasked },
          { header: '填报工会', width: 30, value: (a) => a.unitName },
          { header: '困难类别', value: (a) => (a.grade ? GRADE_LABELS[a.grade as keyof typeof GRADE_LABELS] : '未建档') },
          { header: '家庭人口', value: (a) => a.people },
          { header: '学段', value: (a) => (a.schoolLevel ? SCHOOL_LEVEL_LABELS[a.schoolLevel as keyof typeof SCHOOL_LEVEL_LABELS] : '') },
          { header: '学校', width: 24, value: (a) => a.school },
          { header: '金额（元）', value: (a) => yuan(a.amountFen) },
          { header: '审批状态', value: (a) => statuses[a.status ?? 'pending'] },
          { header: '发放日期', value: (a) => a.paidOn },
        ],
      });
    },
  });

  app.get('/api/v1/hardship/households/:id/aid', {
    schema: {
      tags: ['困难职工档案', ...tags],
      summary: '该户历年所获帮扶：各次活动的申请、审批状态与发放（可追溯到记账分录；每次查看记入审计日志）',
      params: IdParam,
      querystring: Type.Object({ purpose: Type.Optional(Text({ max: 100, description: '查看用途（记入审计日志）' })) }),
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              applicationId: Type.Integer(),
              campaignId: Type.Integer(),
              campaignName: Type.String(),
              campaignKind: Type.String(),
              year: Type.Integer(),
              unitName: Type.String(),
              name: Type.String(),
              schoolLevel: Str,
              grade: Str,
              amountFen: Type.Integer(),
              status: Type.String(),
              batchId: Type.Union([Type.Null(), Type.Integer()]),
              paidOn: Str,
              fundId: Type.Integer(),
              payEntryId: Type.Union([Type.Null(), Type.Integer()]),
            }),
          ),
          paidFen: Type.Integer(),
          paidCount: Type.Integer(),
        }),
        ...errorResponses,
      },
    },
    config: { access: { permission: 'hardship.read', resource: 'household' } },
    handler: async (req) => req.inScope((ctx) => householdAidHistory(ctx, req.params.id, req.query.purpose?.trim() || '查阅帮扶记录')),
  });

  app.get('/api/v1/relief/applications/:id', {
    schema: {
      tags,
      summary: '帮扶申请：审批进程与每一笔记账',
      params: IdParam,
      response: {
        200: Type.Object({
          application: Application,
          steps: Type.Array(
            Type.Object({
              index: Type.Integer(),
              kind: Type.String(),
              label: Type.String(),
              level: Str,
              decision: Type.Union([Type.Object({ kind: Type.String(), decidedByName: Type.String(), reason: Str, decidedOn: Type.String() }), Type.Null()]),
            }),
          ),
          currentLabel: Type.String(),
          noticeFrom: Str,
          noticeUntil: Str,
          postings: Type.Array(EntryView),
        }),
        ...errorResponses,
      },
    },
    config: { access: { ...read, resource: 'relief_application' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await getApplication(ctx, req.params.id);
        return {
          application: r.application,
          steps: r.timeline.steps,
          currentLabel: r.timeline.currentLabel,
          noticeFrom: r.timeline.request.noticeFrom,
          noticeUntil: r.timeline.request.noticeUntil,
          postings: r.postings.map(presentEntry),
        };
      }),
  });

  app.post('/api/v1/relief/applications/:id/decision', {
    schema: {
      tags,
      summary: '审批（本级环节；申请人不能审批；退回须说明理由；终审通过即核定资金）',
      params: IdParam,
      body: Decision,
      response: { 200: Type.Object({ status: Type.String(), step: Type.Integer() }), ...errorResponses },
    },
    config: { access: { ...approve, resource: 'relief_application' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await decideApplication(ctx, req.params.id, req.body);
        return { status: r.status, step: r.step };
      }),
  });

  app.post('/api/v1/relief/applications/:id/notice-posted', {
    schema: {
      tags,
      summary: '登记公示张贴日期（不晚于今天；公示期自该日起算，公示期间可更正）',
      params: IdParam,
      body: Type.Object({ postedOn: IsoDate }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: Type.String(), step: Type.Integer(), noticeFrom: Str, noticeUntil: Str }), ...errorResponses },
    },
    config: { access: { ...approve, resource: 'relief_application' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await recordApplicationNotice(ctx, req.params.id, { postedOn: dateParam(req.body.postedOn, 'postedOn')! });
        return { status: r.status, step: r.step, noticeFrom: r.noticeFrom, noticeUntil: r.noticeUntil };
      }),
  });

  app.post('/api/v1/relief/applications/:id/notice-end', {
    schema: {
      tags,
      summary: '公示期满：无异议继续审批，异议成立则不予通过',
      params: IdParam,
      body: Type.Object({ objection: Nullable(Text({ max: 500 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: Type.String(), step: Type.Integer() }), ...errorResponses },
    },
    config: { access: { ...approve, resource: 'relief_application' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await endApplicationNotice(ctx, req.params.id, req.body);
        return { status: r.status, step: r.step };
      }),
  });

  const Bulk = Type.Object(
    { applicationIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 2000 }), decision: OneOf(['approve', 'reject'] as const), reason: Nullable(Text({ max: 500 })) },
    { additionalProperties: false },
  );

  app.post('/api/v1/relief/decisions/preview', {
    schema: {
      tags,
      summary: '批量审批预览：每份申请将从哪一环节到哪一环节，或为何不能；将核定的金额与各县资金余额',
      body: Bulk,
      response: {
        200: Type.Object({
          items: Type.Array(Outcome),
          willDecide: Type.Integer(),
          refused: Type.Integer(),
          commitFen: Type.Integer(),
          pools: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), availableFen: Type.Integer(), neededFen: Type.Integer(), enough: Type.Boolean() })),
        }),
        ...errorResponses,
      },
    },
    config: { access: approve },
    handler: async (req) => req.inScope((ctx) => previewBulk(ctx, req.body.applicationIds, req.body)),
  });

  app.post('/api/v1/relief/decisions', {
    schema: {
      tags,
      summary: '批量审批（按预览执行；资金不足则整批不执行）',
      body: Bulk,
      response: { 200: Type.Object({ decided: Type.Integer(), refused: Type.Integer(), outcomes: Type.Array(Outcome) }), ...errorResponses },
    },
    config: { access: approve },
    handler: async (req) => req.inScope((ctx) => decideBulk(ctx, req.body.applicationIds, req.body)),
  });

  app.post('/api/v1/relief/campaigns/:id/batches', {
    schema: {
      tags,
      summary: '生成发放批次：本单位辖区内已批准、未发放的申请',
      params: IdParam,
      body: Type.Object({ unitId: Type.Integer({ minimum: 1, description: '发放单位（一般为县级工会）' }) }, { additionalProperties: false }),
      response: { 201: Batch, ...errorResponses },
    },
    config: { access: { ...pay, resource: 'campaign' } },
    handler: async (req, reply) => reply.status(201).send(presentBatch(await req.inScope((ctx) => createBatch(ctx, req.params.id, req.body)))),
  });

  app.get('/api/v1/relief/batches', {
    schema: { tags, summary: '发放批次列表', querystring: Type.Object({ campaignId: Type.Optional(Type.Integer({ minimum: 1 })), ...Paging }), response: { 200: Page(Batch), ...errorResponses } },
    config: { access: { permission: 'funds.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listBatches(ctx, { campaignId: req.query.campaignId, ...pageOf(req.query) });
        return { items: r.items.map(presentBatch), total: r.total };
      }),
  });

  app.get('/api/v1/relief/batches/:id', {
    schema: { tags, summary: '发放批次详情', params: IdParam, response: { 200: Type.Object({ batch: Batch, applications: Type.Array(Application) }), ...errorResponses } },
    config: { access: { permission: 'funds.read', resource: 'payment_batch' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const b = await getBatch(ctx, req.params.id);
        const apps = await listApplications(ctx, { campaignId: b.campaignId, batchId: b.id, offset: 0, limit: 100000 });
        return { batch: presentBatch(b), applications: apps.items };
      }),
  });

  app.get('/api/v1/relief/batches/:id/bank-file.xlsx', {
    schema: { tags, summary: '下载银行代发文件（含完整账号，记入审计日志）', params: IdParam },
    config: { access: { ...pay, resource: 'payment_batch' } },
    handler: async (req, reply) => {
      const f = await req.inScope((ctx) => bankFileRows(ctx, req.params.id));
      xlsxReply(reply, `${f.campaign.name}代发文件（批次${f.batch.id}）.xlsx`);
      return reply.send(
        exportRows(
          [
            { key: 'seq', header: '序号' },
            { key: 'name', header: '户名' },
            { key: 'bankAccount', header: '账号', width: 26 },
            { key: 'bankName', header: '开户行', width: 20 },
            { key: 'amount', header: '金额（元）' },
            { key: 'memo', header: '用途', width: 36 },
          ],
          Readable.from(f.rows),
          'xlsx',
          { sheetName: '代发明细' },
        ),
      );
    },
  });

  app.post('/api/v1/relief/batches/:id/confirm', {
    schema: {
      tags,
      summary: '银行回单确认：逐笔记账为已支付（每笔只记一次）；退票的申请移出批次',
      params: IdParam,
      body: Type.Object(
        { paidOn: IsoDate, bankReference: Nullable(Text({ max: 100 })), failedApplicationIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 2000 })) },
        { additionalProperties: false },
      ),
      response: { 200: Batch, ...errorResponses },
    },
    config: { access: { ...pay, resource: 'payment_batch' } },
    handler: async (req) => req.inScope(async (ctx) => presentBatch(await confirmBatch(ctx, req.params.id, { ...req.body, paidOn: dateParam(req.body.paidOn, 'paidOn')! }))),
  });

  app.get('/api/v1/relief/campaigns/:id/summary', {
    schema: { tags, summary: '活动汇总：按县（及本级）户数、人数、筹集、拨付、核定、发放', params: IdParam, querystring: UnderUnit, response: { 200: Summary, ...errorResponses } },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req) => req.inScope((ctx) => campaignSummary(ctx, req.params.id, req.query)),
  });

  app.get('/api/v1/relief/campaigns/:id/summary.xlsx', {
    schema: { tags, summary: '导出活动汇总表', params: IdParam, querystring: UnderUnit },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req, reply) => {
      const s = await req.inScope((ctx) => campaignSummary(ctx, req.params.id, req.query));
      const rows = [...s.rows, s.total].map((r) => ({
        ...r,
        raised: yuan(r.raisedFen),
        allocated: yuan(r.allocatedFen),
        committed: yuan(r.committedFen),
        paid: yuan(r.paidFen),
        available: yuan(r.availableFen),
      }));
      xlsxReply(reply, `${s.campaign.name}汇总表.xlsx`);
      return reply.send(
        exportRows(
          [
            { key: 'unitName', header: '单位', width: 26 },
            { key: 'applications', header: '申请数' },
            { key: 'approved', header: '批准数' },
            { key: 'households', header: '已发放户（人）数' },
            { key: 'people', header: '惠及人数' },
            { key: 'raised', header: '筹集资金（元）' },
            { key: 'allocated', header: '上级拨付（元）' },
            { key: 'committed', header: '已批待付（元）' },
            { key: 'paid', header: '已发放（元）' },
            { key: 'available', header: '结余（元）' },
          ],
          Readable.from(rows),
          'xlsx',
          { sheetName: '活动汇总' },
        ),
      );
    },
  });

  app.get('/api/v1/relief/campaigns/:id/student-aid', {
    schema: { tags, summary: '助学汇总：按学段与建档情况', params: IdParam, querystring: UnderUnit, response: { 200: StudentAid, ...errorResponses } },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req) => req.inScope((ctx) => studentAidByLevel(ctx, req.params.id, req.query)),
  });

  app.get('/api/v1/relief/campaigns/:id/student-aid.xlsx', {
    schema: { tags, summary: '导出助学汇总表', params: IdParam, querystring: UnderUnit },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req, reply) => {
      const s = await req.inScope((ctx) => studentAidByLevel(ctx, req.params.id, req.query));
      const rows = [
        ...s.items.map((r) => ({
          level: SCHOOL_LEVEL_LABELS[r.schoolLevel as keyof typeof SCHOOL_LEVEL_LABELS] ?? r.schoolLevel,
          archived: r.archived ? '已建档' : '未建档',
          approved: r.approved,
          paid: r.paid,
          approvedYuan: yuan(r.approvedFen),
          paidYuan: yuan(r.paidFen),
        })),
        { level: '合计', archived: '', approved: s.total.approved, paid: s.total.paid, approvedYuan: yuan(s.total.approvedFen), paidYuan: yuan(s.total.paidFen) },
      ];
      xlsxReply(reply, `${s.campaign.name}助学汇总.xlsx`);
      return reply.send(
        exportRows(
          [
            { key: 'level', header: '学段' },
            { key: 'archived', header: '建档情况' },
            { key: 'approved', header: '批准人数' },
            { key: 'paid', header: '已发放人数' },
            { key: 'approvedYuan', header: '批准金额（元）' },
            { key: 'paidYuan', header: '已发放（元）' },
          ],
          Readable.from(rows),
          'xlsx',
          { sheetName: '助学汇总' },
        ),
      );
    },
  });

  app.get('/api/v1/relief/campaigns/:id/drill', {
    schema: {
      tags,
      summary: '报表数字的明细：申请记录或记账分录（分录合计即该数字）',
      params: IdParam,
      querystring: Type.Object({
        figure: Type.Optional(OneOf(FIGURES, '默认 applications')),
        unitId: Type.Optional(Type.Integer({ minimum: 1, description: '报表行的单位；默认为报表所属单位' })),
        own: Type.Optional(Type.Boolean({ description: '只看该单位本级' })),
        grade: Type.Optional(OneOf(['deep', 'relative', 'accident', 'not_filed'] as const, '按困难类别表的一行')),
        schoolLevel: Type.Optional(OneOf(SCHOOL_LEVELS, '按助学汇总表的一行：学段')),
        archived: Type.Optional(Type.Boolean({ description: '按助学汇总表的一行：是否建档' })),
        ...Paging,
      }),
      response: {
        200: Type.Object({
          kind: Type.String(),
          applications: Type.Array(Application),
          lines: Type.Array(LineView),
          total: Type.Integer(),
          amountFen: Type.Integer({ description: '明细合计（分）' }),
        }),
        ...errorResponses,
      },
    },
    config: { access: { ...read, resource: 'campaign' } },
    handler: async (req) =>
      req.inScope((ctx) =>
        drillDown(ctx, req.params.id, {
          figure: req.query.figure ?? 'applications',
          unitId: req.query.unitId,
          own: req.query.own,
          grade: req.query.grade,
          schoolLevel: req.query.schoolLevel,
          archived: req.query.archived,
          ...pageOf(req.query),
        }),
      ),
  });
}
