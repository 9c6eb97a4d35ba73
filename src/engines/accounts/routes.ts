import { Type } from 'typebox';
import type { Database } from '../../db/client.ts';
import type { App } from '../../server/app-types.ts';
import { IdParam, Ok, OneOf, Page, Paging, Text, errorResponses, pageOf, RecordId } from '../../server/schemas.ts';
import { getUnit, ancestorsInScope } from '../org/service.ts';
import { permissionsOf, ROLES } from './roles.ts';
import { changeOwnPassword, createUser, getUser, listUsers, login, logout, presentUser, resetPassword, setUserDisabled, type SessionPolicy } from './service.ts';
import * as clock from '../clock.ts';
import { endOwnSession, listOwnSessions, ownLoginHistory } from './own-sessions.ts';

export const SESSION_COOKIE = 'gonghui_session';

const Role = OneOf(ROLES, '角色');
const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.Optional(Type.String()),
  role: Role,
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  locked: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const Me = Type.Object({
  user: User,
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String(),
});
const Username = Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$', description: '用户名（字母、数字、_ . -）' });
const Password = Text({ min: 1, max: 128 });
const WithPassword = Type.Object({ user: User, initialPassword: Type.String({ description: '初始密码，只显示这一次' }) });

export interface AuthDeps {
  database: Database;
  policy: SessionPolicy;
  secureCookies: boolean;
}

