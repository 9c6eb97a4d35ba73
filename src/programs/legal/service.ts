/**
 * 三员一代理 legal services: the lawyers' team, labour-dispute cases (intake, parties, employer,
 * claims, stages through the case engine), legal aid, and the figures the report gives.
 * Every function runs in the caller's scope; a lawyer sees only the cases assigned to them
 * (row-level security), so lists, counts, search, exports and figures all obey it.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { getUnit, subtreeRange } from '../../engines/org/service.ts';
import { orgUnits } from '../../engines/org/schema.ts';
import { sealIdNumber } from '../../engines/people/id-number.ts';
import { birthYearOf, isMobilePhone, maskPhone, parseIdCard, parseUscc } from '../../engines/people/identifiers.ts';
import { lookupHash } from '../../engines/people/sealing.ts';
import { purposeSealer } from '../../engines/cases/sealing.ts';
import { assignCase, caseRecord, closeCase, getCase, openCase } from '../../engines/cases/service.ts';
import { createTeamMember, getTeamMember, updateTeamMember, type TeamMemberChanges, type TeamMemberInput, type TeamSpec } from '../../engines/cases/team.ts';
import { addDays } from '../../engines/cases/deadlines.ts';
import { cases, caseStages, type CaseRow } from '../../engines/cases/schema.ts';
import { notifyPerson } from '../../engines/notify/service.ts';
import { escapeLike } from '../../engines/like.ts';
import { countCapped, type ListTotal } from '../../engines/paging.ts';
import { todayInShanghai, zhCollator, type IsoDate } from '../../engines/time.ts';
import { rowsOf } from '../../db/sql.ts';
import { enterprises } from '../membership/index.ts';
import { labourDisputeFlow as flow, type LegalStage, type UnionRole } from './flow.ts';
import { legalError } from './errors.ts';
import { aidDecidedNotice, caseClosedNotice, lawyerAssignedNotice, type CaseFacts } from './notices.ts';
import {
  lawyers,
  lawyerUnits,
  legalAidRequests,
  legalDisputes,
  legalParties,
  type AidDecision,
  type DisputeType,
  type IntakeChannel,
  type LawyerRow,
  type LegalAidRow,
  type LegalPartyRow,
} from './schema.ts';
import * as clock from '../../engines/clock.ts';

const facts = purposeSealer('legal-case-facts');

/** 案件编号: the year it was opened and its number. */
export const caseRef = (c: Pick<CaseRow, 'id' | 'openedOn'>) => `${c.openedOn.slice(0, 4)}-${String(c.id).padStart(5, '0')}`;

// ── The lawyers' team ───────────────────────────────────────────────────────────────────────

export interface LawyerInput extends TeamMemberInput {
  licenceNo: string;
  firm: string;
}

const team: TeamSpec = {
  role: 'lawyer',
  entity: 'lawyer',
  members: lawyers,
  memberId: lawyers.id,
  served: lawyerUnits,
  servedMember: lawyerUnits.lawyerId,
  servedMemberKey: 'lawyerId',
  errors: {
    notFound: () => legalError('LAWYER_NOT_FOUND'),
    phoneInvalid: () => legalError('PHONE_INVALID'),
    userInvalid: () => legalError('LAWYER_USER_INVALID'),
    unique: { lawyers_licence_no_unique: () => legalError('LAWYER_LICENCE_TAKEN'), lawyers_user_id_unique: () => legalError('LAWYER_USER_TAKEN') },
  },
};

export async function createLawyer(ctx: Ctx, input: LawyerInput): Promise<LawyerRow> {
  return createTeamMember<LawyerRow>(ctx, team, input, { licenceNo: input.licenceNo.trim(), firm: input.firm.trim() });
}

export async function getLawyer(ctx: Ctx, id: number): Promise<LawyerRow> {
  return getTeamMember<LawyerRow>(ctx, team, id);
}

export async function updateLawyer(ctx: Ctx, id: number, input: TeamMemberChanges & Partial<Pick<LawyerInput, 'firm'>>): Promise<LawyerRow> {
  return updateTeamMember<LawyerRow>(ctx, team, id, input);
}

