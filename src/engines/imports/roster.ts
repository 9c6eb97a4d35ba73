/**
 * The parts every roster job shares: read and validate the whole upload (in-file duplicates
 * included), and hand the same rows back as the marked workbook with each row's outcome.
 */
import { DuplicateTracker } from './validate.ts';
import { validateRow } from './validate.ts';
import { openImport } from './read.ts';
import { writeOutcomes } from './outcomes.ts';
import type { JobRun } from './jobs.ts';
import type { CellError, SheetSpec } from './spec.ts';
import type { ImportCounts } from './jobs-schema.ts';

export interface RosterRow<Row> {
  rowNumber: number;
  cells: Record<string, string>;
  errors: CellError[];
  /** The parsed row, when it passed the sheet's own checks. */
  row?: Row;
  outcome?: 'imported' | 'unchanged';
}

export interface Roster<Row> {
  rows: RosterRow<Row>[];
  /** The headers as uploaded, for the marked workbook. */
  columns: { key: string; header: string }[];
}

export async function readRoster<Row>(run: JobRun, spec: SheetSpec<Row>): Promise<Roster<Row>> {
  return readRosterInBatches(run, spec, Number.MAX_SAFE_INTEGER, async () => undefined);
}

/**
 * Reads and validates the upload like readRoster, handing the rows over in batches as they are
 * read (each after its in-file duplicate check), so a program can write one batch while the next
 * is read. `onBatch` is awaited before reading on: it returns once it is ready for more.
 */
export async function readRosterInBatches<Row>(run: JobRun, spec: SheetSpec<Row>, batchSize: number, onBatch: (batch: RosterRow<Row>[]) => Promise<void>): Promise<Roster<Row>> {
  const src = await openImport({ path: run.filePath, filename: run.job.fileName }, spec);
  const rows: RosterRow<Row>[] = [];
  const dups = new DuplicateTracker(spec);
  let batch: RosterRow<Row>[] = [];
  try {
    await run.progress('validating', 0, 0);
    for await (const raw of src.rows) {
      const v = validateRow(raw, spec);
      const r: RosterRow<Row> = { rowNumber: raw.rowNumber, cells: raw.cells, errors: [...v.errors] };
      if (v.row) {
        const dup = dups.check(v.row, raw.rowNumber);
        if (dup) r.errors.push(dup);
        else r.row = v.row;
      }
      rows.push(r);
      batch.push(r);
      if (batch.length >= batchSize) {
        await onBatch(batch);
        batch = [];
      }
      if (rows.length % 2000 === 0) await run.progress('validating', rows.length, rows.length);
    }
  } finally {
    await src.close();
  }
  if (batch.length) await onBatch(batch);
  await run.progress('validating', rows.length, rows.length);
  return { rows, columns: src.columns.map((c) => ({ key: c.key, header: c.header })) };
}

/**
 * Keeps each row's outcome for the marked workbook (built when downloaded) and returns the job's
 * counts. `blocked`: all-or-nothing refused the file.
 */
export async function finishRoster<Row>(run: JobRun, spec: SheetSpec<Row>, roster: Roster<Row>, opts: { blocked: boolean; unchangedLabel: string }): Promise<ImportCounts> {
  const { rows } = roster;
  await writeOutcomes(
    run.outcomesPath,
    { sheetName: spec.name, columns: roster.columns },
    rows.map((r) => ({
      rowNumber: r.rowNumber,
      cells: r.cells,
      errors: r.errors,
      status: r.errors.length ? '有误，未导入' : r.outcome === 'imported' ? '已导入' : r.outcome === 'unchanged' ? opts.unchangedLabel : opts.blocked ? '未导入（文件中有错误行）' : '未导入',
    })),
  );
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return {
    rows: rows.length,
    valid: rows.length - invalid,
    invalid,
    imported: rows.filter((r) => r.outcome === 'imported').length,
    unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
  };
}
