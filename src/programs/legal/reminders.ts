/**
 * Reminders before a dispute's deadlines pass: each deadline coming due raises one nudge for the
 * case's unit (its cadres), and one for each lawyer the case is assigned to — once per case,
 * deadline and due date (a changed date nudges again). Runs in the caller's scope: a county's job
 * reminds its own units, and a lawyer only when their account lies in that scope.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { dueSoon, type DueSoonItem } from '../../engines/cases/service.ts';
import { raiseNudge } from '../../engines/notify/service.ts';
import type { DueCheck } from '../../engines/notify/due-checks.ts';
import { kickLiveHubs } from '../../engines/notify/live.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { labourDisputeFlow as flow } from './flow.ts';

const title = (d: DueSoonItem) => `劳动争议案件期限将至：${d.label}`;
const body = (d: DueSoonItem) => `${d.title}：${d.label}于 ${d.dueOn} 届满（还有 ${d.daysLeft} 天），请及时办理。`;

/**
 * The assigned lawyer's own reminder: the cause is kept per unit like every nudge's, under a key
 * naming the lawyer, and the notification goes to that lawyer alone (not to the unit's cadres).
 */
async function remindLawyer(ctx: Ctx, d: DueSoonItem, userId: number): Promise<boolean> {
  // Only a lawyer whose account the caller may reach (a county's job does not reach the city's team).
  const seen = rowsOf<{ id: number }>(await ctx.db.execute(sql`SELECT id FROM users WHERE id = ${userId} AND role = 'lawyer' AND NOT disabled`));
  if (!seen.length) return false;
  const causeKey = `legal.deadline.lawyer:${userId}:${d.caseId}:${d.key}:${d.dueOn}`;
  const raised = await ctx.db.execute(sql`
    INSERT INTO notification_causes AS c (unit_id, cause_key) VALUES (${d.unitId}, ${causeKey})
    ON CONFLICT (unit_id, cause_key) DO UPDATE SET cleared_at = NULL, raised_at = clock_now(), times = c.times + 1
      WHERE c.cleared_at IS NOT NULL
    RETURNING c.times`);
  if (!rowsOf(raised).length) return false;
  await ctx.db.execute(sql`
    INSERT INTO notifications (user_id, unit_id, kind, title, body, link, cause_key)
    VALUES (${userId}, ${d.unitId}, 'due', ${title(d)}, ${body(d)}, ${`/legal/cases/${d.caseId}`}, ${causeKey})`);
  return true;
}

export async function remindLegalDeadlines(ctx: Ctx, opts: { today?: IsoDate; withinDays?: number } = {}): Promise<{ checked: number; raised: number }> {
  const items = await dueSoon(ctx.db, { today: opts.today ?? todayInShanghai(), withinDays: opts.withinDays ?? 7, kind: flow.kind });
  let raised = 0;
  let lawyers = 0;
  for (const d of items) {
    const r = await raiseNudge(ctx, {
      unitId: d.unitId,
      causeKey: `legal.deadline:${d.caseId}:${d.key}:${d.dueOn}`,
      kind: 'due',
      title: title(d),
      body: body(d),
      link: `/legal/cases/${d.caseId}`,
    });
    if (r.raised) raised++;
    for (const userId of d.assigneeUserIds) if (await remindLawyer(ctx, d, userId)) lawyers++;
  }
  if (lawyers) kickLiveHubs();
  return { checked: items.length, raised: raised + lawyers };
}

export const caseDeadlinesDue: DueCheck = { name: 'legal.deadlines', run: (ctx) => remindLegalDeadlines(ctx) };
