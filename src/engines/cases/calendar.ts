/**
 * The calendar of rest days that moves deadlines (法定休假日): public holidays and make-up working
 * days, per year, kept by the city. Anyone reads it; only a user whose scope holds the root of the
 * tree may change it (row-level security says the same, migration 0024). A change recomputes the
 * deadlines that fall in that year, so due dates and the reminders that read them follow.
 */
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { isValidIsoDate, type IsoDate } from '../time.ts';
import { orgUnits } from '../org/schema.ts';
import { rowsOf } from '../../db/sql.ts';
import { caseError } from './errors.ts';
import { calendarDays, type CalendarDayKind, type CalendarDayRow } from './schema.ts';
import { recomputeDeadlinesEndingIn } from './service.ts';
import * as clock from '../clock.ts';

export function presentCalendarDay(d: CalendarDayRow) {
  return { day: d.day, kind: d.kind, name: d.name };
}

/** A year's holidays and make-up working days, and the years the calendar holds. */
export async function calendarYear(ctx: Ctx, year: number) {
  const days = await ctx.db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
  const years = await ctx.db.execute<{ y: number }>(sql`SELECT DISTINCT extract(year FROM day)::int AS y FROM calendar_days ORDER BY 1`);
  const held = rowsOf<{ y: number }>(years).map((r) => Number(r.y));
  return { year, held: held.includes(year), years: held, days: days.map(presentCalendarDay) };
}

async function mustKeepCalendar(ctx: Ctx): Promise<void> {
  const [root] = await ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(isNull(orgUnits.parentId)).limit(1);
  if (!root) throw caseError('CALENDAR_CITY_ONLY');
}

/** Records a day as a public holiday or a make-up working day (replacing what the day was). */
export async function setCalendarDay(ctx: Ctx, input: { day: IsoDate; kind: CalendarDayKind; name: string }) {
  if (!isValidIsoDate(input.day)) throw caseError('CASE_DATE_INVALID');
  await mustKeepCalendar(ctx);
  const [before] = await ctx.db.select().from(calendarDays).where(eq(calendarDays.day, input.day));
  const values = { day: input.day, kind: input.kind, name: input.name.trim(), updatedBy: ctx.actor.userId, updatedAt: clock.now() };
  await ctx.db
    .insert(calendarDays)
    .values(values)
    .onConflictDoUpdate({ target: calendarDays.day, set: { kind: values.kind, name: values.name, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entity: 'calendar_day',
    entityId: input.day,
    unitId: ctx.scope.unitId,
    before: before ? presentCalendarDay(before) : null,
    after: { day: input.day, kind: input.kind, name: values.name },
  });
  const recomputed = await recomputeDeadlinesEndingIn(ctx.db, Number(input.day.slice(0, 4)));
  return { day: presentCalendarDay({ ...values, updatedAt: values.updatedAt } as CalendarDayRow), recomputed };
}

export async function deleteCalendarDay(ctx: Ctx, day: IsoDate) {
  if (!isValidIsoDate(day)) throw caseError('CASE_DATE_INVALID');
  await mustKeepCalendar(ctx);
  const [before] = await ctx.db.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
  if (!before) throw caseError('CALENDAR_DAY_NOT_FOUND');
  await recordAudit(ctx, { action: 'update', entity: 'calendar_day', entityId: day, unitId: ctx.scope.unitId, before: presentCalendarDay(before), after: null });
  return { recomputed: await recomputeDeadlinesEndingIn(ctx.db, Number(day.slice(0, 4))) };
}
