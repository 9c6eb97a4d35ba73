/** Small pieces every program's routes share: download headers, date parameters, paged exports. */
import { commonError } from '../engines/errors.ts';
import { isValidIsoDate } from '../engines/time.ts';

type Reply = { header: (k: string, v: string) => unknown; type: (t: string) => unknown };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Marks the reply as a file to save under `fileName` (Chinese names kept, RFC 5987). */
export function download(reply: Reply, type: string, fileName: string): void {
  reply.type(type);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

export const xlsxReply = (reply: Reply, fileName: string): void => download(reply, XLSX_TYPE, fileName);

/** A date parameter (YYYY-MM-DD) checked to exist; a bad one is a 400 naming the field. */
export function dateParam(value: string, field: string): string;
export function dateParam(value: string | undefined | null, field: string): string | undefined;
export function dateParam(value: string | undefined | null, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isValidIsoDate(value)) throw commonError('VALIDATION_FAILED', `${field}：不是有效的日期`);
  return value;
}

/**
 * Pages through a list by its key: each page a query of its own (the caller runs it in a short
 * transaction), so an export of any size streams with flat memory, other requests are served
 * between its pages, and the last page costs what the first did (no OFFSET). A row changed while
 * the export runs is written as it stood when its page was read.
 */
export async function keysetPages<T, K>(fetch: (after: K | null, limit: number) => Promise<{ items: T[]; next: K | null }>, size = 2000): Promise<AsyncGenerator<T>> {
  // The first page is read before anything is sent, so a refused filter is a clear 4xx answer
  // rather than a response cut off mid-stream.
  const first = await fetch(null, size);
  return (async function* () {
    let page = first;
    for (;;) {
      yield* page.items;
      if (page.next === null || page.items.length < size) return;
      page = await fetch(page.next, size);
    }
  })();
}

/** Pages through a list so an export of any size streams with flat memory. */
export async function* pages<T>(fetch: (offset: number, limit: number) => Promise<T[]>, size = 5000): AsyncGenerator<T> {
  for (let offset = 0; ; offset += size) {
    const items = await fetch(offset, size);
    yield* items;
    if (items.length < size) return;
  }
}
