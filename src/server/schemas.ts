/** Wire schemas shared by every module's routes (TypeBox: validation, types and OpenAPI at once). */
import { Type, type TSchema } from 'typebox';
import { commonError } from '../engines/errors.ts';
import { COUNT_CAP } from '../engines/paging.ts';

export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }, { $id: 'ErrorBody', description: '错误：稳定的错误码与中文说明' });

/** Printable text: no control characters; leading and trailing spaces are trimmed by services. */
export const Text = (opts: { min?: number; max: number; description?: string }) =>
  Type.String({ minLength: opts.min ?? 1, maxLength: opts.max, pattern: '^[^\\u0000-\\u001f\\u007f]*$', ...(opts.description ? { description: opts.description } : {}) });

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' });

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

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

/** The error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A string restricted to a fixed list, typed as the list's union. */
export const OneOf = <const T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
