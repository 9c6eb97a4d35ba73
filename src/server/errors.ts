/** The one place where any error becomes `{ code, message }` with an HTTP status. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { COMMON_ERRORS, DomainError, type ErrorKind } from '../engines/errors.ts';
import { isScopeViolation, isStatementTimeout } from '../engines/db-errors.ts';
import { textProblemMessage, type TextProblem } from '../shared/fields.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

function common(code: keyof typeof COMMON_ERRORS, message?: string, details?: unknown): [number, ErrorBody] {
  const spec = COMMON_ERRORS[code];
  return [STATUS[spec.kind], { code, message: message ?? spec.message, ...(details ? { details } : {}) }];
}

const FIELD_WORDS: Record<string, string> = {
  required: '缺少必填项',
  minLength: '长度不足',
  maxLength: '长度超出限制',
  pattern: '格式不正确',
  format: '格式不正确',
  type: '类型不正确',
  enum: '取值不在允许范围内',
  minimum: '数值过小',
  maximum: '数值过大',
  additionalProperties: '包含不允许的字段',
};

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
  /** The schema the value broke (the validator runs verbose): a field's title is its label. */
  parentSchema?: { title?: unknown; minLength?: number; maxLength?: number };
}

const TEXT_PROBLEM_BY_KEYWORD: Record<string, TextProblem> = { maxLength: 'tooLong', minLength: 'tooShort', pattern: 'control' };

/** A labelled text field's refusal, in the words of src/shared/fields.ts (the import and form use them too). */
function describeField(i: AjvIssue): string | null {
  const s = i.parentSchema;
  const problem = TEXT_PROBLEM_BY_KEYWORD[i.keyword ?? ''];
  if (typeof s?.title !== 'string' || !problem || s.maxLength === undefined) return null;
  const field = { label: s.title, max: s.maxLength, ...(s.minLength !== undefined ? { min: s.minLength } : {}) };
  return textProblemMessage(field, problem === 'tooShort' && s.minLength === 1 ? 'empty' : problem);
}

function describeValidation(issues: AjvIssue[], context: string | undefined): string {
  const fields = [...new Set(issues.map(describeField))];
  if (fields.length > 0 && fields.every((f) => f !== null)) return fields.join('；');
  const parts = issues.slice(0, 5).map((i) => {
    const field = i.keyword === 'required' ? String(i.params?.missingProperty ?? '') : (i.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const where = [context, field].filter(Boolean).join('.');
    return `${where || '请求'}：${FIELD_WORDS[i.keyword ?? ''] ?? '不符合要求'}`;
  });
  // A value can break two rules that read alike (a date's shape and its calendar): say it once.
  return `请求内容不符合要求（${[...new Set(parts)].join('；')}）`;
}

/**
 * A multipart body the parser could not read: no boundary, cut short, or closed early. The parser
 * (busboy) throws plain errors, so they are known by their words.
 */
function isMalformedUpload(fe: FastifyError | undefined): boolean {
  if (!fe) return false;
  if (fe.code === 'FST_MP_PREMATURE_CLOSE' || fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || fe.code === 'FST_PROTO_VIOLATION') return true;
  return /^(Multipart: |Unexpected end of (multipart data|form)|Malformed part header|Part terminated early)/.test(fe.message ?? '');
}

export function toErrorResponse(error: unknown): [number, ErrorBody] {
  if (error instanceof DomainError) {
    return [STATUS[error.kind], { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }];
  }
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    return common('VALIDATION_FAILED', describeValidation(fe.validation, fe.validationContext), {
      issues: fe.validation.slice(0, 20).map((i) => ({ path: i.instancePath, keyword: i.keyword, params: i.params })),
    });
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return common('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return common('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return common('MALFORMED_BODY');
  }
  if (isMalformedUpload(fe)) return common('MALFORMED_UPLOAD');
  if (fe && fe.statusCode === 400 && (fe instanceof SyntaxError || /JSON/i.test(fe.message ?? ''))) return common('MALFORMED_BODY');
  if (fe && fe.statusCode === 413) return common('BODY_TOO_LARGE');
  if (fe && fe.statusCode === 415) return common('UNSUPPORTED_MEDIA_TYPE');
  // A write the database refused for scope: the target is, for this user, not there.
  if (isScopeViolation(error)) return common('NOT_FOUND');
  // A request that held the database past its statement timeout was stopped (engines/org/scope).
  if (isStatementTimeout(error)) return common('DATABASE_BUSY');
  return [500, { code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' }];
}

export function errorHandler(error: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const [status, body] = toErrorResponse(error);
  if (status >= 500) req.log.error({ err: error }, 'request failed');
  else if (status === 503) req.log.warn({ code: body.code, route: req.routeOptions?.url }, 'request stopped at the statement timeout');
  else req.log.info({ code: body.code }, 'request refused');
  void reply.status(status).type('application/json; charset=utf-8').send(body);
}
