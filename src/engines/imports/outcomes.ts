/**
 * A roster job's outcome, row by row, kept as JSON lines beside the upload. The marked workbook is
 * built from it when the cadre downloads it, so an import finishes as soon as its rows are written
 * (building a 200,000-row workbook costs more than validating the rows).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { markedWorkbookStream, type MarkedRow, type MarkedWorkbookOptions } from './output.ts';

export async function writeOutcomes(file: string, opts: MarkedWorkbookOptions, rows: Iterable<MarkedRow>): Promise<void> {
  const tmp = `${file}.part`;
  const out = fs.createWriteStream(tmp);
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  await write(opts);
  for (const row of rows) await write(row);
  out.end();
  await once(out, 'close');
  // Renamed only once complete: a download never sees half a file.
  fs.renameSync(tmp, file);
}

async function* outcomeRows(lines: AsyncIterable<string>): AsyncIterable<MarkedRow> {
  for await (const line of lines) if (line) yield JSON.parse(line) as MarkedRow;
}

/** The marked workbook of a finished job, streamed from its outcome file. */
export async function markedWorkbookFromOutcomes(file: string): Promise<Readable> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error(`empty outcome file ${file}`);
  const opts = JSON.parse(first.value) as MarkedWorkbookOptions;
  return markedWorkbookStream(opts, outcomeRows({ [Symbol.asyncIterator]: () => lines }));
}
