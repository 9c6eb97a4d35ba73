/**
 * Enterprises, grassroots unions and members: the people and employers the federation serves.
 * Every function runs in the caller's scope (ctx.db); membership status is computed from dated
 * periods, never stored.
 */
import { and, asc, desc, eq, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { createUnit, getUnit, subtreeRange } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { sealIdNumber } from '../../engines/people/id-number.ts';
import { birthYearOf, isMobilePhone, maskPhone, parseIdCard, parseUscc } from '../../engines/people/identifiers.ts';
import { lookupHash, unseal } from '../../engines/people/sealing.ts';
import { escapeLike } from '../../engines/like.ts';
import { countCapped, type ListTotal } from '../../engines/paging.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { membershipError } from './errors.ts';
import { rowsOf } from '../../db/sql.ts';
import {
  codeLists,
  enterpriseHeadcounts,
  enterprises,
  memberships,
  persons,
  unionCoverages,
  unionProfiles,
  type EnterpriseRow,
  type LeaveReason,
  type MembershipRow,
  type UnionType,
} from './schema.ts';
import * as clock from '../../engines/clock.ts';
import { checkText, joinDateProblem, joinedBeforeFounding, PERSON_NAME } from '../../shared/fields.ts';
import { commonError } from '../../engines/errors.ts';
import { MOBILE_PROBLEM } from '../../shared/identifiers.ts';

function notInFuture(d: IsoDate): void {
  if (d > todayInShanghai()) throw membershipError('MEMBERSHIP_DATE_INVALID', '日期不能晚于今天');
}

async function subtreeCondition(ctx: Ctx, underUnitId: number | undefined, column: SQL | unknown): Promise<SQL | undefined> {
  if (underUnitId === undefined) return undefined;
  const [lo, hi] = subtreeRange((await getUnit(ctx, underUnitId)).path);
  return sql`${column} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`;
}

// ── Enterprises ─────────────────────────────────────────────────────────────────────────────

export interface NewEnterprise {
  unitId: number;
  creditCode: string;
  name: string;
  industry: string;
  ownership: string;
  divisionCode?: string | null | undefined;
  aboveScale?: boolean | undefined;
  registeredOn: IsoDate;
  address?: string | null | undefined;
  employees: number;
  employeesAsOf?: IsoDate | undefined;
}

async function assertCode(ctx: Ctx, list: string, code: string): Promise<void> {
  const [row] = await ctx.db
    .select({ code: codeLists.code })
    .from(codeLists)
    .where(and(eq(codeLists.list, list), eq(codeLists.code, code)));
  if (!row) throw membershipError('ENTERPRISE_CODE_UNKNOWN', `${list === 'industry' ? '行业' : '经济类型'}代码 ${code} 不在代码表中`);
}

export async function createEnterprise(ctx: Ctx, input: NewEnterprise): Promise<EnterpriseRow> {
  const uscc = parseUscc(input.creditCode);
  if (!uscc.ok) throw membershipError('ENTERPRISE_CREDIT_CODE_INVALID', uscc.problem === 'checksum' ? '统一社会信用代码校验位不正确' : '统一社会信用代码应为 18 位数字或大写字母');
  await getUnit(ctx, input.unitId);
  await assertCode(ctx, 'industry', input.industry);
  await assertCode(ctx, 'ownership', input.ownership);
  notInFuture(input.registeredOn);
  let row: EnterpriseRow;
  try {
    [row] = (await ctx.db
      .insert(enterprises)
      .values({
        unitId: input.unitId,
        creditCode: uscc.code,
        name: input.name,
        industry: input.industry,
        ownership: input.ownership,
        divisionCode: input.divisionCode ?? null,
        aboveScale: input.aboveScale ?? false,
        registeredOn: input.registeredOn,
        address: input.address ?? null,
      })
      .returning()) as [EnterpriseRow];
  } catch (e) {
    if (isUniqueViolation(e, 'enterprises_credit_code_unique')) throw membershipError('ENTERPRISE_CREDIT_CODE_TAKEN');
    throw e;
  }
  await ctx.db.insert(enterpriseHeadcounts).values({ enterpriseId: row.id, asOf: input.employeesAsOf ?? input.registeredOn, employees: input.employees });
  await recordAudit(ctx, { action: 'create', entity: 'enterprise', entityId: row.id, unitId: row.unitId, after: { ...row, employees: input.employees } });
  return row;
}

export async function getEnterprise(ctx: Ctx, id: number): Promise<EnterpriseRow> {
  const [row] = await ctx.db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!row) throw membershipError('ENTERPRISE_NOT_FOUND');
  return row;
}

