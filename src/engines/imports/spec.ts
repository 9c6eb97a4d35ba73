/** How a program describes one sheet of a roster: columns, their template hints and their checks. */

export type ParseResult = { value: unknown } | { error: string };

/**
 * - 'text' (default): stored as text ('@' format in the template).
 * - 'id': an identifier (ID number, phone, member number): text format; a number with ≥ 16 digits or
 *   in exponent form on upload is reported as ruined by Excel.
 * - 'date': Excel date cells and date serial numbers are read as YYYY-MM-DD.
 * - 'number': a plain number column (General format in the template).
 */
export type ColumnKind = 'text' | 'id' | 'date' | 'number';

export interface ColumnSpec<Row> {
  key: keyof Row & string; // field name in the parsed row
  header: string; // Chinese header in the template, e.g. '身份证号'
  aliases?: string[]; // other headers accepted on upload (e.g. '公民身份号码', '身份证号码')
  required?: boolean;
  example: string; // the example row's value in the template
  note?: string; // shown as a comment on the header cell (format hint)
  width?: number;
  choices?: readonly string[]; // data-validation list in the template, and checked on upload
  /** Turns the cell's text into the value, or returns an error message in Chinese. */
  parse?: (text: string) => ParseResult;
  /** How the cell is read and formatted; defaults to 'text'. */
  kind?: ColumnKind;
}

export interface SheetSpec<Row> {
  name: string; // sheet name, e.g. '会员名册'
  title: string; // e.g. '会员花名册导入模板'
  columns: ColumnSpec<Row>[];
  /** Key identifying a row for duplicate detection inside the file (e.g. the ID number). */
  identity?: (row: Row) => string | null;
  /** The column a duplicate is reported on (its cell is marked); row-level when absent. */
  identityKey?: keyof Row & string;
  /** Rules across the columns of one row (e.g. a join date against the birth date), once each cell has parsed. */
  checkRow?: (row: Row) => CellError[];
}

/** A message about one cell (key set) or about the whole row (key absent). */
export interface CellError {
  key?: string;
  message: string;
}

/** One data row as read from the file: every cell as the text a cadre sees. */
export interface RawRow {
  rowNumber: number; // 1-based sheet row (CSV: 1-based record number, header = 1)
  cells: Record<string, string>;
  /** Problems found while reading (e.g. an ID number Excel turned into a number). */
  errors?: CellError[];
}

/** Headers the engine adds to a marked workbook; ignored when that workbook comes back. */
export const STATUS_HEADER = '处理结果';
export const ERRORS_HEADER = '错误说明';
export const INSTRUCTIONS_SHEET = '填写说明';
