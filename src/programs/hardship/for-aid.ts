/** 困难职工档案, for other programs (relief): what aid needs to know of a file, through the program's face. */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { hardshipHouseholds, hardshipMembers, type HardshipGrade, type HouseholdRow } from './schema.ts';
import { getHouseholdRow } from './reading.ts';

// ── For other programs (relief): what aid needs to know of a file ────────────────────────────

export interface HouseholdForAid {
  id: number;
  unitId: number;
  filed: boolean;
  grade: HardshipGrade | null;
  workerName: string;
  idHash: string;
  idMasked: string;
  householdSize: number;
  bankName: string | null;
  bankAccountSealed: string | null;
  bankAccountMasked: string | null;
}

function forAid(h: HouseholdRow): HouseholdForAid {
  return {
    id: h.id,
    unitId: h.unitId,
    filed: h.status === 'filed',
    grade: h.grade,
    workerName: h.workerName,
    idHash: h.idHash,
    idMasked: h.idMasked,
    householdSize: h.householdSize,
    bankName: h.bankName,
    bankAccountSealed: h.bankAccountSealed,
    bankAccountMasked: h.bankAccountMasked,
  };
}

export async function householdForAid(ctx: Ctx, id: number): Promise<HouseholdForAid> {
  return forAid(await getHouseholdRow(ctx, id));
}

/** The household on file (in scope) a person belongs to, as its worker or as a member, by ID hash. */
export async function householdOfPerson(ctx: Ctx, idHash: string): Promise<HouseholdForAid | null> {
  const [own] = await ctx.db.select().from(hardshipHouseholds).where(eq(hardshipHouseholds.idHash, idHash));
  if (own) return forAid(own);
  const [m] = await ctx.db.select({ householdId: hardshipMembers.householdId }).from(hardshipMembers).where(eq(hardshipMembers.idHash, idHash)).limit(1);
  return m ? forAid(await getHouseholdRow(ctx, m.householdId)) : null;
}