export async function listLawyers(ctx: Ctx, f: { q?: string | undefined; available?: boolean | undefined; servesUnitId?: number | undefined }) {
  const conds: (SQL | undefined)[] = [eq(lawyers.active, true)];
  if (f.q) conds.push(or(ilike(lawyers.name, escapeLike(f.q)), ilike(lawyers.firm, escapeLike(f.q)), ilike(lawyers.licenceNo, escapeLike(f.q))));
  if (f.available !== undefined) conds.push(eq(lawyers.available, f.available));
  if (f.servesUnitId !== undefined) {
    // Serves the unit, one of its ancestors (a lawyer of the county serves its townships), or a
    // unit below it (the city's team page lists the counties' lawyers too).
    const unit = await getUnit(ctx, f.servesUnitId);
    const [lo, hi] = subtreeRange(unit.path);
    conds.push(
      sql`EXISTS (SELECT 1 FROM lawyer_units lu WHERE lu.lawyer_id = ${lawyers.id} AND (position('/' || lu.unit_id || '/' IN ${unit.path}) > 0 OR lu.unit_id IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})))`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(lawyers)
    .where(and(...conds));
  const served = rows.length
    ? await ctx.db
        .select({ lawyerId: lawyerUnits.lawyerId, unitId: lawyerUnits.unitId, name: orgUnits.name })
        .from(lawyerUnits)
        .leftJoin(orgUnits, eq(orgUnits.id, lawyerUnits.unitId))
        .where(
          inArray(
            lawyerUnits.lawyerId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  // A lawyer's whole open caseload, though a county sees only its own cases: a count, never which.
  const userIds = rows.map((r) => r.userId).filter((id): id is number => id !== null);
  const open = userIds.length
    ? rowsOf<{ user_id: number; n: number }>(await ctx.db.execute(sql`SELECT user_id, n FROM gonghui_open_case_counts(${`{${userIds.join(',')}}`}::int[])`)).map((r) => ({
        userId: Number(r.user_id),
        n: Number(r.n),
      }))
    : [];
  return rows
    .sort((a, b) => zhCollator.compare(a.name, b.name))
    .map((l) => ({
      ...presentLawyer(l),
      unitsServed: served.filter((s) => s.lawyerId === l.id).map((s) => ({ id: s.unitId, name: s.name ?? '' })),
      openCases: open.find((o) => o.userId === l.userId)?.n ?? 0,
    }));
}

export function presentLawyer(l: LawyerRow) {
  return {
    id: l.id,
    unitId: l.unitId,
    userId: l.userId,
    name: l.name,
    licenceNo: l.licenceNo,
    firm: l.firm,
    phone: l.phone,
    available: l.available,
    availabilityNote: l.availabilityNote,
    active: l.active,
    joinedOn: l.joinedOn,
  };
}

// ── Disputes ────────────────────────────────────────────────────────────────────────────────

export interface WorkerInput {
  name: string;
  idNumber: string;
  phone?: string | null | undefined;
  migrantWorker?: boolean | undefined;
}

function sealWorker(w: WorkerInput) {
  const id = sealIdNumber(w.idNumber, (m) => legalError('PERSON_ID_INVALID', m));
  if (w.phone && !isMobilePhone(w.phone)) throw legalError('PHONE_INVALID');
  return {
    name: w.name.trim(),
    idHash: id.hash,
    idSealed: id.sealed,
    idMasked: id.masked,
    gender: id.info.gender,
    birthDate: id.info.birthDate,
    phone: w.phone || null,
    migrantWorker: w.migrantWorker ?? false,
  };
}

export interface NewDispute {
  unitId: number;
  channel: IntakeChannel;
  channelNote?: string | null | undefined;
  disputeType: DisputeType;
  claimedFen: number;
  employerName: string;
  employerCreditCode?: string | null | undefined;
  facts?: string | null | undefined;
  title?: string | undefined;
  openedOn: IsoDate;
  /** When the worker knew (or should have known) of the violation: the one-year limitation runs from it. */
  knewOn?: IsoDate | null | undefined;
  /** Where the union joins the case (default: intake, as the one who receives it). */
  stage?: LegalStage | undefined;
  role?: UnionRole | undefined;
  workers: WorkerInput[];
}

const TYPE_LABELS: Record<DisputeType, string> = { wages: '劳动报酬', social_insurance: '社会保险', termination: '解除劳动合同', work_injury: '工伤', overtime: '加班', other: '其他' };

export async function openDispute(ctx: Ctx, input: NewDispute) {
  if (!input.workers.length) throw legalError('DISPUTE_NEEDS_WORKER');
  const parties = input.workers.map(sealWorker);
  if (new Set(parties.map((p) => p.idHash)).size !== parties.length) throw legalError('PARTY_ALREADY_ON_CASE');
  let creditCode: string | null = null;
  if (input.employerCreditCode) {
    const cc = parseUscc(input.employerCreditCode);
    if (!cc.ok) throw legalError('CREDIT_CODE_INVALID');
    creditCode = cc.code;
  }
  // The employer in the enterprise register, when it is there and in scope.
  const [enterprise] = creditCode ? await ctx.db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(eq(enterprises.creditCode, creditCode)) : [];
  const stage = input.stage ?? 'intake';
  const role = input.role ?? (flow.roles[stage]![0]! as UnionRole);
  const employerName = input.employerName.trim() || enterprise?.name || '';
  const c = await openCase(ctx, flow, {
    unitId: input.unitId,
    title: input.title?.trim() || `${parties[0]!.name}${parties.length > 1 ? `等${parties.length}人` : ''}与${employerName}${TYPE_LABELS[input.disputeType]}争议`,
    openedOn: input.openedOn,
    stage,
    role,
    events: input.knewOn ? [{ kind: 'violation_known', occurredOn: input.knewOn }] : [],
  });
  await ctx.db.insert(legalDisputes).values({
    caseId: c.id,
    channel: input.channel,
    channelNote: input.channelNote ?? null,
    disputeType: input.disputeType,
    claimedFen: input.claimedFen,
    collective: parties.length > 1,
    employerName,
    employerCreditCode: creditCode,
    enterpriseId: enterprise?.id ?? null,
    factsSealed: input.facts ? facts.seal(input.facts) : null,
  });
  await ctx.db.insert(legalParties).values(parties.map((p) => ({ caseId: c.id, ...p })));
  await recordAudit(ctx, {
    action: 'create',
    entity: 'legal_dispute',
    entityId: c.id,
    unitId: c.unitId,
    after: { channel: input.channel, disputeType: input.disputeType, claimedFen: input.claimedFen, employerName, creditCode, workers: parties.map((p) => ({ name: p.name, idMasked: p.idMasked })) },
  });
  return c;
}

export interface DisputeChanges {
  title?: string | undefined;
  channelNote?: string | null | undefined;
  disputeType?: DisputeType | undefined;
  claimedFen?: number | undefined;
  employerName?: string | undefined;
  employerCreditCode?: string | null | undefined;
  facts?: string | null | undefined;
}

/** Corrects what was taken in; the employer is linked to the register again when its code changes. */
export async function updateDispute(ctx: Ctx, caseId: number, input: DisputeChanges) {
  const c = await getCase(ctx, caseId, flow.kind);
  const [before] = await ctx.db.select().from(legalDisputes).where(eq(legalDisputes.caseId, caseId));
  if (!before) throw legalError('DISPUTE_NOT_FOUND');
  const set: Partial<typeof legalDisputes.$inferInsert> = {};
  if (input.channelNote !== undefined) set.channelNote = input.channelNote;
  if (input.disputeType !== undefined) set.disputeType = input.disputeType;
  if (input.claimedFen !== undefined) set.claimedFen = input.claimedFen;
  if (input.employerName !== undefined) set.employerName = input.employerName.trim();
  if (input.facts !== undefined) set.factsSealed = input.facts ? facts.seal(input.facts) : null;
  if (input.employerCreditCode !== undefined) {
    let code: string | null = null;
    if (input.employerCreditCode) {
      const cc = parseUscc(input.employerCreditCode);
      if (!cc.ok) throw legalError('CREDIT_CODE_INVALID');
      code = cc.code;
    }
    const [e] = code ? await ctx.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, code)) : [];
    set.employerCreditCode = code;
    set.enterpriseId = e?.id ?? null;
  }
  if (Object.keys(set).length) await ctx.db.update(legalDisputes).set(set).where(eq(legalDisputes.caseId, caseId));
  if (input.title?.trim()) await ctx.db.update(cases).set({ title: input.title.trim(), updatedAt: clock.now() }).where(eq(cases.id, caseId));
  const { factsSealed: _b, ...beforeShown } = before;
  const { factsSealed: _a, ...afterShown } = set;
  await recordAudit(ctx, {
    action: 'update',
    entity: 'legal_dispute',
    entityId: caseId,
    unitId: c.unitId,
    before: { ...beforeShown, title: c.title },
    after: { ...afterShown, ...(input.title ? { title: input.title.trim() } : {}), ...(input.facts !== undefined ? { facts: '（已更新，内容加密保存）' } : {}) },
  });
}

export async function addParty(ctx: Ctx, caseId: number, w: WorkerInput): Promise<LegalPartyRow> {
  const c = await getCase(ctx, caseId, flow.kind);
  const p = sealWorker(w);
  const [dup] = await ctx.db
    .select({ id: legalParties.id })
    .from(legalParties)
    .where(and(eq(legalParties.caseId, caseId), eq(legalParties.idHash, p.idHash)));
  if (dup) throw legalError('PARTY_ALREADY_ON_CASE');
  const [row] = (await ctx.db
    .insert(legalParties)
    .values({ caseId, ...p })
    .returning()) as [LegalPartyRow];
  await ctx.db.update(legalDisputes).set({ collective: true }).where(eq(legalDisputes.caseId, caseId));
  await recordAudit(ctx, { action: 'update', entity: 'legal_dispute.party', entityId: caseId, unitId: c.unitId, after: { name: p.name, idMasked: p.idMasked } });
  return row;
}

export function presentParty(p: LegalPartyRow) {
  return { id: p.id, name: p.name, idMasked: p.idMasked, gender: p.gender, birthYear: birthYearOf(p.birthDate), phone: maskPhone(p.phone), migrantWorker: p.migrantWorker };
}

export interface DisputeFilter {
  q?: string | undefined;
  underUnitId?: number | undefined;
  stage?: LegalStage | undefined;
  status?: 'open' | 'closed' | undefined;
  disputeType?: DisputeType | undefined;
  channel?: IntakeChannel | undefined;
  openedFrom?: IsoDate | undefined;
  openedTo?: IsoDate | undefined;
  /** Only open cases with a deadline still to be met that falls due within this many days from today. */
  deadlineWithin?: number | undefined;
  /** Only open cases with a deadline passed and not met (with `deadlineWithin`: either). */
  overdue?: boolean | undefined;
  /** With `underUnitId`: only that unit's own cases, not its subtree's. */
  ownUnitOnly?: boolean | undefined;
  /** Today, for the deadline filters (default: today in Shanghai). */
  today?: IsoDate | undefined;
  /** Only these cases (a drill-down passes its own condition). */
  where?: SQL | undefined;
  offset: number;
  limit: number;
  /** Keyset paging (exports): the rows after this one, in the list's order; `offset` is then 0. */
  after?: DisputeCursor | null | undefined;
  /** Count the whole filter (a list page's total); exports skip it. */
  withTotal?: boolean;
}

/** Where a page of cases ends, in the list's order (latest opened first, then the higher id). */
export interface DisputeCursor {
  openedOn: IsoDate;
  id: number;
}

const caseIdCol = sql.raw('"cases"."id"');

export async function listDisputes(ctx: Ctx, f: DisputeFilter) {
  const conds: (SQL | undefined)[] = [eq(cases.kind, flow.kind), f.where];
  if (f.underUnitId !== undefined) {
    const unit = await getUnit(ctx, f.underUnitId);
    if (f.ownUnitOnly) conds.push(eq(cases.unitId, unit.id));
    else {
      const [lo, hi] = subtreeRange(unit.path);
      conds.push(sql`${cases.unitId} IN (SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi})`);
    }
  }
  if (f.deadlineWithin !== undefined || f.overdue) {
    const today = f.today ?? todayInShanghai();
    const due: SQL[] = [];
    if (f.deadlineWithin !== undefined) due.push(sql`d.due_on BETWEEN ${today} AND ${addDays(today, f.deadlineWithin)}`);
    if (f.overdue) due.push(sql`d.due_on < ${today}`);
    conds.push(eq(cases.status, 'open'));
    conds.push(sql`EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = ${caseIdCol} AND d.met_on IS NULL AND (${sql.join(due, sql` OR `)}))`);
  }
  if (f.stage) conds.push(eq(cases.stage, f.stage));
  if (f.status) conds.push(eq(cases.status, f.status));
  if (f.disputeType) conds.push(eq(legalDisputes.disputeType, f.disputeType));
  if (f.channel) conds.push(eq(legalDisputes.channel, f.channel));
  if (f.openedFrom) conds.push(sql`${cases.openedOn} >= ${f.openedFrom}`);
  if (f.openedTo) conds.push(sql`${cases.openedOn} <= ${f.openedTo}`);
  if (f.q) {
    const q = f.q.trim();
    const id = parseIdCard(q);
    if (id.ok) conds.push(sql`EXISTS (SELECT 1 FROM legal_parties p WHERE p.case_id = ${caseIdCol} AND p.id_hash = ${lookupHash(id.info.number)})`);
    else {
      const like = escapeLike(q);
      conds.push(
        or(
          ilike(cases.title, like),
          ilike(legalDisputes.employerName, like),
          ilike(legalDisputes.employerCreditCode, like),
          sql`EXISTS (SELECT 1 FROM legal_parties p WHERE p.case_id = ${caseIdCol} AND p.name ILIKE ${like})`,
        ),
      );
    }
  }
  const where = and(...conds);
  const rows = await ctx.db
    .select({
      c: cases,
      d: legalDisputes,
      unitName: orgUnits.name,
      workers: sql<number>`(SELECT count(*)::int FROM legal_parties p WHERE p.case_id = ${caseIdCol})`,
      partyNames: sql<string[]>`(SELECT COALESCE(array_agg(p.name ORDER BY p.id), '{}') FROM (SELECT name, id FROM legal_parties WHERE case_id = ${caseIdCol} ORDER BY id LIMIT 3) p)`,
      recoveredFen: sql<number>`(SELECT COALESCE(sum(s.amount_fen), 0)::bigint FROM case_stages s WHERE s.case_id = ${caseIdCol})`,
      lawyerName: sql<
        string | null
      >`(SELECT l.name FROM case_assignments a JOIN lawyers l ON l.user_id = a.user_id WHERE a.case_id = ${caseIdCol} AND a.ended_on IS NULL AND a.role = 'lawyer' LIMIT 1)`,
      nextDueOn: sql<string | null>`(SELECT min(d.due_on)::text FROM case_deadlines d WHERE d.case_id = ${caseIdCol} AND d.met_on IS NULL)`,
    })
    .from(cases)
    .innerJoin(legalDisputes, eq(legalDisputes.caseId, cases.id))
    // A worker's own case held above their union is listed though its unit is out of their scope.
    .leftJoin(orgUnits, eq(orgUnits.id, cases.unitId))
    .where(f.after ? and(where, sql`(${cases.openedOn}, ${cases.id}) < (${f.after.openedOn}::date, ${f.after.id})`) : where)
    .orderBy(desc(cases.openedOn), desc(cases.id))
    .offset(f.after ? 0 : f.offset)
    .limit(f.limit);
  const last = rows.at(-1);
  const next: DisputeCursor | null = last && rows.length === f.limit ? { openedOn: last.c.openedOn, id: last.c.id } : null;
  const counted: ListTotal =
    f.withTotal === false
      ? { total: -1, totalCapped: false }
      : await countCapped(ctx.db, ctx.db.select({ one: sql`1` }).from(cases).innerJoin(legalDisputes, eq(legalDisputes.caseId, cases.id)).where(where).getSQL());
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      ref: caseRef(r.c),
      title: r.c.title,
      unitId: r.c.unitId,
      unitName: r.unitName ?? '',
      stage: r.c.stage,
      status: r.c.status,
      openedOn: r.c.openedOn,
      closedOn: r.c.closedOn,
      result: r.c.result,
      channel: r.d.channel,
      disputeType: r.d.disputeType,
      claimedFen: r.d.claimedFen,
      recoveredFen: Number(r.recoveredFen),
      collective: r.d.collective,
      employerName: r.d.employerName,
      employerCreditCode: r.d.employerCreditCode,
      workers: r.workers,
      partyNames: r.partyNames,
      lawyerName: r.lawyerName,
      nextDueOn: r.nextDueOn,
    })),
    ...counted,
    next,
  };
}

