/**
 * What a service team is, for any program that keeps one (the lawyers of 三员一代理, the
 * counsellors): a person of a unit's team, perhaps linked to a login of the team's role, available
 * or not, serving some units. The programs keep their own tables and their own fields (licence and
 * firm, qualification); the checks, the units served, and saving a change live here once.
 */
import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context.ts';
import type { DomainError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { users } from '../accounts/schema.ts';
import type { Role } from '../accounts/roles.ts';
import { getUnit } from '../org/service.ts';
import { isMobilePhone } from '../people/identifiers.ts';
import type { IsoDate } from '../time.ts';

/** What every team member has; a program's input adds its own fields. */
export interface TeamMemberInput {
  unitId: number;
  name: string;
  phone?: string | null | undefined;
  userId?: number | null | undefined;
  available?: boolean | undefined;
  availabilityNote?: string | null | undefined;
  joinedOn: IsoDate;
  unitsServed?: number[] | undefined;
}

/** The changes any team member takes (a program adds the fields of its own it lets change). */
export type TeamMemberChanges = Partial<Pick<TeamMemberInput, 'phone' | 'userId' | 'available' | 'availabilityNote' | 'unitsServed'>> & { active?: boolean | undefined };

/** A program's team: its tables, the role of a linked login, the audit entity, and its own errors. */
export interface TeamSpec {
  role: Role;
  /** The audit trail's name for a member ('lawyer', 'counsellor'). */
  entity: string;
  members: PgTable;
  memberId: PgColumn;
  served: PgTable;
  /** The served table's column naming the member, and its property name. */
  servedMember: PgColumn;
  servedMemberKey: string;
  errors: {
    notFound: () => DomainError;
    phoneInvalid: () => DomainError;
    userInvalid: () => DomainError;
    /** Unique constraints of the member table, and the error each means. */
    unique: Record<string, () => DomainError>;
  };
}

type Row = { id: number; unitId: number };

/** A linked login must be of the team's role. */
async function checkUser(ctx: Ctx, spec: TeamSpec, userId: number | null | undefined): Promise<void> {
  if (!userId) return;
  const [u] = await ctx.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!u || u.role !== spec.role) throw spec.errors.userInvalid();
}

function checkPhone(spec: TeamSpec, phone: string | null | undefined): void {
  if (phone && !isMobilePhone(phone)) throw spec.errors.phoneInvalid();
}

/** Runs a write in a savepoint so a unique violation becomes the program's error. */
async function guarded<T>(ctx: Ctx, spec: TeamSpec, write: (db: Ctx['db']) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction((sp) => write(sp as unknown as Ctx['db']));
  } catch (e) {
    for (const [constraint, error] of Object.entries(spec.errors.unique)) if (isUniqueViolation(e, constraint)) throw error();
    throw e;
  }
}

async function setUnitsServed(ctx: Ctx, spec: TeamSpec, memberId: number, unitIds: number[]): Promise<void> {
  for (const id of unitIds) await getUnit(ctx, id);
  await ctx.db.delete(spec.served).where(eq(spec.servedMember, memberId));
  if (unitIds.length) await ctx.db.insert(spec.served).values([...new Set(unitIds)].map((unitId) => ({ [spec.servedMemberKey]: memberId, unitId })));
}

/** Adds a member with the program's own fields; serves its own unit unless told otherwise. */
export async function createTeamMember<R extends Row>(ctx: Ctx, spec: TeamSpec, input: TeamMemberInput, own: Record<string, unknown>): Promise<R> {
  await getUnit(ctx, input.unitId);
  checkPhone(spec, input.phone);
  await checkUser(ctx, spec, input.userId);
  const values = {
    unitId: input.unitId,
    name: input.name.trim(),
    phone: input.phone || null,
    userId: input.userId ?? null,
    available: input.available ?? true,
    availabilityNote: input.availabilityNote ?? null,
    joinedOn: input.joinedOn,
    ...own,
  };
  const [row] = (await guarded(ctx, spec, (db) => db.insert(spec.members).values(values).returning())) as unknown as [R];
  await setUnitsServed(ctx, spec, row.id, input.unitsServed ?? [input.unitId]);
  await recordAudit(ctx, { action: 'create', entity: spec.entity, entityId: row.id, unitId: row.unitId, after: row });
  return row;
}

export async function getTeamMember<R extends Row>(ctx: Ctx, spec: TeamSpec, id: number): Promise<R> {
  const [row] = (await ctx.db.select().from(spec.members).where(eq(spec.memberId, id))) as unknown as R[];
  if (!row) throw spec.errors.notFound();
  return row;
}

/** Changes a member; a member of a unit above is seen but not kept here (not found). */
export async function updateTeamMember<R extends Row>(ctx: Ctx, spec: TeamSpec, id: number, input: TeamMemberChanges & Record<string, unknown>): Promise<R> {
  const before = await getTeamMember<R>(ctx, spec, id);
  checkPhone(spec, input.phone as string | null | undefined);
  await checkUser(ctx, spec, input.userId as number | null | undefined);
  const { unitsServed, ...set } = input;
  const fields = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const updated = (await guarded(ctx, spec, (db) =>
    // Only the units served may change: the row is still checked to be kept here.
    Object.keys(fields).length
      ? db.update(spec.members).set(fields).where(eq(spec.memberId, id)).returning()
      : db.update(spec.members).set({ unitId: before.unitId }).where(eq(spec.memberId, id)).returning(),
  )) as unknown as R[];
  const after = updated[0];
  if (!after) throw spec.errors.notFound();
  if (unitsServed) await setUnitsServed(ctx, spec, id, unitsServed);
  await recordAudit(ctx, { action: 'update', entity: spec.entity, entityId: id, unitId: after.unitId, before, after: { ...after, unitsServed } });
  return after;
}
