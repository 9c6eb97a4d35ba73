import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { isValidIsoDate, todayInShanghai } from '../time.ts';
import { commonError } from '../errors.ts';
import { ORG_UNIT_KINDS, ORG_UNIT_STATUSES } from './schema.ts';
import { ancestorsInScope, closeUnit, createUnit, getUnit, listUnits, moveUnit, presentUnit, reopenUnit, treeAsOf, unitHistory, updateUnit, type TreeNode } from './service.ts';

const Kind = OneOf(ORG_UNIT_KINDS, '单位类型');
const Status = OneOf(ORG_UNIT_STATUSES, '状态');
const Unit = Type.Object({
  id: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  kind: Kind,
  parentId: Type.Union([Type.Null(), Type.Integer()]),
  depth: Type.Integer(),
  status: Status,
  openedOn: Type.String(),
  closedOn: Type.Union([Type.String(), Type.Null()]),
});
const UnitDetail = Type.Intersect([Unit, Type.Object({ ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) })]);
const TreeNodeSchema = Type.Cyclic(
  {
    TreeNode: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      kind: Kind,
      code: Type.Union([Type.String(), Type.Null()]),
      status: Status,
      children: Type.Array(Type.Ref('TreeNode')),
    }),
  },
  'TreeNode',
);
const Code = Type.Union([Type.String({ pattern: '^[0-9A-Za-z-]{1,32}$' }), Type.Null()]);
const Reason = Text({ max: 500, description: '原因' });

function date(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidIsoDate(value)) throw commonError('VALIDATION_FAILED', `${field}：不是有效的日期`);
  return value;
}

const tags = ['组织机构'];

export function orgRoutes(app: App): void {
  app.get('/api/v1/org/units', {
    schema: {
      tags,
      summary: '单位列表（筛选、搜索、分页）',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        parentId: Type.Optional(RecordId()),
        kind: Type.Optional(Kind),
        status: Type.Optional(Status),
        q: Type.Optional(Text({ min: 0, max: 100 })),
        ...Paging,
      }),
      response: { 200: Page(Unit), ...errorResponses },
    },
    config: { access: { permission: 'org.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listUnits(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) });
        return { items: r.items.map(presentUnit), total: r.total };
      }),
  });

  app.get('/api/v1/org/tree', {
    schema: {
      tags,
      summary: '组织机构树（可查询任一历史日期）',
      querystring: Type.Object({
        rootId: Type.Optional(RecordId()),
        asOf: Type.Optional(IsoDate),
        includeClosed: Type.Optional(Type.Boolean()),
      }),
      response: { 200: Type.Object({ asOf: Type.String(), root: Type.Union([TreeNodeSchema, Type.Null()]) }), ...errorResponses },
    },
    config: { access: { permission: 'org.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const asOf = date(req.query.asOf, 'asOf');
        const root: TreeNode | null = await treeAsOf(ctx, { rootId: req.query.rootId, asOf, includeClosed: req.query.includeClosed ?? false });
        return { asOf: asOf ?? todayInShanghai(), root };
      }),
  });

  app.get('/api/v1/org/units/:id', {
    schema: { tags, summary: '单位详情', params: IdParam, response: { 200: UnitDetail, ...errorResponses } },
    config: { access: { permission: 'org.read', resource: 'org_unit' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.params.id);
        return { ...presentUnit(unit), ancestors: await ancestorsInScope(ctx, unit) };
      }),
  });

  app.get('/api/v1/org/units/:id/history', {
    schema: {
      tags,
      summary: '单位的历史沿革（名称、隶属、状态的每一段）',
      params: IdParam,
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              validFrom: Type.String(),
              validTo: Type.Union([Type.String(), Type.Null()]),
              name: Type.String(),
              parentId: Type.Union([Type.Null(), Type.Integer()]),
              status: Status,
              change: Type.String(),
              note: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    config: { access: { permission: 'org.read', resource: 'org_unit' } },
    handler: async (req) => req.inScope(async (ctx) => ({ items: await unitHistory(ctx, req.params.id) })),
  });

  app.post('/api/v1/org/units', {
    schema: {
      tags,
      summary: '新建单位',
      body: Type.Object({ parentId: RecordId(), name: Text({ max: 100 }), kind: Kind, code: Type.Optional(Code), openedOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 201: Unit, ...errorResponses },
    },
    config: { access: { permission: 'org.write' } },
    handler: async (req, reply) => {
      const b = req.body;
      const unit = await req.inScope((ctx) => createUnit(ctx, { ...b, name: b.name.trim(), openedOn: date(b.openedOn, 'openedOn') }));
      return reply.status(201).send(presentUnit(unit));
    },
  });

  app.patch('/api/v1/org/units/:id', {
    schema: {
      tags,
      summary: '更名或修改编码（更名按生效日期记入沿革）',
      params: IdParam,
      body: Type.Object({ name: Type.Optional(Text({ max: 100 })), code: Type.Optional(Code), effectiveOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Unit, ...errorResponses },
    },
    config: { access: { permission: 'org.write', resource: 'org_unit' } },
    handler: async (req) =>
      req.inScope(async (ctx) =>
        presentUnit(
          await updateUnit(ctx, req.params.id, {
            name: req.body.name?.trim(),
            code: req.body.code,
            effectiveOn: date(req.body.effectiveOn, 'effectiveOn'),
          }),
        ),
      ),
  });

  app.post('/api/v1/org/units/:id/move', {
    schema: {
      tags,
      summary: '调整隶属关系（连同下级单位）',
      params: IdParam,
      body: Type.Object({ newParentId: RecordId(), effectiveOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Unit, ...errorResponses },
    },
    config: { access: { permission: 'org.write', resource: 'org_unit' } },
    handler: async (req) => req.inScope(async (ctx) => presentUnit(await moveUnit(ctx, req.params.id, { newParentId: req.body.newParentId, effectiveOn: date(req.body.effectiveOn, 'effectiveOn') }))),
  });

  app.post('/api/v1/org/units/:id/close', {
    schema: {
      tags,
      summary: '撤销单位',
      params: IdParam,
      body: Type.Object({ reason: Reason, effectiveOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Unit, ...errorResponses },
    },
    config: { access: { permission: 'org.write', resource: 'org_unit' } },
    handler: async (req) => req.inScope(async (ctx) => presentUnit(await closeUnit(ctx, req.params.id, { reason: req.body.reason.trim(), effectiveOn: date(req.body.effectiveOn, 'effectiveOn') }))),
  });

  app.post('/api/v1/org/units/:id/reopen', {
    schema: {
      tags,
      summary: '恢复已撤销的单位',
      params: IdParam,
      body: Type.Object({ reason: Reason, effectiveOn: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: { 200: Unit, ...errorResponses },
    },
    config: { access: { permission: 'org.write', resource: 'org_unit' } },
    handler: async (req) => req.inScope(async (ctx) => presentUnit(await reopenUnit(ctx, req.params.id, { reason: req.body.reason.trim(), effectiveOn: date(req.body.effectiveOn, 'effectiveOn') }))),
  });
}
