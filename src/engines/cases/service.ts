/**
 * The case engine: open a case in a flow, move it through its stages in the allowed order, record
 * dated events, keep its deadlines computed, assign it, attach documents, close it with a result.
 * Every function runs in the caller's scope (ctx.db): row-level security shows a lawyer only the
 * cases assigned to them, so whatever a program lists, counts or exports obeys it too.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { recordAudit } from '../audit/service.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { todayInShanghai, type IsoDate } from '../time.ts';
import { users } from '../accounts/schema.ts';
import { getUnit } from '../org/service.ts';
import { addDays, calendarHolds, computeDeadlines, deadlineState, makeCalendar, type DatedEvent, type RestDayCalendar } from './deadlines.ts';
import { eventProblem, outcomeProblem, roleProblem, transitionProblem, type CaseFlow } from './flow.ts';
import { caseError } from './errors.ts';
import { calendarDays, caseAssignments, caseDeadlines, caseDocuments, caseEvents, cases, caseStages, type CaseDocumentRow, type CaseRow, type CaseStageRow } from './schema.ts';
import * as clock from '../clock.ts';

const flows = new Map<string, CaseFlow>();

/** A program registers its flows here, so the engine can label deadlines it did not define. */
export function registerFlow(flow: CaseFlow): CaseFlow {
  flows.set(flow.kind, flow);
  return flow;
}

export function flowOf(kind: string): CaseFlow | undefined {
  return flows.get(kind);
}

function factDate(d: IsoDate, notBefore?: IsoDate): void {
  if (d > todayInShanghai() || (notBefore !== undefined && d < notBefore)) throw caseError('CASE_DATE_INVALID');
}

function problem(p: ReturnType<typeof transitionProblem>): never {
  switch (p) {
    case 'stage_unknown':
      throw caseError('CASE_STAGE_UNKNOWN');
    case 'role_not_allowed':
      throw caseError('CASE_ROLE_NOT_ALLOWED');
    case 'outcome_not_allowed':
      throw caseError('CASE_OUTCOME_NOT_ALLOWED');
    case 'event_unknown':
      throw caseError('CASE_EVENT_UNKNOWN');
    case 'result_unknown':
      throw caseError('CASE_RESULT_UNKNOWN');
    default:
      throw caseError('CASE_STAGE_ORDER');
  }
}

export interface OpenCase {
  unitId: number;
  title: string;
  openedOn: IsoDate;
  stage: string;
  role: string;
  /** When the first stage began (default: the day the case was opened). */
  stageStartedOn?: IsoDate | undefined;
  /** Dated facts known at intake (e.g. when the worker learnt of the violation). */
  events?: DatedEvent[] | undefined;
}

export async function openCase(ctx: Ctx, flow: CaseFlow, input: OpenCase): Promise<CaseRow> {
  const p = transitionProblem(flow, null, input.stage) ?? roleProblem(flow, input.stage, input.role);
  if (p) problem(p);
  await getUnit(ctx, input.unitId);
  factDate(input.openedOn);
  const startedOn = input.stageStartedOn ?? input.openedOn;
  factDate(startedOn);
  for (const e of input.events ?? []) {
    const ep = eventProblem(flow, e.kind);
    if (ep) problem(ep);
    factDate(e.occurredOn);
  }
  const [row] = (await ctx.db
    .insert(cases)
    .values({ unitId: input.unitId, kind: flow.kind, title: input.title, stage: input.stage, openedOn: input.openedOn, createdBy: ctx.actor.userId })
    .returning()) as [CaseRow];
  await ctx.db.insert(caseStages).values({ caseId: row.id, seq: 1, stage: input.stage, role: input.role, startedOn, createdBy: ctx.actor.userId });
  const events = [{ kind: `${input.stage}_started`, occurredOn: startedOn, stageSeq: 1 }, ...(input.events ?? []).map((e) => ({ ...e, stageSeq: null }))];
  await ctx.db.insert(caseEvents).values(events.map((e) => ({ caseId: row.id, kind: e.kind, occurredOn: e.occurredOn, stageSeq: e.stageSeq, createdBy: ctx.actor.userId })));
  await recomputeDeadlines(ctx.db, flow, row.id);
  await recordAudit(ctx, {
    action: 'create',
    entity: 'case',
    entityId: row.id,
    unitId: row.unitId,
    after: { kind: row.kind, title: row.title, stage: row.stage, role: input.role, openedOn: row.openedOn },
  });
  return row;
}

