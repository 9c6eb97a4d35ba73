/** 送温暖与助学: wire types and code lists of relief campaigns, applications, batches and reports. */
import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';

export const RBASE = '/api/v1/relief';

export type CampaignKind = 'festival' | 'student_aid' | 'custom';
export type ApprovalStatus = 'pending' | 'in_notice' | 'approved' | 'rejected';
export type ChainStep = { kind: 'decide'; level: 'grassroots' | 'county' | 'city'; label?: string } | { kind: 'notice'; days: number; label?: string };

export interface Campaign {
  id: number;
  unitId: number;
  kind: CampaignKind;
  subject: 'household' | 'student';
  name: string;
  periodFrom: string;
  periodTo: string;
  rules: { grades?: string[]; allowNotFiled?: boolean; schoolLevels?: string[]; excludeFundedElsewhere?: boolean };
  standards: { byGrade?: Partial<Record<string, number>>; bySchool?: Partial<Record<string, { filed: number; notFiled: number }>> };
  chainId: number;
  fundId: number;
  status: string;
}
export interface Totals {
  raised: number;
  available: number;
  committed: number;
  paid: number;
}
export interface Template {
  kind: CampaignKind;
  subject: 'household' | 'student';
  name: string;
  rules: Campaign['rules'];
  standards: Campaign['standards'];
  steps: ChainStep[];
}
export interface Check {
  rule: string;
  ok: boolean;
  reason: string;
}
export interface Application {
  id: number;
  campaignId: number;
  unitId: number;
  unitName?: string;
  householdId: number | null;
  archived: boolean;
  grade: string | null;
  name: string;
  idMasked: string;
  people: number;
  guardianName: string | null;
  school: string | null;
  schoolLevel: string | null;
  fundedElsewhere: boolean;
  bankName: string | null;
  bankAccountMasked: string | null;
  eligibility: Check[];
  amountFen: number;
  batchId: number | null;
  paidOn: string | null;
  status?: ApprovalStatus;
}
export interface Entry {
  fundId: number;
  id: number;
  kind: string;
  unitId: number;
  memo: string;
  refType: string | null;
  refId: string | null;
  postedOn: string;
  postedByName: string;
}
export interface Line {
  fundId: number;
  lineId: number;
  entryId: number;
  amount: number;
  accountId: number;
  accountKind: string;
  accountCode: string;
  accountName: string;
  unitId: number;
  entryKind: string;
  memo: string;
  refType: string | null;
  refId: string | null;
  postedOn: string;
  postedByName: string;
}
export interface ApplicationDetail {
  application: Application;
  steps: { index: number; kind: string; label: string; level: string | null; decision: { kind: string; decidedByName: string; reason: string | null; decidedOn: string } | null }[];
  currentLabel: string;
  noticeFrom: string | null;
  noticeUntil: string | null;
  postings: Entry[];
}
export interface Outcome {
  requestId: number;
  applicationId?: number;
  name?: string;
  amountFen?: number;
  ok: boolean;
  code?: string;
  message?: string;
  from: { step: number; status: string; label: string };
  to?: { step: number; status: string; label: string };
}
export interface BulkPreview {
  items: Outcome[];
  willDecide: number;
  refused: number;
  commitFen: number;
  pools: { unitId: number; unitName: string; availableFen: number; neededFen: number; enough: boolean }[];
}
export interface Batch {
  id: number;
  campaignId: number;
  unitId: number;
  unitName?: string;
  status: string;
  count: number;
  totalFen: number;
  createdAt: string;
  exportedAt: string | null;
  paidOn: string | null;
  bankReference: string | null;
}
export interface SummaryRow {
  unitId: number;
  unitName: string;
  kind: 'own' | 'child' | 'total';
  applications: number;
  approved: number;
  households: number;
  people: number;
  raisedFen: number;
  allocatedFen: number;
  committedFen: number;
  paidFen: number;
  availableFen: number;
}
export interface Summary {
  campaign: { id: number; name: string; kind: string; subject: string; periodFrom: string; periodTo: string };
  unit: { id: number; name: string };
  rows: SummaryRow[];
  total: SummaryRow;
  byGrade: { grade: string; households: number; people: number; paid: number }[];
}
export interface StudentAid {
  campaign: { id: number; name: string };
  unit: { id: number; name: string };
  items: { schoolLevel: string; archived: boolean; approved: number; paid: number; approvedFen: number; paidFen: number }[];
  total: { approved: number; paid: number; approvedFen: number; paidFen: number };
}
export type Figure = 'applications' | 'approved' | 'households' | 'raised' | 'allocated' | 'committed' | 'paid' | 'available';
export interface Drill {
  kind: 'applications' | 'lines';
  applications: Application[];
  lines: Line[];
  total: number;
  amountFen: number;
}

export const KIND_LABELS: Record<CampaignKind, string> = { festival: '两节慰问', student_aid: '金秋助学', custom: '其他帮扶项目' };
export const STATUS_LABELS: Record<ApprovalStatus, string> = { pending: '审批中', in_notice: '公示中', approved: '已批准', rejected: '未通过' };
export const STATUS_COLORS: Record<ApprovalStatus, string> = { pending: 'gold', in_notice: 'purple', approved: 'green', rejected: 'default' };
export const LEVEL_LABELS: Record<string, string> = { grassroots: '基层工会', county: '县级工会', city: '市总工会' };
export const ENTRY_KIND_LABELS: Record<string, string> = { raise: '筹集', allocate: '拨付', commit: '核定', pay: '发放' };
export const FIGURE_LABELS: Record<Figure, string> = {
  applications: '申请数',
  approved: '批准数',
  households: '已发放户（人）数',
  raised: '筹集资金',
  allocated: '上级拨付',
  committed: '已批待付',
  paid: '已发放金额',
  available: '结余',
};

export interface ReliefCodes {
  fundSources: Record<string, string>;
  schoolLevels: Record<string, string>;
  grades: Record<string, string>;
}
let codesPromise: Promise<ReliefCodes> | null = null;
export function useReliefCodes(): ReliefCodes {
  const [codes, setCodes] = useState<ReliefCodes>({
    fundSources: { city: '市总工会拨款', county: '县级工会配套', enterprise: '企业捐助', donation: '社会捐赠' },
    schoolLevels: { high_school: '高中', vocational: '中职', college: '大学（含高职）' },
    grades: { deep: '深度困难', relative: '相对困难', accident: '意外致困', not_filed: '未建档' },
  });
  useEffect(() => {
    let live = true;
    codesPromise ??= api.get<ReliefCodes>(`${RBASE}/code-lists`);
    codesPromise
      .then((r) => live && setCodes(r))
      .catch(() => {
        codesPromise = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return codes;
}

/** The campaigns the user can see (for pickers), newest first. */
export function useCampaigns(version = 0): Campaign[] {
  const [items, setItems] = useState<Campaign[]>([]);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: Campaign[] }>(`${RBASE}/campaigns`, { pageSize: 200 })
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [version]);
  return items;
}

export function stepText(s: ChainStep): string {
  return s.label ?? (s.kind === 'notice' ? `公示 ${s.days} 天` : `${LEVEL_LABELS[s.level]}审核`);
}

/** A campaign's approval chain, as GET campaign gives it. */
export interface ChainStepView {
  kind: 'decide' | 'notice';
  level: string | null;
  days: number | null;
  label: string;
}