/** The whole case: the engine's record, the dispute, its workers (masked) and legal aid; the view is logged. */
export async function disputeRecord(ctx: Ctx, caseId: number, today: IsoDate = todayInShanghai()) {
  const record = await caseRecord(ctx, flow, caseId, today);
  const [d] = await ctx.db.select().from(legalDisputes).where(eq(legalDisputes.caseId, caseId));
  if (!d) throw legalError('DISPUTE_NOT_FOUND');
  const parties = await ctx.db.select().from(legalParties).where(eq(legalParties.caseId, caseId)).orderBy(asc(legalParties.id));
  const aid = await ctx.db.select().from(legalAidRequests).where(eq(legalAidRequests.caseId, caseId)).orderBy(asc(legalAidRequests.id));
  const [unit] = await ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, record.case.unitId));
  await recordAudit(ctx, { action: 'view', entity: 'legal_dispute', entityId: caseId, unitId: record.case.unitId, reason: '查看劳动争议案件' });
  return {
    id: record.case.id,
    ref: caseRef(record.case),
    title: record.case.title,
    unitId: record.case.unitId,
    unitName: unit?.name ?? '',
    stage: record.case.stage,
    status: record.case.status,
    openedOn: record.case.openedOn,
    closedOn: record.case.closedOn,
    result: record.case.result,
    resultNote: record.case.resultNote,
    channel: d.channel,
    channelNote: d.channelNote,
    disputeType: d.disputeType,
    claimedFen: d.claimedFen,
    recoveredFen: record.stages.reduce((s, x) => s + x.amountFen, 0),
    collective: d.collective,
    employerName: d.employerName,
    employerCreditCode: d.employerCreditCode,
    enterpriseId: d.enterpriseId,
    facts: d.factsSealed ? facts.unseal(d.factsSealed) : null,
    parties: parties.map(presentParty),
    stages: record.stages.map((s) => ({ seq: s.seq, stage: s.stage, role: s.role, startedOn: s.startedOn, endedOn: s.endedOn, outcome: s.outcome, amountFen: s.amountFen, note: s.note })),
    events: record.events,
    deadlines: record.deadlines,
    assignments: record.assignments,
    documents: record.documents,
    aidRequests: aid.map(presentAid),
  };
}

