/** Small factories on a real database: each test builds the few rows it needs. */
import type { Database } from '../db/client.ts';
import { createUserAsSystem } from '../engines/accounts/service.ts';
import type { Role } from '../engines/accounts/roles.ts';
import type { Actor, Ctx } from '../engines/context.ts';
import { orgUnits, orgUnitVersions, type OrgUnitKind } from '../engines/org/schema.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../engines/org/scope.ts';
import type { App } from '../server/app-types.ts';
import { idCardCheckChar, usccCheckChar } from '../engines/people/identifiers.ts';
import { addMember, createEnterprise, registerUnion } from '../programs/membership/service.ts';
import { createLawyer, openDispute } from '../programs/legal/service.ts';
import { createCounsellor, createRoom, createSlot } from '../programs/counselling/service.ts';
import * as clock from '../engines/clock.ts';
import { addDays } from '../engines/cases/deadlines.ts';

let counter = 0;
const next = () => ++counter;

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

/** An enterprise and a single union covering it, under `parentId` (a township). */
export async function buildUnionWithEnterprise(database: Database, o: { rootUnitId: number; parentId: number; name: string; employees?: number; foundedOn?: string; shuangliang?: boolean }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, async (ctx) => {
    const e = await createEnterprise(ctx, {
      unitId: o.parentId,
      creditCode: fakeCreditCode(),
      name: `${o.name}有限公司`,
      industry: 'C',
      ownership: '170',
      registeredOn: '2010-01-01',
      employees: o.employees ?? 50,
    });
    const unit = await registerUnion(ctx, {
      parentId: o.parentId,
      name: `${o.name}有限公司工会`,
      unionType: 'single',
      foundedOn: o.foundedOn ?? '2012-01-01',
      enterpriseIds: [e.id],
      signboardShownOn: o.shuangliang ? '2013-01-01' : null,
      chairShownOn: o.shuangliang ? '2013-01-01' : null,
    });
    return { enterpriseId: e.id, unionId: unit.id, actor };
  });
}

export async function buildMember(
  database: Database,
  o: { rootUnitId: number; unionId: number; enterpriseId: number | null; name?: string; joinedOn?: string; migrant?: boolean; idNumber?: string; phone?: string },
) {
  const actor = await systemActor(database, o.rootUnitId);
  const idNumber = o.idNumber ?? fakeIdNumber();
  const r = await asUser(database, actor, (ctx) =>
    addMember(ctx, {
      idNumber,
      name: o.name ?? `会员${next()}`,
      unionUnitId: o.unionId,
      enterpriseId: o.enterpriseId,
      joinedOn: o.joinedOn ?? '2013-03-01',
      migrantWorker: o.migrant ?? false,
      ...(o.phone ? { phone: o.phone } : {}),
    }),
  );
  return { ...r, idNumber };
}

// ── Hardship and relief ───────────────────────────────────────────────────────────────────────

/** The city's minimum-living standard (¥400 a month per person unless given), from 2010. */
export async function buildHardshipStandard(database: Database, o: { unitId: number; minimumLivingFen?: number; noticeDays?: number }) {
  const { setStandard } = await import('../programs/hardship/service.ts');
  const actor = await systemActor(database, o.unitId);
  return asUser(database, actor, (ctx) => setStandard(ctx, { unitId: o.unitId, validFrom: '2010-01-01', minimumLivingFen: o.minimumLivingFen ?? 400_00, noticeDays: o.noticeDays ?? 7 }));
}

/**
 * A household on file under `unitId`, registered, verified, shown and filed by two users of
 * `rootUnitId` (the notice period is moved into the past, as if its days had run).
 * `monthlyPerCapitaFen` sets the income so the grade follows (deep below ¥400 by default).
 */
export async function buildHousehold(
  database: Database,
  o: {
    rootUnitId: number;
    unitId: number;
    name?: string;
    idNumber?: string;
    monthlyPerCapitaFen?: number;
    size?: number;
    filed?: boolean;
    children?: { name: string; idNumber: string; schoolLevel: string }[];
  },
) {
  const { registerHousehold, recordVisit, startNotice, fileHousehold } = await import('../programs/hardship/service.ts');
  const clerk = await systemActor(database, o.rootUnitId);
  const visitor = await systemActor(database, o.rootUnitId);
  const size = o.size ?? 3;
  const idNumber = o.idNumber ?? fakeIdNumber('1975-03-03');
  const children = o.children ?? [];
  const members = [
    ...children.map((c) => ({ name: c.name, relation: '子女', idNumber: c.idNumber, schoolLevel: c.schoolLevel })),
    ...Array.from({ length: Math.max(0, size - 1 - children.length) }, (_, i) => ({ name: `家属${i + 1}`, relation: '配偶' })),
  ];
  const h = await asUser(database, clerk, (ctx) =>
    registerHousehold(ctx, {
      unitId: o.unitId,
      workerName: o.name ?? `困难职工${next()}`,
      idNumber,
      mainCause: 'illness',
      secondaryCauses: ['education'],
      bankName: '农业银行',
      bankAccount: `62284800${String(next()).padStart(11, '0')}`,
      appliedOn: '2013-01-05',
      members,
      finances: [{ kind: 'income', category: '工资', annualFen: (o.monthlyPerCapitaFen ?? 300_00) * 12 * (members.length + 1) }],
    }),
  );
  if (o.filed === false) return { ...h, idNumber, clerk, visitor };
  await asUser(database, visitor, (ctx) => recordVisit(ctx, h.id, { visitedOn: '2013-01-06', visitors: '张三、李四', findings: '情况属实', confirmed: true }));
  await asUser(database, clerk, (ctx) => startNotice(ctx, h.id));
  await database.query(`UPDATE hardship_households SET notice_until = notice_from WHERE id = $1`, [h.id]);
  const filed = await asUser(database, clerk, (ctx) => fileHousehold(ctx, h.id, {}));
  return { ...filed, idNumber, clerk, visitor };
}