/** Records the employee count on a date (a later count on the same date replaces it). */
export async function recordHeadcount(ctx: Ctx, enterpriseId: number, asOf: IsoDate, employees: number): Promise<void> {
  const e = await getEnterprise(ctx, enterpriseId);
  notInFuture(asOf);
  await ctx.db
    .insert(enterpriseHeadcounts)
    .values({ enterpriseId, asOf, employees })
    .onConflictDoUpdate({ target: [enterpriseHeadcounts.enterpriseId, enterpriseHeadcounts.asOf], set: { employees } });
  await recordAudit(ctx, { action: 'update', entity: 'enterprise_headcount', entityId: enterpriseId, unitId: e.unitId, after: { asOf, employees } });
}

export async function listEnterprises(
  ctx: Ctx,
  f: {
    underUnitId?: number | undefined;
    q?: string | undefined;
    industry?: string | undefined;
    covered?: boolean | undefined;
    offset: number;
    limit: number;
    /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
    after?: EnterpriseCursor | null | undefined;
    /** Count the whole filter (a list page's total); exports skip it. */
    withTotal?: boolean;
  },
) {
  const conds: (SQL | undefined)[] = [await subtreeCondition(ctx, f.underUnitId, enterprises.unitId)];
  if (f.q) conds.push(or(ilike(enterprises.name, escapeLike(f.q)), ilike(enterprises.creditCode, escapeLike(f.q))));
  if (f.industry) conds.push(eq(enterprises.industry, f.industry));
  // Qualified by hand: inside a select list Drizzle renders a column unqualified, which the subqueries would misread.
  const entId = sql.raw('"enterprises"."id"');
  const currentCoverage = sql`(SELECT union_unit_id FROM union_coverages c WHERE c.enterprise_id = ${entId} AND c.valid_to IS NULL)`;
  if (f.covered === true) conds.push(sql`${currentCoverage} IS NOT NULL`);
  if (f.covered === false) conds.push(sql`${currentCoverage} IS NULL`);
  const where = and(...conds);
  const items = await ctx.db
    .select({
      e: enterprises,
      employees: sql<number | null>`(SELECT employees FROM enterprise_headcounts h WHERE h.enterprise_id = ${entId} ORDER BY as_of DESC LIMIT 1)`,
      unionUnitId: sql<number | null>`${currentCoverage}`,
      unionName: sql<string | null>`(SELECT u.name FROM union_coverages c JOIN org_units u ON u.id = c.union_unit_id WHERE c.enterprise_id = ${entId} AND c.valid_to IS NULL)`,
    })
    .from(enterprises)
    .where(f.after ? and(where, sql`(${enterprises.name}, ${enterprises.id}) > (${f.after.name}, ${f.after.id})`) : where)
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .offset(f.after ? 0 : f.offset)
    .limit(f.limit);
  const last = items.at(-1);
  const next: EnterpriseCursor | null = last && items.length === f.limit ? { name: last.e.name, id: last.e.id } : null;
  const counted: ListTotal = f.withTotal === false ? { total: -1, totalCapped: false } : await countCapped(ctx.db, ctx.db.select({ one: sql`1` }).from(enterprises).where(where).getSQL());
  return { items: items.map((r) => ({ ...r.e, employees: r.employees, unionUnitId: r.unionUnitId, unionName: r.unionName })), ...counted, next };
}

/** Where a page of enterprises ends, in the list's order (by name, then id). */
export interface EnterpriseCursor {
  name: string;
  id: number;
}

/** Row → wire, once (with the current headcount and union when the list supplies them). */
export function presentEnterprise(e: EnterpriseRow & { employees?: number | null; unionUnitId?: number | null; unionName?: string | null }) {
  return {
    id: e.id,
    unitId: e.unitId,
    creditCode: e.creditCode,
    name: e.name,
    industry: e.industry,
    ownership: e.ownership,
    divisionCode: e.divisionCode,
    aboveScale: e.aboveScale,
    status: e.status,
    registeredOn: e.registeredOn,
    closedOn: e.closedOn,
    address: e.address,
    ...(e.employees !== undefined ? { employees: e.employees } : {}),
    ...(e.unionUnitId !== undefined ? { unionUnitId: e.unionUnitId, unionName: e.unionName ?? null } : {}),
  };
}

