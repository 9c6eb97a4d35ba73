/** Relief reports over HTTP: a campaign's summary by unit and its student aid by school level (each also as xlsx), and the drill-down behind a figure. */
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { xlsxReply } from '../../server/replies.ts';
import { IdParam, OneOf, Paging, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { exportRows } from '../../engines/imports/index.ts';
import { LineView } from '../../engines/ledger/routes.ts';
import { SCHOOL_LEVELS } from './schema.ts';
import { SCHOOL_LEVEL_LABELS } from './service.ts';
import { FIGURES, campaignSummary, drillDown, studentAidByLevel } from './reports.ts';

import { read, tags, yuan, Application, Summary, StudentAid, UnderUnit } from './wire.ts';

export function reportRoutes(app: App): void {
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
        unitId: Type.Optional(RecordId({ description: '报表行的单位；默认为报表所属单位' })),
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
