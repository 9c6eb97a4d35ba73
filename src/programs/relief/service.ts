/**
 * Relief campaigns: 两节慰问 (New Year / Spring Festival condolence), 金秋助学 (Golden Autumn student
 * aid), and any program the city defines with the same parts — a period, eligible groups, standard
 * amounts, fund sources, allocations to counties, and an approval chain.
 *
 * The money moves as explicit steps, each a posting in the campaign's fund (engines/ledger):
 * raised (source → pool of the raising unit) → allocated (city pool → county pool) → committed
 * when the last approval step passes (county pool → payable, exactly once per application) → paid
 * when the bank confirms a batch (payable → paid, exactly once per application).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { isUniqueViolation } from '../../engines/db-errors.ts';
import { DomainError } from '../../engines/errors.ts';
import {
  createChain,
  decide,
  getChain,
  stepLabel,
  decideMany,
  DEFAULT_CHAIN,
  endNotice,
  openRequest,
  previewDecisions,
  recordNoticePosted,
  requestTimeline,
  validateChain,
  type Decided,
  type DecisionInput,
  type Outcome,
} from '../../engines/approvals/service.ts';
import { approvalRequests, type ApprovalStatus, type ChainStep } from '../../engines/approvals/schema.ts';
import { allocate, commit, entriesFor, fundBooks, openFund, pay, raise } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { sealBankAccount, sealIdNumber } from '../../engines/people/id-number.ts';
import { unseal } from '../../engines/people/sealing.ts';
import { escapeLike } from '../../engines/like.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { getHouseholdRow, householdForAid, householdOfPerson, type HouseholdForAid, GRADE_LABELS, type HardshipGrade } from '../hardship/index.ts';
import { reliefError } from './errors.ts';
import {
  reliefApplications,
  reliefBatches,
  reliefCampaigns,
  type ApplicationRow,
  type CampaignKind,
  type CampaignRow,
  type CampaignStandards,
  type CampaignSubject,
  type EligibilityRules,
  type FundSource,
  type SchoolLevel,
} from './schema.ts';
import * as clock from '../../engines/clock.ts';

export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = { high_school: '高中', vocational: '中职', college: '大学（含高职）' };
export const FUND_SOURCE_LABELS: Record<FundSource, string> = { city: '市总工会拨款', county: '县级工会配套', enterprise: '企业捐助', donation: '社会捐赠' };

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────

export interface CampaignTemplate {
  kind: CampaignKind;
  subject: CampaignSubject;
  name: string;
  rules: EligibilityRules;
  standards: CampaignStandards;
  steps: ChainStep[];
}

/** The two campaigns every federation runs, with defaults a city adjusts (domain.md §2B). */
export const TEMPLATES: Record<'festival' | 'student_aid', CampaignTemplate> = {
  festival: {
    kind: 'festival',
    subject: 'household',
    name: '两节送温暖慰问',
    rules: { grades: ['deep', 'relative', 'accident'], allowNotFiled: true },
    standards: { byGrade: { deep: 1500_00, relative: 1000_00, accident: 1000_00, not_filed: 500_00 } },
    steps: DEFAULT_CHAIN,
  },
  student_aid: {
    kind: 'student_aid',
    subject: 'student',
    name: '金秋助学',
    rules: { schoolLevels: ['high_school', 'vocational', 'college'], allowNotFiled: true, excludeFundedElsewhere: true },
    standards: { bySchool: { college: { filed: 5000_00, notFiled: 3000_00 }, vocational: { filed: 3000_00, notFiled: 2000_00 }, high_school: { filed: 3000_00, notFiled: 2000_00 } } },
    steps: DEFAULT_CHAIN,
  },
};

export interface CampaignInput {
  unitId: number;
  kind: CampaignKind;
  name: string;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  subject?: CampaignSubject | undefined;
  rules?: EligibilityRules | undefined;
  standards?: CampaignStandards | undefined;
  steps?: ChainStep[] | undefined;
}

