/**
 * The case engine's own routes: deadlines coming due (for the reminder job and the work list),
 * document downloads, and the calendar of rest days that moves deadlines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { IdParam, IsoDate, OneOf, Ok, Text, errorResponses } from '../../server/schemas.ts';
import { dateParam, download } from '../../server/replies.ts';
import { calendarYear, deleteCalendarDay, setCalendarDay } from './calendar.ts';
import { CALENDAR_DAY_KINDS } from './schema.ts';
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
        kind: Type.Optional(Text({ min: 0, max: 40 })),
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
      download(reply, doc.contentType, doc.fileName);
      return reply.send(fs.createReadStream(file));
    },
  });

  const CalendarDay = Type.Object({ day: Type.String(), kind: OneOf(CALENDAR_DAY_KINDS), name: Type.String() });
  const DayParam = Type.Object({ day: IsoDate });

  app.get('/api/v1/cases/calendar', {
    schema: {
      tags,
      summary: '节假日安排：某年的法定节假日与调休上班日（未录入的年份只按周末顺延期限）',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      response: { 200: Type.Object({ year: Type.Integer(), held: Type.Boolean(), years: Type.Array(Type.Integer()), days: Type.Array(CalendarDay) }), ...errorResponses },
    },
    config: { access: { permission: 'legal.read' } },
    handler: async (req) => req.inScope((ctx) => calendarYear(ctx, req.query.year)),
  });

  app.put('/api/v1/cases/calendar/:day', {
    schema: {
      tags,
      summary: '登记一天为法定节假日或调休上班日（市总工会维护；落在该年的案件期限随之重算）',
      params: DayParam,
      body: Type.Object({ kind: OneOf(CALENDAR_DAY_KINDS), name: Text({ max: 40 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ day: CalendarDay, recomputed: Type.Integer() }), ...errorResponses },
    },
    config: { access: { permission: 'legal.manage' } },
    handler: async (req) => req.inScope((ctx) => setCalendarDay(ctx, { day: dateParam(req.params.day, 'day'), ...req.body })),
  });

  app.delete('/api/v1/cases/calendar/:day', {
    schema: {
      tags,
      summary: '从节假日安排中删去一天（落在该年的案件期限随之重算）',
      params: DayParam,
      response: { 200: Type.Object({ ...Ok.properties, recomputed: Type.Integer() }), ...errorResponses },
    },
    config: { access: { permission: 'legal.manage' } },
    handler: async (req) => ({ ok: true as const, ...(await req.inScope((ctx) => deleteCalendarDay(ctx, dateParam(req.params.day, 'day')))) }),
  });
}
