import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildTestApp } from '../../test/app.ts';
import { buildTwoCounties, buildUser, call, login, TEST_PASSWORD } from '../../test/factories.ts';
import type { App } from '../../server/app-types.ts';

let database: TestDatabase;
let app: App;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, { lockoutThreshold: 3 });
  t = await buildTwoCounties(database);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('login and sessions', () => {
  it('stores passwords as argon2id and sets an HttpOnly, SameSite session cookie', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const [row] = await database.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('answers unknown names, wrong passwords and held-back attempts alike; the delays fall on the failing address only', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'grassroots_staff' });
    const attempt = (username: string, password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
    const refused = { code: 'LOGIN_FAILED', message: '用户名或密码错误（连续出错后，须稍候片刻再试）' };
    const unknown = await attempt('nobody-here', 'wrong-password-1', '10.0.0.9');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(refused);
    // Three free attempts from the attacker's address (the file's policy), then each waits.
    for (let i = 0; i < 3; i++) expect((await attempt(u.username, 'wrong-password-1', '10.0.0.9')).json()).toEqual(refused);
    const heldBack = await attempt(u.username, u.password, '10.0.0.9');
    expect(heldBack.statusCode).toBe(401);
    expect(heldBack.json()).toEqual(refused); // the right password, refused alike while held back
    // The real user, from their own address, is not held back.
    expect((await attempt(u.username, u.password, '10.0.0.20')).statusCode).toBe(200);
    // The wait grows from a second; once it has passed, the address may try again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt(u.username, u.password, '10.0.0.9')).statusCode).toBe(200);
    const failures = await database.query<{ after: { address: string } }>(`SELECT after FROM audit_log WHERE action = 'login_failed' AND entity_id = $1`, [String(u.id)]);
    expect(failures.map((f) => f.after.address)).toEqual(['10.0.0.9', '10.0.0.9', '10.0.0.9']);
  });

  it('tells the city administrators of a burst of failures from one address, once', async () => {
    const admin = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
    for (let i = 0; i < 25; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `guess${i}`, password: 'Password-1' }, remoteAddress: '10.0.0.66' });
    const told = await database.query<{ body: string }>(`SELECT body FROM notifications WHERE user_id = $1 AND title = '登录失败次数异常'`, [admin.id]);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('10.0.0.66');
  });

  it('ends a session after idle time and after its absolute lifetime', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const s1 = await login(app, u.username);
    expect((await call(app, s1, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await database.query(`UPDATE sessions SET last_seen_at = clock_now() - interval '31 minutes' WHERE user_id = $1`, [u.id]);
    const idle = await call(app, s1, 'GET', '/api/v1/auth/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('NOT_AUTHENTICATED');
    const s2 = await login(app, u.username);
    await database.query(`UPDATE sessions SET expires_at = clock_now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    expect((await call(app, s2, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF token on browser writes', async () => {
    const u = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
    const s = await login(app, u.username);
    const noToken = await app.inject({ method: 'POST', url: '/api/v1/org/units', headers: { cookie: s.cookie }, payload: { parentId: t.a.id, name: '无令牌', kind: 'township' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_TOKEN_INVALID');
    const withToken = await call(app, s, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '有令牌', kind: 'township' });
    expect(withToken.statusCode).toBe(201);
  });

  it('logs out', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const s = await login(app, u.username);
    expect((await call(app, s, 'POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await call(app, s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('shows a user their own sessions and sign-ins, and lets them end a session they do not recognise', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'grassroots_staff' });
    const other = await buildUser(database, { unitId: t.a.id, role: 'grassroots_staff' });
    await login(app, other.username);
    // A failed attempt, then two sign-ins from two browsers.
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'wrong-password-1' } });
    const office = await login(app, u.username);
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, headers: { 'user-agent': 'UnknownBrowser/1.0' } });
    expect(elsewhere.statusCode).toBe(200);

    const listed = (await call(app, office, 'GET', '/api/v1/auth/sessions')).json().items as { id: string; current: boolean; userAgent: string | null; clientIp: string | null }[];
    expect(listed).toHaveLength(2); // the other user's session is not among them
    expect(listed.filter((x) => x.current)).toHaveLength(1);
    const stranger = listed.find((x) => x.userAgent === 'UnknownBrowser/1.0')!;
    expect(stranger.current).toBe(false);
    expect(stranger.clientIp).toBe('127.0.0.1');

    const history = (await call(app, office, 'GET', '/api/v1/auth/logins')).json().items as { outcome: string }[];
    expect(history.map((h) => h.outcome)).toEqual(['login', 'login', 'login_failed']);

    // Ending the stranger's session signs that browser out, and only it.
    expect((await call(app, office, 'DELETE', `/api/v1/auth/sessions/${stranger.id}`)).statusCode).toBe(200);
    const strangerCookie = `gonghui_session=${elsewhere.cookies.find((c) => c.name === 'gonghui_session')!.value}`;
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: strangerCookie } })).statusCode).toBe(401);
    expect((await call(app, office, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    // Another user's session cannot be named.
    const theirs = (await database.query<{ h: string }>('SELECT left(token_hash, 16) AS h FROM sessions WHERE user_id = $1', [other.id]))[0]!.h;
    expect((await call(app, office, 'DELETE', `/api/v1/auth/sessions/${theirs}`)).json().code).toBe('SESSION_NOT_FOUND');
    expect(await database.query('SELECT 1 FROM sessions WHERE user_id = $1', [other.id])).toHaveLength(1);
  });
});

describe('a change to an account', () => {
  it('takes effect on the very next request: a new role, a move to another unit', async () => {
    const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const s = await login(app, u.username);
    expect((await call(app, s, 'GET', '/api/v1/users?pageSize=1')).statusCode).toBe(200);
    // Roles and units are read from the account on every request, not kept in the session.
    await database.query(`UPDATE users SET role = 'auditor' WHERE id = $1`, [u.id]);
    expect((await call(app, s, 'POST', '/api/v1/org/units', { parentId: t.a.id, name: '新单位', kind: 'township' })).statusCode).toBe(403);
    expect((await call(app, s, 'GET', '/api/v1/auth/me')).json().user.role).toBe('auditor');
    await database.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [u.id, t.b.id]);
    const units = (await call(app, s, 'GET', '/api/v1/org/units?pageSize=100')).json().items as { name: string }[];
    expect(units.map((x) => x.name)).not.toContain('甲县总工会');
  });
});

describe('accounts managed by an admin', () => {
  it('creates a user with a random initial password that must be changed first', async () => {
    const admin = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const s = await login(app, admin.username);
    const created = await call(app, s, 'POST', '/api/v1/users', { username: 'new.staff', displayName: '新同事', unitId: t.aUnion.id, role: 'grassroots_staff' });
    expect(created.statusCode).toBe(201);
    const { initialPassword, user } = created.json();
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(user.mustChangePassword).toBe(true);
    const other = await call(app, s, 'POST', '/api/v1/users', { username: 'new.staff2', displayName: '另一位', unitId: t.aUnion.id, role: 'grassroots_staff' });
    expect(other.json().initialPassword).not.toBe(initialPassword);

    const ns = await login(app, 'new.staff', initialPassword);
    const blocked = await call(app, ns, 'GET', '/api/v1/org/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await call(app, ns, 'POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'short1' });
    expect(weak.json().code).toBe('PASSWORD_TOO_WEAK');
    const wrong = await call(app, ns, 'POST', '/api/v1/auth/password', { currentPassword: 'not-it-123', newPassword: 'Better-passw0rd' });
    expect(wrong.json().code).toBe('PASSWORD_WRONG');
    // A second session, opened elsewhere with the initial password, ends with the change.
    const elsewhere = await login(app, 'new.staff', initialPassword);
    expect((await call(app, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await call(app, ns, 'POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'Better-passw0rd' })).statusCode).toBe(200);
    expect((await call(app, ns, 'GET', '/api/v1/org/units')).statusCode).toBe(200);
    expect((await call(app, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const [audit] = await database.query<{ after: { otherSessionsEnded: number } }>(`SELECT after FROM audit_log WHERE action = 'change_password' ORDER BY seq DESC LIMIT 1`);
    expect(audit!.after).toEqual({ otherSessionsEnded: 1 });
  });

  it('resets a password (the old one stops working) and disables an account (its sessions end)', async () => {
    const admin = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const staff = await buildUser(database, { unitId: t.aUnion.id, role: 'grassroots_staff' });
    const s = await login(app, admin.username);
    const staffSession = await login(app, staff.username);
    const reset = await call(app, s, 'POST', `/api/v1/users/${staff.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: staff.username, password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect((await call(app, staffSession, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await login(app, staff.username, reset.json().initialPassword);
    const again = await login(app, staff.username, reset.json().initialPassword);
    expect((await call(app, s, 'POST', `/api/v1/users/${staff.id}/disable`)).json().disabled).toBe(true);
    expect((await call(app, again, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const denied = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: staff.username, password: reset.json().initialPassword } });
    expect(denied.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('does not let a county admin grant the city admin role or act on another county', async () => {
    const admin = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
    const bUser = await buildUser(database, { unitId: t.bUnion.id, role: 'grassroots_staff' });
    const s = await login(app, admin.username);
    expect((await call(app, s, 'POST', '/api/v1/users', { username: 'boss', displayName: '越权', unitId: t.city.id, role: 'city_admin' })).json().code).toBe('ROLE_NOT_GRANTABLE');
    expect((await call(app, s, 'POST', '/api/v1/users', { username: 'spy', displayName: '越界', unitId: t.bUnion.id, role: 'grassroots_staff' })).statusCode).toBe(404);
    expect((await call(app, s, 'POST', `/api/v1/users/${bUser.id}/reset-password`)).statusCode).toBe(404);
  });
});
