/**
 * Reads an uploaded roster (.xlsx streamed, or .csv in UTF-8/GBK/GB18030/UTF-16) into RawRows: every
 * cell as the text a cadre sees, headers mapped to the spec's keys.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { ImportFileError, importError } from './errors.ts';
import { ERRORS_HEADER, INSTRUCTIONS_SHEET, STATUS_HEADER, type CellError, type ColumnSpec, type RawRow, type SheetSpec } from './spec.ts';
import { isRuinedNumber, normalizeHeader, serialToDate, trimCell, valueToText } from './text.ts';
import { inspectZip, type ZipLimits } from './zip-guard.ts';

export interface ImportFile {
  path: string;
  filename: string;
}

export interface ReadOptions {
  /** Largest accepted file (default 50 MB). */
  maxBytes?: number;
  /** Most data rows (default 300,000). */
  maxRows?: number;
  zip?: Partial<ZipLimits>;
  /** Ignore columns the spec does not know instead of refusing the file (default false). */
  allowUnknownColumns?: boolean;
  /** How many leading rows may be searched for the header row, e.g. a title above it (default 10). */
  headerSearchRows?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 300_000;

export type ImportFormat = 'xlsx' | 'csv';

export interface HeaderColumn {
  key: string;
  /** The header as written in the file. */
  header: string;
}

