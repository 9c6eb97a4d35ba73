/** Turns RawRows into typed rows through the spec: required, choices, parse; in-file duplicates. */
import type { CellError, ParseResult, RawRow, SheetSpec } from './spec.ts';
import { checkText, type TextField } from '../../shared/fields.ts';

/** A text column's parse: the field's own rules (length, characters), in the words the form uses. */
export function textCell(field: TextField, text: string): ParseResult {
  const problem = checkText(field, text);
  return problem ? { error: problem } : { value: text };
}

export interface Validated<Row> {
  /** Present only when there are no errors. Empty optional cells are null. */
  row?: Row;
  errors: CellError[];
}

export function validateRow<Row>(raw: RawRow, spec: SheetSpec<Row>): Validated<Row> {
  const errors: CellError[] = [];
  const out: Record<string, unknown> = {};
  const readErrors = new Set<string>();
  for (const e of raw.errors ?? []) {
    errors.push(e);
    if (e.key) readErrors.add(e.key);
  }
  for (const col of spec.columns) {
    if (readErrors.has(col.key)) continue;
    const text = raw.cells[col.key] ?? '';
    if (text === '') {
      if (col.required) errors.push({ key: col.key, message: `「${col.header}」必须填写` });
      out[col.key] = null;
      continue;
    }
    if (col.choices && !col.choices.includes(text)) {
      errors.push({
        key: col.key,
        message: `「${text}」不是「${col.header}」的可选值，只能填写：${col.choices.join('、')}`,
      });
      continue;
    }
    if (col.parse) {
      let r: ReturnType<NonNullable<typeof col.parse>>;
      try {
        r = col.parse(text);
      } catch {
        r = { error: `「${col.header}」的内容无法识别` };
      }
      if ('error' in r) errors.push({ key: col.key, message: r.error });
      else out[col.key] = r.value;
    } else {
      out[col.key] = text;
    }
  }
  if (errors.length === 0 && spec.checkRow) errors.push(...spec.checkRow(out as Row));
  return errors.length ? { errors } : { row: out as Row, errors };
}

/** Remembers each identity's first row; reports later rows as duplicates ("与第 N 行重复"). */
export class DuplicateTracker<Row> {
  private readonly seen = new Map<string, number>();
  constructor(private readonly spec: SheetSpec<Row>) {}

  /** Returns the error for a duplicate row (keyed to spec.identityKey if set), else null. */
  check(row: Row, rowNumber: number): CellError | null {
    const id = this.spec.identity?.(row);
    if (id === null || id === undefined || id === '') return null;
    const first = this.seen.get(id);
    if (first === undefined) {
      this.seen.set(id, rowNumber);
      return null;
    }
    const message = `与第 ${first} 行重复`;
    return this.spec.identityKey ? { key: this.spec.identityKey, message } : { message };
  }

  get size(): number {
    return this.seen.size;
  }
}
