import { Type } from 'typebox';
import { asc } from 'drizzle-orm';
import type { App } from '../../server/app-types.ts';
import { IdParam, IsoDate, OneOf, Ok, Page, Paging, Text, errorResponses, pageOf, RecordId, NullableRecordId, FieldText } from '../../server/schemas.ts';
import { CHAIR_NAME, ENTERPRISE_NAME, PERSON_NAME, UNION_NAME } from '../../shared/fields.ts';
import { commonError } from '../../engines/errors.ts';
import { isValidIsoDate, todayInShanghai } from '../../engines/time.ts';
import { presentUnit } from '../../engines/org/service.ts';
import { codeLists, LEAVE_REASONS, UNION_TYPES } from './schema.ts';
import {
  addMember,
  coverEnterprise,
  createEnterprise,
  getEnterprise,
  presentEnterprise,
  getUnion,
  leaveMember,
  listEnterprises,
  listUnions,
  listMembers,
  memberHistory,
  recordHeadcount,
  registerUnion,
  revealPerson,
  transferMember,
  updateUnionProfile,
} from './service.ts';
import { childrenCoverage, coverageCounts, drillDown, FIGURES, monthlyTrend, ratesOf, TREND_MONTHS } from './coverage.ts';

const tags = ['会员与建会'];
const NullableDate = Type.Union([IsoDate, Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

function date(value: string | undefined | null, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isValidIsoDate(value)) throw commonError('VALIDATION_FAILED', `${field}：不是有效的日期`);
  return value;
}

const Enterprise = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  creditCode: Type.String(),
  name: Type.String(),
  industry: Type.String(),
  ownership: Type.String(),
  divisionCode: Type.Union([Type.String(), Type.Null()]),
  aboveScale: Type.Boolean(),
  status: Type.String(),
  registeredOn: Type.String(),
  closedOn: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  employees: Type.Optional(Type.Union([Type.Null(), Type.Integer()])),
  unionUnitId: Type.Optional(Type.Union([Type.Null(), Type.Integer()])),
  unionName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

const Member = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  idMasked: Type.String(),
  gender: Type.String(),
  birthYear: Type.Integer({ description: '出生年份（完整日期是身份证号被遮住的部分，只随查看完整号码给出）' }),
  phone: Type.Union([Type.String(), Type.Null()]),
  migrantWorker: Type.Boolean(),
  status: OneOf(['active', 'former'] as const),
  unionUnitId: Type.Integer(),
  unionName: Type.String(),
  enterpriseId: Type.Union([Type.Null(), Type.Integer()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  joinedOn: Type.String(),
  leftOn: Type.Union([Type.String(), Type.Null()]),
  leaveReason: Type.Union([Type.String(), Type.Null()]),
});

const Counts = Type.Object({
  enterprises: Type.Integer(),
  coveredEnterprises: Type.Integer(),
  employeesInCovered: Type.Integer(),
  membersInCovered: Type.Integer(),
  members: Type.Integer(),
  migrantMembers: Type.Integer(),
  unions: Type.Integer(),
  shuangliangRequiredUnions: Type.Integer(),
  shuangliangUnions: Type.Integer(),
});
const Rate = Type.Object({
  key: Type.String(),
  label: Type.String(),
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  value: Type.Union([Type.Null(), Type.Number()]),
  definition: Type.String(),
  numeratorFigure: Type.String(),
  denominatorFigure: Type.String(),
});
const CoverageQuery = Type.Object({ unitId: Type.Optional(RecordId()), asOf: Type.Optional(IsoDate) });

export function membershipRoutes(app: App): void {
  const read = { permission: 'members.read' } as const;
  const write = { permission: 'members.write' } as const;

  app.get('/api/v1/membership/code-lists', {
    schema: {
      tags,
      summary: '代码表（行业 GB/T 4754、经济类型）',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ list: Type.String(), code: Type.String(), label: Type.String() })) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => ({
        items: await ctx.db.select({ list: codeLists.list, code: codeLists.code, label: codeLists.label }).from(codeLists).orderBy(asc(codeLists.list), asc(codeLists.sort)),
      })),
  });

  app.get('/api/v1/membership/enterprises', {
    schema: {
      tags,
      summary: '企业列表',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        q: Type.Optional(Text({ min: 0, max: 100 })),
        industry: Type.Optional(Text({ min: 0, max: 2 })),
        covered: Type.Optional(Type.Boolean()),
        ...Paging,
      }),
      response: { 200: Page(Enterprise), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listEnterprises(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) });
        return { items: r.items.map(presentEnterprise), total: r.total };
      }),
  });

  app.post('/api/v1/membership/enterprises', {
    schema: {
      tags,
      summary: '登记企业',
      body: Type.Object(
        {
          unitId: RecordId(),
          creditCode: Text({ min: 18, max: 18 }),
          name: FieldText(ENTERPRISE_NAME),
          industry: Type.String({ pattern: '^[A-T]$' }),
          ownership: Type.String({ pattern: '^\\d{3}$' }),
          divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
          aboveScale: Type.Optional(Type.Boolean()),
          registeredOn: IsoDate,
          address: Type.Optional(Nullable(Text({ max: 200 }))),
          employees: Type.Integer({ minimum: 0, maximum: 1000000 }),
          employeesAsOf: Type.Optional(IsoDate),
        },
        { additionalProperties: false },
      ),
      response: { 201: Enterprise, ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) => {
      const b = req.body;
      const e = await req.inScope((ctx) =>
        createEnterprise(ctx, { ...b, name: b.name.trim(), registeredOn: date(b.registeredOn, 'registeredOn')!, employeesAsOf: date(b.employeesAsOf, 'employeesAsOf') }),
      );
      return reply.status(201).send(presentEnterprise(e));
    },
  });

  app.get('/api/v1/membership/enterprises/:id', {
    schema: { tags, summary: '企业详情', params: IdParam, response: { 200: Enterprise, ...errorResponses } },
    config: { access: { ...read, resource: 'enterprise' } },
    handler: async (req) => req.inScope(async (ctx) => presentEnterprise(await getEnterprise(ctx, req.params.id))),
  });

  app.post('/api/v1/membership/enterprises/:id/headcounts', {
    schema: {
      tags,
      summary: '填报职工人数（按日期）',
      params: IdParam,
      body: Type.Object({ asOf: IsoDate, employees: Type.Integer({ minimum: 0, maximum: 1000000 }) }, { additionalProperties: false }),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { ...write, resource: 'enterprise' } },
    handler: async (req) => {
      await req.inScope((ctx) => recordHeadcount(ctx, req.params.id, date(req.body.asOf, 'asOf')!, req.body.employees));
      return { ok: true as const };
    },
  });

  const UnionView = Type.Object({
    unit: Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.Union([Type.String(), Type.Null()]), parentId: Type.Union([Type.Null(), Type.Integer()]), status: Type.String() }),
    profile: Type.Object({
      unionType: Type.String(),
      foundedOn: Type.String(),
      chairName: Type.Union([Type.String(), Type.Null()]),
      committeeFormed: Type.Boolean(),
      signboardShownOn: Type.Union([Type.String(), Type.Null()]),
      chairShownOn: Type.Union([Type.String(), Type.Null()]),
    }),
    enterprises: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), creditCode: Type.String(), validFrom: Type.String() })),
    memberCount: Type.Integer(),
    committeeRequired: Type.Boolean(),
  });

  app.get('/api/v1/membership/unions', {
    schema: {
      tags,
      summary: '基层工会列表',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        q: Type.Optional(Text({ min: 0, max: 100 })),
        unionType: Type.Optional(OneOf(UNION_TYPES)),
        shuangliang: Type.Optional(Type.Boolean()),
        ...Paging,
      }),
      response: {
        200: Page(
          Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            code: Type.Union([Type.String(), Type.Null()]),
            parentId: Type.Union([Type.Null(), Type.Integer()]),
            unionType: Type.String(),
            foundedOn: Type.String(),
            chairName: Type.Union([Type.String(), Type.Null()]),
            committeeFormed: Type.Boolean(),
            signboardShownOn: Type.Union([Type.String(), Type.Null()]),
            chairShownOn: Type.Union([Type.String(), Type.Null()]),
            memberCount: Type.Integer(),
            enterpriseCount: Type.Integer(),
          }),
        ),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listUnions(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) })),
  });

  app.post('/api/v1/membership/unions', {
    schema: {
      tags,
      summary: '登记基层工会（单独或联合）',
      body: Type.Object(
        {
          parentId: RecordId(),
          name: FieldText(UNION_NAME),
          code: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z-]{1,32}$' }))),
          unionType: OneOf(UNION_TYPES),
          foundedOn: IsoDate,
          chairName: Type.Optional(Nullable(FieldText(CHAIR_NAME))),
          enterpriseIds: Type.Array(RecordId(), { minItems: 1, maxItems: 500 }),
          signboardShownOn: Type.Optional(NullableDate),
          chairShownOn: Type.Optional(NullableDate),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ id: Type.Integer(), name: Type.String() }), ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) => {
      const b = req.body;
      const unit = await req.inScope((ctx) =>
        registerUnion(ctx, {
          ...b,
          name: b.name.trim(),
          foundedOn: date(b.foundedOn, 'foundedOn')!,
          signboardShownOn: date(b.signboardShownOn, 'signboardShownOn') ?? null,
          chairShownOn: date(b.chairShownOn, 'chairShownOn') ?? null,
        }),
      );
      return reply.status(201).send({ id: unit.id, name: unit.name });
    },
  });

  app.get('/api/v1/membership/unions/:id', {
    schema: { tags, summary: '基层工会详情', params: IdParam, response: { 200: UnionView, ...errorResponses } },
    config: { access: { ...read, resource: 'union' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const u = await getUnion(ctx, req.params.id);
        return { ...u, unit: presentUnit(u.unit) };
      }),
  });

  app.patch('/api/v1/membership/unions/:id', {
    schema: {
      tags,
      summary: '更新工会信息（主席、委员会、双亮）',
      params: IdParam,
      body: Type.Object(
        {
          chairName: Type.Optional(Nullable(FieldText(CHAIR_NAME))),
          committeeFormed: Type.Optional(Type.Boolean()),
          signboardShownOn: Type.Optional(NullableDate),
          chairShownOn: Type.Optional(NullableDate),
        },
        { additionalProperties: false },
      ),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { ...write, resource: 'union' } },
    handler: async (req) => {
      const b = req.body;
      await req.inScope((ctx) =>
        updateUnionProfile(ctx, req.params.id, {
          ...b,
          ...(b.signboardShownOn !== undefined ? { signboardShownOn: date(b.signboardShownOn, 'signboardShownOn') ?? null } : {}),
          ...(b.chairShownOn !== undefined ? { chairShownOn: date(b.chairShownOn, 'chairShownOn') ?? null } : {}),
        }),
      );
      return { ok: true as const };
    },
  });

  app.post('/api/v1/membership/unions/:id/coverages', {
    schema: {
      tags,
      summary: '把企业纳入本工会（原覆盖关系同日终止）',
      params: IdParam,
      body: Type.Object({ enterpriseId: RecordId(), from: IsoDate }, { additionalProperties: false }),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { ...write, resource: 'union' } },
    handler: async (req) => {
      await req.inScope((ctx) => coverEnterprise(ctx, req.params.id, req.body.enterpriseId, date(req.body.from, 'from')!));
      return { ok: true as const };
    },
  });

  app.get('/api/v1/membership/members', {
    schema: {
      tags,
      summary: '会员列表（身份证号脱敏）',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        q: Type.Optional(Text({ min: 0, max: 50, description: '姓名、手机号或完整身份证号' })),
        status: Type.Optional(OneOf(['active', 'former'] as const)),
        migrantWorker: Type.Optional(Type.Boolean()),
        enterpriseId: Type.Optional(RecordId()),
        asOf: Type.Optional(IsoDate),
        ...Paging,
      }),
      response: { 200: Page(Member), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listMembers(ctx, { ...req.query, asOf: date(req.query.asOf, 'asOf'), q: req.query.q?.trim() || undefined, ...pageOf(req.query) })),
  });

  app.post('/api/v1/membership/members', {
    schema: {
      tags,
      summary: '会员入会登记',
      body: Type.Object(
        {
          idNumber: Text({ min: 15, max: 20 }),
          name: FieldText(PERSON_NAME),
          phone: Type.Optional(Nullable(Text({ min: 0, max: 20 }))),
          migrantWorker: Type.Optional(Type.Boolean()),
          unionUnitId: RecordId(),
          enterpriseId: Type.Optional(NullableRecordId()),
          joinedOn: IsoDate,
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ personId: Type.Integer() }), ...errorResponses },
    },
    config: { access: write },
    handler: async (req, reply) => {
      const r = await req.inScope((ctx) => addMember(ctx, { ...req.body, name: req.body.name.trim(), joinedOn: date(req.body.joinedOn, 'joinedOn')! }));
      return reply.status(201).send({ personId: r.personId });
    },
  });

  app.get('/api/v1/membership/members/:id', {
    schema: {
      tags,
      summary: '会员详情与会籍沿革',
      params: IdParam,
      response: { 200: Type.Object({ current: Member, periods: Type.Array(Member) }), ...errorResponses },
    },
    config: { access: { ...read, resource: 'person' } },
    handler: async (req) => req.inScope((ctx) => memberHistory(ctx, req.params.id)),
  });

  app.post('/api/v1/membership/members/:id/transfer', {
    schema: {
      tags,
      summary: '转会',
      params: IdParam,
      body: Type.Object({ toUnionUnitId: RecordId(), enterpriseId: Type.Optional(NullableRecordId()), on: IsoDate }, { additionalProperties: false }),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { ...write, resource: 'person' } },
    handler: async (req) => {
      await req.inScope((ctx) => transferMember(ctx, req.params.id, { ...req.body, on: date(req.body.on, 'on')! }));
      return { ok: true as const };
    },
  });

  app.post('/api/v1/membership/members/:id/leave', {
    schema: {
      tags,
      summary: '办理离会',
      params: IdParam,
      body: Type.Object(
        { on: IsoDate, reason: OneOf(LEAVE_REASONS.filter((r) => r !== 'transferred') as unknown as readonly ['left', 'retired', 'deceased', 'expelled']) },
        { additionalProperties: false },
      ),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { ...write, resource: 'person' } },
    handler: async (req) => {
      await req.inScope((ctx) => leaveMember(ctx, req.params.id, { on: date(req.body.on, 'on')!, reason: req.body.reason }));
      return { ok: true as const };
    },
  });

  app.post('/api/v1/membership/members/:id/reveal-id', {
    schema: {
      tags,
      summary: '查看完整身份证号与手机号码（须说明用途，记入审计日志）',
      params: IdParam,
      body: Type.Object({ reason: Text({ min: 2, max: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ idNumber: Type.String(), phone: Type.Union([Type.Null(), Type.String()]) }), ...errorResponses },
    },
    config: { access: { permission: 'members.sensitive', resource: 'person' } },
    handler: async (req) => req.inScope((ctx) => revealPerson(ctx, req.params.id, req.body.reason)),
  });

  app.get('/api/v1/membership/coverage', {
    schema: {
      tags,
      summary: '建会入会统计：组建率、入会率、双亮率及各项数字（任一单位、任一日期）',
      querystring: CoverageQuery,
      response: { 200: Type.Object({ unitId: Type.Integer(), asOf: Type.String(), counts: Counts, rates: Type.Array(Rate) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unitId = req.query.unitId ?? ctx.scope.unitId;
        const asOf = date(req.query.asOf, 'asOf') ?? todayInShanghai();
        const counts = await coverageCounts(ctx, unitId, asOf);
        return { unitId, asOf, counts, rates: ratesOf(counts) };
      }),
  });

  app.get('/api/v1/membership/coverage/children', {
    schema: {
      tags,
      summary: '下级单位排名',
      querystring: CoverageQuery,
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ unitId: Type.Integer(), name: Type.String(), counts: Counts, rates: Type.Array(Rate) })) }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => ({
        items: await childrenCoverage(ctx, req.query.unitId ?? ctx.scope.unitId, date(req.query.asOf, 'asOf') ?? todayInShanghai()),
      })),
  });

  app.get('/api/v1/membership/coverage/trend', {
    schema: {
      tags,
      summary: '月度趋势',
      querystring: Type.Object({
        unitId: Type.Optional(RecordId()),
        asOf: Type.Optional(IsoDate),
        months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: TREND_MONTHS })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ date: Type.String(), counts: Counts, rates: Type.Array(Rate) })) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => ({
        items: await monthlyTrend(ctx, req.query.unitId ?? ctx.scope.unitId, date(req.query.asOf, 'asOf') ?? todayInShanghai(), req.query.months ?? TREND_MONTHS),
      })),
  });

  app.get('/api/v1/membership/coverage/drill', {
    schema: {
      tags,
      summary: '数字背后的记录',
      querystring: Type.Object({
        unitId: Type.Optional(RecordId()),
        asOf: Type.Optional(IsoDate),
        figure: OneOf(FIGURES),
        ...Paging,
      }),
      response: {
        200: Page(Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.Union([Type.String(), Type.Null()]), kind: Type.String() })),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => drillDown(ctx, req.query.unitId ?? ctx.scope.unitId, date(req.query.asOf, 'asOf') ?? todayInShanghai(), req.query.figure, pageOf(req.query))),
  });
}
