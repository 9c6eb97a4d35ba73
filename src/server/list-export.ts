/**
 * Every list's export to xlsx goes through here. The rows are the list's own (masked as the list
 * shows them), read by key in pages (never OFFSET), each page a short transaction of its own in
 * the user's scope, so an export of any size streams with flat memory and other users are served
 * between its pages. The workbook is written by ExcelJS's streaming WorkbookWriter straight into
 * the reply, under a Chinese file name. One audit entry records the export (the list, its filters
 * and how many rows the filter matched, counted up to the lists' cap), in the same transaction as the first page, before the
 * first row leaves: an export that cannot be logged is not sent.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../engines/audit/service.ts';
import type { Ctx } from '../engines/context.ts';
import { exportRows, type ExportColumn } from '../engines/imports/index.ts';
import type { ColumnKind } from '../engines/imports/spec.ts';
import { xlsxReply } from './replies.ts';

/** One column of the sheet: its header, width, and the value a row shows in it. */
export interface ListColumn<R> {
  header: string;
  width?: number;
  /** 'number' keeps numbers as numbers; 'id' and 'text' keep them as text (identifiers, codes). */
  kind?: ColumnKind;
  value: (row: R) => unknown;
}

/** One page of a list: its rows in the list's order, where the page ends, and (when asked) the filter's count. */
export interface ListPage<R, K> {
  items: R[];
  next: K | null;
  total: number;
  /** The count stopped at its cap (engines/paging.ts): at least `total` rows. */
  totalCapped?: boolean;
}

/** What a page function is asked for; the names match the list services' own parameters. */
export interface PageRequest<K> {
  /** The cursor of the last row already written (null: from the start). */
  after: K | null;
  limit: number;
  /** True for the first page only: its total goes to the audit entry. */
  withTotal: boolean;
  /** Always 0: a page starts after its cursor. */
  offset: 0;
}

export interface ListExport<R, K> {
  /** The list's name: the sheet's name, the file's name (`<title>.xlsx`) and the audit reason (`导出<title>`). */
  title: string;
  /** The audit entry's entity, e.g. 'member_export'. */
  entity: string;
  /** The filters as asked, recorded with the entry. */
  filter: Record<string, unknown>;
  /** The unit the export is of (the filter's unit); default the user's own. */
  unitId?: number | undefined;
  columns: ListColumn<R>[];
  /** One page of the list in its order, in the caller's scope (ctx is that page's transaction). */
  page: (ctx: Ctx, p: PageRequest<K>) => Promise<ListPage<R, K>>;
  /** Rows per page (default 2000). */
  pageSize?: number;
}

export const EXPORT_PAGE_SIZE = 2000;

/** Waits while the reply is behind, so a slow download does not pile pages up in memory. */
async function caughtUp(out: Readable): Promise<void> {
  while (!out.destroyed && out.readableLength >= out.readableHighWaterMark) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Streams the list to the reply as an xlsx. A refused filter or a failed audit write is a clear
 * error answer: the first page and the entry are done before anything is sent. A later page that
 * fails cuts the download off (the workbook is then incomplete and will not open).
 */
export async function sendListExport<R, K>(req: Pick<FastifyRequest, 'inScope'>, reply: FastifyReply, spec: ListExport<R, K>): Promise<FastifyReply> {
  const size = spec.pageSize ?? EXPORT_PAGE_SIZE;
  const first = await req.inScope(async (ctx) => {
    const page = await spec.page(ctx, { after: null, limit: size, withTotal: true, offset: 0 });
    await recordAudit(ctx, {
      action: 'view',
      entity: spec.entity,
      unitId: spec.unitId ?? ctx.scope.unitId,
      reason: `导出${spec.title}`,
      // The count stops at its cap: past it the entry says "at least".
      after: { list: spec.title, filter: spec.filter, rows: page.total, ...(page.totalCapped ? { rowsAtLeast: true } : {}) },
    });
    return page;
  });
  const sink: { out?: Readable } = {};
  const rows = (async function* () {
    let page = first;
    for (;;) {
      for (const row of page.items) yield row as Record<string, unknown>;
      if (page.next === null || page.items.length < size) return;
      if (sink.out) {
        await caughtUp(sink.out);
        if (sink.out.destroyed) return; // the download was abandoned
      }
      const after = page.next;
      page = await req.inScope((ctx) => spec.page(ctx, { after, limit: size, withTotal: false, offset: 0 }));
    }
  })();
  const columns: ExportColumn[] = spec.columns.map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.kind !== undefined ? { kind: c.kind } : {}),
    format: (_v, row) => c.value(row as R),
  }));
  sink.out = exportRows(columns, rows, 'xlsx', { sheetName: spec.title });
  xlsxReply(reply, `${spec.title}.xlsx`);
  return reply.send(sink.out);
}