export async function getCase(ctx: Ctx, id: number, kind?: string): Promise<CaseRow> {
  const [row] = await ctx.db
    .select()
    .from(cases)
    .where(kind ? and(eq(cases.id, id), eq(cases.kind, kind)) : eq(cases.id, id));
  if (!row) throw caseError('CASE_NOT_FOUND');
  return row;
}

async function openCaseRow(ctx: Ctx, flow: CaseFlow, id: number): Promise<CaseRow> {
  const row = await getCase(ctx, id, flow.kind);
  if (row.status === 'closed') throw caseError('CASE_CLOSED');
  return row;
}

async function stagesOf(db: Db, caseId: number): Promise<CaseStageRow[]> {
  return db.select().from(caseStages).where(eq(caseStages.caseId, caseId)).orderBy(asc(caseStages.seq));
}

async function touch(ctx: Ctx, caseId: number, set: Partial<typeof cases.$inferInsert> = {}): Promise<void> {
  await ctx.db
    .update(cases)
    .set({ ...set, updatedAt: clock.now() })
    .where(eq(cases.id, caseId));
}

/** Moves a case to its next stage; the current stage must have its outcome recorded (intake ends by itself). */
export async function advanceStage(ctx: Ctx, flow: CaseFlow, caseId: number, input: { stage: string; role: string; startedOn: IsoDate; note?: string | null | undefined }) {
  const c = await openCaseRow(ctx, flow, caseId);
  const stages = await stagesOf(ctx.db, caseId);
  const current = stages[stages.length - 1]!;
  const p =
    transitionProblem(
      flow,
      current.stage,
      input.stage,
      stages.map((s) => s.stage),
    ) ?? roleProblem(flow, input.stage, input.role);
  if (p) problem(p);
  factDate(input.startedOn, current.endedOn ?? current.startedOn);
  if (!current.endedOn) {
    if (current.stage !== flow.entry[0]) throw caseError('CASE_STAGE_NOT_ENDED');
    await ctx.db
      .update(caseStages)
      .set({ endedOn: input.startedOn })
      .where(and(eq(caseStages.caseId, caseId), eq(caseStages.seq, current.seq)));
    await ctx.db.insert(caseEvents).values({ caseId, kind: `${current.stage}_ended`, occurredOn: input.startedOn, stageSeq: current.seq, createdBy: ctx.actor.userId });
  }
  const seq = current.seq + 1;
  await ctx.db.insert(caseStages).values({ caseId, seq, stage: input.stage, role: input.role, startedOn: input.startedOn, note: input.note ?? null, createdBy: ctx.actor.userId });
  await ctx.db.insert(caseEvents).values({ caseId, kind: `${input.stage}_started`, occurredOn: input.startedOn, stageSeq: seq, createdBy: ctx.actor.userId });
  await touch(ctx, caseId, { stage: input.stage });
  await recomputeDeadlines(ctx.db, flow, caseId);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'case.stage',
    entityId: caseId,
    unitId: c.unitId,
    before: { stage: current.stage },
    after: { stage: input.stage, role: input.role, startedOn: input.startedOn },
  });
}

/** Records how the current stage ended, and any amount obtained for the workers there (fen). */
export async function endStage(ctx: Ctx, flow: CaseFlow, caseId: number, input: { outcome: string; endedOn: IsoDate; amountFen?: number | undefined; note?: string | null | undefined }) {
  const c = await openCaseRow(ctx, flow, caseId);
  const stages = await stagesOf(ctx.db, caseId);
  const current = stages[stages.length - 1]!;
  if (current.endedOn) throw caseError('CASE_STAGE_ALREADY_ENDED');
  const p = outcomeProblem(flow, current.stage, input.outcome);
  if (p) problem(p);
  factDate(input.endedOn, current.startedOn);
  await ctx.db
    .update(caseStages)
    .set({ endedOn: input.endedOn, outcome: input.outcome, amountFen: input.amountFen ?? 0, note: input.note ?? current.note })
    .where(and(eq(caseStages.caseId, caseId), eq(caseStages.seq, current.seq)));
  await ctx.db.insert(caseEvents).values({ caseId, kind: `${current.stage}_ended`, occurredOn: input.endedOn, stageSeq: current.seq, createdBy: ctx.actor.userId });
  await touch(ctx, caseId);
  await recomputeDeadlines(ctx.db, flow, caseId);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'case.stage',
    entityId: caseId,
    unitId: c.unitId,
    after: { stage: current.stage, outcome: input.outcome, endedOn: input.endedOn, amountFen: input.amountFen ?? 0 },
  });
}