function checkCampaign(c: { subject: CampaignSubject; standards: CampaignStandards; periodFrom: string; periodTo: string }): void {
  const amounts = c.subject === 'household' ? Object.values(c.standards.byGrade ?? {}) : Object.values(c.standards.bySchool ?? {}).flatMap((s) => [s.filed, s.notFiled]);
  if (c.periodTo < c.periodFrom || !amounts.length || amounts.some((a) => !Number.isSafeInteger(a) || a <= 0)) throw reliefError('CAMPAIGN_INVALID');
}

export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<CampaignRow> {
  await getUnit(ctx, input.unitId);
  const t = input.kind === 'custom' ? undefined : TEMPLATES[input.kind];
  const subject = input.subject ?? t?.subject;
  const standards = input.standards ?? t?.standards;
  const rules = input.rules ?? t?.rules ?? {};
  const steps = input.steps ?? t?.steps ?? DEFAULT_CHAIN;
  if (!subject || !standards) throw reliefError('CAMPAIGN_INVALID');
  checkCampaign({ subject, standards, periodFrom: input.periodFrom, periodTo: input.periodTo });
  validateChain(steps);
  const chain = await createChain(ctx, { unitId: input.unitId, name: `${input.name} 审批流程`, steps });
  const fund = await openFund(ctx, { unitId: input.unitId, code: `relief.${randomUUID()}`, name: `${input.name} 资金` });
  const [row] = await ctx.db
    .insert(reliefCampaigns)
    .values({
      unitId: input.unitId,
      kind: input.kind,
      subject,
      name: input.name.trim(),
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      rules,
      standards,
      chainId: chain.id,
      fundId: fund.id,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await recordAudit(ctx, { action: 'create', entity: 'relief_campaign', entityId: row!.id, unitId: input.unitId, after: row });
  return row!;
}

export async function getCampaign(ctx: Ctx, id: number): Promise<CampaignRow> {
  const [row] = await ctx.db.select().from(reliefCampaigns).where(eq(reliefCampaigns.id, id));
  if (!row) throw reliefError('CAMPAIGN_NOT_FOUND');
  return row;
}

/** The campaign's approval chain, each step labelled as the timeline labels it. */
export async function campaignSteps(ctx: Ctx, c: CampaignRow) {
  const chain = await getChain(ctx, c.chainId);
  return chain.steps.map((s, i) => ({ kind: s.kind, level: s.kind === 'decide' ? s.level : null, days: s.kind === 'notice' ? s.days : null, label: stepLabel(chain.steps, i) }));
}

/** The fund's totals within the viewer's scope; a union that holds no account of the fund sees zeros. */
export async function campaignTotals(ctx: Ctx, c: CampaignRow) {
  try {
    return (await fundBooks(ctx, c.fundId)).totals;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'LEDGER_FUND_NOT_FOUND') return { raised: 0, available: 0, committed: 0, paid: 0 };
    throw e;
  }
}

export async function listCampaigns(ctx: Ctx, f: { kind?: CampaignKind | undefined; offset: number; limit: number }) {
  const where = f.kind ? eq(reliefCampaigns.kind, f.kind) : undefined;
  const items = await ctx.db.select().from(reliefCampaigns).where(where).orderBy(desc(reliefCampaigns.periodFrom), desc(reliefCampaigns.id)).offset(f.offset).limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(reliefCampaigns).where(where);
  return { items, total: count?.n ?? 0 };
}

export async function closeCampaign(ctx: Ctx, id: number) {
  const c = await getCampaign(ctx, id);
  const [row] = await ctx.db.update(reliefCampaigns).set({ status: 'closed' }).where(eq(reliefCampaigns.id, c.id)).returning();
  if (!row) throw reliefError('CAMPAIGN_NOT_FOUND');
  await recordAudit(ctx, { action: 'close', entity: 'relief_campaign', entityId: id, unitId: c.unitId });
  return row;
}

// ── Money in: raised and allocated ──────────────────────────────────────────────────────────

export async function raiseFunds(
  ctx: Ctx,
  campaignId: number,
  input: { unitId: number; source: FundSource; amountFen: number; donor?: string | null | undefined; receivedOn?: IsoDate | undefined; idempotencyKey?: string | undefined },
) {
  const c = await getCampaign(ctx, campaignId);
  await getUnit(ctx, input.unitId);
  const label = FUND_SOURCE_LABELS[input.source];
  return raise(ctx, {
    fundId: c.fundId,
    unitId: input.unitId,
    source: input.source,
    sourceLabel: label,
    amount: input.amountFen,
    memo: `${c.name}：${label}${input.donor ? `（${input.donor}）` : ''}`,
    postedOn: input.receivedOn,
    idempotencyKey: input.idempotencyKey,
    ref: { type: 'relief_campaign', id: String(c.id) },
  });
}

export async function allocateFunds(ctx: Ctx, campaignId: number, input: { toUnitId: number; amountFen: number; fromUnitId?: number | undefined; idempotencyKey?: string | undefined }) {
  const c = await getCampaign(ctx, campaignId);
  const to = await getUnit(ctx, input.toUnitId);
  const from = input.fromUnitId ?? c.unitId;
  return allocate(ctx, {
    fundId: c.fundId,
    fromUnitId: from,
    toUnitId: to.id,
    amount: input.amountFen,
    memo: `${c.name}：拨付${to.name}`,
    idempotencyKey: input.idempotencyKey,
    ref: { type: 'relief_campaign', id: String(c.id) },
  });
}

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
async function payingUnit(ctx: Ctx, unitId: number): Promise<number> {
  return (await payer(ctx, unitId)).id;
}

/** The paying unit and whether the actor's scope holds its pool (a grassroots clerk's does not). */
async function payer(ctx: Ctx, unitId: number): Promise<{ id: number; inScope: boolean }> {
  const u = await getUnit(ctx, unitId);
  const ids = u.path.split('/').filter(Boolean).map(Number);
  const own = ids.slice(0, Math.min(2, ids.length));
  return { id: own[own.length - 1]!, inScope: `/${own.join('/')}/`.startsWith(ctx.scope.path) };
}

const refOf = (a: { campaignId: number; id: number }) => ({ type: 'relief_application', id: `${a.campaignId}:${a.id}` });

/** Approved: the standard amount leaves the paying county's pool, once (a retry finds the first). */
async function commitApplication(ctx: Ctx, c: CampaignRow, a: ApplicationRow) {
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

export function presentApplication(a: ApplicationRow & { status?: ApprovalStatus; stepLabel?: string; unitName?: string }) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    unitId: a.unitId,
    ...(a.unitName !== undefined ? { unitName: a.unitName } : {}),
    householdId: a.householdId,
    archived: a.archived,
    grade: a.grade,
    name: a.name,
    idMasked: a.idMasked,
    people: a.people,
    guardianName: a.guardianName,
    school: a.school,
    schoolLevel: a.schoolLevel,
    fundedElsewhere: a.fundedElsewhere,
    bankName: a.bankName,
    bankAccountMasked: a.bankAccountMasked,
    eligibility: a.eligibility,
    amountFen: a.amountFen,
    batchId: a.batchId,
    paidOn: a.paidOn,
    ...(a.status !== undefined ? { status: a.status } : {}),
  };
}

