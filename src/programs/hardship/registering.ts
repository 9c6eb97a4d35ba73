/**
 * 困难职工档案: registering a household — its worker's ID number sealed, members and finances, the
 * grade previewed from the local standard, one file per worker federation-wide; and the checks and
 * rows the life cycle shares with registering.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { getUnit } from '../../engines/org/service.ts';
import { sealBankAccount, sealIdNumber } from '../../engines/people/id-number.ts';
import { isMobilePhone, maskBankAccount } from '../../engines/people/identifiers.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { hardshipError } from './errors.ts';
import { gradeHousehold, HARDSHIP_CAUSES, type GradeBasis } from './grading.ts';
import { hardshipEvents, hardshipFinances, hardshipHouseholds, hardshipMembers, type HouseholdIntake, type HouseholdRow } from './schema.ts';
import { presentHousehold } from './reading.ts';
import { standardFor } from './standards.ts';

export function notInFuture(d: IsoDate): void {
  if (d > todayInShanghai()) throw hardshipError('HOUSEHOLD_DATE_INVALID');
}

// ── Registering ─────────────────────────────────────────────────────────────────────────────

export interface MemberInput {
  name: string;
  relation: string;
  birthDate?: IsoDate | null | undefined;
  idNumber?: string | null | undefined;
  health?: string | null | undefined;
  occupation?: string | null | undefined;
  schoolLevel?: string | null | undefined;
}

export interface FinanceInput {
  kind: 'income' | 'expense';
  category: string;
  annualFen: number;
  hardshipCost?: boolean | undefined;
  note?: string | null | undefined;
}

export interface HouseholdInput {
  unitId: number;
  intake?: HouseholdIntake | undefined;
  workerName: string;
  idNumber: string;
  ethnicity?: string | null | undefined;
  health?: string | null | undefined;
  disability?: string | null | undefined;
  employment?: string | null | undefined;
  employer?: string | null | undefined;
  industry?: string | null | undefined;
  housing?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  migrantWorker?: boolean | undefined;
  employedSince?: IsoDate | null | undefined;
  mainCause: string;
  secondaryCauses?: string[] | undefined;
  bankName?: string | null | undefined;
  bankAccount?: string | null | undefined;
  accident?: boolean | undefined;
  appliedOn?: IsoDate | undefined;
  members: MemberInput[];
  finances: FinanceInput[];
}

const sealId = (raw: string) => sealIdNumber(raw, (m) => hardshipError('HOUSEHOLD_ID_INVALID', m));

export { maskBankAccount };

export function sealBank(raw: string | null | undefined) {
  if (!raw) return { bankAccountSealed: null, bankAccountMasked: null, bankAccountHash: null };
  const b = sealBankAccount(raw, (m) => hardshipError('HOUSEHOLD_BANK_ACCOUNT_INVALID', m));
  return { bankAccountSealed: b.sealed, bankAccountMasked: b.masked, bankAccountHash: b.hash };
}

export function checkCauses(main: string, secondary: string[]): void {
  const all = [main, ...secondary];
  if (!all.every((c) => c in HARDSHIP_CAUSES) || secondary.length > 3 || new Set(all).size !== all.length) throw hardshipError('HOUSEHOLD_CAUSE_INVALID');
}

export function memberRows(householdId: number, members: MemberInput[]) {
  return members.map((m, i) => {
    const id = m.idNumber ? sealId(m.idNumber) : null;
    return {
      householdId,
      seq: i + 1,
      name: m.name.trim(),
      relation: m.relation,
      birthDate: id?.info.birthDate ?? m.birthDate ?? null,
      idHash: id?.hash ?? null,
      idSealed: id?.sealed ?? null,
      idMasked: id?.masked ?? null,
      health: m.health ?? null,
      occupation: m.occupation ?? null,
      schoolLevel: m.schoolLevel ?? null,
    };
  });
}

export function financeRows(householdId: number, finances: FinanceInput[]) {
  return finances.map((f, i) => {
    if (!Number.isSafeInteger(f.annualFen) || f.annualFen < 0) throw hardshipError('HOUSEHOLD_AMOUNT_INVALID');
    return { householdId, seq: i + 1, kind: f.kind, category: f.category, annualFen: f.annualFen, hardshipCost: f.kind === 'expense' && !!f.hardshipCost, note: f.note ?? null };
  });
}

/** Grades figures as they stand (nothing stored): for a form that shows the grade as it is typed. */
export async function previewGrade(
  ctx: Ctx,
  input: {
    unitId: number;
    members: { length: number };
    finances: FinanceInput[];
    accident?: boolean | undefined;
    migrantWorker?: boolean | undefined;
    employedSince?: IsoDate | null | undefined;
    onDate?: IsoDate | undefined;
  },
): Promise<GradeBasis> {
  const on = input.onDate ?? todayInShanghai();
  const std = await standardFor(ctx, input.unitId, on);
  return gradeHousehold(
    {
      householdSize: input.members.length + 1,
      incomes: input.finances.filter((f) => f.kind === 'income').map((f) => f.annualFen),
      expenses: input.finances.filter((f) => f.kind === 'expense').map((f) => ({ annualFen: f.annualFen, hardshipCost: !!f.hardshipCost })),
      accident: !!input.accident,
      migrantWorker: !!input.migrantWorker,
      employedSince: input.employedSince ?? null,
      onDate: on,
    },
    std,
  );
}

