/**
 * A second, independent reader of the workbooks the app writes: openpyxl (Debian's
 * python3-openpyxl, installed by .ci/run), which refuses what Excel would offer to "repair".
 * Every warning it gives is taken as a failure.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Debian's interpreter, where python3-openpyxl installs (another python3 may come first on PATH). */
const PYTHON = process.env.SECOND_READER_PYTHON ?? '/usr/bin/python3';

const READ = `
import sys, warnings
warnings.simplefilter("error")
import openpyxl
for name in sys.argv[1:]:
    wb = openpyxl.load_workbook(name)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            pass
`;

/** True when openpyxl can be run here. */
export async function secondReaderAvailable(): Promise<boolean> {
  try {
    await run(PYTHON, ['-c', 'import openpyxl']);
    return true;
  } catch {
    return false;
  }
}

/** Opens each workbook with openpyxl; answers what it refused, file by file (empty: all opened cleanly). */
export async function refusedBySecondReader(workbooks: { name: string; bytes: Buffer }[]): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-second-reader-'));
  try {
    const refused: string[] = [];
    for (const [i, w] of workbooks.entries()) {
      const file = path.join(dir, `${i}.xlsx`);
      fs.writeFileSync(file, w.bytes);
      try {
        await run(PYTHON, ['-c', READ, file]);
      } catch (e) {
        const stderr = (e as { stderr?: string }).stderr ?? String(e);
        refused.push(`${w.name}: ${stderr.trim().split('\n').at(-1)}`);
      }
    }
    return refused;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
