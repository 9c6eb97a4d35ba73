/** 督查督办: wire types, number formats, the indicator catalogue (read once) and file downloads. */
import { useEffect, useMemo, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { api, ApiError, withQuery } from '../../lib/api.ts';
import type { Lang } from '../../lib/i18n.tsx';
import { useIndicatorText } from './i18n.ts';

export const BASE = '/api/v1/supervision';
export const NOTIFY = '/api/v1/notifications';

// ---- wire types ----
export type Status = 'green' | 'yellow' | 'red';
export interface IndicatorInfo {
  key: string;
  program: string;
  name: string;
  definition: string;
  unit: string;
  direction: 'higher' | 'lower';
  version: number;
  advice: string | null;
  drillFigures: { key: string; label: string }[];
}
export interface Progress {
  target: number;
  baseline: number;
  expected: number;
  ofTarget: number | null;
  attainment: number | null;
  status: Status;
}
export interface Gauge {
  indicator: { key: string; name: string; unit: string; direction: string; definition: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  display: string;
  progress: Progress | null;
  drill: { href: string; figures: { key: string; label: string; href: string }[] };
}
export interface RankItem {
  unitId: number;
  name: string;
  rank: number | null;
  value: number | null;
  display: string;
  status: Status | null;
  drill: string;
}
export interface TrendPoint {
  period: string;
  value: number | null;
  frozen: boolean;
  corrected: boolean;
}
export interface Dashboard {
  unit: { id: number; name: string; kind: string };
  asOf: string;
  year: number;
  gauges: Gauge[];
  rankings: { indicatorKey: string; items: RankItem[] }[];
  trends: { indicatorKey: string; points: TrendPoint[] }[];
}
export interface DrillRecord {
  id: number;
  name: string;
  code: string | null;
  kind: string;
  date?: string | null;
  detail?: string | null;
  parentId?: number | null;
}
export interface TargetItem {
  unitId: number;
  unitName: string;
  year: number;
  indicatorKey: string;
  target: number;
  baseline: number;
  profile: number[] | null;
  note: string | null;
  setAt: string;
  actual: number | null;
  progress: Progress;
}
export interface BulletinRow {
  unitId: number;
  name: string;
  rank: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  previous: number | null;
  change: number | null;
  target: number | null;
  expected: number | null;
  status: Status | null;
}
export interface BulletinIndicator {
  key: string;
  name: string;
  unit: string;
  direction: string;
  definition: string;
  definitionHash: string;
  total: Omit<BulletinRow, 'unitId' | 'name' | 'rank'>;
  rows: BulletinRow[];
  leaders: number[];
  laggards: number[];
}
export interface BulletinContent {
  unit: { id: number; name: string };
  period: string;
  previousPeriod: string;
  title: string;
  frozen: boolean;
  indicators: BulletinIndicator[];
  commentary: string[];
}
export interface BulletinSummary {
  id: number;
  unitId: number;
  period: string;
  version: number;
  title: string;
  contentHash: string;
  publishedAt: string;
}
export interface Bulletin extends BulletinSummary {
  verified: boolean;
  /** Issued by a level above the reader's (read-only; only the reader's own records open). */
  fromAbove: boolean;
  content: BulletinContent;
}
export interface Notice {
  id: number;
  unitId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

// ---- numbers ----
const EN_UNITS: Record<string, string> = { 人: '', 个: '', 户: '', 件: '', 家: '', 元: ' yuan', 次: '', 人次: '' };

export function unitSuffix(unit: string, lang: Lang): string {
  return lang === 'zh' ? unit : (EN_UNITS[unit] ?? ` ${unit}`);
}

/** A figure as shown: rates as 87.2%, counts with separators and their unit. */
export function fmtValue(unit: string, v: number | null | undefined, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === '%') return `${(v * 100).toFixed(1)}%`;
  if (unit === '元') return `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${unitSuffix(unit, lang)}`;
  return `${Math.round(v).toLocaleString('zh-CN')}${unitSuffix(unit, lang)}`;
}

/** A change: rates in percentage points, counts in their unit, always signed. */
export function fmtChange(unit: string, c: number | null | undefined, lang: Lang = 'zh'): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return '—';
  const sign = c > 1e-12 ? '+' : c < -1e-12 ? '−' : '±';
  const abs = Math.abs(c);
  if (unit === '%') return `${sign}${(abs * 100).toFixed(1)}${lang === 'zh' ? '个百分点' : ' pp'}`;
  return `${sign}${Math.round(abs).toLocaleString('zh-CN')}${unitSuffix(unit, lang)}`;
}

/** A share (attainment, of target) as a whole percent. */
export function fmtShare(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(1)}%`;
}

/** Whether a change is an improvement for the indicator's direction. */
export function better(direction: string, c: number | null): boolean | null {
  if (c === null || Math.abs(c) < 1e-12) return null;
  return direction === 'lower' ? c < 0 : c > 0;
}

export const STATUS_COLOR: Record<Status, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322' };
export const STATUS_TAG: Record<Status, string> = { green: 'success', yellow: 'warning', red: 'error' };

// ---- dates ----
export const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export { notFuture } from '../../lib/time.ts';
/** 'YYYY-MM-DD' → 'YYYY-MM'. */
export const monthOf = (date: string) => date.slice(0, 7);

// ---- the catalogue, read once per page load ----
// Read once per page load and shared by every caller, so it keeps its own module-wide promise rather than useRemote.
let cataloguePromise: Promise<{ items: IndicatorInfo[]; thresholds: { green: number; yellow: number } }> | null = null;

export function useIndicators(): { items: IndicatorInfo[]; thresholds: { green: number; yellow: number }; byKey: (k: string) => IndicatorInfo | undefined } {
  const text = useIndicatorText();
  const [data, setData] = useState<{ items: IndicatorInfo[]; thresholds: { green: number; yellow: number } }>({ items: [], thresholds: { green: 1, yellow: 0.97 } });
  useEffect(() => {
    let live = true;
    cataloguePromise ??= api.get<{ items: IndicatorInfo[]; thresholds: { green: number; yellow: number } }>(`${BASE}/indicators`);
    cataloguePromise
      .then((r) => live && setData(r))
      .catch(() => {
        cataloguePromise = null;
      });
    return () => {
      live = false;
    };
  }, []);
  const items = useMemo(
    () =>
      data.items.map((i) => ({
        ...i,
        name: text.name(i.key, i.name),
        definition: text.definition(i.key, i.definition),
        drillFigures: i.drillFigures.map((f) => ({ ...f, label: text.figure(i.key, f.key, f.label) })),
      })),
    [data.items, text],
  );
  return { items, thresholds: data.thresholds, byKey: (k) => items.find((i) => i.key === k) };
}

// ---- links ----
/** An API drill-down address (`/api/v1/supervision/records?…`) as its query. */
export function drillQuery(href: string): { indicator: string; unitId?: number; asOf?: string; figure?: string } {
  const sp = new URL(href, 'http://x').searchParams;
  const unitId = sp.get('unitId');
  return {
    indicator: sp.get('indicator') ?? '',
    ...(unitId ? { unitId: Number(unitId) } : {}),
    ...(sp.get('asOf') ? { asOf: sp.get('asOf')! } : {}),
    ...(sp.get('figure') ? { figure: sp.get('figure')! } : {}),
  };
}

/**
 * Where a notification's link goes in this app. The server's nudges point at
 * `/supervision?unitId=…&indicator=…`; the app's unit parameter is `unit`.
 */
export function appLink(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.startsWith('/api/')) return null;
  const u = new URL(link, 'http://x');
  const unitId = u.searchParams.get('unitId');
  if (unitId && !u.searchParams.has('unit')) {
    u.searchParams.delete('unitId');
    u.searchParams.set('unit', unitId);
  }
  let path = u.pathname;
  if (path === '/supervision' || path === '/supervision/') path = '/supervision/dashboard';
  const q = u.searchParams.toString();
  return `${path}${q ? `?${q}` : ''}${u.hash}`;
}

// ---- files ----
async function failure(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON */
  }
  return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? `请求失败（${res.status}）`);
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* keep looking */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Downloads a file the server builds (PDF, workbook) under the signed-in session. */
export async function downloadFile(path: string, query: Parameters<typeof withQuery>[1], fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  if (!res.ok) throw await failure(res);
  saveBlob(await res.blob(), filenameOf(res, fallbackName));
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Cross-component signals: a new notification arrived, or some were marked read. */
export const NOTICE_EVENT = 'gh:notifications';
export function signalNotifications(detail: { unread?: number; arrived?: Notice }): void {
  window.dispatchEvent(new CustomEvent(NOTICE_EVENT, { detail }));
}

/** PUT and DELETE, which the app's JSON client does not offer: same cookie session, CSRF header and `{code,message}` errors. */
export async function send<T>(method: 'PUT' | 'DELETE', path: string, csrfToken: string, opts: { body?: unknown; query?: Parameters<typeof withQuery>[1] } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, credentials: 'same-origin', body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  if (!res.ok) throw await failure(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}
