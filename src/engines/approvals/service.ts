/**
 * Approval chains by level. A request moves up its chain one step at a time: a decision at a level
 * (grassroots → county → city by default), or a public notice (公示) that must run its days. The
 * rules: the applicant never decides; one person decides at most one step of a request; a level
 * cannot decide before the level below it; a rejection gives its reason. Each step is decided
 * once — the decision row's key (request, step) settles a race between two clerks.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { DomainError } from '../errors.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { orgUnits, type OrgUnitKind } from '../org/schema.ts';
import { addDays, todayInShanghai, type IsoDate } from '../time.ts';
import { approvalError, type ApprovalErrorCode } from './errors.ts';
import {
  APPROVAL_LEVELS,
  approvalChains,
  approvalDecisions,
  approvalRequests,
  type ApprovalChainRow,
  type ApprovalLevel,
  type ApprovalRequestRow,
  type ApprovalStatus,
  type ChainStep,
} from './schema.ts';
import * as clock from '../clock.ts';

export const DEFAULT_CHAIN: ChainStep[] = [
  { kind: 'decide', level: 'grassroots', label: '基层工会审核' },
  { kind: 'decide', level: 'county', label: '县级工会审核' },
  { kind: 'notice', days: 7, label: '公示' },
  { kind: 'decide', level: 'city', label: '市总工会审批' },
];

const RANK: Record<ApprovalLevel, number> = { grassroots: 0, county: 1, city: 2 };
export const LEVEL_LABELS: Record<ApprovalLevel, string> = { grassroots: '基层', county: '县级', city: '市级' };

export function levelOf(kind: OrgUnitKind): ApprovalLevel {
  return kind === 'city' ? 'city' : kind === 'county' ? 'county' : 'grassroots';
}

export function validateChain(steps: ChainStep[]): void {
  const decides = steps.filter((s) => s.kind === 'decide');
  let last = -1;
  for (const s of steps) {
    if (s.kind === 'notice' && (!Number.isInteger(s.days) || s.days < 1 || s.days > 30)) throw approvalError('APPROVAL_CHAIN_INVALID');
    if (s.kind === 'decide') {
      if (!APPROVAL_LEVELS.includes(s.level) || RANK[s.level] < last) throw approvalError('APPROVAL_CHAIN_INVALID');
      last = RANK[s.level];
    }
  }
  if (!decides.length || steps[steps.length - 1]!.kind !== 'decide') throw approvalError('APPROVAL_CHAIN_INVALID', '审批流程须以审核环节结束');
}

export async function createChain(ctx: Ctx, input: { unitId: number; name: string; steps: ChainStep[] }): Promise<ApprovalChainRow> {
  validateChain(input.steps);
  const [row] = await ctx.db.insert(approvalChains).values(input).returning();
  await recordAudit(ctx, { action: 'create', entity: 'approval_chain', entityId: row!.id, unitId: input.unitId, after: row });
  return row!;
}

export async function getChain(ctx: Ctx, id: number): Promise<ApprovalChainRow> {
  const [row] = await ctx.db.select().from(approvalChains).where(eq(approvalChains.id, id));
  if (!row) throw approvalError('APPROVAL_NOT_FOUND');
  return row;
}

/** Where a request stands after its open step is settled: skips levels below it, opens notices. */
function settle(steps: ChainStep[], from: number, unitLevel: ApprovalLevel, today: IsoDate) {
  const skipped: number[] = [];
  let step = from;
  while (step < steps.length) {
    const s = steps[step]!;
    if (s.kind === 'decide' && RANK[s.level] < RANK[unitLevel]) {
      skipped.push(step++);
      continue;
    }
    break;
  }
  if (step >= steps.length) return { step, status: 'approved' as ApprovalStatus, noticeFrom: null, noticeUntil: null, skipped };
  const s = steps[step]!;
  if (s.kind === 'notice') return { step, status: 'in_notice' as ApprovalStatus, noticeFrom: today, noticeUntil: addDays(today, s.days), skipped };
  return { step, status: 'pending' as ApprovalStatus, noticeFrom: null, noticeUntil: null, skipped };
}

async function unitLevel(ctx: Ctx, unitId: number): Promise<ApprovalLevel> {
  const [u] = await ctx.db.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!u) throw approvalError('APPROVAL_NOT_FOUND');
  return levelOf(u.kind);
}

