/**
 * A case flow: the stages a kind of case goes through and in which order, the roles the union
 * may take at each, the dated events it records, its deadlines and the results it closes with.
 * Programs define their flows as data (see programs/legal/flow.ts); the rules here are pure.
 */
import type { DeadlineRule } from './deadlines.ts';

export interface CaseFlow {
  kind: string;
  /** Stages in their natural order. */
  stages: readonly string[];
  /** Where a case may start. */
  entry: readonly string[];
  /** Which stages may follow each stage (never one already passed). */
  next: Readonly<Record<string, readonly string[]>>;
  /** The roles that may be taken at each stage. */
  roles: Readonly<Record<string, readonly string[]>>;
  /** The outcomes a stage may end with. */
  outcomes: Readonly<Record<string, readonly string[]>>;
  /** The dated events a case may record (stage starts and ends are recorded as `<stage>_started` and `<stage>_ended`). */
  events: readonly string[];
  deadlines: readonly DeadlineRule[];
  results: readonly string[];
}

export type FlowProblem = 'stage_unknown' | 'stage_order' | 'role_not_allowed' | 'outcome_not_allowed' | 'event_unknown' | 'result_unknown';

/** Why `to` may not follow `from` (null: it may). A stage already passed never comes back. */
export function transitionProblem(flow: CaseFlow, from: string | null, to: string, passed: readonly string[] = []): FlowProblem | null {
  if (!flow.stages.includes(to)) return 'stage_unknown';
  if (from === null) return flow.entry.includes(to) ? null : 'stage_order';
  if (passed.includes(to)) return 'stage_order';
  return (flow.next[from] ?? []).includes(to) ? null : 'stage_order';
}

export function roleProblem(flow: CaseFlow, stage: string, role: string): FlowProblem | null {
  return (flow.roles[stage] ?? []).includes(role) ? null : 'role_not_allowed';
}

export function outcomeProblem(flow: CaseFlow, stage: string, outcome: string): FlowProblem | null {
  return (flow.outcomes[stage] ?? []).includes(outcome) ? null : 'outcome_not_allowed';
}

export function eventProblem(flow: CaseFlow, kind: string): FlowProblem | null {
  return flow.events.includes(kind) || flow.stages.some((s) => kind === `${s}_started` || kind === `${s}_ended`) ? null : 'event_unknown';
}

/** Every event kind a flow knows, stage starts and ends included. */
export function eventKinds(flow: CaseFlow): string[] {
  return [...flow.events, ...flow.stages.flatMap((s) => [`${s}_started`, `${s}_ended`])];
}
