/** 困难职工档案: the local minimum-living standards each county sets by date, by which households are graded. */
import { and, asc, desc, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { getUnit } from '../../engines/org/service.ts';
import type { IsoDate } from '../../engines/time.ts';
import { hardshipError } from './errors.ts';
import { hardshipStandards, type HardshipStandardRow } from './schema.ts';

// ── Standards ───────────────────────────────────────────────────────────────────────────────

export interface StandardInput {
  unitId: number;
  validFrom: IsoDate;
  minimumLivingFen: number;
  deepPct?: number | undefined;
  relativePct?: number | undefined;
  accidentCostPct?: number | undefined;
  migrantMinMonths?: number | undefined;
  reviewMonths?: number | undefined;
  noticeDays?: number | undefined;
}

/** Sets (or corrects) a unit's standard from a date. */
export async function setStandard(ctx: Ctx, input: StandardInput): Promise<HardshipStandardRow> {
  await getUnit(ctx, input.unitId);
  const values = {
    unitId: input.unitId,
    validFrom: input.validFrom,
    minimumLivingFen: input.minimumLivingFen,
    deepPct: input.deepPct ?? 100,
    relativePct: input.relativePct ?? 200,
    accidentCostPct: input.accidentCostPct ?? 80,
    migrantMinMonths: input.migrantMinMonths ?? 12,
    reviewMonths: input.reviewMonths ?? 12,
    noticeDays: input.noticeDays ?? 7,
  };
  const [row] = await ctx.db
    .insert(hardshipStandards)
    .values(values)
    .onConflictDoUpdate({ target: [hardshipStandards.unitId, hardshipStandards.validFrom], set: values })
    .returning();
  await recordAudit(ctx, { action: 'update', entity: 'hardship_standard', entityId: `${input.unitId}:${input.validFrom}`, unitId: input.unitId, after: row });
  return row!;
}

/** The standard that applies to a unit on a date: its own, else its nearest ancestor's. */
export async function standardFor(ctx: Ctx, unitId: number, on: IsoDate): Promise<HardshipStandardRow> {
  const unit = await getUnit(ctx, unitId);
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const r = await ctx.db
    .select()
    .from(hardshipStandards)
    .where(and(sql`${hardshipStandards.unitId} = ANY(${`{${ids.join(',')}}`}::int[])`, lte(hardshipStandards.validFrom, on)))
    .orderBy(sql`array_position(${`{${ids.join(',')}}`}::int[], ${hardshipStandards.unitId}) DESC`, desc(hardshipStandards.validFrom))
    .limit(1);
  if (!r[0]) throw hardshipError('HOUSEHOLD_NO_STANDARD');
  return r[0];
}

export async function listStandards(ctx: Ctx) {
  return ctx.db.select().from(hardshipStandards).orderBy(asc(hardshipStandards.unitId), desc(hardshipStandards.validFrom));
}