// ── Assignment and legal aid ────────────────────────────────────────────────────────────────

// What the case's workers are told on the portal (those with a portal account; see notifyPerson).

async function caseFacts(ctx: Ctx, c: CaseRow): Promise<CaseFacts> {
  const [unit] = await ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, c.unitId));
  return { id: c.id, ref: caseRef(c), title: c.title, unitName: unit?.name ?? '受理工会' };
}

/** Tells each worker of the case (or only the given party) on the portal. */
async function tellWorkers(ctx: Ctx, c: CaseRow, notice: { kind: string; title: string; body: string; link: string }, partyId?: number): Promise<void> {
  const parties = await ctx.db
    .select({ idHash: legalParties.idHash })
    .from(legalParties)
    .where(and(eq(legalParties.caseId, c.id), partyId === undefined ? undefined : eq(legalParties.id, partyId)));
  for (const p of parties) await notifyPerson(ctx, { person: { idHash: p.idHash }, unitId: c.unitId, ...notice });
}

async function assign(ctx: Ctx, caseId: number, input: { lawyerId: number; assignedOn: IsoDate }): Promise<LawyerRow> {
  const l = await getLawyer(ctx, input.lawyerId);
  if (!l.userId || !l.active || !l.available) throw legalError('LAWYER_UNAVAILABLE');
  await assignCase(ctx, flow, caseId, { userId: l.userId, role: 'lawyer', assignedOn: input.assignedOn });
  return l;
}

