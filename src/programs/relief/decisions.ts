/** Relief decisions: one application or many (previewed first) through the approval chain; a passed last step commits the money. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { decide, decideMany, endNotice, previewDecisions, recordNoticePosted, type Decided, type DecisionInput, type Outcome } from '../../engines/approvals/service.ts';
import { fundBooks } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';
import { reliefError } from './errors.ts';
import { reliefApplications } from './schema.ts';
import { getApplicationRow } from './applications.ts';
import { commitApplication, payer } from './applying.ts';
import { getCampaign } from './campaigns.ts';

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