export async function recordEvent(ctx: Ctx, flow: CaseFlow, caseId: number, input: { kind: string; occurredOn: IsoDate; note?: string | null | undefined }) {
  const c = await openCaseRow(ctx, flow, caseId);
  const p = eventProblem(flow, input.kind);
  if (p) problem(p);
  factDate(input.occurredOn);
  const stages = await stagesOf(ctx.db, caseId);
  await ctx.db.insert(caseEvents).values({ caseId, kind: input.kind, occurredOn: input.occurredOn, stageSeq: stages[stages.length - 1]!.seq, note: input.note ?? null, createdBy: ctx.actor.userId });
  await touch(ctx, caseId);
  await recomputeDeadlines(ctx.db, flow, caseId);
  await recordAudit(ctx, { action: 'update', entity: 'case.event', entityId: caseId, unitId: c.unitId, after: { kind: input.kind, occurredOn: input.occurredOn } });
}

/** Closes a case with one of its flow's results; a stage still running ends that day. */
export async function closeCase(ctx: Ctx, flow: CaseFlow, caseId: number, input: { result: string; closedOn: IsoDate; note?: string | null | undefined }) {
  const c = await openCaseRow(ctx, flow, caseId);
  if (!flow.results.includes(input.result)) problem('result_unknown');
  const stages = await stagesOf(ctx.db, caseId);
  const current = stages[stages.length - 1]!;
  factDate(input.closedOn, current.endedOn ?? current.startedOn);
  if (!current.endedOn) {
    await ctx.db
      .update(caseStages)
      .set({ endedOn: input.closedOn })
      .where(and(eq(caseStages.caseId, caseId), eq(caseStages.seq, current.seq)));
  }
  await touch(ctx, caseId, { status: 'closed', closedOn: input.closedOn, result: input.result, resultNote: input.note ?? null });
  await recordAudit(ctx, { action: 'close', entity: 'case', entityId: caseId, unitId: c.unitId, after: { result: input.result, closedOn: input.closedOn } });
}

/** The official calendar of rest days (see calendar.ts); deadlines move by it. */
export async function loadCalendar(db: Db): Promise<RestDayCalendar> {
  return makeCalendar(await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays));
}

/** Keeps case_deadlines equal to what the events and the calendar give (the reminder job reads that table). */
export async function recomputeDeadlines(db: Db, flow: CaseFlow, caseId: number, calendar?: RestDayCalendar): Promise<void> {
  const events = await db.select({ kind: caseEvents.kind, occurredOn: caseEvents.occurredOn }).from(caseEvents).where(eq(caseEvents.caseId, caseId));
  const computed = computeDeadlines(flow.deadlines, events, calendar ?? (await loadCalendar(db)));
  await db.delete(caseDeadlines).where(eq(caseDeadlines.caseId, caseId));
  if (computed.length) await db.insert(caseDeadlines).values(computed.map((d) => ({ caseId, ...d })));
}

/**
 * Recomputes every case (of a registered flow) with a deadline ending in the year, by the day its
 * period ended or the day it moved to: what a change to that year's calendar can move.
 */
export async function recomputeDeadlinesEndingIn(db: Db, year: number): Promise<number> {
  const lo = `${year}-01-01`;
  const hi = `${year + 1}-01-01`;
  const rows = await db
    .selectDistinct({ id: cases.id, kind: cases.kind })
    .from(caseDeadlines)
    .innerJoin(cases, eq(cases.id, caseDeadlines.caseId))
    .where(or(and(gte(caseDeadlines.dueOn, lo), lt(caseDeadlines.dueOn, hi)), and(gte(caseDeadlines.nominalDueOn, lo), lt(caseDeadlines.nominalDueOn, hi))));
  const calendar = await loadCalendar(db);
  let n = 0;
  for (const r of rows) {
    const flow = flows.get(r.kind);
    if (!flow) continue;
    await recomputeDeadlines(db, flow, r.id, calendar);
    n++;
  }
  return n;
}