/** Opens a request for a subject; steps below the requesting unit's own level are skipped. */
export async function openRequest(ctx: Ctx, input: { chainId: number; unitId: number; subjectType: string; subjectId: string }): Promise<ApprovalRequestRow> {
  const chain = await getChain(ctx, input.chainId);
  const today = todayInShanghai();
  const at = settle(chain.steps, 0, await unitLevel(ctx, input.unitId), today);
  const [row] = await ctx.db
    .insert(approvalRequests)
    .values({
      ...input,
      createdBy: ctx.actor.userId,
      step: at.step,
      status: at.status,
      noticeFrom: at.noticeFrom,
      noticeUntil: at.noticeUntil,
      finishedAt: at.status === 'approved' ? clock.now() : null,
    })
    .returning();
  if (at.skipped.length) {
    await ctx.db.insert(approvalDecisions).values(
      at.skipped.map((step) => ({
        requestId: row!.id,
        step,
        kind: 'skip' as const,
        level: (chain.steps[step] as { level: string }).level,
        decidedByName: '（低于申请单位层级，跳过）',
        decidedOn: today,
      })),
    );
  }
  return row!;
}

export interface DecisionInput {
  decision: 'approve' | 'reject';
  reason?: string | null | undefined;
}

export interface Outcome {
  requestId: number;
  ok: boolean;
  code?: ApprovalErrorCode;
  message?: string;
  from: { step: number; status: ApprovalStatus; label: string };
  to?: { step: number; status: ApprovalStatus; label: string };
}

export const stepLabel = (steps: ChainStep[], i: number): string => {
  const s = steps[i];
  if (!s) return '审批完成';
  return s.label ?? (s.kind === 'notice' ? `公示 ${s.days} 天` : `${LEVEL_LABELS[s.level]}审核`);
};

/** Checks a decision against the rules without writing anything: what would change, or why not. */
async function evaluate(ctx: Ctx, req: ApprovalRequestRow, chain: ApprovalChainRow, input: DecisionInput, actorLevel: ApprovalLevel): Promise<Outcome> {
  const from = { step: req.step, status: req.status, label: stepLabel(chain.steps, req.step) };
  const no = (code: ApprovalErrorCode): Outcome => ({ requestId: req.id, ok: false, code, message: approvalError(code).message, from });
  if (req.status === 'approved' || req.status === 'rejected') return no('APPROVAL_FINISHED');
  const step = chain.steps[req.step]!;
  if (step.kind === 'notice') return no('APPROVAL_IN_NOTICE');
  if (RANK[actorLevel] > RANK[step.level]) return no('APPROVAL_LOWER_LEVEL_FIRST');
  if (RANK[actorLevel] < RANK[step.level]) return no('APPROVAL_WRONG_LEVEL');
  if (req.createdBy === ctx.actor.userId) return no('APPROVAL_SELF_DECISION');
  const earlier = await ctx.db
    .select({ by: approvalDecisions.decidedBy })
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.requestId, req.id), eq(approvalDecisions.decidedBy, ctx.actor.userId), inArray(approvalDecisions.kind, ['approve', 'reject'])));
  if (earlier.length) return no('APPROVAL_SAME_PERSON_TWICE');
  if (input.decision === 'reject') {
    if (!input.reason?.trim()) return no('APPROVAL_REASON_REQUIRED');
    return { requestId: req.id, ok: true, from, to: { step: req.step, status: 'rejected', label: '未通过' } };
  }
  const at = settle(chain.steps, req.step + 1, 'grassroots', todayInShanghai());
  return { requestId: req.id, ok: true, from, to: { step: at.step, status: at.status, label: at.status === 'approved' ? '审批通过' : stepLabel(chain.steps, at.step) } };
}

async function load(ctx: Ctx, ids: number[]) {
  const reqs = ids.length ? await ctx.db.select().from(approvalRequests).where(inArray(approvalRequests.id, ids)) : [];
  const chainIds = [...new Set(reqs.map((r) => r.chainId))];
  const chains = new Map((chainIds.length ? await ctx.db.select().from(approvalChains).where(inArray(approvalChains.id, chainIds)) : []).map((c) => [c.id, c]));
  return { reqs: new Map(reqs.map((r) => [r.id, r])), chains };
}

