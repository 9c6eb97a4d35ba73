/**
 * Relief campaigns: creating one from a template (两节慰问, 金秋助学) or the city's own rules, its
 * steps and totals, closing it; and the money in — raised into a pool and allocated to counties.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { DomainError } from '../../engines/errors.ts';
import { createChain, getChain, stepLabel, DEFAULT_CHAIN, validateChain } from '../../engines/approvals/service.ts';
import type { ChainStep } from '../../engines/approvals/schema.ts';
import { allocate, fundBooks, openFund, raise } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';
import { reliefError } from './errors.ts';
import { reliefCampaigns, type CampaignKind, type CampaignRow, type CampaignStandards, type CampaignSubject, type EligibilityRules, type FundSource, type SchoolLevel } from './schema.ts';

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
