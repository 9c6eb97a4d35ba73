/** Supervision over HTTP: indicators, targets, snapshots, reviews, bulletins, the dashboard, drill-downs. */
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam, download } from '../../server/replies.ts';
import { IdParam, IsoDate, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId, IsoMonth } from '../../server/schemas.ts';
import { can } from '../../engines/accounts/roles.ts';
import { commonError } from '../../engines/errors.ts';
import { listIndicators, presentIndicator } from '../../engines/indicators/catalogue.ts';
import { supervisedChildren } from '../../engines/indicators/compute.ts';
import { lastClosedPeriod, periodOf } from '../../engines/indicators/periods.ts';
import { freezeMonth, frozenPeriods, latestSnapshots, snapshotHistory } from '../../engines/indicators/snapshots.ts';
import { deleteTarget, presentTarget, progressAgainst, requireIndicator, setTarget, targetsOf } from '../../engines/indicators/targets.ts';
import { STATUS_THRESHOLDS } from '../../engines/indicators/status.ts';
import { getUnit } from '../../engines/org/service.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { bulletinPdf, bulletinXlsx } from './documents.ts';
import type { BulletinContent } from './bulletin.ts';
import { checkTargetNudges, composeBulletin, dashboard, getBulletin, listBulletins, periodReview, presentBulletin, publishBulletin, recordsBehind } from './service.ts';

const tags = ['督查'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Nullable(OneOf(['green', 'yellow', 'red'] as const));
const Progress = Type.Object({
  target: Type.Number(),
  baseline: Type.Number(),
  expected: Type.Number(),
  ofTarget: Nullable(Type.Number()),
  attainment: Nullable(Type.Number()),
  status: OneOf(['green', 'yellow', 'red'] as const),
});
const Indicator = Type.Object({
  key: Type.String(),
  program: Type.String(),
  name: Type.String(),
  definition: Type.String(),
  unit: Type.String(),
  direction: OneOf(['higher', 'lower'] as const),
  version: Type.Integer(),
  advice: Nullable(Type.String()),
  drillFigures: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
});
const Snapshot = Type.Object({
  unitId: Type.Integer(),
  period: Type.String(),
  indicatorKey: Type.String(),
  version: Type.Integer(),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  asOf: Type.String(),
  definitionHash: Type.String(),
  correction: Type.Boolean(),
  reason: Nullable(Type.String()),
  takenAt: Type.String(),
});
const BulletinRowSchema = Type.Object({
  unitId: Type.Integer(),
  name: Type.String(),
  rank: Nullable(Type.Integer()),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  previous: Nullable(Type.Number()),
  change: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
  expected: Nullable(Type.Number()),
  status: Status,
});
const BulletinIndicator = Type.Object({
  key: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  direction: Type.String(),
  definition: Type.String(),
  definitionHash: Type.String(),
  total: Type.Omit(BulletinRowSchema, ['unitId', 'name', 'rank']),
  rows: Type.Array(BulletinRowSchema),
  leaders: Type.Array(Type.Integer()),
  laggards: Type.Array(Type.Integer()),
});
const BulletinContentSchema = Type.Object({
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  period: Type.String(),
  previousPeriod: Type.String(),
  title: Type.String(),
  frozen: Type.Boolean(),
  indicators: Type.Array(BulletinIndicator),
  commentary: Type.Array(Type.String()),
});
const BulletinSummary = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  period: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  contentHash: Type.String(),
  publishedAt: Type.String(),
});

