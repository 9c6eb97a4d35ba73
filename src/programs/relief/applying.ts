/**
 * Relief applications: who an application is for (a household on file or not, or a student), what
 * the campaign's rules say of it, each rule with its reason, and submitting it into its approval chain.
 */
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { openRequest } from '../../engines/approvals/service.ts';
import { approvalRequests } from '../../engines/approvals/schema.ts';
import { commit } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { sealBankAccount, sealIdNumber } from '../../engines/people/id-number.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { householdForAid, householdOfPerson, type HouseholdForAid, GRADE_LABELS, type HardshipGrade } from '../hardship/index.ts';
import { reliefError } from './errors.ts';
import { reliefApplications, type ApplicationRow, type CampaignRow, type SchoolLevel } from './schema.ts';
import { presentApplication } from './applications.ts';
import { getCampaign, SCHOOL_LEVEL_LABELS } from './campaigns.ts';

// ── Applications ────────────────────────────────────────────────────────────────────────────

export interface ApplicationInput {
  unitId: number;
  /** A household on file (household campaigns; optional for students, found from the student's ID). */
  householdId?: number | null | undefined;
  /** A case not on file: the worker's (or the student's) name and ID number. */
  name?: string | null | undefined;
  idNumber?: string | null | undefined;
  people?: number | null | undefined;
  guardianName?: string | null | undefined;
  school?: string | null | undefined;
  schoolLevel?: SchoolLevel | null | undefined;
  fundedElsewhere?: boolean | undefined;
  bankName?: string | null | undefined;
  bankAccount?: string | null | undefined;
}

export interface EligibilityCheck {
  rule: string;
  ok: boolean;
  reason: string;
}

interface Prepared {
  subjectKey: string;
  household: HouseholdForAid | null;
  archived: boolean;
  grade: HardshipGrade | null;
  name: string;
  idMasked: string;
  people: number;
  checks: EligibilityCheck[];
  amountFen: number;
  bank: { bankName: string | null; bankAccountSealed: string | null; bankAccountMasked: string | null };
}

const invalid = (message: string) => reliefError('APPLICATION_INVALID', message);

function bankOf(input: ApplicationInput, household: HouseholdForAid | null) {
  if (input.bankAccount) {
    const b = sealBankAccount(input.bankAccount, invalid);
    return { bankName: input.bankName ?? null, bankAccountSealed: b.sealed, bankAccountMasked: b.masked };
  }
  return { bankName: household?.bankName ?? null, bankAccountSealed: household?.bankAccountSealed ?? null, bankAccountMasked: household?.bankAccountMasked ?? null };
}

/** Who the application is for, and what the campaign's rules say of it (each rule with its reason). */
async function prepare(ctx: Ctx, c: CampaignRow, input: ApplicationInput): Promise<Prepared> {
  const checks: EligibilityCheck[] = [];
  const rules = c.rules;
  if (c.subject === 'household') {
    let household: HouseholdForAid | null = null;
    let key: string;
    let name: string;
    let idMasked: string;
    if (input.householdId) {
      household = await householdForAid(ctx, input.householdId);
      key = household.idHash;
      name = household.workerName;
      idMasked = household.idMasked;
    } else {
      const id = sealIdNumber(input.idNumber, invalid);
      if (!input.name?.trim()) throw reliefError('APPLICATION_INVALID', '请填写职工姓名');
      key = id.hash;
      household = await householdOfPerson(ctx, key);
      name = household?.workerName ?? input.name.trim();
      idMasked = id.masked;
    }
    const archived = !!household?.filed;
    const grade = archived ? household!.grade : null;
    if (archived) {
      const ok = !rules.grades || rules.grades.includes(grade!);
      checks.push({ rule: 'grade', ok, reason: ok ? `已建档，${GRADE_LABELS[grade!]}` : `已建档，${GRADE_LABELS[grade!]}不在本活动帮扶范围内` });
    } else {
      const ok = !!rules.allowNotFiled;
      checks.push({ rule: 'archive', ok, reason: ok ? '未建档，按临时救助对象办理' : '本活动只帮扶已建档的困难职工家庭（先建档、后帮扶）' });
    }
    const standard = c.standards.byGrade?.[archived ? grade! : 'not_filed'];
    if (!standard) checks.push({ rule: 'standard', ok: false, reason: '本活动未设该类对象的标准金额' });
    return {
      subjectKey: key,
      household,
      archived,
      grade,
      name,
      idMasked,
      people: household?.householdSize ?? Math.max(1, input.people ?? 1),
      checks,
      amountFen: standard ?? 0,
      bank: bankOf(input, household),
    };
  }
  // A student.
  const id = sealIdNumber(input.idNumber, invalid);
  if (!input.name?.trim()) throw reliefError('APPLICATION_INVALID', '请填写学生姓名');
  if (!input.schoolLevel) throw reliefError('APPLICATION_INVALID', '请选择就读学段');
  const key = id.hash;
  const household = input.householdId ? await householdForAid(ctx, input.householdId) : await householdOfPerson(ctx, key);
  const archived = !!household?.filed;
  const levelOk = !rules.schoolLevels || rules.schoolLevels.includes(input.schoolLevel);
  checks.push({ rule: 'school_level', ok: levelOk, reason: levelOk ? `${SCHOOL_LEVEL_LABELS[input.schoolLevel]}，在资助学段内` : `${SCHOOL_LEVEL_LABELS[input.schoolLevel]}不在本活动资助学段内` });
  const archiveOk = archived || !!rules.allowNotFiled;
  checks.push({
    rule: 'archive',
    ok: archiveOk,
    reason: archived ? `家庭已建档（${GRADE_LABELS[household!.grade!] ?? ''}）` : archiveOk ? '家庭未建档，按未建档标准资助' : '本活动只资助已建档困难职工家庭的子女',
  });
  if (rules.excludeFundedElsewhere) {
    const ok = !input.fundedElsewhere;
    checks.push({ rule: 'funded_elsewhere', ok, reason: ok ? '未获其他渠道资助' : '已获其他渠道资助，不重复资助' });
  }
  const std = c.standards.bySchool?.[input.schoolLevel];
  const amount = std ? (archived ? std.filed : std.notFiled) : 0;
  if (!std) checks.push({ rule: 'standard', ok: false, reason: '本活动未设该学段的标准金额' });
  return {
    subjectKey: key,
    household,
    archived,
    grade: archived ? household!.grade : null,
    name: input.name.trim(),
    idMasked: id.masked,
    people: 1,
    checks,
    amountFen: amount,
    bank: bankOf(input, household),
  };
}