export interface ImportSource {
  format: ImportFormat;
  /** CSV only: 'utf-8', 'gb18030' (covers GBK) or 'utf-16le' / 'utf-16be'. */
  encoding?: string;
  sheetName?: string;
  headerRowNumber: number;
  /** The spec's columns found in the file, in file order, with their header as written. */
  columns: HeaderColumn[];
  /** Headers present in the file but not in the spec (only when allowUnknownColumns). */
  ignoredHeaders: string[];
  rows: AsyncIterable<RawRow>;
  /** Stops reading and releases the file (also done when iteration ends or breaks). */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Format detection

async function sniff(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decides the format from the bytes first, the file name second. */
const UNSUPPORTED_ODS = '这是 OpenDocument（.ods）格式的表格，请用 WPS、Excel 或 LibreOffice 打开后“另存为” .xlsx 格式再上传';

export async function detectFormat(file: ImportFile, maxBytes = DEFAULT_MAX_BYTES): Promise<ImportFormat> {
  let size: number;
  try {
    size = (await stat(file.path)).size;
  } catch {
    throw importError('IMPORT_EMPTY_FILE', '没有收到上传的文件');
  }
  if (size === 0) throw importError('IMPORT_EMPTY_FILE');
  if (size > maxBytes) {
    throw importError('IMPORT_FILE_TOO_LARGE', `文件过大（${(size / 1048576).toFixed(1)} MB），最大允许 ${Math.floor(maxBytes / 1048576)} MB，请拆分后分别上传`, { size, maxBytes });
  }
  const head = await sniff(file.path, 4096);
  const ext = extname(file.filename).toLowerCase();
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    // An OpenDocument file (LibreOffice, WPS's .ods) is a zip too; its first entry names its type.
    if (head.includes('application/vnd.oasis.opendocument')) throw importError('IMPORT_UNSUPPORTED_FORMAT', UNSUPPORTED_ODS);
    if (head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
    throw importError('IMPORT_FILE_CORRUPT');
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw importError('IMPORT_UNSUPPORTED_FORMAT', '这是旧版 .xls 或 WPS .et 格式（或设有打开密码）的文件，请用 Excel 或 WPS 打开后“另存为” .xlsx 格式（不设密码）再上传');
  }
  if (['.xlsx', '.xlsm', '.xltx'].includes(ext)) throw importError('IMPORT_FILE_CORRUPT');
  if (['.xls', '.et', '.ods', '.numbers'].includes(ext)) {
    throw importError('IMPORT_UNSUPPORTED_FORMAT', `不支持 ${ext} 文件，请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再上传`);
  }
  if (ext === '.csv' || ext === '.txt') {
    const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
    if (!utf16 && head.includes(0)) throw importError('IMPORT_FILE_CORRUPT', '文件内容不是文本表格，请确认上传的是 .csv 文件');
    return 'csv';
  }
  throw importError('IMPORT_UNSUPPORTED_FORMAT');
}

// ---------------------------------------------------------------------------------------------
// Header mapping

interface Mapped<Row> {
  /** For each 0-based position in the file: the spec column, or null (ignored). */
  byPos: (ColumnSpec<Row> | null)[];
  columns: HeaderColumn[];
  ignored: string[];
}

function headerIndex<Row>(spec: SheetSpec<Row>): Map<string, ColumnSpec<Row>> {
  const m = new Map<string, ColumnSpec<Row>>();
  for (const c of spec.columns) {
    for (const h of [c.header, ...(c.aliases ?? [])]) m.set(normalizeHeader(h), c);
  }
  return m;
}

const OWN_HEADERS = new Set([normalizeHeader(STATUS_HEADER), normalizeHeader(ERRORS_HEADER)]);

function countMatches<Row>(cells: string[], index: Map<string, ColumnSpec<Row>>): number {
  return cells.filter((t) => index.has(normalizeHeader(t))).length;
}

function mapHeaders<Row>(cells: string[], spec: SheetSpec<Row>, opts: ReadOptions): Mapped<Row> {
  const index = headerIndex(spec);
  const byPos: (ColumnSpec<Row> | null)[] = [];
  const columns: HeaderColumn[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  cells.forEach((raw, i) => {
    const text = trimCell(raw);
    const norm = normalizeHeader(text);
    const col = norm ? index.get(norm) : undefined;
    if (col) {
      if (seen.has(col.key)) {
        duplicates.push(text);
        byPos[i] = null;
        return;
      }
      seen.set(col.key, text);
      byPos[i] = col;
      columns.push({ key: col.key, header: text });
    } else {
      byPos[i] = null;
      if (norm && !OWN_HEADERS.has(norm)) ignored.push(text);
    }
  });
  if (duplicates.length) {
    throw importError('IMPORT_DUPLICATE_COLUMNS', `以下列重复出现：${duplicates.join('、')}，请删除多余的列后重新上传`, {
      columns: duplicates,
    });
  }
  const missing = spec.columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  if (missing.length) {
    throw importError('IMPORT_MISSING_COLUMNS', `文件缺少以下必填列：${missing.join('、')}，请使用最新的导入模板`, {
      columns: missing,
    });
  }
  if (ignored.length && !opts.allowUnknownColumns) {
    throw importError('IMPORT_UNKNOWN_COLUMNS', `文件中有模板以外的列：${ignored.join('、')}，请删除这些列或使用最新的导入模板`, { columns: ignored });
  }
  return { byPos, columns, ignored };
}

// ---------------------------------------------------------------------------------------------
// Row building (shared by xlsx and csv)

export const FORMULA_REFUSED = '请填写值而不是公式';

/** An ExcelJS formula cell (its own formula, or one shared from another cell). */
function isFormula(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

class RowBuilder<Row> {
  private readonly examples: [number, string][];
  private count = 0;
  constructor(
    private readonly mapped: Mapped<Row>,
    private readonly maxRows: number,
  ) {
    const ex: [number, string][] = [];
    mapped.byPos.forEach((c, i) => {
      if (c && c.example !== '') ex.push([i, c.example]);
    });
    this.examples = ex;
  }

  /** values: per 0-based file position, a raw ExcelJS value or a CSV string. */
  build(rowNumber: number, values: ArrayLike<unknown>): RawRow | null {
    const cells: Record<string, string> = {};
    let errors: CellError[] | undefined;
    let any = false;
    const { byPos } = this.mapped;
    for (let i = 0; i < byPos.length; i++) {
      const col = byPos[i];
      if (!col) continue;
      const v = values[i];
      let text: string;
      const kind = col.kind ?? 'text';
      const num = typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'number' ? (v as { result: number }).result : null;
      if (num !== null && kind === 'date') {
        text = serialToDate(num) ?? valueToText(num);
      } else if (typeof v === 'string') {
        text = trimCell(v);
      } else {
        text = trimCell(valueToText(v, kind === 'date'));
        if (num !== null && kind !== 'number' && isRuinedNumber(num)) {
          errors ??= [];
          errors.push({
            key: col.key,
            message: `${col.header}被 Excel 转成了数字，请把该列设为文本格式后重新填写`,
          });
        }
      }
      // A formula's saved result is whatever the sender's program last computed, not what they
      // typed: the cell is refused, never taken as data.
      if (isFormula(v)) {
        errors ??= [];
        errors.push({ key: col.key, message: `${col.header}：${FORMULA_REFUSED}` });
      }
      if (text !== '') any = true;
      cells[col.key] = text;
    }
    if (!any) return null;
    if (this.examples.length && this.examples.every(([i, ex]) => cells[byPos[i]!.key] === ex)) return null;
    if (++this.count > this.maxRows) {
      throw importError('IMPORT_TOO_MANY_ROWS', `数据行超过 ${this.maxRows} 行，请拆分成几个文件分别上传`, {
        maxRows: this.maxRows,
      });
    }
    return errors ? { rowNumber, cells, errors } : { rowNumber, cells };
  }

  get rowCount(): number {
    return this.count;
  }
}

const headerCells = (values: ArrayLike<unknown>): string[] => Array.from(values, (v) => trimCell(valueToText(v)));

// ---------------------------------------------------------------------------------------------
// XLSX

type XRow = { number: number; values: unknown[] | Record<string, unknown>; hasValues: boolean };

/**
 * A character XML cannot carry is written by Excel and WPS as `_xHHHH_` (ECMA-376 ST_Xstring); the
 * streaming reader hands the escape back as it stands. Decoded, a control character is seen for
 * what it is (and refused by the field's rules) instead of passing as seven harmless letters.
 */
const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const decodeXstring = (text: string) => (text.includes('_x') ? text.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text);

function decodeCell(v: unknown): unknown {
  if (typeof v === 'string') return decodeXstring(v);
  if (v && typeof v === 'object' && 'richText' in v && Array.isArray((v as { richText: unknown }).richText)) {
    return { richText: (v as { richText: { text: string }[] }).richText.map((r) => ({ ...r, text: decodeXstring(r.text) })) };
  }
  return v;
}

/** ExcelJS row.values is 1-based and sparse; make it 0-based, escapes decoded. */
function rowValues(row: XRow): unknown[] {
  const v = row.values as unknown[];
  return Array.from(v.slice(1), decodeCell);
}

function wrapCorrupt(e: unknown): Error {
  if (e instanceof ImportFileError) return e;
  return importError('IMPORT_FILE_CORRUPT', undefined, { reason: e instanceof Error ? e.message : String(e) });
}

/**
 * ExcelJS's streaming reader now and then (about one read in four hundred, under load) starts a
 * worksheet before it has read the workbook's list of sheets, and fails with a TypeError on
 * `sheets`: the file is fine, and reading it again succeeds.
 */
const READER_RACE = /reading 'sheets'/;

async function openXlsx<Row>(file: ImportFile, spec: SheetSpec<Row>, opts: ReadOptions): Promise<ImportSource> {
  try {
    return await openXlsxOnce(file, spec, opts);
  } catch (e) {
    const reason = (e as { details?: { reason?: unknown } }).details?.reason;
    if (!(e instanceof ImportFileError) || typeof reason !== 'string' || !READER_RACE.test(reason)) throw e;
    return openXlsxOnce(file, spec, opts);
  }
}

async function openXlsxOnce<Row>(file: ImportFile, spec: SheetSpec<Row>, opts: ReadOptions): Promise<ImportSource> {
  const entries = await inspectZip(file.path, opts.zip);
  const input = createReadStream(file.path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let rowsIt: AsyncIterator<XRow> | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await rowsIt?.return?.();
    } catch {
      /* already failed */
    }
    try {
      await sheets.return(undefined);
    } catch {
      /* already failed */
    }
    input.destroy();
  };

  // A zip that is not a workbook (an .ods renamed, a Word file) says so rather than "corrupt".
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    await close();
    throw importError('IMPORT_UNSUPPORTED_FORMAT', entries.some((e) => e.name === 'content.xml') ? UNSUPPORTED_ODS : '文件不是 Excel 表格（.xlsx），请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再上传');
  }

  // The roster sheet is found wherever it stands: hidden sheets and the instructions are passed
  // over, and the first visible sheet whose header row holds every required column is read. A
  // sheet named as the template names it is read once any column matches. When none qualifies,
  // the first sheet with content is the one reported on (its missing columns).
  const index = headerIndex(spec);
  const searchRows = opts.headerSearchRows ?? 10;
  const required = spec.columns.filter((c) => c.required);
  let sheetName: string | undefined;
  let header: XRow | null = null;
  let firstContent: XRow | null = null;
  let partialHeader: XRow | null = null;
  let sawWorksheet = false;
  try {
    for (;;) {
      const s = await sheets.next();
      if (s.done) break;
      sawWorksheet = true;
      const ws = s.value as unknown as AsyncIterable<XRow> & { name: string; state?: string };
      if (ws.name === INSTRUCTIONS_SHEET || ws.state === 'hidden' || ws.state === 'veryHidden') continue;
      const it = ws[Symbol.asyncIterator]();
      let candidate: XRow | null = null;
      for (let seen = 0; seen < searchRows; ) {
        const r = await it.next();
        if (r.done) break;
        if (!r.value.hasValues) continue;
        seen++;
        firstContent ??= r.value;
        const cells = headerCells(rowValues(r.value));
        if (countMatches(cells, index) === 0) continue;
        const named = new Set(cells.map((c) => index.get(normalizeHeader(c))));
        if (ws.name === spec.name || required.every((c) => named.has(c))) candidate = r.value;
        else partialHeader ??= r.value;
        break;
      }
      if (candidate) {
        sheetName = ws.name;
        header = candidate;
        rowsIt = it;
        break;
      }
      // Not the roster: read past its rows so the reader moves on to the next sheet.
      for (let r = await it.next(); !r.done; r = await it.next());
    }
  } catch (e) {
    await close();
    throw wrapCorrupt(e);
  }
  if (!rowsIt || !header) {
    await close();
    const reportOn = partialHeader ?? firstContent;
    if (reportOn) mapHeaders(headerCells(rowValues(reportOn)), spec, opts); // throws: the columns that are missing
    // The streaming reader may emit no sheet at all for a workbook whose only sheet is empty; the
    // zip's own list tells that apart from a file that holds no worksheet.
    if (sawWorksheet || entries.some((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) throw importError('IMPORT_EMPTY_FILE', '工作表是空的，请填写数据后再上传');
    throw importError('IMPORT_FILE_CORRUPT', '文件中没有找到工作表，请确认上传的是 Excel 表格');
  }
  const it = rowsIt;
  let mapped: Mapped<Row>;
  try {
    mapped = mapHeaders(headerCells(rowValues(header)), spec, opts);
  } catch (e) {
    await close();
    throw e;
  }
  const headerRowNumber = header.number;
  const builder = new RowBuilder(mapped, opts.maxRows ?? DEFAULT_MAX_ROWS);

  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for (;;) {
        let r: IteratorResult<XRow>;
        try {
          r = await it.next();
        } catch (e) {
          throw wrapCorrupt(e);
        }
        if (r.done) break;
        if (!r.value.hasValues) continue;
        const raw = builder.build(r.value.number, rowValues(r.value));
        if (raw) yield raw;
      }
      if (builder.rowCount === 0) throw importError('IMPORT_NO_DATA');
    } finally {
      await close();
    }
  }

  return {
    format: 'xlsx',
    sheetName,
    headerRowNumber,
    columns: mapped.columns,
    ignoredHeaders: mapped.ignored,
    rows: rows(),
    close,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Decodes CSV bytes: BOMs first, then strict UTF-8, falling back to GB18030 (a superset of GBK). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
    } catch {
      throw importError('IMPORT_FILE_CORRUPT', '无法识别文件的文字编码，请用 Excel 或 WPS 另存为 .xlsx 后再上传');
    }
  }
}

/** RFC 4180 records with their 1-based record number; delimiter ',' or tab. */
export function* parseCsv(text: string, delimiter = ','): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      yield record;
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length) {
    record.push(field);
    yield record;
  }
}

