/** App assembly: Fastify, plugins (session, CSRF, errors, OpenAPI), every module's routes, the web app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { setSecurityHeaders } from './security-headers.ts';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { migrationVersion } from '../db/migrate.ts';
import { accountRoutes, SESSION_COOKIE } from '../engines/accounts/routes.ts';
import { resolveSession, type SessionPolicy } from '../engines/accounts/service.ts';
import { auditRoutes } from '../engines/audit/routes.ts';
import { NotificationHub } from '../engines/notify/live.ts';
import { notificationRoutes } from '../engines/notify/routes.ts';
import { channelsFromEnv } from '../engines/notify/channels.ts';
import { commonError } from '../engines/errors.ts';
import { orgRoutes } from '../engines/org/routes.ts';
import { UPLOAD_LIMIT } from '../engines/imports/index.ts';
import { ledgerRoutes } from '../engines/ledger/routes.ts';
import { caseRoutes } from '../engines/cases/routes.ts';
import multipart from '@fastify/multipart';
import { PROGRAMS } from '../programs/index.ts';
import { assertRouteDeclaresAccess, documentAccess, installAccess } from './access.ts';
import type { App } from './app-types.ts';
import { errorHandler } from './errors.ts';
import { REFUSALS, WIRE_FORMATS } from './schemas.ts';
import * as clock from '../engines/clock.ts';
import { configureStatementTimeout } from '../engines/org/scope.ts';
import { redactedRequest } from './log-redaction.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteOptions[];
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built web app (GONGHUI_WEB_DIST lets parallel browser-test runs use builds of their own). */
export const WEB_DIST = process.env.GONGHUI_WEB_DIST ? path.resolve(process.env.GONGHUI_WEB_DIST) : path.join(ROOT, 'dist', 'web');

export interface AppOptions {
  database: Database;
  config: Pick<Config, 'dataDir' | 'secureCookies' | 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'lockoutThreshold' | 'lockoutMinutes' | 'logLevel'> &
    Partial<Pick<Config, 'statementTimeoutMs' | 'trustProxy'>>;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Where the built web app is (default WEB_DIST). */
  webDist?: string;
  logger?: boolean;
  /** Where the log goes (standard output by default); tests read it. */
  logStream?: { write(line: string): void };
  /** Run the supervision schedule (month-end snapshots, nudges, digest) in this process; default: as serveWeb. */
  scheduler?: boolean;
}

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<App> {
  const { database, config } = opts;
  configureStatementTimeout(config.statementTimeoutMs ?? 5000);
  const app = Fastify({
    // No request line carries an ID number, a phone or a search into the log (log-redaction.ts).
    logger: opts.logger === false ? false : { level: config.logLevel, serializers: { req: redactedRequest }, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: BODY_LIMIT,
    // Coercion turns query strings into numbers; it would also turn a JSON null into 0, so every
    // nullable number in a schema lists null first (null is then taken as it is).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, verbose: true, formats: WIRE_FORMATS } },
    routerOptions: { ignoreTrailingSlash: true },
    // Behind a reverse proxy (by default one on this machine) its X-Forwarded-Proto and -For are
    // believed: the session cookie is Secure and HSTS is sent when the browser reached us over TLS.
    trustProxy: config.trustProxy ?? 'loopback',
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.setErrorHandler(errorHandler);
  app.addHook('onRoute', assertRouteDeclaresAccess);
  app.addHook('onRoute', documentAccess);
  // The route table, for the test that walks every route under another county's scope.
  const routeTable: RouteOptions[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) routeTable.push(route);
  });
  for (const schema of Object.values(REFUSALS)) app.addSchema(schema);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Gonghui 工会工作平台 API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '登录后的会话' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: '写操作须带登录时返回的 csrfToken' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list' }, staticCSP: true });

  const policy: SessionPolicy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    lockoutThreshold: config.lockoutThreshold,
    lockoutMinutes: config.lockoutMinutes,
  };

  // Who is calling: the session behind the cookie, resolved once per API request.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(database, policy, token);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    req.actor = session.actor;
    req.scope = session.scope;
    req.csrfToken = session.csrfToken;
    req.mustChangePassword = session.mustChangePassword;
  });
  installAccess(app, database);

  // Only JSON is accepted for API writes (uploads register their own parsers where needed).
  // Every answer says the server's time, so the web app's "today" is the server's (lib/time).
  app.addHook('onSend', async (req, reply, payload) => {
    setSecurityHeaders(req, reply);
    reply.header(clock.SERVER_TIME_HEADER, String(clock.nowMs()));
    return payload;
  });

  app.get('/api/health', {
    schema: {
      tags: ['系统'],
      summary: '健康检查：数据库类型与迁移版本',
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
          serverVersion: Type.String(),
          migration: Type.Union([Type.String(), Type.Null()]),
          migrationCount: Type.Integer(),
        }),
      },
    },
    config: { access: { public: true } },
    handler: async () => {
      const [v] = await database.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      const m = await migrationVersion(database);
      return { status: 'ok' as const, database: database.kind, serverVersion: v?.v ?? '', migration: m?.tag ?? null, migrationCount: m?.count ?? 0 };
    },
  });

  app.get('/api/v1/openapi.json', {
    schema: { hide: true },
    config: { access: { public: true } },
    handler: async () => app.swagger(),
  });

  // Live notifications and the supervision schedule live as long as the app.
  const hub = new NotificationHub(database);
  const channels = channelsFromEnv(process.env, app.log);
  const deps = { database, filesDir: config.dataDir, channels };
  const runners = (opts.scheduler ?? opts.serveWeb ?? true) ? PROGRAMS.flatMap((p) => (p.run ? [p.run({ ...deps, log: app.log })] : [])) : [];
  app.addHook('onClose', async () => {
    hub.close();
    for (const r of runners) await r.stop();
  });

  // The engines' own routes, then every program's.
  orgRoutes(app);
  accountRoutes(app, { database, policy, secureCookies: config.secureCookies });
  auditRoutes(app);
  notificationRoutes(app, { hub });
  ledgerRoutes(app);
  caseRoutes(app, { filesDir: config.dataDir });
  for (const program of PROGRAMS) program.routes(app, deps);

  const serveWeb = opts.serveWeb ?? true;
  const webDist = opts.webDist ?? WEB_DIST;
  if (serveWeb && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Sent as built compressed (brotli or gzip, vite.config.ts) to a browser that takes it.
      preCompressed: true,
      maxAge: '1h',
      // A file under assets/ is named by its content's hash: it never changes, so it is kept a year.
      setHeaders: (res, file) => {
        if (file.startsWith(path.join(webDist, 'assets') + path.sep)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb || req.method !== 'GET') {
      void reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: commonError('ROUTE_NOT_FOUND').message });
      return;
    }
    const index = path.join(webDist, 'index.html');
    if (!fs.existsSync(index)) {
      void reply.status(503).type('text/plain; charset=utf-8').send('网页尚未构建：请运行 npm run build');
      return;
    }
    // The web app routes on the client: every other page is its index.html.
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(index));
  });

  return app;
}
