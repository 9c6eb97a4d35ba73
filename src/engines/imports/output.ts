/**
 * Streams workbooks out: the marked workbook (an upload handed back with its problems marked) and
 * plain list exports (xlsx or CSV). Text is always written as text, never as a formula.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ERRORS_HEADER, STATUS_HEADER, type CellError, type ColumnKind } from './spec.ts';
import { csvField, csvSafe, numberToText } from './text.ts';

export interface MarkedColumn {
  key: string;
  /** Header as written in the uploaded file (ImportSource.columns) or the spec's header. */
  header: string;
  width?: number;
}

export interface MarkedRow {
  /** The row's number in the uploaded file (informational). */
  rowNumber?: number;
  cells: Record<string, string>;
  /** '通过', '有误', '已导入', '未导入（与库中重复）', … as the caller decides. */
  status: string;
  errors?: CellError[];
}

export interface MarkedWorkbookOptions {
  sheetName?: string;
  columns: MarkedColumn[];
  statusHeader?: string;
}

export interface MarkedSummary {
  rows: number;
  rowsWithErrors: number;
}

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

type Target = Writable | { path: string };

function writerFor(target: Target): ExcelJS.stream.xlsx.WorkbookWriter {
  const base = { useStyles: true, useSharedStrings: false };
  return 'path' in target && typeof target.path === 'string' && !('write' in target)
    ? new ExcelJS.stream.xlsx.WorkbookWriter({ ...base, filename: target.path })
    : new ExcelJS.stream.xlsx.WorkbookWriter({ ...base, stream: target as Writable });
}

/**
 * Writes the rows back as xlsx: the uploaded columns (as text), then the status column and the
 * '错误说明' column. Bad cells are filled light red and carry a comment with the message(s); every
 * message is also listed in '错误说明'. Streams: memory stays flat for 200,000 rows.
 */
export async function writeMarkedWorkbook(target: Target, opts: MarkedWorkbookOptions, rows: AsyncIterable<MarkedRow> | Iterable<MarkedRow>): Promise<MarkedSummary> {
  const wb = writerFor(target);
  const n = opts.columns.length;
  const ws = wb.addWorksheet(opts.sheetName ?? '导入结果', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  ws.columns = [
    ...opts.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(12, c.header.length * 2 + 4),
      style: { numFmt: '@' },
    })),
    { header: opts.statusHeader ?? STATUS_HEADER, key: '__status', width: 16, style: { numFmt: '@' } },
    { header: ERRORS_HEADER, key: '__errors', width: 60, style: { numFmt: '@' } },
  ];
  ws.autoFilter = `A1:${colLetter(n + 2)}1`;
  const header = ws.getRow(1);
  header.font = { bold: true };
  for (let i = 1; i <= n + 2; i++) header.getCell(i).fill = HEADER_FILL;
  header.commit();

  const index = new Map(opts.columns.map((c, i) => [c.key, i + 1]));
  const headers = new Map(opts.columns.map((c) => [c.key, c.header]));
  let count = 0;
  let bad = 0;
  let r = 1;
  for await (const row of rows) {
    r++;
    count++;
    const xrow = ws.getRow(r);
    opts.columns.forEach((c, i) => {
      const cell = xrow.getCell(i + 1);
      cell.value = row.cells[c.key] ?? '';
      cell.numFmt = '@';
    });
    const byCell = new Map<number, string[]>();
    const lines: string[] = [];
    for (const e of row.errors ?? []) {
      const col = e.key ? index.get(e.key) : undefined;
      if (col) {
        const list = byCell.get(col) ?? [];
        list.push(e.message);
        byCell.set(col, list);
        lines.push(`${headers.get(e.key!)}：${e.message}`);
      } else {
        lines.push(e.message);
      }
    }
    for (const [col, msgs] of byCell) {
      const cell = xrow.getCell(col);
      cell.fill = BAD_FILL;
      cell.note = msgs.join('\n');
    }
    const status = xrow.getCell(n + 1);
    status.value = row.status;
    status.numFmt = '@';
    const errCell = xrow.getCell(n + 2);
    errCell.value = lines.join('；');
    errCell.numFmt = '@';
    if (lines.length) {
      bad++;
      status.font = { color: { argb: 'FFC00000' }, bold: true };
      errCell.font = { color: { argb: 'FFC00000' } };
    }
    xrow.commit();
  }
  ws.commit();
  await wb.commit();
  return { rows: count, rowsWithErrors: bad };
}

/** The marked workbook as a readable stream (e.g. an HTTP response body). */
export function markedWorkbookStream(opts: MarkedWorkbookOptions, rows: AsyncIterable<MarkedRow> | Iterable<MarkedRow>): Readable {
  const out = new PassThrough();
  writeMarkedWorkbook(out, opts, rows).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Exports

export interface ExportColumn {
  key: string;
  header: string;
  width?: number;
  kind?: ColumnKind;
  /** Turns the row's value into what is written; defaults to the value itself. */
  format?: (value: unknown, row: Record<string, unknown>) => unknown;
}

export type ExportFormat = 'xlsx' | 'csv';

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Export value → string | number | null (Date in Shanghai time; booleans 是/否). */
function exportValue(col: ExportColumn, row: Record<string, unknown>): string | number | null {
  const raw = row[col.key];
  const v = col.format ? col.format(raw, row) : raw;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) {
    const s = shanghaiDateTime.format(v);
    return col.kind === 'date' ? s.slice(0, 10) : s;
  }
  return String(v);
}

async function writeExportXlsx(target: Writable, columns: ExportColumn[], rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>, sheetName: string): Promise<void> {
  const wb = writerFor(target);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    ...(c.kind === 'number' ? {} : { style: { numFmt: '@' } }),
  }));
  ws.autoFilter = `A1:${colLetter(columns.length)}1`;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let r = 1;
  for await (const row of rows) {
    r++;
    const xrow = ws.getRow(r);
    columns.forEach((c, i) => {
      const v = exportValue(c, row);
      if (v === null) return;
      const cell = xrow.getCell(i + 1);
      // Strings stay strings (never formulas); identifiers and other text stay text-formatted.
      if (typeof v === 'number' && c.kind !== 'number' && c.kind !== undefined) cell.value = numberToText(v);
      else cell.value = v;
    });
    xrow.commit();
  }
  ws.commit();
  await wb.commit();
}

async function* csvChunks(columns: ExportColumn[], rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>): AsyncGenerator<string> {
  let buf = `\ufeff${columns.map((c) => csvField(csvSafe(c.header))).join(',')}\r\n`;
  for await (const row of rows) {
    buf += `${columns
      .map((c) => {
        const v = exportValue(c, row);
        if (v === null) return '';
        if (typeof v === 'number') return numberToText(v);
        return csvField(csvSafe(v));
      })
      .join(',')}\r\n`;
    if (buf.length >= 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * Any list → xlsx (streamed with the WorkbookWriter) or CSV (UTF-8 with BOM, for Excel). Safe
 * against formula injection: xlsx text is written as string cells, CSV text starting with
 * = + - @ tab or CR gets a leading single quote.
 */
export function exportRows(
  columns: ExportColumn[],
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
  format: ExportFormat,
  opts: { sheetName?: string } = {},
): Readable {
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        for await (const s of csvChunks(columns, rows)) yield Buffer.from(s, 'utf8');
      })(),
    );
  }
  const out = new PassThrough();
  writeExportXlsx(out, columns, rows, opts.sheetName ?? '导出').catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** Collects a stream into a Buffer (small exports, tests). */
export async function streamToBuffer(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(parts);
}
