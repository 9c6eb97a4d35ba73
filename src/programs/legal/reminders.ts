/**
 * Reminders before a dispute's deadlines pass: each deadline coming due raises one nudge for the
 * case's unit (once per case, deadline and due date — a changed date nudges again). Runs in the
 * caller's scope: a county's job reminds its own units.
 */
import type { Ctx } from '../../engines/context.ts';
import { dueSoon } from '../../engines/cases/service.ts';
import { raiseNudge } from '../../engines/notify/service.ts';
import { registerDueCheck } from '../../engines/notify/due-checks.ts';
import { todayInShanghai, type IsoDate } from '../../engines/time.ts';
import { labourDisputeFlow as flow } from './flow.ts';

export async function remindLegalDeadlines(ctx: Ctx, opts: { today?: IsoDate; withinDays?: number } = {}): Promise<{ checked: number; raised: number }> {
  const items = await dueSoon(ctx.db, { today: opts.today ?? todayInShanghai(), withinDays: opts.withinDays ?? 7, kind: flow.kind });
  let raised = 0;
  for (const d of items) {
    const r = await raiseNudge(ctx, {
      unitId: d.unitId,
      causeKey: `legal.deadline:${d.caseId}:${d.key}:${d.dueOn}`,
      kind: 'due',
      title: `劳动争议案件期限将至：${d.label}`,
      body: `${d.title}：${d.label}于 ${d.dueOn} 届满（还有 ${d.daysLeft} 天），请及时办理。`,
      link: `/legal/cases/${d.caseId}`,
    });
    if (r.raised) raised++;
  }
  return { checked: items.length, raised };
}

registerDueCheck({ name: 'legal.deadlines', run: (ctx) => remindLegalDeadlines(ctx) });