export async function event(ctx: Ctx, householdId: number, action: string, details: Record<string, unknown> | null, onDate = todayInShanghai()) {
  await ctx.db.insert(hardshipEvents).values({ householdId, action, onDate, actorId: ctx.actor.userId, actorName: ctx.actor.displayName || ctx.actor.username, details });
}

async function alreadyOnFile(ctx: Ctx, hash: string) {
  const r = await ctx.db.execute(sql`SELECT gonghui_hardship_file_county(${hash}) AS county`);
  const county = rowsOf<{ county: string | null }>(r)[0]?.county;
  return hardshipError('HOUSEHOLD_ALREADY_ON_FILE', county ? `该职工已在${county}建有困难职工档案（一户一档），不能重复建档` : undefined);
}

export async function registerHousehold(ctx: Ctx, input: HouseholdInput): Promise<HouseholdRow> {
  await getUnit(ctx, input.unitId);
  const id = sealId(input.idNumber);
  if (input.phone && !isMobilePhone(input.phone)) throw hardshipError('HOUSEHOLD_PHONE_INVALID');
  const secondary = input.secondaryCauses ?? [];
  checkCauses(input.mainCause, secondary);
  const appliedOn = input.appliedOn ?? todayInShanghai();
  notInFuture(appliedOn);
  const basis = await previewGrade(ctx, { ...input, onDate: appliedOn });
  const hash = id.hash;
  let row: HouseholdRow;
  try {
    [row] = (await ctx.db.transaction((sp) =>
      sp
        .insert(hardshipHouseholds)
        .values({
          unitId: input.unitId,
          intake: input.intake ?? 'new',
          workerName: input.workerName.trim(),
          idHash: hash,
          idSealed: id.sealed,
          idMasked: id.masked,
          gender: id.info.gender,
          birthDate: id.info.birthDate,
          ethnicity: input.ethnicity ?? null,
          health: input.health ?? null,
          disability: input.disability ?? null,
          employment: input.employment ?? null,
          employer: input.employer ?? null,
          industry: input.industry ?? null,
          housing: input.housing ?? null,
          phone: input.phone || null,
          address: input.address ?? null,
          migrantWorker: !!input.migrantWorker,
          employedSince: input.employedSince ?? null,
          mainCause: input.mainCause,
          secondaryCauses: secondary,
          bankName: input.bankName ?? null,
          ...sealBank(input.bankAccount),
          accident: !!input.accident,
          householdSize: input.members.length + 1,
          grade: basis.grade,
          gradeBasis: basis,
          appliedOn,
          createdBy: ctx.actor.userId,
        })
        .returning(),
    )) as [HouseholdRow];
  } catch (e) {
    if (isUniqueViolation(e, 'hardship_households_id_hash_unique')) throw await alreadyOnFile(ctx, hash);
    throw e;
  }
  if (input.members.length) await ctx.db.insert(hardshipMembers).values(memberRows(row.id, input.members));
  if (input.finances.length) await ctx.db.insert(hardshipFinances).values(financeRows(row.id, input.finances));
  await event(ctx, row.id, 'registered', { intake: row.intake, grade: basis.grade }, appliedOn);
  await recordAudit(ctx, { action: 'create', entity: 'hardship_household', entityId: row.id, unitId: row.unitId, after: presentHousehold(row) });
  return row;
}
