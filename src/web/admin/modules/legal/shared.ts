/** 法律服务: wire types, code lists and money helpers (amounts travel in fen, people read yuan). */
import { parseUscc } from '../../../../shared/identifiers.ts';

export const BASE = '/api/v1/legal';

export const STAGES = ['intake', 'mediation', 'arbitration', 'first_instance', 'appeal'] as const;
export type Stage = (typeof STAGES)[number];
export const ROLES_AT: Record<Stage, string[]> = {
  intake: ['supervisor'],
  mediation: ['mediator'],
  arbitration: ['arbitrator', 'workers_agent'],
  first_instance: ['workers_agent', 'supervisor'],
  appeal: ['workers_agent', 'supervisor'],
};
export const NEXT: Record<Stage, Stage[]> = {
  intake: ['mediation', 'arbitration', 'first_instance', 'appeal'],
  mediation: ['arbitration'],
  arbitration: ['first_instance'],
  first_instance: ['appeal'],
  appeal: [],
};
export const OUTCOMES: Record<Stage, string[]> = {
  intake: ['referred', 'advice_only'],
  mediation: ['agreement', 'failed', 'withdrawn'],
  arbitration: ['award', 'mediated', 'withdrawn', 'not_accepted'],
  first_instance: ['judgment', 'mediated', 'withdrawn'],
  appeal: ['judgment', 'mediated', 'withdrawn'],
};
export const CHANNELS = ['station', 'hotline', 'portal', 'referral', 'arbitration_committee', 'court'] as const;
export const DISPUTE_TYPES = ['wages', 'social_insurance', 'termination', 'work_injury', 'overtime', 'other'] as const;
export const EVENTS = [
  'violation_known',
  'limitation_interrupted',
  'arbitration_applied',
  'arbitration_accepted',
  'arbitration_extended',
  'award_served',
  'lawsuit_filed',
  'judgment_served',
  'appeal_filed',
  'appeal_judgment_served',
] as const;
export const RESULTS = ['mediation_agreement', 'award', 'judgment', 'settled', 'withdrawn', 'advice_only', 'other'] as const;
/** The result a case usually closes with after a stage's outcome. */
export const RESULT_FOR: Record<string, string> = { agreement: 'mediation_agreement', award: 'award', judgment: 'judgment', mediated: 'settled', withdrawn: 'withdrawn', advice_only: 'advice_only' };
export const FIGURES = ['received', 'mediated', 'arbitrations', 'lawsuits', 'recovered', 'workers'] as const;
export type Figure = (typeof FIGURES)[number];

export interface Lawyer {
  id: number;
  unitId: number;
  userId: number | null;
  name: string;
  licenceNo: string;
  firm: string;
  phone: string | null;
  available: boolean;
  availabilityNote: string | null;
  active: boolean;
  joinedOn: string;
  unitsServed?: { id: number; name: string }[];
  openCases?: number;
}

export interface DisputeRow {
  id: number;
  ref: string;
  title: string;
  unitId: number;
  unitName: string;
  stage: Stage;
  status: 'open' | 'closed';
  openedOn: string;
  closedOn: string | null;
  result: string | null;
  channel: string;
  disputeType: string;
  claimedFen: number;
  recoveredFen: number;
  collective: boolean;
  employerName: string;
  employerCreditCode: string | null;
  workers: number;
  partyNames: string[];
  lawyerName: string | null;
  nextDueOn: string | null;
}

export type DeadlineState = 'met' | 'open' | 'due_soon' | 'overdue' | 'void';
export interface Deadline {
  key: string;
  label: string;
  basis: string;
  fromOn: string;
  dueOn: string;
  /** The rest day the period ended on, when the due date moved past it. */
  nominalDueOn: string | null;
  /** Whether the official calendar holds the year (else only weekends moved it). */
  calendarHeld: boolean;
  extended: boolean;
  metOn: string | null;
  state: DeadlineState;
  daysLeft: number;
  lateBy: number;
}
export interface Party {
  id: number;
  name: string;
  idMasked: string;
  gender: string;
  birthYear: number;
  phone: string | null;
  migrantWorker: boolean;
}
export interface Aid {
  id: number;
  caseId: number;
  partyId: number;
  requestedOn: string;
  reason: string;
  decision: 'pending' | 'granted' | 'refused';
  decidedOn: string | null;
  decisionNote: string | null;
  lawyerId: number | null;
}
export interface CaseDocument {
  id: number;
  caseId: number;
  stageSeq: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  note: string | null;
  uploadedAt: string;
}
export interface StageRow {
  seq: number;
  stage: Stage;
  role: string;
  startedOn: string;
  endedOn: string | null;
  outcome: string | null;
  amountFen: number;
  note: string | null;
}
export interface Dispute extends Omit<DisputeRow, 'workers' | 'partyNames' | 'lawyerName' | 'nextDueOn'> {
  resultNote: string | null;
  channelNote: string | null;
  enterpriseId: number | null;
  facts: string | null;
  parties: Party[];
  stages: StageRow[];
  events: { id: number; kind: string; occurredOn: string; stageSeq: number | null; note: string | null }[];
  deadlines: Deadline[];
  assignments: { id: number; userId: number; name: string; role: string; assignedOn: string; endedOn: string | null }[];
  documents: CaseDocument[];
  aidRequests: Aid[];
}
export interface FigureRow {
  received: number;
  mediated: number;
  arbitrations: number;
  lawsuits: number;
  recovered: number;
  workers: number;
}
export interface Statistics {
  unit: { id: number; name: string };
  from: string;
  to: string;
  totals: FigureRow;
  definitions: { key: Figure; label: string; definition: string }[];
  byUnit: (FigureRow & { unitId: number; unitName: string })[];
}

// ---- money ----
/** Fen to a yuan string with two decimals and thousands separators. */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
/** A yuan amount typed by a person ("12,345.6") to whole fen, or null when it is not an amount. */
export function toFen(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

// ---- identifiers: the server's own rules (src/shared/identifiers.ts); the server checks them again ----
/** GB 32100: why a credit code is wrong, or null. */
export function creditCodeProblem(raw: string): 'format' | 'check' | null {
  const r = parseUscc(raw);
  return r.ok ? null : r.problem === 'checksum' ? 'check' : 'format';
}

export const DEADLINE_COLOR: Record<DeadlineState, string> = { overdue: 'red', due_soon: 'orange', open: 'blue', met: 'green', void: 'default' };
