/** Small factories on a real database: each test builds the few rows it needs. */
import type { Database } from '../db/client.ts';
import { createUserAsSystem } from '../engines/accounts/service.ts';
import type { Role } from '../engines/accounts/roles.ts';
import type { Actor, Ctx } from '../engines/context.ts';
import { orgUnits, orgUnitVersions, type OrgUnitKind } from '../engines/org/schema.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../engines/org/scope.ts';
import type { App } from '../server/app-types.ts';
import { idCardCheckChar, usccCheckChar } from '../engines/people/identifiers.ts';

let counter = 0;
/** A number not handed out before in this test file, for names and codes that must differ. */
export const next = () => ++counter;

export async function buildUnit(
  database: Database,
  o: { parentId: number | null; kind: OrgUnitKind; name?: string; code?: string | null; openedOn?: string },
): Promise<{ id: number; name: string; path: string }> {
  return runAsSystem(database, async (db) => {
    const name = o.name ?? `单位${next()}`;
    const openedOn = o.openedOn ?? '2010-01-01';
    const [row] = await db
      .insert(orgUnits)
      .values({ parentId: o.parentId, kind: o.kind, name, code: o.code ?? null, openedOn, path: '', depth: 0 })
      .returning();
    await db.insert(orgUnitVersions).values({ unitId: row!.id, validFrom: openedOn, name, parentId: o.parentId, status: 'active', change: 'created' });
    return { id: row!.id, name, path: row!.path };
  });
}

export const TEST_PASSWORD = 'Test-password-2026';

export async function buildUser(
  database: Database,
  o: { unitId: number; role: Role; username?: string; displayName?: string; mustChangePassword?: boolean },
): Promise<{ id: number; username: string; password: string }> {
  const username = o.username ?? `user${next()}`;
  const { user } = await runAsSystem(database, (db) =>
    createUserAsSystem(db, {
      username,
      displayName: o.displayName ?? username,
      unitId: o.unitId,
      role: o.role,
      password: TEST_PASSWORD,
      mustChangePassword: o.mustChangePassword ?? false,
    }),
  );
  return { id: user.id, username, password: TEST_PASSWORD };
}

/**
 * Two counties under one city, each with a township and a grassroots union. County B's names
 * carry the marker 乙县 so a test can prove none of them reaches county A's users.
 */
export async function buildTwoCounties(database: Database) {
  const city = await buildUnit(database, { parentId: null, kind: 'city', name: '测试市总工会', code: `C${next()}` });
  const a = await buildUnit(database, { parentId: city.id, kind: 'county', name: '甲县总工会' });
  const aTown = await buildUnit(database, { parentId: a.id, kind: 'township', name: '甲县城关镇工会' });
  const aUnion = await buildUnit(database, { parentId: aTown.id, kind: 'grassroots', name: '甲县机械厂工会' });
  const b = await buildUnit(database, { parentId: city.id, kind: 'county', name: '乙县总工会' });
  const bTown = await buildUnit(database, { parentId: b.id, kind: 'township', name: '乙县城关镇工会' });
  const bUnion = await buildUnit(database, { parentId: bTown.id, kind: 'grassroots', name: '乙县茶厂工会' });
  return { city, a, aTown, aUnion, b, bTown, bUnion };
}

/** Runs service code as a user, under their scope (as a request would). */
export async function asUser<T>(database: Database, actor: Omit<Actor, 'displayName'> & { displayName?: string }, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const scope = await runAsSystem(database, (db) => scopeOfUnit(db, actor.unitId));
  return runScoped(database, { displayName: actor.username, ...actor }, scope!, work);
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gonghui_session')!;
  return { cookie: `gonghui_session=${cookie.value}`, csrf: res.json().csrfToken };
}

/** An API call as a logged-in user (with the CSRF header on writes). */
export function call(app: App, s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

// ── Membership ────────────────────────────────────────────────────────────────────────────────

/** A valid credit code, different on every call. */
export function fakeCreditCode(): string {
  const body = `91350702MA${String(next()).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}

/** A valid ID number born on the given date, different on every call. */
export function fakeIdNumber(birth = '1985-06-15', male = true): string {
  const seq = (next() % 500) * 2 + (male ? 1 : 0);
  const first17 = `350702${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A city-admin login at `unitId`, for building records as that unit would. */
export const systemActor = async (database: Database, unitId: number) => {
  const u = await buildUser(database, { unitId, role: 'city_admin' });
  return { userId: u.id, username: u.username, role: 'city_admin' as const, unitId };
};
