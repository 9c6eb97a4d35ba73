/** JSON client for the server's API: cookie session, CSRF header on writes, `{code,message}` errors. */
import type { ModulePermission } from '../modules/index.ts';
import { followServerClock } from './time.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request (other than the session probe) answers 401. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { silent401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  followServerClock(res);
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { code?: string; message?: string };
    if (res.status === 401 && !opts.silent401 && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? `请求失败（${res.status}）`);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: { silent401?: boolean }) => request<T>('GET', withQuery(path, query), undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: { silent401?: boolean }) => request<T>('POST', path, body ?? {}, opts),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown, query?: Query) => request<T>('PUT', withQuery(path, query), body),
  del: <T>(path: string, query?: Query) => request<T>('DELETE', withQuery(path, query)),
};

/** The `{code,message}` of a failed fetch made outside `api` (files), as an ApiError. */
export async function failure(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && onUnauthenticated) onUnauthenticated();
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

async function fetchOrFail(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  followServerClock(res);
  if (!res.ok) throw await failure(res);
  return res;
}

/** Downloads a file the server builds (export, template, bank file, attachment) under the signed-in session. */
export async function downloadFile(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await fetchOrFail(withQuery(path, query), {});
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sends one file as multipart/form-data (field `file`, other fields as given) with the session's CSRF header. */
export async function uploadFile<T>(path: string, file: File, opts: { query?: Query; fields?: Record<string, string | undefined> } = {}): Promise<T> {
  const body = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) if (v) body.append(k, v);
  body.append('file', file, file.name);
  const res = await fetchOrFail(withQuery(path, opts.query), { method: 'POST', headers: { accept: 'application/json', 'x-csrf-token': csrfToken }, body });
  return (await res.json()) as T;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

// ---- wire types ----
export type UnitKind = 'city' | 'county' | 'township' | 'grassroots' | 'branch';
export type UnitStatus = 'active' | 'closed';
/** The engines' permissions; each module names its own (modules/index.ts). */
export type EnginePermission =
  | 'org.read'
  | 'org.write'
  | 'users.read'
  | 'users.write'
  | 'audit.read'
  | 'funds.read'
  | 'funds.write'
  | 'funds.pay'
  | 'cases.assign'
  | 'notifications.read'
  | 'notifications.manage';
export type Permission = EnginePermission | ModulePermission;
export type Role = 'city_admin' | 'county_admin' | 'grassroots_staff' | 'reviewer' | 'auditor' | 'lawyer' | 'counsellor' | 'worker';

export interface Unit {
  id: number;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  depth: number;
  status: UnitStatus;
  openedOn: string;
  closedOn: string | null;
}
export interface UnitDetail extends Unit {
  ancestors: { id: number; name: string }[];
}
export interface TreeNode {
  id: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  status: UnitStatus;
  children: TreeNode[];
}
export interface HistoryItem {
  validFrom: string;
  validTo: string | null;
  name: string;
  parentId: number | null;
  status: UnitStatus;
  change: string;
  note: string | null;
}
export interface User {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName?: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}
export interface Me {
  user: User;
  unit: { id: number; name: string; kind: string; ancestors: { id: number; name: string }[] };
  permissions: Permission[];
  csrfToken: string;
}
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}
export interface PageOf<T> {
  items: T[];
  total: number;
  /** The server stopped counting at `total`: there are more. */
  totalCapped?: boolean;
}