function guessDelimiter(text: string): string {
  const nl = text.search(/[\r\n]/);
  const first = nl < 0 ? text : text.slice(0, nl);
  const tabs = first.split('\t').length;
  const commas = first.split(',').length;
  return tabs > commas ? '\t' : ',';
}

async function openCsv<Row>(file: ImportFile, spec: SheetSpec<Row>, opts: ReadOptions): Promise<ImportSource> {
  const { text, encoding } = decodeText(await readFile(file.path));
  const records = parseCsv(text, guessDelimiter(text));
  const index = headerIndex(spec);
  let recNo = 0;
  let header: string[] | null = null;
  let firstNonEmpty: string[] | null = null;
  let headerRowNumber = 0;
  for (let seen = 0; seen < (opts.headerSearchRows ?? 10); ) {
    const r = records.next();
    if (r.done) break;
    recNo++;
    if (r.value.every((c) => trimCell(c) === '')) continue;
    seen++;
    if (!firstNonEmpty) {
      firstNonEmpty = r.value;
      headerRowNumber = recNo;
    }
    if (countMatches(r.value.map(trimCell), index) > 0) {
      header = r.value;
      headerRowNumber = recNo;
      break;
    }
  }
  if (!firstNonEmpty) throw importError('IMPORT_EMPTY_FILE');
  const mapped = mapHeaders((header ?? firstNonEmpty).map(trimCell), spec, opts);
  const builder = new RowBuilder(mapped, opts.maxRows ?? DEFAULT_MAX_ROWS);
  let closed = false;
  async function* rows(): AsyncGenerator<RawRow> {
    for (;;) {
      if (closed) return;
      const r = records.next();
      if (r.done) break;
      recNo++;
      const raw = builder.build(recNo, r.value);
      if (raw) yield raw;
    }
    if (builder.rowCount === 0) throw importError('IMPORT_NO_DATA');
  }
  return {
    format: 'csv',
    encoding,
    headerRowNumber,
    columns: mapped.columns,
    ignoredHeaders: mapped.ignored,
    rows: rows(),
    close: async () => {
      closed = true;
    },
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks and opens an uploaded file: size, format, zip structure, header row. File-level problems
 * are thrown as ImportFileError; IMPORT_TOO_MANY_ROWS, IMPORT_NO_DATA and a file damaged past its
 * header are thrown while iterating `rows`.
 */
export async function openImport<Row>(file: ImportFile, spec: SheetSpec<Row>, opts: ReadOptions = {}): Promise<ImportSource> {
  const format = await detectFormat(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  return format === 'xlsx' ? openXlsx(file, spec, opts) : openCsv(file, spec, opts);
}

/** The rows of an uploaded file (see openImport). */
export async function* readRows<Row>(file: ImportFile, spec: SheetSpec<Row>, opts: ReadOptions = {}): AsyncGenerator<RawRow> {
  const src = await openImport(file, spec, opts);
  try {
    yield* src.rows;
  } finally {
    await src.close();
  }
}