// ── Assignments ─────────────────────────────────────────────────────────────────────────────

/** Assigns a case to a person from a date; their earlier assignment in the same role ends that day. */
export async function assignCase(ctx: Ctx, flow: CaseFlow, caseId: number, input: { userId: number; role: string; assignedOn: IsoDate }) {
  const c = await openCaseRow(ctx, flow, caseId);
  factDate(input.assignedOn, c.openedOn);
  const current = await ctx.db
    .select()
    .from(caseAssignments)
    .where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.role, input.role), isNull(caseAssignments.endedOn)));
  if (current.some((a) => a.userId === input.userId)) throw caseError('CASE_ALREADY_ASSIGNED');
  if (current.length) {
    await ctx.db
      .update(caseAssignments)
      .set({ endedOn: input.assignedOn })
      .where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.role, input.role), isNull(caseAssignments.endedOn)));
  }
  try {
    await ctx.db.insert(caseAssignments).values({ caseId, unitId: c.unitId, userId: input.userId, role: input.role, assignedOn: input.assignedOn, assignedBy: ctx.actor.userId });
  } catch (e) {
    if (isUniqueViolation(e, 'case_assignments_one_current')) throw caseError('CASE_ALREADY_ASSIGNED');
    throw e;
  }
  await touch(ctx, caseId);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'case.assignment',
    entityId: caseId,
    unitId: c.unitId,
    before: current.length ? current.map((a) => ({ userId: a.userId, role: a.role })) : null,
    after: { userId: input.userId, role: input.role, assignedOn: input.assignedOn },
  });
}

// ── Documents ───────────────────────────────────────────────────────────────────────────────

export interface StoredFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storedAs: string;
}

export async function attachDocument(ctx: Ctx, flow: CaseFlow, caseId: number, file: StoredFile & { note?: string | null | undefined }): Promise<CaseDocumentRow> {
  const c = await getCase(ctx, caseId, flow.kind);
  const stages = await stagesOf(ctx.db, caseId);
  const [row] = (await ctx.db
    .insert(caseDocuments)
    .values({ caseId, stageSeq: stages[stages.length - 1]!.seq, ...file, note: file.note ?? null, uploadedBy: ctx.actor.userId })
    .returning()) as [CaseDocumentRow];
  await recordAudit(ctx, { action: 'create', entity: 'case.document', entityId: row.id, unitId: c.unitId, after: { caseId, fileName: row.fileName, size: row.size, sha256: row.sha256 } });
  return row;
}

export async function getDocument(ctx: Ctx, id: number): Promise<CaseDocumentRow> {
  const [row] = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.id, id));
  if (!row) throw caseError('CASE_DOCUMENT_NOT_FOUND');
  return row;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

/**
 * A deadline as the case page shows it: `nominalDueOn` is the rest day its period ended on when it
 * moved; `calendarHeld` says whether that year's official calendar was there to move it (else only
 * weekends moved it).
 */
export function presentDeadline(
  flow: CaseFlow | undefined,
  d: { key: string; fromOn: string; dueOn: string; extended: boolean; metOn: string | null; nominalDueOn?: string | null },
  today: IsoDate,
  closedOn: string | null,
  calendar?: RestDayCalendar,
) {
  const rule = flow?.deadlines.find((r) => r.key === d.key);
  const nominalDueOn = d.nominalDueOn ?? null;
  return {
    key: d.key,
    label: rule?.label ?? d.key,
    basis: rule?.basis ?? '',
    fromOn: d.fromOn,
    dueOn: d.dueOn,
    nominalDueOn,
    calendarHeld: calendar ? calendarHolds(calendar, nominalDueOn ?? d.dueOn) : true,
    extended: d.extended,
    metOn: d.metOn,
    ...deadlineState(d, today, { closedOn }),
  };
}

