import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { buildTestApp } from '../test/app.ts';
import { buildTwoCounties, buildUser, TEST_PASSWORD } from '../test/factories.ts';
import type { App } from './app-types.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';

let database: TestDatabase;
let app: App;
let username: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  const t = await buildTwoCounties(database);
  username = (await buildUser(database, { unitId: t.city.id, role: 'city_admin' })).username;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const loginFrom = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD }, headers, remoteAddress });
const sessionCookie = (res: Awaited<ReturnType<typeof loginFrom>>) => res.cookies.find((c) => c.name === 'gonghui_session');

describe('security headers and cookies', () => {
  it('sends the content policy, no framing, no referrer abroad and no sniffing on every answer', async () => {
    for (const url of ['/api/health', '/api/v1/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('over plain HTTP: no HSTS, and the session cookie is HttpOnly, SameSite=Strict but not Secure', async () => {
    const res = await loginFrom({});
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(sessionCookie(res)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(sessionCookie(res)?.secure).toBeFalsy();
  });

  it('behind a trusted proxy that terminated TLS: HSTS, and the cookie is Secure without any setting', async () => {
    const res = await loginFrom({ 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(sessionCookie(res)?.secure).toBe(true);
  });

  it('believes no X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
    const res = await loginFrom({ 'x-forwarded-proto': 'https' }, '203.0.113.9');
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(sessionCookie(res)?.secure).toBeFalsy();
  });
});
