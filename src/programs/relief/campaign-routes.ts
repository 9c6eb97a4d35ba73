import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam } from '../../server/replies.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { EntryView, presentEntry } from '../../engines/ledger/routes.ts';
import { GRADE_LABELS } from '../hardship/index.ts';
import { CAMPAIGN_KINDS, CAMPAIGN_SUBJECTS, FUND_SOURCES } from './schema.ts';
import {
  FUND_SOURCE_LABELS,
  SCHOOL_LEVEL_LABELS,
  TEMPLATES,
  allocateFunds,
  campaignSteps,
  campaignTotals,
  checkEligibility,
  closeCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  raiseFunds,
} from './service.ts';

import { read, write, funds, tags, Str, Nullable, Step, Rules, Standards, Totals, Campaign, presentCampaign, Check, ApplicationBody } from './wire.ts';

export function campaignRoutes(app: App): void {
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
          unitId: RecordId(),
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
          unitId: RecordId({ description: '筹得资金的单位' }),
          source: OneOf(FUND_SOURCES),
          amountFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
          donor: Nullable(Text({ max: 100 })),
          receivedOn: Type.Optional(IsoDate),
          idempotencyKey: Type.Optional(Text({ min: 8, max: 64, description: '重试同一请求时带上同一编号，只记一次' })),
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
          toUnitId: RecordId(),
          fromUnitId: Type.Optional(RecordId()),
          amountFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_00 }),
          idempotencyKey: Type.Optional(Text({ min: 8, max: 64 })),
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
}
