/**
 * Every route declares who may call it, in `config.access`; a route without a declaration cannot
 * be registered (see assertRouteDeclaresAccess). The declaration is enforced here, once, before
 * any handler runs; the handler's database work then runs under the actor's scope (req.inScope).
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { can, isKnownPermission, type Permission } from '../engines/accounts/roles.ts';
import type { Actor, Ctx, Scope } from '../engines/context.ts';
import { commonError } from '../engines/errors.ts';
import { runScoped } from '../engines/org/scope.ts';
import type { Database } from '../db/client.ts';
import { REFUSALS } from './schemas.ts';
import { isKnownResourceKind, type ResourceKind } from '../engines/resources.ts';

export type { ResourceKind } from '../engines/resources.ts';

export type RouteAccess =
  | { public: true }
  | {
      /** Any signed-in user (still under their scope). */
      permission: Permission | 'signed_in';
      /** What the route's `:id` parameter names, if it has one. */
      resource?: ResourceKind;
      /** Reachable before the initial password has been changed (me, logout, change password). */
      beforePasswordChange?: true;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    scope: Scope | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
    /** Runs the work in one transaction under the actor's scope. */
    inScope<T>(work: (ctx: Ctx) => Promise<T>): Promise<T>;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What the OpenAPI document says of a route's access, written from the same declaration that is
 * enforced: public operations need nothing (`security: []`); the others the session cookie, and
 * writes the CSRF header too; and the refusals that access brings (401, 403) and that any request
 * may meet (400 for its input, 503 past the statement timeout) are listed beside its own answers.
 */
export function documentAccess(route: RouteOptions): void {
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  const schema = route.schema as ({ hide?: boolean; security?: unknown; response?: Record<string, unknown> } & Record<string, unknown>) | undefined;
  if (!access || !schema || schema.hide || !(route.url ?? '').startsWith('/api/')) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const writes = methods.some((m) => UNSAFE.has(m));
  schema.security = 'public' in access ? [] : writes ? [{ session: [], csrf: [] }] : [{ session: [] }];
  // A download answers with a file (sent as a buffer or a stream, which no serializer touches).
  schema.response ??= { 200: { type: 'string', format: 'binary', description: '文件' } };
  const refusals: Record<string, unknown> = { 400: REFUSALS[400], 503: REFUSALS[503], ...('public' in access ? {} : { 401: REFUSALS[401], 403: REFUSALS[403] }) };
  for (const [status, body] of Object.entries(refusals)) schema.response[status] ??= body;
}

export function assertRouteDeclaresAccess(route: RouteOptions): void {
  const url = route.url ?? '';
  if (!url.startsWith('/api/')) return;
  // The API docs page (its routes come from @fastify/swagger-ui) is public by design.
  if (url.startsWith('/api/v1/docs')) {
    route.config = { ...(route.config ?? {}), access: { public: true } };
    return;
  }
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  if (!access) {
    throw new Error(`Route ${String(route.method)} ${url} does not declare config.access`);
  }
  if (!('public' in access) && access.resource !== undefined && !isKnownResourceKind(access.resource)) {
    throw new Error(`Route ${String(route.method)} ${url} names resource kind "${access.resource}", which no engine or program declares`);
  }
  // A misspelt permission would be granted to nobody, silently: refuse it when the app is built.
  if (!('public' in access) && access.permission !== 'signed_in' && !isKnownPermission(access.permission)) {
    throw new Error(`Route ${String(route.method)} ${url} names permission "${access.permission}", which no engine or program declares`);
  }
}

export function installAccess(app: FastifyInstance, database: Database): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('inScope', function <T>(this: FastifyRequest, work: (ctx: Ctx) => Promise<T>): Promise<T> {
    if (!this.actor || !this.scope) throw commonError('NOT_AUTHENTICATED');
    return runScoped(database, this.actor, this.scope, work);
  });

  // Before validation: a caller who may not use a route learns nothing about its input rules.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // static files and the docs page
    if ('public' in access) return;
    if (!req.actor) throw commonError('NOT_AUTHENTICATED');
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.csrfToken) throw commonError('CSRF_TOKEN_INVALID');
    }
    if (req.mustChangePassword && !access.beforePasswordChange) throw commonError('PASSWORD_CHANGE_REQUIRED');
    if (access.permission !== 'signed_in' && !can(req.actor.role, access.permission)) throw commonError('FORBIDDEN');
  });
}