export async function getApplicationRow(ctx: Ctx, id: number): Promise<ApplicationRow> {
  const [row] = await ctx.db.select().from(reliefApplications).where(eq(reliefApplications.id, id));
  if (!row) throw reliefError('APPLICATION_NOT_FOUND');
  return row;
}

/** An application with its approval timeline and every posting made for it. */
export async function getApplication(ctx: Ctx, id: number) {
  const a = await getApplicationRow(ctx, id);
  const c = await getCampaign(ctx, a.campaignId);
  const timeline = await requestTimeline(ctx, a.approvalRequestId);
  const postings = await entriesFor(ctx, c.fundId, refOf(a));
  return { application: presentApplication({ ...a, status: timeline.request.status }), timeline, postings };
}

export interface ApplicationFilter {
  campaignId?: number | undefined;
  underUnitId?: number | undefined;
  /** Only those entered by this very unit (not its subtree). */
  unitId?: number | undefined;
  status?: ApprovalStatus | undefined;
  paid?: boolean | undefined;
  batchId?: number | undefined;
  /** A hardship grade, or 'not_filed' for applications not on file. */
  grade?: string | undefined;
  schoolLevel?: SchoolLevel | undefined;
  archived?: boolean | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
  /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
  after?: ApplicationCursor | null | undefined;
  /** Count the whole filter and its amount (a list page's totals); exports skip them. */
  withTotal?: boolean;
}