/** The rules applied to an application without saving it: each with its reason, and the amount. */
export async function checkEligibility(ctx: Ctx, campaignId: number, input: ApplicationInput) {
  const c = await getCampaign(ctx, campaignId);
  const p = await prepare(ctx, c, input);
  return { eligible: p.checks.every((x) => x.ok), checks: p.checks, amountFen: p.amountFen, archived: p.archived, grade: p.grade, name: p.name, idMasked: p.idMasked };
}

/** The unit whose pool pays an application: its county (or the city, for the city's own). */
export async function payingUnit(ctx: Ctx, unitId: number): Promise<number> {
  return (await payer(ctx, unitId)).id;
}

/** The paying unit and whether the actor's scope holds its pool (a grassroots clerk's does not). */
export async function payer(ctx: Ctx, unitId: number): Promise<{ id: number; inScope: boolean }> {
  const u = await getUnit(ctx, unitId);
  const ids = u.path.split('/').filter(Boolean).map(Number);
  const own = ids.slice(0, Math.min(2, ids.length));
  return { id: own[own.length - 1]!, inScope: `/${own.join('/')}/`.startsWith(ctx.scope.path) };
}

export const refOf = (a: { campaignId: number; id: number }) => ({ type: 'relief_application', id: `${a.campaignId}:${a.id}` });

/** Approved: the standard amount leaves the paying county's pool, once (a retry finds the first). */
export async function commitApplication(ctx: Ctx, c: CampaignRow, a: ApplicationRow) {
  return commit(ctx, {
    fundId: c.fundId,
    unitId: await payingUnit(ctx, a.unitId),
    amount: a.amountFen,
    memo: `${c.name}：${a.name}`,
    idempotencyKey: `relief:${a.campaignId}:${a.id}:commit`,
    ref: refOf(a),
  });
}

export async function submitApplication(ctx: Ctx, campaignId: number, input: ApplicationInput): Promise<ApplicationRow> {
  const c = await getCampaign(ctx, campaignId);
  if (c.status !== 'open' || todayInShanghai() > c.periodTo) throw reliefError('CAMPAIGN_CLOSED');
  await getUnit(ctx, input.unitId);
  const p = await prepare(ctx, c, input);
  const failed = p.checks.filter((x) => !x.ok);
  if (failed.length) throw reliefError('APPLICATION_NOT_ELIGIBLE', `不符合帮扶条件：${failed.map((x) => x.reason).join('；')}`, { checks: p.checks });
  let row: ApplicationRow;
  try {
    row = await ctx.db.transaction(async (sp) => {
      const req = await openRequest({ ...ctx, db: sp as unknown as Ctx['db'] }, { chainId: c.chainId, unitId: input.unitId, subjectType: 'relief_application', subjectId: `${c.id}:${p.subjectKey}` });
      const [r] = await sp
        .insert(reliefApplications)
        .values({
          campaignId: c.id,
          unitId: input.unitId,
          subjectKey: p.subjectKey,
          householdId: p.household?.id ?? null,
          archived: p.archived,
          grade: p.grade,
          name: p.name,
          idMasked: p.idMasked,
          people: p.people,
          guardianName: input.guardianName ?? null,
          school: input.school ?? null,
          schoolLevel: input.schoolLevel ?? null,
          fundedElsewhere: !!input.fundedElsewhere,
          ...p.bank,
          eligibility: p.checks,
          amountFen: p.amountFen,
          approvalRequestId: req.id,
          createdBy: ctx.actor.userId,
        })
        .returning();
      return r!;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'relief_applications_one_per_subject') || isUniqueViolation(e, 'approval_requests_subject')) {
      const r = await ctx.db.execute(sql`SELECT gonghui_relief_application_county(${c.id}, ${p.subjectKey}) AS county`);
      const county = rowsOf<{ county: string | null }>(r)[0]?.county;
      throw reliefError('APPLICATION_DUPLICATE', county ? `该户（学生）已在${county}提交本次活动的申请，每户（每人）限申请一次` : undefined);
    }
    throw e;
  }
  await recordAudit(ctx, { action: 'create', entity: 'relief_application', entityId: `${c.id}:${row.id}`, unitId: row.unitId, after: presentApplication(row) });
  const [req] = await ctx.db.select({ status: approvalRequests.status }).from(approvalRequests).where(eq(approvalRequests.id, row.approvalRequestId));
  if (req?.status === 'approved' && (await payer(ctx, row.unitId)).inScope) await commitApplication(ctx, c, row);
  return row;
}