// ── Grassroots unions ───────────────────────────────────────────────────────────────────────

export interface NewUnion {
  parentId: number;
  name: string;
  code?: string | null | undefined;
  unionType: UnionType;
  foundedOn: IsoDate;
  chairName?: string | null | undefined;
  enterpriseIds: number[];
  signboardShownOn?: IsoDate | null | undefined;
  chairShownOn?: IsoDate | null | undefined;
}

/** A union is a unit of the tree with a profile, covering one enterprise (single) or several (joint). */
export async function registerUnion(ctx: Ctx, input: NewUnion) {
  const ids = [...new Set(input.enterpriseIds)];
  if ((input.unionType === 'single' && ids.length !== 1) || (input.unionType === 'joint' && ids.length < 2)) throw membershipError('UNION_NEEDS_ENTERPRISE');
  for (const id of ids) {
    const e = await getEnterprise(ctx, id);
    if (e.status === 'closed') throw membershipError('ENTERPRISE_CLOSED', `${e.name} 已注销`);
  }
  const unit = await createUnit(ctx, { parentId: input.parentId, name: input.name, kind: 'grassroots', code: input.code ?? null, openedOn: input.foundedOn });
  await ctx.db.insert(unionProfiles).values({
    unitId: unit.id,
    unionType: input.unionType,
    foundedOn: input.foundedOn,
    chairName: input.chairName ?? null,
    signboardShownOn: input.signboardShownOn ?? null,
    chairShownOn: input.chairShownOn ?? null,
  });
  for (const id of ids) await coverEnterprise(ctx, unit.id, id, input.foundedOn);
  return unit;
}

/** Puts an enterprise under a union from a date; its previous coverage, if any, ends that day. */
export async function coverEnterprise(ctx: Ctx, unionUnitId: number, enterpriseId: number, from: IsoDate): Promise<void> {
  const union = await getUnit(ctx, unionUnitId);
  if (union.kind !== 'grassroots') throw membershipError('UNION_NOT_FOUND');
  const e = await getEnterprise(ctx, enterpriseId);
  notInFuture(from);
  const [current] = await ctx.db
    .select()
    .from(unionCoverages)
    .where(and(eq(unionCoverages.enterpriseId, enterpriseId), isNull(unionCoverages.validTo)));
  if (current) {
    if (current.unionUnitId === unionUnitId) return;
    if (current.validFrom >= from) throw membershipError('MEMBERSHIP_DATE_INVALID', `覆盖开始日期须晚于原覆盖开始日期 ${current.validFrom}`);
    await ctx.db.update(unionCoverages).set({ validTo: from }).where(eq(unionCoverages.id, current.id));
  }
  try {
    await ctx.db.insert(unionCoverages).values({ enterpriseId, unionUnitId, validFrom: from });
  } catch (e2) {
    // The enterprise is covered by a union this user cannot see.
    if (isUniqueViolation(e2, 'union_coverages_one_current')) throw membershipError('ENTERPRISE_ALREADY_COVERED');
    throw e2;
  }
  await recordAudit(ctx, {
    action: 'update',
    entity: 'union_coverage',
    entityId: enterpriseId,
    unitId: unionUnitId,
    before: current ?? null,
    after: { enterpriseId, unionUnitId, validFrom: from, enterprise: e.name },
  });
}

export async function updateUnionProfile(ctx: Ctx, unitId: number, input: { chairName?: string | null; committeeFormed?: boolean; signboardShownOn?: IsoDate | null; chairShownOn?: IsoDate | null }) {
  const [before] = await ctx.db.select().from(unionProfiles).where(eq(unionProfiles.unitId, unitId));
  if (!before) throw membershipError('UNION_NOT_FOUND');
  for (const d of [input.signboardShownOn, input.chairShownOn]) if (d) notInFuture(d);
  const [after] = await ctx.db
    .update(unionProfiles)
    .set({ ...input, updatedAt: clock.now() })
    .where(eq(unionProfiles.unitId, unitId))
    .returning();
  await recordAudit(ctx, { action: 'update', entity: 'union_profile', entityId: unitId, unitId, before, after });
  return after!;
}