export function supervisionRoutes(app: App): void {
  const read = { permission: 'supervision.read' } as const;
  const manage = { permission: 'supervision.manage' } as const;
  const indicatorKeys = listIndicators().map((d) => d.key);

  app.get('/api/v1/supervision/indicators', {
    schema: {
      tags,
      summary: '指标目录：名称、口径、单位、方向，及进度状态的判定阈值',
      response: { 200: Type.Object({ items: Type.Array(Indicator), thresholds: Type.Object({ green: Type.Number(), yellow: Type.Number() }) }), ...errorResponses },
    },
    config: { access: read },
    handler: async () => ({ items: listIndicators().map(presentIndicator), thresholds: { ...STATUS_THRESHOLDS } }),
  });

  app.get('/api/v1/supervision/dashboard', {
    schema: {
      tags,
      summary: '首页：本单位各指标对照目标（仪表）、下级单位排名、月度趋势，每个数字可下钻',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), asOf: Type.Optional(IsoDate), months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12 })) }),
      response: {
        200: Type.Object({
          unit: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() }),
          asOf: Type.String(),
          year: Type.Integer(),
          gauges: Type.Array(
            Type.Object({
              indicator: Type.Object({ key: Type.String(), name: Type.String(), unit: Type.String(), direction: Type.String(), definition: Type.String() }),
              value: Nullable(Type.Number()),
              numerator: Nullable(Type.Number()),
              denominator: Nullable(Type.Number()),
              display: Type.String(),
              progress: Nullable(Progress),
              drill: Type.Object({ href: Type.String(), figures: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), href: Type.String() })) }),
            }),
          ),
          rankings: Type.Array(
            Type.Object({
              indicatorKey: Type.String(),
              items: Type.Array(
                Type.Object({
                  unitId: Type.Integer(),
                  name: Type.String(),
                  rank: Nullable(Type.Integer()),
                  value: Nullable(Type.Number()),
                  display: Type.String(),
                  status: Status,
                  drill: Type.String(),
                }),
              ),
            }),
          ),
          trends: Type.Array(
            Type.Object({
              indicatorKey: Type.String(),
              points: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()), frozen: Type.Boolean(), corrected: Type.Boolean() })),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => dashboard(ctx, req.query.unitId ?? ctx.scope.unitId, dateParam(req.query.asOf, 'asOf') ?? todayInShanghai(), req.query.months ?? 12)),
  });

  app.get('/api/v1/supervision/records', {
    schema: {
      tags,
      summary: '数字背后的记录（下钻）',
      querystring: Type.Object({
        indicator: OneOf(indicatorKeys),
        figure: Type.Optional(Text({ min: 0, max: 60 })),
        unitId: Type.Optional(RecordId()),
        asOf: Type.Optional(IsoDate),
        ...Paging,
      }),
      response: {
        200: Type.Object({
          figure: Nullable(Type.String()),
          items: Type.Array(
            Type.Object({
              id: Type.Integer(),
              name: Type.String(),
              code: Nullable(Type.String()),
              kind: Type.String(),
              date: Type.Optional(Nullable(Type.String())),
              detail: Type.Optional(Nullable(Type.String())),
              parentId: Type.Optional(Type.Union([Type.Null(), Type.Integer()])),
            }),
          ),
          total: Type.Integer(),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) => {
      const def = requireIndicator(req.query.indicator);
      if (def.drillPermission && !can(req.actor!.role, def.drillPermission)) throw commonError('FORBIDDEN');
      return req.inScope((ctx) => recordsBehind(ctx, def.key, req.query.unitId ?? ctx.scope.unitId, dateParam(req.query.asOf, 'asOf') ?? todayInShanghai(), req.query.figure, pageOf(req.query)));
    },
  });

  // ── Targets ──
  app.get('/api/v1/supervision/targets', {
    schema: {
      tags,
      summary: '年度目标及序时进度：本单位和直属下级单位',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      response: {
        200: Type.Object({
          year: Type.Integer(),
          asOf: Type.String(),
          items: Type.Array(
            Type.Object({
              unitId: Type.Integer(),
              unitName: Type.String(),
              year: Type.Integer(),
              indicatorKey: Type.String(),
              target: Type.Number(),
              baseline: Type.Number(),
              profile: Nullable(Type.Array(Type.Number())),
              note: Nullable(Type.String()),
              setAt: Type.String(),
              actual: Nullable(Type.Number()),
              progress: Progress,
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.query.unitId ?? ctx.scope.unitId);
        const today = todayInShanghai();
        const year = req.query.year ?? Number(today.slice(0, 4));
        const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
        const children = await supervisedChildren(ctx, unit.id, asOf);
        const names = new Map([[unit.id, unit.name], ...children.map((c) => [c.id, c.name] as [number, string])]);
        const rows = await targetsOf(ctx, [...names.keys()], year);
        const items = [];
        for (const t of rows) {
          const def = requireIndicator(t.indicatorKey);
          const actual = (await def.compute(ctx, t.unitId, asOf)).value;
          items.push({ ...presentTarget(t), unitName: names.get(t.unitId)!, actual, progress: progressAgainst(t, def, actual, asOf) });
        }
        return { year, asOf, items };
      }),
  });

  app.put('/api/v1/supervision/targets', {
    schema: {
      tags,
      summary: '为下级单位设定年度目标（比率以小数表示，如 0.96）；可给月度进度（12 个累计比例）',
      body: Type.Object(
        {
          unitId: RecordId(),
          year: Type.Integer({ minimum: 2000, maximum: 2100 }),
          indicatorKey: OneOf(indicatorKeys),
          target: Type.Number({ minimum: 0, maximum: 1e12 }),
          baseline: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
          profile: Type.Optional(Nullable(Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { minItems: 12, maxItems: 12 }))),
          note: Type.Optional(Nullable(Text({ max: 200 }))),
        },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          unitId: Type.Integer(),
          year: Type.Integer(),
          indicatorKey: Type.String(),
          target: Type.Number(),
          baseline: Type.Number(),
          profile: Nullable(Type.Array(Type.Number())),
          note: Nullable(Type.String()),
          setAt: Type.String(),
        }),
        ...errorResponses,
      },
    },
    config: { access: manage },
    handler: async (req) => req.inScope(async (ctx) => presentTarget(await setTarget(ctx, req.body))),
  });

  app.delete('/api/v1/supervision/targets', {
    schema: {
      tags,
      summary: '删除下级单位的年度目标',
      querystring: Type.Object({ unitId: RecordId(), year: Type.Integer({ minimum: 2000, maximum: 2100 }), indicatorKey: OneOf(indicatorKeys) }),
      response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errorResponses },
    },
    config: { access: manage },
    handler: async (req) => {
      await req.inScope((ctx) => deleteTarget(ctx, req.query.unitId, req.query.year, req.query.indicatorKey));
      return { ok: true as const };
    },
  });

  // ── Snapshots ──
  app.get('/api/v1/supervision/snapshots', {
    schema: {
      tags,
      summary: '月末快照：本单位和直属下级单位的冻结数字（最新版本）；不给月份则为冻结过的月份列表',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), period: Type.Optional(IsoMonth) }),
      response: {
        200: Type.Object({
          periods: Type.Array(Type.Object({ period: Type.String(), versions: Type.Integer(), corrected: Type.Boolean() })),
          items: Type.Array(Snapshot),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.query.unitId ?? ctx.scope.unitId);
        const periods = await frozenPeriods(ctx, unit.id);
        if (!req.query.period) return { periods, items: [] };
        const end = periodOf(req.query.period);
        const children = await supervisedChildren(ctx, unit.id, end);
        return { periods, items: await latestSnapshots(ctx, { unitIds: [unit.id, ...children.map((c) => c.id)], periods: [end] }) };
      }),
  });

  app.get('/api/v1/supervision/snapshots/history', {
    schema: {
      tags,
      summary: '某单位某月快照的全部版本（更正与原数并列）',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), period: Type.Optional(IsoMonth) }),
      response: { 200: Type.Object({ items: Type.Array(Snapshot) }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.query.unitId ?? ctx.scope.unitId);
        return { items: await snapshotHistory(ctx, unit.id, req.query.period ? periodOf(req.query.period) : lastClosedPeriod(todayInShanghai())) };
      }),
  });

  app.post('/api/v1/supervision/snapshots', {
    schema: {
      tags,
      summary: '冻结某月月末数字（已冻结的不重复）；给出更正理由则生成新的更正版本，原版本保留',
      body: Type.Object({ period: IsoMonth, unitId: Type.Optional(RecordId()), correctionReason: Type.Optional(Text({ min: 2, max: 200 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ period: Type.String(), indicators: Type.Array(Type.String()), rows: Type.Integer(), correction: Type.Boolean() }),
        ...errorResponses,
      },
    },
    config: { access: manage },
    handler: async (req) =>
      req.inScope((ctx) => freezeMonth(ctx, { rootUnitId: req.body.unitId ?? ctx.scope.unitId, period: periodOf(req.body.period), correctionReason: req.body.correctionReason?.trim() || null })),
  });

  app.get('/api/v1/supervision/reviews', {
    schema: {
      tags,
      summary: '季度总结点评、半年核查：由月末快照组成，每期与上一期比较',
      querystring: Type.Object({
        unitId: Type.Optional(RecordId()),
        year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        kind: Type.Optional(OneOf(['quarter', 'half'] as const)),
      }),
      response: {
        200: Type.Object({
          unitId: Type.Integer(),
          year: Type.Integer(),
          kind: Type.String(),
          periods: Type.Array(Type.Object({ end: Type.String(), label: Type.String(), previousEnd: Type.String(), indicators: Type.Array(BulletinIndicator), commentary: Type.Array(Type.String()) })),
        }),
        ...errorResponses,
      },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.query.unitId ?? ctx.scope.unitId);
        return periodReview(ctx, unit.id, req.query.year ?? Number(todayInShanghai().slice(0, 4)), req.query.kind ?? 'quarter');
      }),
  });

  app.post('/api/v1/supervision/nudges/check', {
    schema: {
      tags,
      summary: '立即对照目标检查一次，提醒落后的单位（同一原因只提醒一次）',
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ raised: Type.Integer(), cleared: Type.Integer(), behind: Type.Integer() }), ...errorResponses },
    },
    config: { access: manage },
    handler: async (req) => req.inScope((ctx) => checkTargetNudges(ctx, ctx.scope.unitId)),
  });

  // ── Bulletins ──
  app.get('/api/v1/supervision/bulletins', {
    schema: {
      tags,
      summary: '已发布的督查通报',
      querystring: Type.Object({
        unitId: Type.Optional(RecordId()),
        above: Type.Optional(Type.Boolean({ description: '上级单位发布的通报（只读）' })),
        ...Paging,
      }),
      response: { 200: Page(BulletinSummary), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listBulletins(ctx, { unitId: req.query.unitId, above: req.query.above, ...pageOf(req.query) })),
  });

  app.get('/api/v1/supervision/bulletins/preview', {
    schema: {
      tags,
      summary: '通报预览（未发布）：某月的排名、变化、前列与靠后单位、点评；该月未冻结时按记录现算',
      querystring: Type.Object({ unitId: Type.Optional(RecordId()), period: Type.Optional(IsoMonth) }),
      response: { 200: BulletinContentSchema, ...errorResponses },
    },
    config: { access: read },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const unit = await getUnit(ctx, req.query.unitId ?? ctx.scope.unitId);
        return composeBulletin(ctx, unit.id, req.query.period ? periodOf(req.query.period) : lastClosedPeriod(todayInShanghai()));
      }),
  });

  app.post('/api/v1/supervision/bulletins', {
    schema: {
      tags,
      summary: '发布某月督查通报（须已冻结月末数字）；重复发布生成新版本，旧版本保留',
      body: Type.Object({ period: IsoMonth, unitId: Type.Optional(RecordId()) }, { additionalProperties: false }),
      response: { 201: BulletinSummary, ...errorResponses },
    },
    config: { access: manage },
    handler: async (req, reply) => {
      const row = await req.inScope((ctx) => publishBulletin(ctx, req.body.unitId ?? ctx.scope.unitId, periodOf(req.body.period)));
      const { content: _content, verified: _verified, fromAbove: _fromAbove, ...summary } = presentBulletin(row);
      return reply.status(201).send(summary);
    },
  });

  app.get('/api/v1/supervision/bulletins/:id', {
    schema: {
      tags,
      summary: '督查通报（发布时的内容与签名；verified 表示内容与签名一致）',
      params: IdParam,
      response: { 200: Type.Object({ ...BulletinSummary.properties, verified: Type.Boolean(), fromAbove: Type.Boolean(), content: BulletinContentSchema }), ...errorResponses },
    },
    config: { access: { ...read, resource: 'bulletin' } },
    handler: async (req) => req.inScope(async (ctx) => presentBulletin(await getBulletin(ctx, req.params.id), ctx.scope)),
  });

  app.get('/api/v1/supervision/bulletins/:id/pdf', {
    schema: { tags, summary: '下载通报 PDF（内嵌中文字体）', params: IdParam },
    config: { access: { ...read, resource: 'bulletin' } },
    handler: async (req, reply) => {
      const row = await req.inScope((ctx) => getBulletin(ctx, req.params.id));
      const pdf = await bulletinPdf(row.content as BulletinContent, { version: row.version, publishedAt: row.publishedAt.toISOString(), contentHash: row.contentHash });
      download(reply, 'application/pdf', `${row.title}（第${row.version}版）.pdf`);
      return reply.send(pdf);
    },
  });

  app.get('/api/v1/supervision/bulletins/:id/xlsx', {
    schema: { tags, summary: '下载通报 Excel', params: IdParam },
    config: { access: { ...read, resource: 'bulletin' } },
    handler: async (req, reply) => {
      const row = await req.inScope((ctx) => getBulletin(ctx, req.params.id));
      download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${row.title}（第${row.version}版）.xlsx`);
      return reply.send(bulletinXlsx(row.content as BulletinContent));
    },
  });
}
