import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { errorResponses, RecordId, Text } from '../../server/schemas.ts';
import { listAudit } from './service.ts';
import type { AuditRow } from './schema.ts';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.Null(), Type.Integer()]),
  actorName: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.Union([Type.Null(), Type.Integer()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

export function presentAuditEntry(r: AuditRow) {
  return { ...r, at: r.at.toISOString(), before: r.before ?? null, after: r.after ?? null };
}

export function auditRoutes(app: App): void {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['审计日志'],
      summary: '审计日志（新的在前，按 beforeSeq 翻页）',
      querystring: Type.Object({
        entity: Type.Optional(Text({ min: 0, max: 40 })),
        entityId: Type.Optional(Text({ min: 0, max: 40 })),
        actor: Type.Optional(Text({ min: 0, max: 40 })),
        action: Type.Optional(Text({ min: 0, max: 40 })),
        from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
        to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
        beforeSeq: Type.Optional(RecordId()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Entry), total: Type.Integer() }), ...errorResponses },
    },
    config: { access: { permission: 'audit.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const q = req.query;
        const r = await listAudit(ctx, {
          entity: q.entity,
          entityId: q.entityId,
          actorName: q.actor,
          action: q.action,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          beforeSeq: q.beforeSeq,
          limit: q.limit ?? 50,
        });
        return { items: r.items.map(presentAuditEntry), total: r.total };
      }),
  });
}
