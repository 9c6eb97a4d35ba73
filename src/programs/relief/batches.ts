/** Relief payment batches: made per paying unit, the bank file, and the bank's confirmation that pays each application once. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { approvalRequests } from '../../engines/approvals/schema.ts';
import { pay } from '../../engines/ledger/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { unseal } from '../../engines/people/sealing.ts';
import type { IsoDate } from '../../engines/time.ts';
import { reliefError } from './errors.ts';
import { reliefApplications, reliefBatches } from './schema.ts';
import * as clock from '../../engines/clock.ts';
import { commitApplication, payingUnit, refOf } from './applying.ts';
import { getCampaign } from './campaigns.ts';

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