// ── Legal services ────────────────────────────────────────────────────────────────────────────

export async function buildLawyer(database: Database, o: { rootUnitId: number; unitId: number; name?: string; userId?: number | null; available?: boolean }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, (ctx) =>
    createLawyer(ctx, {
      unitId: o.unitId,
      name: o.name ?? `律师${next()}`,
      licenceNo: `1350${String(next()).padStart(10, '0')}`,
      firm: '福建闽北律师事务所',
      userId: o.userId ?? null,
      available: o.available ?? true,
      joinedOn: '2012-01-01',
    }),
  );
}

/** A labour dispute received at `unitId`, with one worker (or those given). */
export async function buildDispute(
  database: Database,
  o: { rootUnitId: number; unitId: number; workerName?: string; workers?: { name: string; idNumber: string }[]; employerName?: string; openedOn?: string; knewOn?: string },
) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, (ctx) =>
    openDispute(ctx, {
      unitId: o.unitId,
      channel: 'station',
      disputeType: 'wages',
      claimedFen: 1200000,
      employerName: o.employerName ?? '某某建材有限公司',
      openedOn: o.openedOn ?? '2013-03-01',
      knewOn: o.knewOn ?? '2013-02-01',
      workers: o.workers ?? [{ name: o.workerName ?? `职工${next()}`, idNumber: fakeIdNumber() }],
    }),
  );
}

/**
 * A county's own relief campaign with one household taken all the way to a payment batch: a file
 * (with a proof document), a fund with money raised, an application approved at both levels.
 * Names carry `mark`, so a test can prove none of them reaches another county.
 */
export async function buildReliefScenario(database: Database, o: { countyId: number; unionId: number; mark: string; filesDir: string }) {
  const { addAttachment } = await import('../programs/hardship/service.ts');
  const { createCampaign, raiseFunds, submitApplication, decideApplication, createBatch } = await import('../programs/relief/service.ts');
  const { todayInShanghai } = await import('../engines/time.ts');
  await buildHardshipStandard(database, { unitId: o.countyId });
  const household = await buildHousehold(database, { rootUnitId: o.countyId, unitId: o.unionId, name: `${o.mark}困难户` });
  const county = await systemActor(database, o.countyId);
  const attachment = await asUser(database, household.clerk, (ctx) => addAttachment(ctx, o.filesDir, household.id, { fileName: `${o.mark}证明.pdf`, data: Buffer.from('%PDF-1.4\n') }));
  const year = todayInShanghai().slice(0, 4);
  const campaign = await asUser(database, county, (ctx) =>
    createCampaign(ctx, {
      unitId: o.countyId,
      kind: 'festival',
      name: `${o.mark}两节慰问`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      steps: [
        { kind: 'decide', level: 'grassroots' },
        { kind: 'decide', level: 'county' },
      ],
    }),
  );
  const raised = await asUser(database, county, (ctx) => raiseFunds(ctx, campaign.id, { unitId: o.countyId, source: 'donation', amountFen: 10_000_00, donor: `${o.mark}爱心企业` }));
  const staff = async () => {
    const u = await buildUser(database, { unitId: o.unionId, role: 'grassroots_staff' });
    return { userId: u.id, username: u.username, role: 'grassroots_staff' as const, unitId: o.unionId };
  };
  const clerk = await staff();
  const chair = await staff();
  const application = await asUser(database, clerk, (ctx) => submitApplication(ctx, campaign.id, { unitId: o.unionId, householdId: household.id }));
  await asUser(database, chair, (ctx) => decideApplication(ctx, application.id, { decision: 'approve' }));
  await asUser(database, county, (ctx) => decideApplication(ctx, application.id, { decision: 'approve' }));
  const batch = await asUser(database, county, (ctx) => createBatch(ctx, campaign.id, { unitId: o.countyId }));
  return { householdId: household.id, attachmentId: attachment.id, campaignId: campaign.id, fundId: campaign.fundId, entryId: raised.entry.id, applicationId: application.id, batchId: batch.id };
}

// ── Counselling ───────────────────────────────────────────────────────────────────────────────

/** A counsellor of `unitId` with a room there and one slot `daysAhead` days from now at 09:00 Shanghai time. */
export async function buildCounselling(database: Database, o: { rootUnitId: number; unitId: number; name?: string; userId?: number | null; daysAhead?: number }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, async (ctx) => {
    const c = await createCounsellor(ctx, { unitId: o.unitId, name: o.name ?? `咨询师${next()}`, qualification: '国家二级心理咨询师', userId: o.userId ?? null, joinedOn: '2013-01-01' });
    const room = await createRoom(ctx, { unitId: o.unitId, name: `${o.name ?? ''}心理咨询室${next()}` });
    const day = addDays(clock.today(), o.daysAhead ?? 3);
    const slot = await createSlot(ctx, { counsellorId: c.id, roomId: room.id, startsAt: new Date(`${day}T09:00:00+08:00`), endsAt: new Date(`${day}T10:00:00+08:00`) });
    return { counsellorId: c.id, roomId: room.id, slotId: slot.id, actor };
  });
}