/** Where a page of applications ends, in the list's order (by campaign, then id). */
export interface ApplicationCursor {
  campaignId: number;
  id: number;
}

async function applicationWhere(ctx: Ctx, f: Omit<ApplicationFilter, 'offset' | 'limit'>): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [];
  if (f.campaignId) conds.push(eq(reliefApplications.campaignId, f.campaignId));
  if (f.underUnitId !== undefined) {
    const u = await getUnit(ctx, f.underUnitId);
    conds.push(sql`${reliefApplications.unitId} IN (SELECT id FROM org_units WHERE path >= ${u.path} AND path < ${`${u.path.slice(0, -1)}0`})`);
  }
  if (f.unitId !== undefined) conds.push(eq(reliefApplications.unitId, f.unitId));
  if (f.status) conds.push(eq(approvalRequests.status, f.status));
  if (f.paid === true) conds.push(sql`${reliefApplications.paidOn} IS NOT NULL`);
  if (f.paid === false) conds.push(isNull(reliefApplications.paidOn));
  if (f.batchId) conds.push(eq(reliefApplications.batchId, f.batchId));
  if (f.grade) conds.push(f.grade === 'not_filed' ? isNull(reliefApplications.grade) : eq(reliefApplications.grade, f.grade as HardshipGrade));
  if (f.schoolLevel) conds.push(eq(reliefApplications.schoolLevel, f.schoolLevel));
  if (f.archived !== undefined) conds.push(eq(reliefApplications.archived, f.archived));
  if (f.q) conds.push(sql`${reliefApplications.name} LIKE ${escapeLike(f.q)}`);
  return and(...conds);
}

export async function listApplications(ctx: Ctx, f: ApplicationFilter) {
  const where = await applicationWhere(ctx, f);
  const rows = await ctx.db
    .select({ a: reliefApplications, status: approvalRequests.status, unitName: orgUnits.name })
    .from(reliefApplications)
    .innerJoin(approvalRequests, eq(approvalRequests.id, reliefApplications.approvalRequestId))
    .innerJoin(orgUnits, eq(orgUnits.id, reliefApplications.unitId))
    .where(f.after ? and(where, sql`(${reliefApplications.campaignId}, ${reliefApplications.id}) > (${f.after.campaignId}, ${f.after.id})`) : where)
    .orderBy(asc(reliefApplications.campaignId), asc(reliefApplications.id))
    .offset(f.after ? 0 : f.offset)
    .limit(f.limit);
  const last = rows.at(-1);
  const next: ApplicationCursor | null = last && rows.length === f.limit ? { campaignId: last.a.campaignId, id: last.a.id } : null;
  if (f.withTotal === false) return { items: rows.map((r) => presentApplication({ ...r.a, status: r.status, unitName: r.unitName })), total: -1, amountFen: -1, next };
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, amount: sql<number>`COALESCE(sum(${reliefApplications.amountFen}), 0)::bigint` })
    .from(reliefApplications)
    .innerJoin(approvalRequests, eq(approvalRequests.id, reliefApplications.approvalRequestId))
    .where(where);
  return { items: rows.map((r) => presentApplication({ ...r.a, status: r.status, unitName: r.unitName })), total: count?.n ?? 0, amountFen: Number(count?.amount ?? 0), next };
}