/** Everything the engine keeps about a case: stages, events, deadlines as of today, assignments, documents. */
export async function caseRecord(ctx: Ctx, flow: CaseFlow, id: number, today: IsoDate = todayInShanghai()) {
  const c = await getCase(ctx, id, flow.kind);
  const stages = await stagesOf(ctx.db, id);
  const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(asc(caseEvents.occurredOn), asc(caseEvents.id));
  const deadlines = await ctx.db.select().from(caseDeadlines).where(eq(caseDeadlines.caseId, id)).orderBy(asc(caseDeadlines.dueOn));
  const assignments = await ctx.db
    .select({ a: caseAssignments, name: users.displayName })
    .from(caseAssignments)
    .leftJoin(users, eq(users.id, caseAssignments.userId))
    .where(eq(caseAssignments.caseId, id))
    .orderBy(asc(caseAssignments.id));
  const documents = await ctx.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, id)).orderBy(asc(caseDocuments.id));
  const calendar = await loadCalendar(ctx.db);
  return {
    case: c,
    stages,
    events: events.map((e) => ({ id: e.id, kind: e.kind, occurredOn: e.occurredOn, stageSeq: e.stageSeq, note: e.note })),
    deadlines: deadlines.map((d) => presentDeadline(flow, d, today, c.closedOn, calendar)),
    assignments: assignments.map((r) => ({ id: r.a.id, userId: r.a.userId, name: r.name ?? '', role: r.a.role, assignedOn: r.a.assignedOn, endedOn: r.a.endedOn })),
    documents: documents.map(presentDocument),
  };
}

export function presentDocument(d: CaseDocumentRow) {
  return { id: d.id, caseId: d.caseId, stageSeq: d.stageSeq, fileName: d.fileName, contentType: d.contentType, size: d.size, sha256: d.sha256, note: d.note, uploadedAt: d.uploadedAt.toISOString() };
}

export interface DueSoonItem {
  caseId: number;
  unitId: number;
  kind: string;
  title: string;
  key: string;
  label: string;
  dueOn: IsoDate;
  daysLeft: number;
  /** Who works the case now: whom a reminder goes to (besides the unit's staff). */
  assigneeUserIds: number[];
}

/**
 * Deadlines of open cases still to be met that fall within `withinDays` of today (and, with
 * `includeOverdue`, those already passed). Takes any `db`: a request's scoped transaction, or the
 * system's for the reminder job, which then sees every unit.
 */
export async function dueSoon(db: Db, opts: { today?: IsoDate; withinDays: number; includeOverdue?: boolean; kind?: string; limit?: number }): Promise<DueSoonItem[]> {
  const today = opts.today ?? todayInShanghai();
  const until = addDays(today, opts.withinDays);
  const rows = await db
    .select({ d: caseDeadlines, c: cases })
    .from(caseDeadlines)
    .innerJoin(cases, eq(cases.id, caseDeadlines.caseId))
    .where(
      and(
        isNull(caseDeadlines.metOn),
        eq(cases.status, 'open'),
        opts.includeOverdue ? sql`${caseDeadlines.dueOn} <= ${until}` : sql`${caseDeadlines.dueOn} BETWEEN ${today} AND ${until}`,
        opts.kind ? eq(cases.kind, opts.kind) : undefined,
      ),
    )
    .orderBy(asc(caseDeadlines.dueOn), asc(cases.id))
    .limit(opts.limit ?? 500);
  const ids = [...new Set(rows.map((r) => r.c.id))];
  const assignees = ids.length
    ? await db
        .select({ caseId: caseAssignments.caseId, userId: caseAssignments.userId })
        .from(caseAssignments)
        .where(and(inArray(caseAssignments.caseId, ids), isNull(caseAssignments.endedOn)))
    : [];
  return rows.map((r) => {
    const flow = flows.get(r.c.kind);
    return {
      caseId: r.c.id,
      unitId: r.c.unitId,
      kind: r.c.kind,
      title: r.c.title,
      key: r.d.key,
      label: flow?.deadlines.find((x) => x.key === r.d.key)?.label ?? r.d.key,
      dueOn: r.d.dueOn,
      daysLeft: deadlineState(r.d, today).daysLeft,
      assigneeUserIds: assignees.filter((a) => a.caseId === r.c.id).map((a) => a.userId),
    };
  });
}

/** The cases a person is assigned to now (their work list). */
export async function assignedCaseIds(ctx: Ctx, userId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ id: caseAssignments.caseId })
    .from(caseAssignments)
    .where(and(eq(caseAssignments.userId, userId), isNull(caseAssignments.endedOn)))
    .orderBy(desc(caseAssignments.caseId));
  return rows.map((r) => r.id);
}