async function actorLevel(ctx: Ctx): Promise<ApprovalLevel> {
  const [u] = await ctx.db.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, ctx.actor.unitId));
  return levelOf(u?.kind ?? 'grassroots');
}

/** What a decision on each request would do (a request out of scope is simply not found). */
export async function previewDecisions(ctx: Ctx, ids: number[], input: DecisionInput): Promise<Outcome[]> {
  const { reqs, chains } = await load(ctx, ids);
  const level = await actorLevel(ctx);
  const out: Outcome[] = [];
  for (const id of ids) {
    const req = reqs.get(id);
    if (!req) throw approvalError('APPROVAL_NOT_FOUND');
    out.push(await evaluate(ctx, req, chains.get(req.chainId)!, input, level));
  }
  return out;
}

export interface Decided {
  request: ApprovalRequestRow;
  /** True when this decision finished the chain with approval. */
  approved: boolean;
}

/** Decides the open step of one request; throws the rule it breaks. */
export async function decide(ctx: Ctx, requestId: number, input: DecisionInput): Promise<Decided> {
  const { reqs, chains } = await load(ctx, [requestId]);
  const req = reqs.get(requestId);
  if (!req) throw approvalError('APPROVAL_NOT_FOUND');
  const chain = chains.get(req.chainId)!;
  const level = await actorLevel(ctx);
  const o = await evaluate(ctx, req, chain, input, level);
  if (!o.ok) throw approvalError(o.code!);
  const step = chain.steps[req.step] as Extract<ChainStep, { kind: 'decide' }>;
  const today = todayInShanghai();
  let updated: ApprovalRequestRow | undefined;
  try {
    updated = await ctx.db.transaction(async (sp) => {
      await sp.insert(approvalDecisions).values({
        requestId,
        step: req.step,
        kind: input.decision,
        level: step.level,
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.displayName || ctx.actor.username,
        unitId: ctx.actor.unitId,
        reason: input.reason?.trim() || null,
        decidedOn: today,
      });
      const to = o.to!;
      const [row] = await sp
        .update(approvalRequests)
        .set({
          step: to.step,
          status: to.status,
          noticeFrom: to.status === 'in_notice' ? today : null,
          noticeUntil: to.status === 'in_notice' ? addDays(today, (chain.steps[to.step] as { days: number }).days) : null,
          finishedAt: to.status === 'approved' || to.status === 'rejected' ? clock.now() : null,
        })
        .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.step, req.step)))
        .returning();
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw approvalError('APPROVAL_ALREADY_DECIDED');
    throw e;
  }
  if (!updated) throw approvalError('APPROVAL_ALREADY_DECIDED');
  await recordAudit(ctx, {
    action: 'update',
    entity: 'approval',
    entityId: requestId,
    unitId: req.unitId,
    reason: input.reason?.trim() || null,
    before: { step: req.step, status: req.status },
    after: { step: updated.step, status: updated.status, decision: input.decision, subject: `${req.subjectType}:${req.subjectId}` },
  });
  return { request: updated, approved: updated.status === 'approved' };
}

/**
 * Decides many requests at once: each is checked as in the preview and decided if it passes;
 * `then` runs after each approval that finished a chain (e.g. the program commits money), in the
 * same transaction — if it refuses, the whole batch is refused.
 */
export async function decideMany(ctx: Ctx, ids: number[], input: DecisionInput, then?: (d: Decided) => Promise<void>): Promise<Outcome[]> {
  const preview = await previewDecisions(ctx, ids, input);
  for (const o of preview) {
    if (!o.ok) continue;
    const d = await decide(ctx, o.requestId, input);
    if (then) await then(d);
  }
  return preview;
}

/**
 * The date a notice was put up on the union's board, recorded afterwards by the clerk: the notice
 * period counts from it (the day it is recorded is only the default). Never after today; it may
 * be corrected while the notice runs, each change audited.
 */
