/** Each user's notifications: the list, read marks, where the digest goes, and the live stream (SSE). */
import { Type } from 'typebox';
import type { App } from '../../server/app-types.ts';
import { Paging, errorResponses, pageOf, RecordId, Text } from '../../server/schemas.ts';
import type { NotificationHub } from './live.ts';
import { getContacts, listNotifications, markRead, setContacts, unreadCount } from './service.ts';

const tags = ['通知'];

const Notification = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

const Contacts = Type.Object({
  email: Type.Union([Text({ min: 0, max: 200 }), Type.Null()]),
  mobile: Type.Union([Text({ min: 0, max: 20 }), Type.Null()]),
  digestByEmail: Type.Boolean(),
  digestBySms: Type.Boolean(),
});

/** An open stream ends after this long; the browser's EventSource reconnects (and the session is checked again). */
export const STREAM_LIFETIME_MS = 10 * 60_000;

export function notificationRoutes(app: App, deps: { hub: NotificationHub }): void {
  const read = { permission: 'notifications.read' } as const;
  const manage = { permission: 'notifications.manage' } as const;

  app.get('/api/v1/notifications', {
    schema: {
      tags,
      summary: '我的通知（最新在前）',
      querystring: Type.Object({ unreadOnly: Type.Optional(Type.Boolean()), ...Paging }),
      response: { 200: Type.Object({ items: Type.Array(Notification), total: Type.Integer(), unread: Type.Integer() }), ...errorResponses },
    },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => listNotifications(ctx, { unreadOnly: req.query.unreadOnly, ...pageOf(req.query) })),
  });

  app.post('/api/v1/notifications/read', {
    schema: {
      tags,
      summary: '标为已读（指定的，或全部）',
      body: Type.Object({ ids: Type.Optional(Type.Array(RecordId(), { maxItems: 500 })), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }), ...errorResponses },
    },
    config: { access: manage },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const marked = await markRead(ctx, req.body.all ? 'all' : (req.body.ids ?? []));
        return { marked, unread: await unreadCount(ctx) };
      }),
  });

  app.get('/api/v1/notifications/contacts', {
    schema: { tags, summary: '接收每日摘要的邮箱和手机', response: { 200: Contacts, ...errorResponses } },
    config: { access: read },
    handler: async (req) => req.inScope((ctx) => getContacts(ctx)),
  });

  app.put('/api/v1/notifications/contacts', {
    schema: { tags, summary: '设置每日摘要（邮件、短信）', body: Type.Object(Contacts.properties, { additionalProperties: false }), response: { 200: Contacts, ...errorResponses } },
    config: { access: manage },
    handler: async (req) => req.inScope((ctx) => setContacts(ctx, req.body)),
  });

  app.get('/api/v1/notifications/stream', {
    schema: {
      tags,
      summary: '实时通知（Server-Sent Events）：先发 ready（未读数），之后每条新通知发一个 notification 事件',
      response: { 200: Type.String({ description: 'text/event-stream' }) },
    },
    config: { access: read, stream: true },
    handler: async (req, reply) => {
      const unread = await req.inScope((ctx) => unreadCount(ctx));
      const userId = req.actor!.userId;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      raw.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ unread })}\n\n`);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(ping);
        clearTimeout(lifetime);
        unsubscribe();
        if (!raw.writableEnded) raw.end();
      };
      const unsubscribe = deps.hub.subscribe(userId, (n) => raw.write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`), finish);
      const ping = setInterval(() => raw.write(': ping\n\n'), 25_000);
      const lifetime = setTimeout(finish, STREAM_LIFETIME_MS);
      req.raw.on('close', finish);
      raw.on('close', finish);
    },
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers with a stream that stays open (Server-Sent Events). */
    stream?: boolean;
  }
}
