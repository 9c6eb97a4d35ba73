import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam } from '../../server/replies.ts';
import { sendListExport, type PageRequest } from '../../server/list-export.ts';
import { IdParam, IsoDate, OneOf, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { APPROVAL_STATUSES } from '../../engines/approvals/schema.ts';
import { EntryView, presentEntry } from '../../engines/ledger/routes.ts';
import { GRADE_LABELS } from '../hardship/index.ts';
import {
  SCHOOL_LEVEL_LABELS,
  type ApplicationCursor,
  decideApplication,
  decideBulk,
  endApplicationNotice,
  getApplication,
  householdAidHistory,
  listApplications,
  previewBulk,
  recordApplicationNotice,
  submitApplication,
} from './service.ts';

import { read, write, approve, tags, Str, Nullable, yuan, Application, ApplicationBody, Decision, Outcome } from './wire.ts';

export function applicationRoutes(app: App): void {
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
    campaignId: Type.Optional(RecordId()),
    underUnitId: Type.Optional(RecordId()),
    status: Type.Optional(OneOf(APPROVAL_STATUSES)),
    paid: Type.Optional(Type.Boolean()),
    batchId: Type.Optional(RecordId()),
    q: Type.Optional(Text({ min: 0, max: 50 })),
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
    { applicationIds: Type.Array(RecordId(), { minItems: 1, maxItems: 2000 }), decision: OneOf(['approve', 'reject'] as const), reason: Nullable(Text({ max: 500 })) },
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
}