/** Assigns a case to a lawyer of the team (who must be available and have a login); the case's workers are told. */
export async function assignLawyer(ctx: Ctx, caseId: number, input: { lawyerId: number; assignedOn: IsoDate }) {
  const l = await assign(ctx, caseId, input);
  const c = await getCase(ctx, caseId, flow.kind);
  await tellWorkers(ctx, c, lawyerAssignedNotice(await caseFacts(ctx, c), l));
}

/** Closes a dispute with its result (the case engine's rules); the case's workers are told the outcome. */
export async function closeDispute(ctx: Ctx, caseId: number, input: { result: string; closedOn: IsoDate; note?: string | null | undefined }) {
  await closeCase(ctx, flow, caseId, input);
  const c = await getCase(ctx, caseId, flow.kind);
  const [won] = await ctx.db
    .select({ fen: sql<number>`COALESCE(sum(${caseStages.amountFen}), 0)::bigint` })
    .from(caseStages)
    .where(eq(caseStages.caseId, caseId));
  await tellWorkers(ctx, c, caseClosedNotice(await caseFacts(ctx, c), { result: input.result, closedOn: input.closedOn, recoveredFen: Number(won?.fen ?? 0), note: input.note ?? null }));
}

export async function requestAid(ctx: Ctx, caseId: number, input: { partyId: number; requestedOn: IsoDate; reason: string }): Promise<LegalAidRow> {
  const c = await getCase(ctx, caseId, flow.kind);
  const [party] = await ctx.db
    .select()
    .from(legalParties)
    .where(and(eq(legalParties.caseId, caseId), eq(legalParties.id, input.partyId)));
  if (!party) throw legalError('PARTY_NOT_FOUND');
  if (input.requestedOn > todayInShanghai()) throw legalError('AID_DATE_INVALID');
  const [row] = (await ctx.db.insert(legalAidRequests).values({ caseId, partyId: party.id, requestedOn: input.requestedOn, reason: input.reason.trim(), createdBy: ctx.actor.userId }).returning()) as [
    LegalAidRow,
  ];
  await recordAudit(ctx, { action: 'create', entity: 'legal_aid', entityId: row.id, unitId: c.unitId, after: { caseId, party: party.name, requestedOn: row.requestedOn } });
  return row;
}

