/** 会员与建会: wire types, code lists, file download/upload and the identifier checks done in the browser too. */
import { useEffect, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { api, downloadFile as apiDownload, uploadFile as apiUpload, type withQuery } from '../../lib/api.ts';
import { todayInShanghai } from '../../lib/time.ts';
import { MOBILE_FORMAT, parseIdCard, USCC_FORMAT } from '../../../../shared/identifiers.ts';
import { joinDateProblem } from '../../../../shared/fields.ts';

// ---- wire types ----
export interface CodeItem {
  list: 'industry' | 'ownership';
  code: string;
  label: string;
}
export interface Enterprise {
  id: number;
  unitId: number;
  creditCode: string;
  name: string;
  industry: string;
  ownership: string;
  divisionCode: string | null;
  aboveScale: boolean;
  status: string;
  registeredOn: string;
  closedOn: string | null;
  address: string | null;
  employees?: number | null;
  unionUnitId?: number | null;
  unionName?: string | null;
}
export type UnionType = 'single' | 'joint';
export interface UnionRow {
  id: number;
  name: string;
  code: string | null;
  parentId: number | null;
  unionType: UnionType;
  foundedOn: string;
  chairName: string | null;
  committeeFormed: boolean;
  signboardShownOn: string | null;
  chairShownOn: string | null;
  memberCount: number;
  enterpriseCount: number;
}
export interface UnionView {
  unit: { id: number; name: string; code: string | null; parentId: number | null; status: string };
  profile: {
    unionType: UnionType;
    foundedOn: string;
    chairName: string | null;
    committeeFormed: boolean;
    signboardShownOn: string | null;
    chairShownOn: string | null;
  };
  enterprises: { id: number; name: string; creditCode: string; validFrom: string }[];
  memberCount: number;
  committeeRequired: boolean;
}
export interface Member {
  personId: number;
  name: string;
  idMasked: string;
  gender: string;
  birthYear: number;
  phone: string | null;
  migrantWorker: boolean;
  status: 'active' | 'former';
  unionUnitId: number;
  unionName: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  joinedOn: string;
  leftOn: string | null;
  leaveReason: string | null;
}
export interface Counts {
  enterprises: number;
  coveredEnterprises: number;
  employeesInCovered: number;
  membersInCovered: number;
  members: number;
  migrantMembers: number;
  unions: number;
  shuangliangUnions: number;
}
export type RateKey = 'formationRate' | 'membershipRate' | 'shuangliangRate';
export interface Rate {
  key: RateKey;
  label: string;
  numerator: number;
  denominator: number;
  value: number | null;
  definition: string;
  numeratorFigure: string;
  denominatorFigure: string;
}
export interface Coverage {
  unitId: number;
  asOf: string;
  counts: Counts;
  rates: Rate[];
}
export const FIGURES = [
  'enterprises',
  'coveredEnterprises',
  'uncoveredEnterprises',
  'members',
  'membersInCovered',
  'migrantMembers',
  'unions',
  'shuangliangRequiredUnions',
  'shuangliangUnions',
  'notShuangliangUnions',
] as const;
export type Figure = (typeof FIGURES)[number];
export interface DrillItem {
  id: number;
  name: string;
  code: string | null;
  kind: 'enterprise' | 'person' | 'union';
}
export type ImportKind = 'members' | 'enterprises' | 'unions';
export type ImportMode = 'valid_only' | 'all_or_nothing';
export type ImportStatus = 'queued' | 'validating' | 'importing' | 'done' | 'failed';
export interface ImportJob {
  id: number | string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  status: ImportStatus;
  processed: number;
  total: number;
  /** Null until the job has counted its rows. */
  counts: { rows: number; valid: number; invalid: number; imported: number; unchanged: number } | null;
  error: { code: string; message: string } | null;
  /** Rows a batch-by-batch job had committed, through this file row: what an interruption kept. */
  written: number;
  writtenThrough: number | null;
  /** Interrupted by a restart, its file kept: it can run again. */
  resumable: boolean;
  createdAt: string;
  finishedAt: string | null;
}
export const LEAVE_REASONS = ['left', 'retired', 'deceased', 'expelled'] as const;

export const BASE = '/api/v1/membership';

/** Which drill-down lists the records behind a figure of the coverage answer (employees are summed over the covered enterprises). */
export function drillFigureOf(figure: string): Figure | null {
  if ((FIGURES as readonly string[]).includes(figure)) return figure as Figure;
  if (figure === 'employeesInCovered') return 'coveredEnterprises';
  return null;
}

// ---- code lists (read once per page load) ----
let codeListsPromise: Promise<CodeItem[]> | null = null;
export function useCodeLists(): { industry: CodeItem[]; ownership: CodeItem[]; labelOf: (list: CodeItem['list'], code: string) => string } {
  const [items, setItems] = useState<CodeItem[]>([]);
  useEffect(() => {
    let live = true;
    codeListsPromise ??= api.get<{ items: CodeItem[] }>(`${BASE}/code-lists`).then((r) => r.items);
    codeListsPromise
      .then((r) => live && setItems(r))
      .catch(() => {
        codeListsPromise = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return {
    industry: items.filter((i) => i.list === 'industry'),
    ownership: items.filter((i) => i.list === 'ownership'),
    labelOf: (list, code) => items.find((i) => i.list === list && i.code === code)?.label ?? code,
  };
}

// ---- dates ----
export { notFuture } from '../../lib/time.ts';
export const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

// ---- files (kept for the modules that import them from here) ----
/** Downloads a file the server builds (template, export, marked workbook) under the signed-in session. */
export const downloadFile = (path: string, query: Parameters<typeof withQuery>[1], fallbackName: string): Promise<void> => apiDownload(path, query, fallbackName);

/** Sends one file as multipart/form-data (field `file`) with the session's CSRF header. */
export const uploadFile = <T>(path: string, query: Parameters<typeof withQuery>[1], file: File, _csrfToken?: string): Promise<T> => apiUpload<T>(path, file, { query });

// ---- identifiers: the server's own rules (src/shared/identifiers.ts); the server checks them again ----

/** GB 11643: why an 18-character ID number is wrong, or null when it is right (lower-case x accepted). */
export function idNumberProblem(raw: string): 'format' | 'date' | 'check' | null {
  const r = parseIdCard(raw, todayInShanghai());
  return r.ok ? null : r.problem === 'checksum' ? 'check' : r.problem;
}

/** GB 32100 character set; the check character is left to the server. */
export const CREDIT_CODE_FORMAT = USCC_FORMAT;

export { MOBILE_FORMAT };

/** A join date the server accepts: not in the future, not before the member turned 16 (read off the ID number). */
export function joinDateRule(idNumber: () => string | undefined) {
  return {
    validator: async (_rule: unknown, value: Dayjs | null | undefined) => {
      if (!value) return;
      const id = parseIdCard(idNumber() ?? '');
      const problem = joinDateProblem(value.format('YYYY-MM-DD'), id.ok ? id.info.birthDate : '0000-01-01', todayInShanghai());
      if (problem) throw new Error(problem);
    },
  };
}

export function percent(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}