export function accountRoutes(app: App, deps: AuthDeps): void {
  const authTags = ['登录与账号'];
  const userTags = ['用户管理'];

  app.post('/api/v1/auth/login', {
    schema: {
      tags: authTags,
      summary: '登录',
      body: Type.Object({ username: Text({ min: 1, max: 40 }), password: Password }, { additionalProperties: false }),
      response: { 200: Type.Object({ mustChangePassword: Type.Boolean(), csrfToken: Type.String() }), ...errorResponses },
    },
    config: { access: { public: true } },
    handler: async (req, reply) => {
      const { session, user } = await login(deps.database, deps.policy, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // Secure whenever the browser reached us over TLS (directly or through a trusted proxy).
        secure: deps.secureCookies || req.protocol === 'https',
        // A lifetime rather than an end date: the browser's clock need not agree with ours.
        maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - clock.nowMs()) / 1000)),
      });
      return { mustChangePassword: user.mustChangePassword, csrfToken: session.csrfToken };
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: authTags, summary: '退出登录', response: { 200: Ok, ...errorResponses } },
    config: { access: { permission: 'signed_in', beforePasswordChange: true } },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(deps.database, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  const OwnSession = Type.Object({
    id: Type.String(),
    current: Type.Boolean({ description: '本次登录' }),
    createdAt: Type.String(),
    lastSeenAt: Type.String(),
    expiresAt: Type.String(),
    clientIp: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  });
  const own = { permission: 'signed_in', beforePasswordChange: true } as const;

  app.get('/api/v1/auth/sessions', {
    schema: { tags: authTags, summary: '我的登录会话（可结束不认识的会话）', response: { 200: Type.Object({ items: Type.Array(OwnSession) }), ...errorResponses } },
    config: { access: own },
    handler: async (req) => ({ items: await req.inScope((ctx) => listOwnSessions(ctx, req.cookies[SESSION_COOKIE])) }),
  });

  app.delete('/api/v1/auth/sessions/:sessionId', {
    schema: { tags: authTags, summary: '结束我的一个会话', params: Type.Object({ sessionId: Type.String({ pattern: '^[0-9a-f]{16}$' }) }), response: { 200: Ok, ...errorResponses } },
    config: { access: own },
    handler: async (req) => {
      await req.inScope((ctx) => endOwnSession(ctx, req.params.sessionId));
      return { ok: true as const };
    },
  });

  app.get('/api/v1/auth/logins', {
    schema: {
      tags: authTags,
      summary: '我最近的登录记录（成功与失败）',
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ at: Type.String(), outcome: OneOf(['login', 'login_failed'] as const), detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]) })),
        }),
        ...errorResponses,
      },
    },
    config: { access: own },
    handler: async (req) => ({ items: await req.inScope((ctx) => ownLoginHistory(ctx)) }),
  });

  app.get('/api/v1/auth/me', {
    schema: { tags: authTags, summary: '当前用户、所在单位与权限', response: { 200: Me, ...errorResponses } },
    config: { access: { permission: 'signed_in', beforePasswordChange: true } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const user = await getUser(ctx, ctx.actor.userId);
        const unit = await getUnit(ctx, ctx.actor.unitId);
        return {
          user: presentUser({ ...user, unitName: unit.name }),
          unit: { id: unit.id, name: unit.name, kind: unit.kind, ancestors: await ancestorsInScope(ctx, unit) },
          permissions: [...permissionsOf(ctx.actor.role)],
          csrfToken: req.csrfToken ?? '',
        };
      }),
  });

  app.post('/api/v1/auth/password', {
    schema: {
      tags: authTags,
      summary: '修改本人密码',
      body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
      response: { 200: Ok, ...errorResponses },
    },
    config: { access: { permission: 'signed_in', beforePasswordChange: true } },
    handler: async (req) => {
      await req.inScope((ctx) => changeOwnPassword(ctx, req.body, req.cookies[SESSION_COOKIE]));
      return { ok: true as const };
    },
  });

  app.get('/api/v1/users', {
    schema: {
      tags: userTags,
      summary: '用户列表',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        role: Type.Optional(Role),
        q: Type.Optional(Text({ min: 0, max: 100 })),
        ...Paging,
      }),
      response: { 200: Page(User), ...errorResponses },
    },
    config: { access: { permission: 'users.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await listUsers(ctx, { ...req.query, q: req.query.q?.trim() || undefined, ...pageOf(req.query) });
        return { items: r.items.map(presentUser), total: r.total };
      }),
  });

  app.get('/api/v1/users/:id', {
    schema: { tags: userTags, summary: '用户详情', params: IdParam, response: { 200: User, ...errorResponses } },
    config: { access: { permission: 'users.read', resource: 'user' } },
    handler: async (req) => req.inScope(async (ctx) => presentUser(await getUser(ctx, req.params.id))),
  });

  app.post('/api/v1/users', {
    schema: {
      tags: userTags,
      summary: '新建用户（生成随机初始密码，首次登录须修改）',
      body: Type.Object({ username: Username, displayName: Text({ max: 50 }), unitId: RecordId(), role: Role }, { additionalProperties: false }),
      response: { 201: WithPassword, ...errorResponses },
    },
    config: { access: { permission: 'users.write' } },
    handler: async (req, reply) => {
      const r = await req.inScope((ctx) => createUser(ctx, { ...req.body, displayName: req.body.displayName.trim() }));
      return reply.status(201).send({ user: presentUser(r.user), initialPassword: r.initialPassword });
    },
  });

  app.post('/api/v1/users/:id/reset-password', {
    schema: { tags: userTags, summary: '重置密码（生成新的随机密码）', params: IdParam, response: { 200: WithPassword, ...errorResponses } },
    config: { access: { permission: 'users.write', resource: 'user' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const r = await resetPassword(ctx, req.params.id);
        return { user: presentUser(r.user), initialPassword: r.initialPassword };
      }),
  });

  app.post('/api/v1/users/:id/disable', {
    schema: { tags: userTags, summary: '停用账号', params: IdParam, response: { 200: User, ...errorResponses } },
    config: { access: { permission: 'users.write', resource: 'user' } },
    handler: async (req) => req.inScope(async (ctx) => presentUser(await setUserDisabled(ctx, req.params.id, true))),
  });

  app.post('/api/v1/users/:id/enable', {
    schema: { tags: userTags, summary: '启用账号', params: IdParam, response: { 200: User, ...errorResponses } },
    config: { access: { permission: 'users.write', resource: 'user' } },
    handler: async (req) => req.inScope(async (ctx) => presentUser(await setUserDisabled(ctx, req.params.id, false))),
  });
}