export async function getAid(ctx: Ctx, id: number): Promise<LegalAidRow> {
  const [row] = await ctx.db.select().from(legalAidRequests).where(eq(legalAidRequests.id, id));
  if (!row) throw legalError('AID_NOT_FOUND');
  return row;
}

/** The union decides; granting assigns the lawyer in the same step. */
export async function decideAid(
  ctx: Ctx,
  id: number,
  input: { decision: Exclude<AidDecision, 'pending'>; decidedOn: IsoDate; note?: string | null | undefined; lawyerId?: number | null | undefined },
) {
  const before = await getAid(ctx, id);
  if (before.decision !== 'pending') throw legalError('AID_ALREADY_DECIDED');
  if (input.decision === 'granted' && !input.lawyerId) throw legalError('AID_NEEDS_LAWYER');
  if (input.decidedOn < before.requestedOn || input.decidedOn > todayInShanghai()) throw legalError('AID_DATE_INVALID');
  const lawyer = input.decision === 'granted' ? await assign(ctx, before.caseId, { lawyerId: input.lawyerId!, assignedOn: input.decidedOn }) : null;
  const [after] = await ctx.db
    .update(legalAidRequests)
    .set({ decision: input.decision, decidedOn: input.decidedOn, decidedBy: ctx.actor.userId, decisionNote: input.note ?? null, lawyerId: input.decision === 'granted' ? input.lawyerId! : null })
    .where(and(eq(legalAidRequests.caseId, before.caseId), eq(legalAidRequests.id, id)))
    .returning();
  const c = await getCase(ctx, before.caseId);
  await recordAudit(ctx, { action: 'update', entity: 'legal_aid', entityId: id, unitId: c.unitId, before, after });
  const facts = await caseFacts(ctx, c);
  await tellWorkers(ctx, c, aidDecidedNotice(facts, lawyer ? { granted: true, lawyer, note: after!.decisionNote } : { granted: false, note: after!.decisionNote }), before.partyId);
  return after!;
}

