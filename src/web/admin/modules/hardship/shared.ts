/** 困难职工帮扶: wire types, code lists, money in fen, identifier checks, file download/upload (shared with relief). */
import { useEffect, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { api, uploadFile as apiUpload } from '../../lib/api.ts';
import { todayInShanghai } from '../../lib/time.ts';
import { idCardCheckChar, MOBILE_FORMAT, parseIdCard } from '../../../../shared/identifiers.ts';

export const HBASE = '/api/v1/hardship';

// ---- wire types ----
export type Grade = 'deep' | 'relative' | 'accident';
export type HouseholdStatus = 'applied' | 'verified' | 'in_notice' | 'filed' | 'not_filed' | 'exited';
export interface Household {
  id: number;
  unitId: number;
  unitName?: string;
  status: HouseholdStatus;
  intake: string;
  workerName: string;
  idMasked: string;
  gender: string;
  birthYear: number;
  ethnicity: string | null;
  health: string | null;
  disability: string | null;
  employment: string | null;
  employer: string | null;
  industry: string | null;
  housing: string | null;
  phone: string | null;
  address: string | null;
  migrantWorker: boolean;
  employedSince: string | null;
  mainCause: string;
  secondaryCauses: string[];
  bankName: string | null;
  bankAccountMasked: string | null;
  accident: boolean;
  householdSize: number;
  grade: Grade | null;
  appliedOn: string;
  noticeFrom: string | null;
  noticeUntil: string | null;
  filedOn: string | null;
  nextReviewDue: string | null;
  exitedOn: string | null;
  exitReason: string | null;
}
export interface GradeBasis {
  grade: Grade | null;
  incomeFen: number;
  rigidExpenseFen: number;
  hardshipCostFen: number;
  householdSize: number;
  monthlyPerCapitaFen: number;
  deepLineFen: number;
  relativeLineFen: number;
  standard: { unitId: number; validFrom: string; minimumLivingFen: number; deepPct: number; relativePct: number; accidentCostPct: number; migrantMinMonths: number };
  steps: string[];
}
export interface HouseholdFile {
  household: Household;
  members: { seq: number; name: string; relation: string; birthYear: number | null; idMasked: string | null; health: string | null; occupation: string | null; schoolLevel: string | null }[];
  history: { id: number; action: string; onDate: string; actorName: string; details: unknown; at: string }[];
  attachments: { id: number; fileName: string; contentType: string; size: number; note: string | null; uploadedAt: string }[];
}
export interface Sensitive {
  idNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  members: { seq: number; name: string; relation: string; idNumber: string | null }[];
  finances: { seq: number; kind: string; category: string; annualFen: number; hardshipCost: boolean; note: string | null }[];
  gradeBasis: GradeBasis | null;
}
export interface Standard {
  unitId: number;
  validFrom: string;
  minimumLivingFen: number;
  deepPct?: number;
  relativePct?: number;
  accidentCostPct?: number;
  migrantMinMonths?: number;
  reviewMonths?: number;
  noticeDays?: number;
}
export interface CodeLists {
  causes: Record<string, string>;
  grades: Record<string, string>;
  exitReasons: Record<string, string>;
}

export const STATUS_LABELS: Record<HouseholdStatus, string> = {
  applied: '待入户核查',
  verified: '已核查待公示',
  in_notice: '公示中',
  filed: '已建档',
  not_filed: '不予建档',
  exited: '已退出',
};
export const STATUS_COLORS: Record<HouseholdStatus, string> = { applied: 'gold', verified: 'blue', in_notice: 'purple', filed: 'green', not_filed: 'default', exited: 'default' };
export const GRADE_COLORS: Record<Grade, string> = { deep: 'red', relative: 'orange', accident: 'volcano' };
export const INTAKE_LABELS: Record<string, string> = { existing: '存量', new: '增量', returned: '返困' };
export const ACTION_LABELS: Record<string, string> = {
  registered: '登记申请',
  visited: '入户核查',
  notice_started: '开始公示',
  filed: '建档',
  objection_upheld: '公示异议成立，不予建档',
  reviewed: '年度复核',
  exited: '退出档案',
  reentered: '返困，重新核查',
  attachment_added: '上传证明材料',
  edited: '修改档案信息',
};
export const SCHOOL_LEVELS: Record<string, string> = { high_school: '高中', vocational: '中职', college: '大学（含高职）' };

// ---- code lists (read once per page load) ----
let codeListsPromise: Promise<CodeLists> | null = null;
export function useHardshipCodes(): CodeLists {
  const [lists, setLists] = useState<CodeLists>({ causes: {}, grades: { deep: '深度困难', relative: '相对困难', accident: '意外致困' }, exitReasons: {} });
  useEffect(() => {
    let live = true;
    codeListsPromise ??= api.get<CodeLists>(`${HBASE}/code-lists`);
    codeListsPromise
      .then((r) => live && setLists(r))
      .catch(() => {
        codeListsPromise = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return lists;
}

// ---- money: yuan typed, fen sent (no floating point on the way) ----
export const YUAN_FORMAT = /^\d{1,9}(\.\d{1,2})?$/;
/** '1234.5' → 123450; null when it is not an amount in yuan with at most two decimals. */
export function yuanToFen(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim().replace(/,/g, '');
  if (!YUAN_FORMAT.test(s)) return null;
  const [int, dec = ''] = s.split('.') as [string, string?];
  return Number(int) * 100 + Number(`${dec}00`.slice(0, 2));
}
/** 123450 → '1,234.50' */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const int = Math.floor(abs / 100).toLocaleString('en-US');
  const dec = String(abs % 100).padStart(2, '0');
  return `${neg ? '−' : ''}${int}.${dec}`;
}
export const money = (fen: number | null | undefined) => `¥${fenToYuan(fen)}`;
/** A rule for antd forms: an amount in yuan (required unless optional). */
export const yuanRule = (label: string, optional = false) => ({
  validator: async (_: unknown, v: unknown) => {
    if ((v === undefined || v === null || v === '') && optional) return;
    if (v === undefined || v === null || v === '') throw new Error(`请填写${label}`);
    if (yuanToFen(v as string) === null) throw new Error(`${label}应为金额（元），最多两位小数`);
  },
});

// ---- dates ----
export { notFuture } from '../../lib/time.ts';
export const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

// ---- identifiers: the server's own rules (src/shared/identifiers.ts); the server checks them again ----

/** GB 11643: what is wrong with an ID number, in words, or null when it is right (lower-case x accepted). */
export function idProblem(raw: string): string | null {
  const r = parseIdCard(raw, todayInShanghai());
  if (r.ok) return null;
  if (r.problem === 'format') return '身份证号应为 18 位，最后一位可为 X';
  if (r.problem === 'date') return '身份证号中的出生日期不存在';
  return `身份证号校验位不正确（按前 17 位应为 ${idCardCheckChar(raw.trim().slice(0, 17))}）`;
}
export const idRule = (optional = false) => ({
  validator: async (_: unknown, v: unknown) => {
    if (!v && optional) return;
    if (!v) throw new Error('请填写身份证号');
    const p = idProblem(String(v));
    if (p) throw new Error(p);
  },
});
export { MOBILE_FORMAT };
export const BANK_ACCOUNT_FORMAT = /^\d{12,30}$/;

// ---- files ----
export { downloadFile } from '../../lib/api.ts';

/** Sends one file as multipart/form-data (field `file`, optional `note`) with the session's CSRF header. */
export const uploadFile = <T>(path: string, file: File, _csrfToken?: string, note?: string): Promise<T> => apiUpload<T>(path, file, { fields: { note } });