export async function getUnion(ctx: Ctx, unitId: number) {
  const unit = await getUnit(ctx, unitId).catch(() => {
    throw membershipError('UNION_NOT_FOUND');
  });
  const [profile] = await ctx.db.select().from(unionProfiles).where(eq(unionProfiles.unitId, unitId));
  if (!profile) throw membershipError('UNION_NOT_FOUND');
  const covered = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, validFrom: unionCoverages.validFrom })
    .from(unionCoverages)
    .innerJoin(enterprises, eq(enterprises.id, unionCoverages.enterpriseId))
    .where(and(eq(unionCoverages.unionUnitId, unitId), isNull(unionCoverages.validTo)));
  const [members] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.unionUnitId, unitId), isNull(memberships.leftOn)));
  const memberCount = members?.n ?? 0;
  return { unit, profile, enterprises: covered, memberCount, committeeRequired: memberCount >= 25 && !profile.committeeFormed };
}

export async function listUnions(
  ctx: Ctx,
  f: { underUnitId?: number | undefined; q?: string | undefined; unionType?: UnionType | undefined; shuangliang?: boolean | undefined; offset: number; limit: number },
) {
  const conds: (SQL | undefined)[] = [await subtreeCondition(ctx, f.underUnitId, orgUnits.id), eq(orgUnits.status, 'active')];
  if (f.q) conds.push(or(ilike(orgUnits.name, escapeLike(f.q)), ilike(orgUnits.code, escapeLike(f.q))));
  if (f.unionType) conds.push(eq(unionProfiles.unionType, f.unionType));
  const both = sql`(${unionProfiles.signboardShownOn} IS NOT NULL AND ${unionProfiles.chairShownOn} IS NOT NULL)`;
  if (f.shuangliang === true) conds.push(both);
  if (f.shuangliang === false) conds.push(sql`NOT ${both}`);
  const where = and(...conds);
  const unitId = sql.raw('"org_units"."id"');
  const rows = await ctx.db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      code: orgUnits.code,
      parentId: orgUnits.parentId,
      unionType: unionProfiles.unionType,
      foundedOn: unionProfiles.foundedOn,
      chairName: unionProfiles.chairName,
      committeeFormed: unionProfiles.committeeFormed,
      signboardShownOn: unionProfiles.signboardShownOn,
      chairShownOn: unionProfiles.chairShownOn,
      memberCount: sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.union_unit_id = ${unitId} AND m.left_on IS NULL)`,
      enterpriseCount: sql<number>`(SELECT count(*)::int FROM union_coverages c WHERE c.union_unit_id = ${unitId} AND c.valid_to IS NULL)`,
    })
    .from(orgUnits)
    .innerJoin(unionProfiles, eq(unionProfiles.unitId, orgUnits.id))
    .where(where)
    .orderBy(asc(orgUnits.name))
    .offset(f.offset)
    .limit(f.limit);
  const counted = await countCapped(ctx.db, ctx.db.select({ one: sql`1` }).from(orgUnits).innerJoin(unionProfiles, eq(unionProfiles.unitId, orgUnits.id)).where(where).getSQL());
  return { items: rows, ...counted };
}

// ── Members ─────────────────────────────────────────────────────────────────────────────────

export interface NewMember {
  idNumber: string;
  name: string;
  phone?: string | null | undefined;
  migrantWorker?: boolean | undefined;
  unionUnitId: number;
  enterpriseId?: number | null | undefined;
  joinedOn: IsoDate;
}

export interface MemberView {
  personId: number;
  name: string;
  idMasked: string;
  gender: 'male' | 'female';
  /** The year only: the full date is the ID number's hidden middle, and would complete the mask beside it. */
  birthYear: number;
  phone: string | null;
  migrantWorker: boolean;
  status: 'active' | 'former';
  unionUnitId: number;
  unionName: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  joinedOn: string;
  leftOn: string | null;
  leaveReason: LeaveReason | null;
}

/** Prepares a person's sealed identity (validation included) without touching the database. */
export function sealPerson(input: { idNumber: string; name: string; phone?: string | null | undefined; migrantWorker?: boolean | undefined }) {
  const id = sealIdNumber(input.idNumber, (m) => membershipError('PERSON_ID_INVALID', m));
  const nameProblem = checkText(PERSON_NAME, input.name);
  if (nameProblem) throw commonError('VALIDATION_FAILED', nameProblem);
  if (input.phone && !isMobilePhone(input.phone)) throw membershipError('PHONE_INVALID', MOBILE_PROBLEM);
  return {
    hash: id.hash,
    sealed: id.sealed,
    masked: id.masked,
    name: input.name,
    gender: id.info.gender,
    birthDate: id.info.birthDate,
    phone: input.phone || null,
    migrant: input.migrantWorker ?? false,
  };
}

export async function findOrCreatePerson(ctx: Ctx, p: ReturnType<typeof sealPerson>): Promise<number> {
  const r = await ctx.db.execute(sql`SELECT gonghui_person_find_or_create(${p.hash}, ${p.sealed}, ${p.masked}, ${p.name}, ${p.gender}, ${p.birthDate}::date, ${p.phone}, ${p.migrant}) AS id`);
  return Number(rowsOf<{ id: number }>(r)[0]!.id);
}

async function alreadyActiveError(ctx: Ctx, personId: number) {
  const r = await ctx.db.execute(sql`SELECT gonghui_current_membership_county(${personId}) AS county`);
  const county = rowsOf<{ county: string | null }>(r)[0]?.county;
  return membershipError('MEMBER_ALREADY_ACTIVE', county ? `该职工已是${county}辖区内工会的会员，请办理转会而不是重复入会` : undefined);
}

export async function addMember(ctx: Ctx, input: NewMember): Promise<{ personId: number; membershipId: number }> {
  const union = await getUnit(ctx, input.unionUnitId).catch(() => {
    throw membershipError('UNION_NOT_FOUND');
  });
  if (union.kind !== 'grassroots' && union.kind !== 'branch') throw membershipError('UNION_NOT_FOUND');
  if (input.enterpriseId) await getEnterprise(ctx, input.enterpriseId);
  const person = sealPerson(input);
  const joinProblem = joinDateProblem(input.joinedOn, person.birthDate, todayInShanghai());
  if (joinProblem) throw membershipError('MEMBERSHIP_DATE_INVALID', joinProblem);
  const [profile] = await ctx.db.select({ foundedOn: unionProfiles.foundedOn }).from(unionProfiles).where(eq(unionProfiles.unitId, union.id));
  const early = joinedBeforeFounding(input.joinedOn, profile?.foundedOn);
  if (early) throw membershipError('MEMBERSHIP_DATE_INVALID', early);
  const personId = await findOrCreatePerson(ctx, person);
  let row: MembershipRow;
  try {
    // A savepoint, so a refused insert can still be explained inside this transaction.
    [row] = (await ctx.db.transaction(async (sp) =>
      sp
        .insert(memberships)
        .values({ personId, unionUnitId: union.id, enterpriseId: input.enterpriseId ?? null, joinedOn: input.joinedOn })
        .returning(),
    )) as [MembershipRow];
  } catch (e) {
    if (isUniqueViolation(e, 'memberships_one_current')) throw await alreadyActiveError(ctx, personId);
    throw e;
  }
  await recordAudit(ctx, { action: 'create', entity: 'membership', entityId: row.id, unitId: union.id, after: { personId, name: input.name, idMasked: person.masked, joinedOn: input.joinedOn } });
  return { personId, membershipId: row.id };
}

async function currentMembership(ctx: Ctx, personId: number): Promise<MembershipRow> {
  const [m] = await ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.personId, personId), isNull(memberships.leftOn)));
  if (!m) {
    const [any] = await ctx.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.personId, personId)).limit(1);
    throw membershipError(any ? 'MEMBER_NOT_ACTIVE' : 'MEMBER_NOT_FOUND');
  }
  return m;
}

function checkEndDate(m: MembershipRow, on: IsoDate): void {
  if (on < m.joinedOn || on > todayInShanghai()) throw membershipError('MEMBERSHIP_DATE_INVALID');
}

export async function leaveMember(ctx: Ctx, personId: number, input: { on: IsoDate; reason: Exclude<LeaveReason, 'transferred'> }): Promise<void> {
  const m = await currentMembership(ctx, personId);
  checkEndDate(m, input.on);
  await ctx.db
    .update(memberships)
    .set({ leftOn: input.on, leaveReason: input.reason })
    .where(and(eq(memberships.unionUnitId, m.unionUnitId), eq(memberships.id, m.id)));
  await recordAudit(ctx, { action: 'update', entity: 'membership', entityId: m.id, unitId: m.unionUnitId, before: m, after: { ...m, leftOn: input.on, leaveReason: input.reason } });
}

/** Ends the current period as 'transferred' and starts one in the receiving union, the same day. */
export async function transferMember(ctx: Ctx, personId: number, input: { toUnionUnitId: number; enterpriseId?: number | null | undefined; on: IsoDate }) {
  const m = await currentMembership(ctx, personId);
  if (m.unionUnitId === input.toUnionUnitId) throw membershipError('TRANSFER_SAME_UNION');
  const to = await getUnit(ctx, input.toUnionUnitId).catch(() => {
    throw membershipError('UNION_NOT_FOUND');
  });
  if (to.kind !== 'grassroots' && to.kind !== 'branch') throw membershipError('UNION_NOT_FOUND');
  if (input.enterpriseId) await getEnterprise(ctx, input.enterpriseId);
  checkEndDate(m, input.on);
  await ctx.db
    .update(memberships)
    .set({ leftOn: input.on, leaveReason: 'transferred' })
    .where(and(eq(memberships.unionUnitId, m.unionUnitId), eq(memberships.id, m.id)));
  const [next] = await ctx.db
    .insert(memberships)
    .values({ personId, unionUnitId: to.id, enterpriseId: input.enterpriseId ?? null, joinedOn: input.on })
    .returning();
  await recordAudit(ctx, { action: 'move', entity: 'membership', entityId: next!.id, unitId: to.id, before: m, after: next });
}

export interface MemberFilter {
  underUnitId?: number | undefined;
  q?: string | undefined;
  status?: 'active' | 'former' | undefined;
  migrantWorker?: boolean | undefined;
  /** Members on this date (default: today's current ones when status is 'active'). */
  asOf?: IsoDate | undefined;
  enterpriseId?: number | undefined;
  offset: number;
  limit: number;
  /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
  after?: MemberCursor | null | undefined;
  /** Count the whole filter (a list page's total); exports skip it. */
  withTotal?: boolean;
}

/** Where a page of members ends, in the list's order (latest join first, then person, then period). */
export interface MemberCursor {
  joinedOn: IsoDate;
  personId: number;
  membershipId: number;
}

/**
 * One row per person: their latest membership period in scope. A page is read off the newest-first
 * index and only then joined to names; the total is counted up to COUNT_CAP (engines/paging.ts).
 */
export async function listMembers(ctx: Ctx, f: MemberFilter): Promise<{ items: MemberView[]; next: MemberCursor | null } & ListTotal> {
  const conds: (SQL | undefined)[] = [await subtreeCondition(ctx, f.underUnitId, memberships.unionUnitId)];
  if (f.asOf) conds.push(lte(memberships.joinedOn, f.asOf), or(isNull(memberships.leftOn), sql`${memberships.leftOn} > ${f.asOf}`));
  else if (f.status === 'active') conds.push(isNull(memberships.leftOn));
  else if (f.status === 'former') conds.push(sql`${memberships.leftOn} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM memberships m2 WHERE m2.person_id = ${memberships.personId} AND m2.left_on IS NULL)`);
  // Filters on the person join persons; the rest read memberships alone.
  const personConds: SQL[] = [];
  if (f.q) {
    const q = f.q.trim();
    const id = parseIdCard(q);
    // An ID number by its keyed hash; digits are part of a phone number, anything else part of a
    // name: both through the trigram index, by the search functions of migration 0033.
    if (id.ok) personConds.push(eq(persons.idHash, lookupHash(id.info.number)));
    else if (/^\d+$/.test(q)) conds.push(sql`${memberships.personId} IN (SELECT gonghui_persons_phoned(${escapeLike(q)}))`);
    else conds.push(sql`${memberships.personId} IN (SELECT gonghui_persons_named(${escapeLike(q)}))`);
  }
  if (f.migrantWorker !== undefined) personConds.push(eq(persons.migrantWorker, f.migrantWorker));
  if (f.enterpriseId !== undefined) conds.push(eq(memberships.enterpriseId, f.enterpriseId));
  // Without a date, one row per person: their latest period in scope. Most periods are nobody's
  // earlier one (the stored `superseded`); only for the few that are is a later one in scope sought.
  if (!f.asOf)
    conds.push(
      sql`(NOT ${memberships.superseded} OR NOT EXISTS (SELECT 1 FROM memberships later WHERE later.person_id = ${memberships.personId} AND (later.joined_on, later.id) > (${memberships.joinedOn}, ${memberships.id}) AND later.union_unit_id IN (SELECT id FROM org_units)))`,
    );
  const where = and(...conds, ...personConds);
  const a = f.after;
  const after = a
    ? sql`(${memberships.joinedOn} < ${a.joinedOn} OR (${memberships.joinedOn} = ${a.joinedOn} AND (${memberships.personId}, ${memberships.id}) > (${a.personId}, ${a.membershipId})))`
    : undefined;
  const matching = <T extends PgSelect>(q: T, more?: SQL): T => (personConds.length ? q.innerJoin(persons, eq(persons.id, memberships.personId)) : q).where(and(where, more)) as T;
  const order = [desc(memberships.joinedOn), asc(memberships.personId), asc(memberships.id)];
  const pageRows = matching(
    ctx.db.select({ unionUnitId: memberships.unionUnitId, id: memberships.id, personId: memberships.personId, joinedOn: memberships.joinedOn }).from(memberships).$dynamic(),
    after,
  )
    .orderBy(...order)
    .offset(a ? 0 : f.offset)
    .limit(f.limit)
    .as('page');
  const rows = await ctx.db
    .select({ m: memberships, p: persons, unionName: orgUnits.name, enterpriseName: enterprises.name })
    .from(pageRows)
    .innerJoin(memberships, and(eq(memberships.unionUnitId, pageRows.unionUnitId), eq(memberships.id, pageRows.id)))
    .innerJoin(persons, eq(persons.id, pageRows.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, pageRows.unionUnitId))
    .leftJoin(enterprises, eq(enterprises.id, memberships.enterpriseId))
    .orderBy(desc(pageRows.joinedOn), asc(pageRows.personId), asc(pageRows.id));
  const last = rows.at(-1);
  const next = last && rows.length === f.limit ? { joinedOn: last.m.joinedOn, personId: last.m.personId, membershipId: last.m.id } : null;
  const items = rows.map((r) => presentMember(r.m, r.p, r.unionName, r.enterpriseName));
  if (f.withTotal === false) return { items, total: -1, totalCapped: false, next };
  const counted = await countCapped(ctx.db, matching(ctx.db.select({ one: sql`1` }).from(memberships).$dynamic()).getSQL());
  return { items, ...counted, next };
}

export function presentMember(m: MembershipRow, p: typeof persons.$inferSelect, unionName: string, enterpriseName: string | null): MemberView {
  return {
    personId: p.id,
    name: p.name,
    idMasked: p.idMasked,
    gender: p.gender,
    birthYear: birthYearOf(p.birthDate),
    // Masked like the ID number beside it; the full number comes with a reveal (revealPerson).
    phone: maskPhone(p.phone),
    migrantWorker: p.migrantWorker,
    status: m.leftOn === null ? 'active' : 'former',
    unionUnitId: m.unionUnitId,
    unionName,
    enterpriseId: m.enterpriseId,
    enterpriseName,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    leaveReason: m.leaveReason,
  };
}

/** A person's whole membership history within scope, oldest first. */
export async function memberHistory(ctx: Ctx, personId: number) {
  const rows = await ctx.db
    .select({ m: memberships, p: persons, unionName: orgUnits.name, enterpriseName: enterprises.name })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.unionUnitId))
    .leftJoin(enterprises, eq(enterprises.id, memberships.enterpriseId))
    .where(eq(memberships.personId, personId))
    .orderBy(asc(memberships.joinedOn), asc(memberships.id));
  if (!rows.length) throw membershipError('MEMBER_NOT_FOUND');
  const periods = rows.map((r) => presentMember(r.m, r.p, r.unionName, r.enterpriseName));
  return { current: periods.find((p) => p.status === 'active') ?? periods[periods.length - 1]!, periods };
}

/** The full ID number and phone, for a stated purpose; the view itself is recorded in the audit trail. */
export async function revealPerson(ctx: Ctx, personId: number, reason: string): Promise<{ idNumber: string; phone: string | null }> {
  if (!reason.trim()) throw membershipError('VIEW_REASON_REQUIRED');
  const { current } = await memberHistory(ctx, personId);
  const [p] = await ctx.db.select({ sealed: persons.idSealed, phone: persons.phone }).from(persons).where(eq(persons.id, personId));
  await recordAudit(ctx, { action: 'view', entity: 'person.id_number', entityId: personId, unitId: current.unionUnitId, reason: reason.trim() });
  return { idNumber: unseal(p!.sealed), phone: p!.phone };
}