export function presentAid(a: LegalAidRow) {
  return {
    id: a.id,
    caseId: a.caseId,
    partyId: a.partyId,
    requestedOn: a.requestedOn,
    reason: a.reason,
    decision: a.decision,
    decidedOn: a.decidedOn,
    decisionNote: a.decisionNote,
    lawyerId: a.lawyerId,
  };
}

// ── Figures ─────────────────────────────────────────────────────────────────────────────────

export const LEGAL_FIGURES = ['received', 'mediated', 'arbitrations', 'lawsuits', 'recovered', 'workers'] as const;
export type LegalFigure = (typeof LEGAL_FIGURES)[number];

export const FIGURE_DEFINITIONS: Record<LegalFigure, { label: string; definition: string }> = {
  received: { label: '受理劳动争议案件', definition: '期间内经服务站、热线、职工服务平台或转介受理（立案）的劳动争议案件数' },
  mediated: { label: '调解成功', definition: '期间内调解阶段结束且达成调解协议的案件数' },
  arbitrations: { label: '参与劳动争议仲裁', definition: '期间内工会（仲裁员、职工代理人）参与、进入仲裁阶段的案件数' },
  lawsuits: { label: '参与劳动争议诉讼', definition: '期间内工会（劳动法律监督员、职工代理人）参与的一审、二审诉讼数（一案经一审、二审计两起）' },
  recovered: { label: '为职工挽回金额（分）', definition: '期间内结束的各阶段（调解协议、仲裁、判决等）为职工实际取得的金额合计' },
  workers: { label: '帮助职工人数', definition: '期间内立案（受理或参与）的案件所涉职工人数，按身份证号去重' },
};

