/** The largest spreadsheet or attachment the app takes in one upload. */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;

export * from './spec.ts';
export * from './errors.ts';
export { buildTemplate, type TemplateOptions } from './template.ts';
export {
  openImport,
  readRows,
  detectFormat,
  decodeText,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ROWS,
  type ImportFile,
  type ImportSource,
  type ImportFormat,
  type HeaderColumn,
  type ReadOptions,
} from './read.ts';
export { validateRow, DuplicateTracker, textCell, type Validated } from './validate.ts';
export { dateCell, readWrittenDate } from './dates.ts';
export {
  writeMarkedWorkbook,
  markedWorkbookStream,
  exportRows,
  streamToBuffer,
  type MarkedColumn,
  type MarkedRow,
  type MarkedWorkbookOptions,
  type MarkedSummary,
  type ExportColumn,
  type ExportFormat,
} from './output.ts';
export { inspectZip, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipEntryInfo } from './zip-guard.ts';
export { csvSafe, looksLikeFormula, normalizeHeader, trimCell } from './text.ts';
export { readRoster, readRosterInBatches, finishRoster, type Roster, type RosterRow } from './roster.ts';
export { writeOutcomes, markedWorkbookFromOutcomes } from './outcomes.ts';
