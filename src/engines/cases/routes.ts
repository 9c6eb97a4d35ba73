/** The case engine's own routes: deadlines coming due (for the reminder job and the work list) and document downloads. */
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { IdParam, errorResponses } from '../../server/schemas.ts';
import { recordAudit } from '../audit/service.ts';
import { caseError } from './errors.ts';
import { dueSoon, getCase, getDocument } from './service.ts';

const tags = ['案件'];

/** Where a case's documents live under the data folder. */
export const caseFilesDir = (dataDir: string, caseId: number) => path.join(dataDir, 'cases', String(caseId));

export const DueSoonItem = Type.Object({
  caseId: Type.Integer(),
  unitId: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  key: Type.String(),
  label: Type.String(),
  dueOn: Type.String(),
  daysLeft: Type.Integer(),
  assigneeUserIds: Type.Array(Type.Integer()),
});

export function caseRoutes(app: App, deps: { filesDir: string }): void {
  app.get('/api/v1/cases/due-soon', {
    schema: {
      tags,
      summary: '即将到期的案件期限（供提醒使用）',
      querystring: Type.Object({
        withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, default: 7 })),
        includeOverdue: Type.Optional(Type.Boolean()),
        kind: Type.Optional(Type.String({ maxLength: 40 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(DueSoonItem) }), ...errorResponses },
    },
    config: { access: { permission: 'legal.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => ({
        items: await dueSoon(ctx.db, { withinDays: req.query.withinDays ?? 7, includeOverdue: req.query.includeOverdue ?? false, kind: req.query.kind }),
      })),
  });

  app.get('/api/v1/cases/documents/:id/file', {
    schema: { tags, summary: '下载案件材料', params: IdParam },
    config: { access: { permission: 'legal.read', resource: 'case_document' } },
    handler: async (req, reply) => {
      const doc = await req.inScope(async (ctx) => {
        const d = await getDocument(ctx, req.params.id);
        const c = await getCase(ctx, d.caseId);
        await recordAudit(ctx, { action: 'view', entity: 'case.document', entityId: d.id, unitId: c.unitId, reason: '下载案件材料' });
        return d;
      });
      const file = path.join(caseFilesDir(deps.filesDir, doc.caseId), doc.storedAs);
      if (!fs.existsSync(file)) throw caseError('CASE_DOCUMENT_NOT_FOUND');
      reply.type(doc.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
      return reply.send(fs.createReadStream(file));
    },
  });
}