/** The SQL that makes each figure: over a case alias `c`, with its own date column. */
function figureCondition(figure: LegalFigure, from: IsoDate, to: IsoDate): SQL {
  switch (figure) {
    case 'received':
      return sql`c.opened_on BETWEEN ${from} AND ${to} AND EXISTS (SELECT 1 FROM legal_disputes d WHERE d.case_id = c.id AND d.channel IN ('station','hotline','portal','referral'))`;
    case 'mediated':
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.stage = 'mediation' AND s.outcome = 'agreement' AND s.ended_on BETWEEN ${from} AND ${to})`;
    case 'arbitrations':
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.stage = 'arbitration' AND s.started_on BETWEEN ${from} AND ${to})`;
    case 'lawsuits':
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.stage IN ('first_instance','appeal') AND s.started_on BETWEEN ${from} AND ${to})`;
    case 'recovered':
      return sql`EXISTS (SELECT 1 FROM case_stages s WHERE s.case_id = c.id AND s.amount_fen > 0 AND s.ended_on BETWEEN ${from} AND ${to})`;
    case 'workers':
      return sql`c.opened_on BETWEEN ${from} AND ${to}`;
  }
}

export interface FigureRow {
  received: number;
  mediated: number;
  arbitrations: number;
  lawsuits: number;
  recovered: number;
  workers: number;
}

/**
 * The figures for a unit's subtree over a period, and for each unit directly below it. Cases a
 * user cannot see (another county's, or for a lawyer those not assigned) are not counted.
 */
export async function legalStatistics(ctx: Ctx, f: { unitId?: number | undefined; from: IsoDate; to: IsoDate }) {
  if (f.from > f.to) throw legalError('STATISTICS_PERIOD_INVALID');
  const unit = await getUnit(ctx, f.unitId ?? ctx.scope.unitId);
  const [lo, hi] = subtreeRange(unit.path);
  // Each case's bucket: the child of `unit` it lies under, or the unit itself.
  const bucket = sql`COALESCE(NULLIF(split_part(u.path, '/', ${unit.depth + 3}), '')::int, ${unit.id})`;
  const base = sql`FROM cases c JOIN org_units u ON u.id = c.unit_id WHERE c.kind = ${flow.kind} AND u.path >= ${lo} AND u.path < ${hi}`;
  const { from, to } = f;
  const r = await ctx.db.execute(sql`
    SELECT ${bucket} AS bucket,
      count(*) FILTER (WHERE ${figureCondition('received', from, to)})::int AS received,
      count(*) FILTER (WHERE ${figureCondition('mediated', from, to)})::int AS mediated,
      COALESCE(sum((SELECT count(*) FROM case_stages s WHERE s.case_id = c.id AND s.stage = 'arbitration' AND s.started_on BETWEEN ${from} AND ${to})), 0)::int AS arbitrations,
      COALESCE(sum((SELECT count(*) FROM case_stages s WHERE s.case_id = c.id AND s.stage IN ('first_instance','appeal') AND s.started_on BETWEEN ${from} AND ${to})), 0)::int AS lawsuits,
      COALESCE(sum((SELECT sum(s.amount_fen) FROM case_stages s WHERE s.case_id = c.id AND s.ended_on BETWEEN ${from} AND ${to})), 0)::bigint AS recovered
    ${base} GROUP BY 1`);
  const workers = await ctx.db.execute(sql`
    SELECT ${bucket} AS bucket, count(DISTINCT p.id_hash)::int AS workers
      FROM cases c JOIN org_units u ON u.id = c.unit_id JOIN legal_parties p ON p.case_id = c.id
     WHERE c.kind = ${flow.kind} AND u.path >= ${lo} AND u.path < ${hi} AND ${figureCondition('workers', from, to)} GROUP BY 1`);
  const totalWorkers = await ctx.db.execute(sql`
    SELECT count(DISTINCT p.id_hash)::int AS workers
      FROM cases c JOIN org_units u ON u.id = c.unit_id JOIN legal_parties p ON p.case_id = c.id
     WHERE c.kind = ${flow.kind} AND u.path >= ${lo} AND u.path < ${hi} AND ${figureCondition('workers', from, to)}`);
  const byBucket = new Map<number, FigureRow>();
  const zero = (): FigureRow => ({ received: 0, mediated: 0, arbitrations: 0, lawsuits: 0, recovered: 0, workers: 0 });
  for (const row of rowsOf<FigureRow & { bucket: number }>(r)) byBucket.set(Number(row.bucket), { ...zero(), ...row, recovered: Number(row.recovered) });
  for (const row of rowsOf<{ bucket: number; workers: number }>(workers)) {
    const b = byBucket.get(Number(row.bucket)) ?? zero();
    b.workers = row.workers;
    byBucket.set(Number(row.bucket), b);
  }
  const total = zero();
  for (const b of byBucket.values()) for (const k of LEGAL_FIGURES) if (k !== 'workers') total[k] += b[k];
  total.workers = rowsOf<{ workers: number }>(totalWorkers)[0]?.workers ?? 0;
  const children = await ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), eq(orgUnits.status, 'active')));
  const rows = [...children.sort((a, b) => zhCollator.compare(a.name, b.name)).map((c) => ({ unitId: c.id, unitName: c.name, ...(byBucket.get(c.id) ?? zero()) }))];
  const own = byBucket.get(unit.id);
  if (own) rows.push({ unitId: unit.id, unitName: `${unit.name}（本级）`, ...own });
  return {
    unit: { id: unit.id, name: unit.name },
    from,
    to,
    totals: total,
    definitions: LEGAL_FIGURES.map((k) => ({ key: k, ...FIGURE_DEFINITIONS[k] })),
    byUnit: rows,
  };
}

/**
 * The cases behind a figure: the unit's whole subtree, or with `own` only the unit's own cases
 * (the 本级 row of the figures).
 */
export async function drillDownLegal(ctx: Ctx, f: { figure: LegalFigure; unitId?: number | undefined; own?: boolean | undefined; from: IsoDate; to: IsoDate; offset: number; limit: number }) {
  if (f.from > f.to) throw legalError('STATISTICS_PERIOD_INVALID');
  const cond = figureCondition(f.figure, f.from, f.to);
  return listDisputes(ctx, {
    underUnitId: f.unitId ?? ctx.scope.unitId,
    ownUnitOnly: f.own,
    where: sql`${caseIdCol} IN (SELECT c.id FROM cases c WHERE ${cond})`,
    offset: f.offset,
    limit: f.limit,
  });
}
