/**
 * Errors are values: a stable code, a Chinese message, and a kind that the server turns into an
 * HTTP status in one place (src/server/errors.ts). Each engine and program owns its codes; a code,
 * once released, is never reused for another meaning.
 */
export type ErrorKind =
  | 'invalid' // 400: the request is wrong
  | 'unauthenticated' // 401
  | 'forbidden' // 403: known, but not allowed
  | 'not_found' // 404: absent, or outside the user's scope (the two are not told apart)
  | 'conflict' // 409: contradicts what is stored
  | 'locked' // 423
  | 'too_large' // 413
  | 'unsupported' // 415
  | 'rate_limited' // 429
  | 'unavailable'; // 503: the server could not answer in time; the same request may succeed later

export interface ErrorSpec {
  kind: ErrorKind;
  message: string;
}

export type ErrorTable = Record<string, ErrorSpec>;

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, spec: ErrorSpec, message?: string, details?: Record<string, unknown>) {
    super(message ?? spec.message);
    this.code = code;
    this.kind = spec.kind;
    this.details = details;
  }
}

/** Makes a module's error factory: `orgError('ORG_UNIT_NOT_FOUND')`, typed by the module's table. */
export function errorFactory<T extends ErrorTable>(table: T) {
  return (code: keyof T & string, message?: string, details?: Record<string, unknown>) => new DomainError(code, table[code]!, message, details);
}

export const COMMON_ERRORS = {
  VALIDATION_FAILED: { kind: 'invalid', message: '请求内容不符合要求' },
  MALFORMED_BODY: { kind: 'invalid', message: '请求内容不是有效的 JSON' },
  MALFORMED_UPLOAD: { kind: 'invalid', message: '上传的内容不完整或格式不正确，请重新上传' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported', message: '不支持的内容类型，请以 application/json 提交' },
  BODY_TOO_LARGE: { kind: 'too_large', message: '提交的内容过大' },
  NOT_AUTHENTICATED: { kind: 'unauthenticated', message: '请先登录' },
  SESSION_EXPIRED: { kind: 'unauthenticated', message: '登录已过期，请重新登录' },
  CSRF_TOKEN_INVALID: { kind: 'forbidden', message: '页面已失效，请刷新后重试' },
  FORBIDDEN: { kind: 'forbidden', message: '您没有执行此操作的权限' },
  PASSWORD_CHANGE_REQUIRED: { kind: 'forbidden', message: '请先修改初始密码' },
  NOT_FOUND: { kind: 'not_found', message: '记录不存在或无权访问' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: '接口不存在' },
  RATE_LIMITED: { kind: 'rate_limited', message: '请求过于频繁，请稍后再试' },
  CONFLICT: { kind: 'conflict', message: '数据已被他人修改，请刷新后重试' },
  PAGE_TOO_DEEP: { kind: 'invalid', message: '只能翻阅前一万条记录，请缩小筛选范围，或导出全部' },
  DATABASE_BUSY: { kind: 'unavailable', message: '系统繁忙，本次查询用时过长已中止，请缩小查询范围或稍后重试' },
} as const satisfies ErrorTable;

export const commonError = errorFactory(COMMON_ERRORS);
