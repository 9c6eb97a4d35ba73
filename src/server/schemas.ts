/** Wire schemas shared by every module's routes (TypeBox: validation, types and OpenAPI at once). */
import { Type, type TSchema } from 'typebox';
import { commonError } from '../engines/errors.ts';
import { COUNT_CAP } from '../engines/paging.ts';
import { isValidIsoDate } from '../engines/time.ts';
import type { TextField } from '../shared/fields.ts';

/** Printable text: no control characters; leading and trailing spaces are trimmed by services. */
export const Text = (opts: { min?: number; max: number; description?: string; title?: string }) =>
  Type.String({
    minLength: opts.min ?? 1,
    maxLength: opts.max,
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.title ? { title: opts.title } : {}),
  });

/**
 * A text field whose rules are written in src/shared/fields.ts: the schema carries the field's
 * label as its title, so a refusal reads as the import and the form say it (errors.ts).
 */
export const FieldText = (field: TextField, opts: { description?: string } = {}) => Text({ ...(field.min !== undefined ? { min: field.min } : {}), max: field.max, title: field.label, ...opts });

/** Text over several lines (notes): tabs and line breaks allowed, other control characters not. */
export const Paragraph = (opts: { min?: number; max: number; description?: string }) =>
  Type.String({ minLength: opts.min ?? 1, maxLength: opts.max, pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$', ...(opts.description ? { description: opts.description } : {}) });

/** A day that exists on the calendar ('date' refuses 2024-02-30 and 2023-02-29 before any SQL). */
export const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' });

const ZONED_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A moment with its offset, on a day that exists and at a time of day that does. */
function isZonedDateTime(value: string): boolean {
  const m = ZONED_DATE_TIME.exec(value);
  if (!m || !isValidIsoDate(m[1]!)) return false;
  const [hour, minute, second, offsetHour, offsetMinute] = m.slice(2).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 14 && offsetMinute <= 59;
}

/** Formats the wire schemas name beyond the standard ones (handed to the validator in app.ts). */
export const WIRE_FORMATS = { 'zoned-date-time': isZonedDateTime };

/** A moment with its offset, e.g. 2026-12-01T09:00:00+08:00. */
export const ZonedDateTime = Type.String({ format: 'zoned-date-time', maxLength: 40, pattern: ZONED_DATE_TIME.source, description: '时间（含时区，如 2026-12-01T09:00:00+08:00）' });

/** A month, 'YYYY-MM'. */
export const IsoMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });

/** The largest value of a PostgreSQL integer: every key and count on the wire stays within it. */
export const INT4_MAX = 2147483647;

/** The key of a stored record: a positive PostgreSQL integer, refused before any SQL when out of range. */
export const RecordId = (opts: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: INT4_MAX, ...opts });

/**
 * A key that may be cleared with null. One JSON type list rather than a union: under the
 * validator's type coercion a union's null branch would turn 0 into null and accept it.
 */
export const NullableRecordId = (opts: { description?: string } = {}) => Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: INT4_MAX, ...opts });

export const IdParam = Type.Object({ id: RecordId() });

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
};

/**
 * The rows a page asks for. Pages reach as far as a list counts (COUNT_CAP rows): a page further
 * on would cost a walk past every row before it; a narrower filter or the export reaches the rest.
 */
export function pageOf(q: { page?: number; pageSize?: number }): { offset: number; limit: number } {
  const size = q.pageSize ?? 20;
  const offset = ((q.page ?? 1) - 1) * size;
  if (offset >= COUNT_CAP) throw commonError('PAGE_TOO_DEEP');
  return { offset, limit: size };
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    totalCapped: Type.Optional(Type.Boolean({ description: '为真时 total 只数到上限（一万条），实际更多' })),
  });

/**
 * The refusals, one schema per status, each naming the codes it carries: the shared ones here, and
 * a program's own (e.g. MEMBER_ALREADY_ACTIVE under 409) beside them in its errors table.
 */
const refusal = (status: number, meaning: string, codes: string[]) =>
  Type.Object(
    { code: Type.String({ description: `错误码：${codes.join('、')}，或所在模块的业务错误码` }), message: Type.String({ description: '中文说明' }), details: Type.Optional(Type.Unknown()) },
    { $id: `Refusal${status}`, description: `${meaning}（${codes.join('、')} 等）` },
  );

export const REFUSALS = {
  400: refusal(400, '请求内容有误', ['VALIDATION_FAILED', 'MALFORMED_BODY', 'MALFORMED_UPLOAD', 'PAGE_TOO_DEEP']),
  401: refusal(401, '未登录或登录已失效', ['NOT_AUTHENTICATED', 'SESSION_EXPIRED']),
  403: refusal(403, '无权执行', ['FORBIDDEN', 'CSRF_TOKEN_INVALID', 'PASSWORD_CHANGE_REQUIRED']),
  404: refusal(404, '记录不存在或不在本单位范围内', ['NOT_FOUND']),
  409: refusal(409, '与现有数据冲突', ['CONFLICT']),
  413: refusal(413, '内容过大', ['BODY_TOO_LARGE']),
  415: refusal(415, '内容类型不受支持', ['UNSUPPORTED_MEDIA_TYPE']),
  429: refusal(429, '请求过于频繁', ['RATE_LIMITED']),
  503: refusal(503, '系统繁忙，查询用时过长已中止', ['DATABASE_BUSY']),
} as const;

/** The error answers every route may give, for the OpenAPI document. */
export const errorResponses = { 400: REFUSALS[400], 401: REFUSALS[401], 403: REFUSALS[403], 404: REFUSALS[404], 409: REFUSALS[409] };

/** An upload's further refusals. */
export const uploadRefusals = { 413: REFUSALS[413], 415: REFUSALS[415] };

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A string restricted to a fixed list, typed as the list's union. */
export const OneOf = <const T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