// ── A household's aid across campaigns ──────────────────────────────────────────────────────

/**
 * Every application made for a household on file — for the worker, the household, or a member (a
 * student) — across campaigns and years, with its approval status and payment (the pay posting,
 * to trace). Only applications within the viewer's scope appear; the view is logged.
 */
export async function householdAidHistory(ctx: Ctx, householdId: number, purpose: string) {
  const h = await getHouseholdRow(ctx, householdId);
  const rows = rowsOf<{
    id: number;
    campaign_id: number;
    campaign_name: string;
    campaign_kind: string;
    period_from: string;
    unit_name: string;
    name: string;
    school_level: string | null;
    grade: string | null;
    amount_fen: number;
    status: ApprovalStatus;
    batch_id: number | null;
    paid_on: string | null;
    pay_entry_id: number | null;
    fund_id: number;
  }>(
    await ctx.db.execute(sql`
      SELECT a.id, a.campaign_id, c.name AS campaign_name, c.kind AS campaign_kind, c.period_from::text AS period_from, u.name AS unit_name,
             a.name, a.school_level, a.grade, a.amount_fen, r.status, a.batch_id, a.paid_on::text AS paid_on, c.fund_id,
             (SELECT e.id FROM ledger_entries e WHERE e.fund_id = c.fund_id AND e.kind = 'pay' AND e.ref_type = 'relief_application' AND e.ref_id = a.campaign_id || ':' || a.id LIMIT 1) AS pay_entry_id
        FROM relief_applications a
        JOIN relief_campaigns c ON c.id = a.campaign_id
        JOIN approval_requests r ON r.id = a.approval_request_id
        JOIN org_units u ON u.id = a.unit_id
       WHERE a.household_id = ${h.id}
          OR a.subject_key = ${h.idHash}
          OR a.subject_key IN (SELECT m.id_hash FROM hardship_members m WHERE m.household_id = ${h.id} AND m.id_hash IS NOT NULL)
       ORDER BY c.period_from DESC, a.campaign_id DESC, a.id`),
  );
  await recordAudit(ctx, { action: 'view', entity: 'hardship_household.aid', entityId: h.id, unitId: h.unitId, reason: purpose });
  const items = rows.map((r) => ({
    applicationId: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    campaignKind: r.campaign_kind,
    year: Number(r.period_from.slice(0, 4)),
    unitName: r.unit_name,
    name: r.name,
    schoolLevel: r.school_level,
    grade: r.grade,
    amountFen: Number(r.amount_fen),
    status: r.status,
    batchId: r.batch_id,
    paidOn: r.paid_on,
    fundId: r.fund_id,
    payEntryId: r.pay_entry_id === null ? null : Number(r.pay_entry_id),
  }));
  return { items, paidFen: items.filter((i) => i.paidOn).reduce((t, i) => t + i.amountFen, 0), paidCount: items.filter((i) => i.paidOn).length };
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

/**
 * The last approval commits the money from the paying county's pool. A chain that ends below the
 * county (grassroots only, say) is decided by someone who cannot touch that pool: the money is then
 * committed when the county gathers the application into a payment batch (createBatch).
 */
async function afterDecision(ctx: Ctx, d: Decided) {
  if (!d.approved) return;
  const [campaignId, key] = d.request.subjectId.split(':') as [string, string];
  const [a] = await ctx.db
    .select()
    .from(reliefApplications)
    .where(and(eq(reliefApplications.campaignId, Number(campaignId)), eq(reliefApplications.subjectKey, key)));
  if (!(await payer(ctx, a!.unitId)).inScope) return;
  await commitApplication(ctx, await getCampaign(ctx, a!.campaignId), a!);
}

/** A decision on one application; the last approval commits its money (exactly once). */
export async function decideApplication(ctx: Ctx, id: number, input: DecisionInput) {
  const a = await getApplicationRow(ctx, id);
  const d = await decide(ctx, a.approvalRequestId, input);
  await afterDecision(ctx, d);
  return d.request;
}

/** Records the date the application's notice went up on the board; the period counts from it. */
export async function recordApplicationNotice(ctx: Ctx, id: number, input: { postedOn: IsoDate }) {
  const a = await getApplicationRow(ctx, id);
  return recordNoticePosted(ctx, a.approvalRequestId, input);
}

/** Ends the public notice of an application (an objection upheld rejects it). */
export async function endApplicationNotice(ctx: Ctx, id: number, input: { objection?: string | null | undefined }) {
  const a = await getApplicationRow(ctx, id);
  const d = await endNotice(ctx, a.approvalRequestId, input);
  await afterDecision(ctx, d);
  return d.request;
}

export interface BulkPreview {
  items: (Outcome & { applicationId: number; name: string; amountFen: number })[];
  willDecide: number;
  refused: number;
  /** Money the decisions would commit, and what each paying unit holds now. */
  commitFen: number;
  pools: { unitId: number; unitName: string; availableFen: number; neededFen: number; enough: boolean }[];
}

async function outcomesFor(ctx: Ctx, ids: number[], input: DecisionInput) {
  const apps = ids.length ? await ctx.db.select().from(reliefApplications).where(inArray(reliefApplications.id, ids)) : [];
  const byId = new Map(apps.map((a) => [a.id, a]));
  for (const id of ids) if (!byId.has(id)) throw reliefError('APPLICATION_NOT_FOUND');
  const outcomes = await previewDecisions(
    ctx,
    ids.map((id) => byId.get(id)!.approvalRequestId),
    input,
  );
  return { outcomes, apps: ids.map((id) => byId.get(id)!) };
}

/** What a bulk decision would change: for each application, from which step to which, or why not. */
export async function previewBulk(ctx: Ctx, ids: number[], input: DecisionInput): Promise<BulkPreview> {
  const { outcomes, apps } = await outcomesFor(ctx, ids, input);
  const items = outcomes.map((o, i) => ({ ...o, applicationId: apps[i]!.id, name: apps[i]!.name, amountFen: apps[i]!.amountFen }));
  const needed = new Map<string, { fundId: number; unitId: number; fen: number }>();
  for (const [i, o] of outcomes.entries()) {
    if (!o.ok || o.to?.status !== 'approved') continue;
    const a = apps[i]!;
    const c = await getCampaign(ctx, a.campaignId);
    const p = await payer(ctx, a.unitId);
    // Committed later, when the county makes its payment batch.
    if (!p.inScope) continue;
    const unitId = p.id;
    const k = `${c.fundId}:${unitId}`;
    needed.set(k, { fundId: c.fundId, unitId, fen: (needed.get(k)?.fen ?? 0) + a.amountFen });
  }
  const pools: BulkPreview['pools'] = [];
  for (const n of needed.values()) {
    const books = await fundBooks(ctx, n.fundId);
    const pool = books.accounts.find((x) => x.kind === 'pool' && x.unitId === n.unitId);
    const unit = await getUnit(ctx, n.unitId);
    pools.push({ unitId: n.unitId, unitName: unit.name, availableFen: pool?.balance ?? 0, neededFen: n.fen, enough: (pool?.balance ?? 0) >= n.fen });
  }
  return {
    items,
    willDecide: items.filter((x) => x.ok).length,
    refused: items.filter((x) => !x.ok).length,
    commitFen: [...needed.values()].reduce((s, n) => s + n.fen, 0),
    pools,
  };
}

/** Applies a bulk decision to the applications that pass (as previewed); all in one transaction. */
export async function decideBulk(ctx: Ctx, ids: number[], input: DecisionInput) {
  const { apps } = await outcomesFor(ctx, ids, input);
  const outcomes = await decideMany(
    ctx,
    apps.map((a) => a.approvalRequestId),
    input,
    (d) => afterDecision(ctx, d),
  );
  return { decided: outcomes.filter((o) => o.ok).length, refused: outcomes.filter((o) => !o.ok).length, outcomes };
}

// ── Payment batches ─────────────────────────────────────────────────────────────────────────

/** Gathers a paying unit's approved, not yet batched applications of a campaign into a batch. */
export async function createBatch(ctx: Ctx, campaignId: number, input: { unitId: number }) {
  const c = await getCampaign(ctx, campaignId);
  const u = await getUnit(ctx, input.unitId);
  const [lo, hi] = [u.path, `${u.path.slice(0, -1)}0`];
  const due = await ctx.db
    .select({ a: reliefApplications })
    .from(reliefApplications)
    .innerJoin(approvalRequests, eq(approvalRequests.id, reliefApplications.approvalRequestId))
    .where(
      and(
        eq(reliefApplications.campaignId, c.id),
        eq(approvalRequests.status, 'approved'),
        isNull(reliefApplications.batchId),
        isNull(reliefApplications.paidOn),
        sql`${reliefApplications.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`,
      ),
    )
    .orderBy(asc(reliefApplications.id));
  if (!due.length) throw reliefError('BATCH_EMPTY');
  // Approved by a chain that ended below the county: the money is committed now (once; a retry finds it).
  for (const r of due) await commitApplication(ctx, c, r.a);
  const total = due.reduce((s, r) => s + r.a.amountFen, 0);
  const [batch] = await ctx.db.insert(reliefBatches).values({ campaignId: c.id, unitId: u.id, count: due.length, totalFen: total, createdBy: ctx.actor.userId }).returning();
  const ids = due.map((r) => r.a.id);
  const taken = await ctx.db
    .update(reliefApplications)
    .set({ batchId: batch!.id })
    .where(and(eq(reliefApplications.campaignId, c.id), inArray(reliefApplications.id, ids), isNull(reliefApplications.batchId)))
    .returning({ id: reliefApplications.id });
  // Another clerk batched some of them at the same moment: refuse rather than pay twice.
  if (taken.length !== ids.length) throw reliefError('BATCH_EMPTY', '部分申请已被编入其他批次，请刷新后重试');
  await recordAudit(ctx, { action: 'create', entity: 'relief_batch', entityId: batch!.id, unitId: u.id, after: { campaignId: c.id, count: due.length, totalFen: total } });
  return batch!;
}

export async function getBatch(ctx: Ctx, id: number) {
  const [b] = await ctx.db.select().from(reliefBatches).where(eq(reliefBatches.id, id));
  if (!b) throw reliefError('BATCH_NOT_FOUND');
  return b;
}

export async function listBatches(ctx: Ctx, f: { campaignId?: number | undefined; offset: number; limit: number }) {
  const where = f.campaignId ? eq(reliefBatches.campaignId, f.campaignId) : undefined;
  const items = await ctx.db
    .select({ b: reliefBatches, unitName: orgUnits.name })
    .from(reliefBatches)
    .innerJoin(orgUnits, eq(orgUnits.id, reliefBatches.unitId))
    .where(where)
    .orderBy(desc(reliefBatches.id))
    .offset(f.offset)
    .limit(f.limit);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(reliefBatches).where(where);
  return { items: items.map((r) => ({ ...r.b, unitName: r.unitName })), total: count?.n ?? 0 };
}

/** The rows of the bank transfer file, with full account numbers: logged as a view with its purpose. */
export async function bankFileRows(ctx: Ctx, batchId: number) {
  const b = await getBatch(ctx, batchId);
  const c = await getCampaign(ctx, b.campaignId);
  const apps = await ctx.db
    .select()
    .from(reliefApplications)
    .where(and(eq(reliefApplications.campaignId, b.campaignId), eq(reliefApplications.batchId, b.id)))
    .orderBy(asc(reliefApplications.id));
  if (apps.some((a) => !a.bankAccountSealed)) throw reliefError('BANK_ACCOUNT_MISSING', `有 ${apps.filter((a) => !a.bankAccountSealed).length} 份申请缺少收款银行账号，不能生成代发文件`);
  await ctx.db
    .update(reliefBatches)
    .set({ exportedAt: clock.now() })
    .where(and(eq(reliefBatches.campaignId, b.campaignId), eq(reliefBatches.id, b.id)));
  await recordAudit(ctx, { action: 'view', entity: 'relief_batch.bank_file', entityId: b.id, unitId: b.unitId, reason: '生成银行代发文件', after: { rows: apps.length, totalFen: b.totalFen } });
  return {
    batch: b,
    campaign: c,
    rows: apps.map((a, i) => ({
      seq: i + 1,
      name: a.name,
      bankName: a.bankName ?? '',
      bankAccount: unseal(a.bankAccountSealed!),
      amount: (a.amountFen / 100).toFixed(2),
      memo: `${c.name}（申请 ${a.id}）`,
    })),
  };
}

/**
 * The bank confirmed the transfer: each application is paid (a posting per application, once) and
 * marked paid. Transfers the bank returned leave the batch, to be paid in a later one.
 */
export async function confirmBatch(ctx: Ctx, batchId: number, input: { paidOn: IsoDate; bankReference?: string | null | undefined; failedApplicationIds?: number[] | undefined }) {
  const b = await getBatch(ctx, batchId);
  if (b.status === 'paid') throw reliefError('BATCH_ALREADY_PAID');
  const c = await getCampaign(ctx, b.campaignId);
  const failed = new Set(input.failedApplicationIds ?? []);
  const apps = await ctx.db
    .select()
    .from(reliefApplications)
    .where(and(eq(reliefApplications.campaignId, b.campaignId), eq(reliefApplications.batchId, b.id)));
  const [locked] = await ctx.db
    .update(reliefBatches)
    .set({ status: 'paid', paidOn: input.paidOn, bankReference: input.bankReference ?? null, confirmedBy: ctx.actor.userId })
    .where(and(eq(reliefBatches.campaignId, b.campaignId), eq(reliefBatches.id, b.id), eq(reliefBatches.status, 'prepared')))
    .returning();
  if (!locked) throw reliefError('BATCH_ALREADY_PAID');
  let paid = 0;
  let total = 0;
  for (const a of apps) {
    if (failed.has(a.id)) {
      await ctx.db
        .update(reliefApplications)
        .set({ batchId: null })
        .where(and(eq(reliefApplications.campaignId, a.campaignId), eq(reliefApplications.id, a.id)));
      continue;
    }
    await pay(ctx, {
      fundId: c.fundId,
      unitId: await payingUnit(ctx, a.unitId),
      amount: a.amountFen,
      memo: `${c.name}：${a.name}`,
      idempotencyKey: `relief:${a.campaignId}:${a.id}:pay`,
      ref: refOf(a),
      postedOn: input.paidOn,
    });
    await ctx.db
      .update(reliefApplications)
      .set({ paidOn: input.paidOn })
      .where(and(eq(reliefApplications.campaignId, a.campaignId), eq(reliefApplications.id, a.id)));
    paid++;
    total += a.amountFen;
  }
  await ctx.db
    .update(reliefBatches)
    .set({ count: paid, totalFen: total })
    .where(and(eq(reliefBatches.campaignId, b.campaignId), eq(reliefBatches.id, b.id)));
  await recordAudit(ctx, {
    action: 'update',
    entity: 'relief_batch',
    entityId: b.id,
    unitId: b.unitId,
    after: { status: 'paid', paid, totalFen: total, returned: failed.size, bankReference: input.bankReference ?? null },
  });
  return { ...locked, count: paid, totalFen: total };
}
