/** Relief payment batches over HTTP: made from approved applications, listed, viewed, the bank file, and confirmation of payment. */
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { dateParam, xlsxReply } from '../../server/replies.ts';
import { IdParam, IsoDate, Page, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { exportRows } from '../../engines/imports/index.ts';
import { bankFileRows, confirmBatch, createBatch, getBatch, listApplications, listBatches } from './service.ts';

import { pay, tags, Nullable, Application, Batch, presentBatch } from './wire.ts';

export function batchRoutes(app: App): void {
  app.post('/api/v1/relief/campaigns/:id/batches', {
    schema: {
      tags,
      summary: '生成发放批次：本单位辖区内已批准、未发放的申请',
      params: IdParam,
      body: Type.Object({ unitId: RecordId({ description: '发放单位（一般为县级工会）' }) }, { additionalProperties: false }),
      response: { 201: Batch, ...errorResponses },
    },
    config: { access: { ...pay, resource: 'campaign' } },
    handler: async (req, reply) => reply.status(201).send(presentBatch(await req.inScope((ctx) => createBatch(ctx, req.params.id, req.body)))),
  });

  app.get('/api/v1/relief/batches', {
    schema: { tags, summary: '发放批次列表', querystring: Type.Object({ campaignId: Type.Optional(RecordId()), ...Paging }), response: { 200: Page(Batch), ...errorResponses } },
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
        { paidOn: IsoDate, bankReference: Nullable(Text({ max: 100 })), failedApplicationIds: Type.Optional(Type.Array(RecordId(), { maxItems: 2000 })) },
        { additionalProperties: false },
      ),
      response: { 200: Batch, ...errorResponses },
    },
    config: { access: { ...pay, resource: 'payment_batch' } },
    handler: async (req) => req.inScope(async (ctx) => presentBatch(await confirmBatch(ctx, req.params.id, { ...req.body, paidOn: dateParam(req.body.paidOn, 'paidOn')! }))),
  });
}