export async function recordNoticePosted(ctx: Ctx, requestId: number, input: { postedOn: IsoDate }): Promise<ApprovalRequestRow> {
  const { reqs, chains } = await load(ctx, [requestId]);
  const req = reqs.get(requestId);
  if (!req) throw approvalError('APPROVAL_NOT_FOUND');
  if (req.status !== 'in_notice') throw approvalError('APPROVAL_NOT_IN_NOTICE');
  if (input.postedOn > todayInShanghai()) throw approvalError('APPROVAL_NOTICE_DATE_INVALID');
  const step = chains.get(req.chainId)!.steps[req.step] as Extract<ChainStep, { kind: 'notice' }>;
  const until = addDays(input.postedOn, step.days);
  const [row] = await ctx.db
    .update(approvalRequests)
    .set({ noticeFrom: input.postedOn, noticeUntil: until })
    .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.step, req.step), eq(approvalRequests.status, 'in_notice')))
    .returning();
  if (!row) throw approvalError('APPROVAL_ALREADY_DECIDED');
  await recordAudit(ctx, {
    action: 'update',
    entity: 'approval',
    entityId: requestId,
    unitId: req.unitId,
    before: { noticeFrom: req.noticeFrom, noticeUntil: req.noticeUntil },
    after: { noticeFrom: row.noticeFrom, noticeUntil: row.noticeUntil, notice: 'posted', subject: `${req.subjectType}:${req.subjectId}` },
  });
  return row;
}

/** Ends a public notice: it must have run its days; an objection upheld ends the request. */
export async function endNotice(ctx: Ctx, requestId: number, input: { objection?: string | null | undefined; today?: IsoDate }): Promise<Decided> {
  const { reqs, chains } = await load(ctx, [requestId]);
  const req = reqs.get(requestId);
  if (!req) throw approvalError('APPROVAL_NOT_FOUND');
  if (req.status !== 'in_notice') throw approvalError('APPROVAL_NOT_IN_NOTICE');
  const today = input.today ?? todayInShanghai();
  if (!req.noticeUntil || today < req.noticeUntil) throw approvalError('APPROVAL_NOTICE_RUNNING', `公示期至 ${req.noticeUntil} 届满`);
  const chain = chains.get(req.chainId)!;
  const upheld = !!input.objection?.trim();
  const at = upheld ? { step: req.step, status: 'rejected' as ApprovalStatus } : settle(chain.steps, req.step + 1, 'grassroots', today);
  let updated: ApprovalRequestRow | undefined;
  try {
    updated = await ctx.db.transaction(async (sp) => {
      await sp.insert(approvalDecisions).values({
        requestId,
        step: req.step,
        kind: upheld ? 'reject' : 'notice_passed',
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.displayName || ctx.actor.username,
        unitId: ctx.actor.unitId,
        reason: upheld ? `公示异议成立：${input.objection!.trim()}` : `公示 ${req.noticeFrom} 至 ${req.noticeUntil}，无异议`,
        decidedOn: today,
      });
      const [row] = await sp
        .update(approvalRequests)
        .set({ step: at.step, status: at.status, noticeFrom: null, noticeUntil: null, finishedAt: at.status === 'approved' || at.status === 'rejected' ? clock.now() : null })
        .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.step, req.step)))
        .returning();
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw approvalError('APPROVAL_ALREADY_DECIDED');
    throw e;
  }
  if (!updated) throw approvalError('APPROVAL_ALREADY_DECIDED');
  await recordAudit(ctx, {
    action: 'update',
    entity: 'approval',
    entityId: requestId,
    unitId: req.unitId,
    reason: input.objection ?? null,
    after: { step: updated.step, status: updated.status, notice: upheld ? 'objection_upheld' : 'passed' },
  });
  return { request: updated, approved: updated.status === 'approved' };
}

/** The request, its chain and every decision so far, with the label of each step. */
export async function requestTimeline(ctx: Ctx, requestId: number) {
  const { reqs, chains } = await load(ctx, [requestId]);
  const req = reqs.get(requestId);
  if (!req) throw approvalError('APPROVAL_NOT_FOUND');
  const chain = chains.get(req.chainId)!;
  const decisions = await ctx.db.select().from(approvalDecisions).where(eq(approvalDecisions.requestId, requestId)).orderBy(asc(approvalDecisions.step));
  return {
    request: req,
    steps: chain.steps.map((s, i) => ({
      index: i,
      kind: s.kind,
      label: stepLabel(chain.steps, i),
      level: s.kind === 'decide' ? s.level : null,
      decision: decisions.find((d) => d.step === i) ?? null,
    })),
    currentLabel: stepLabel(chain.steps, req.step),
  };
}

export function isApprovalError(e: unknown): e is DomainError {
  return e instanceof DomainError && e.code.startsWith('APPROVAL_');
}
