/**
 * Throughput of readRows against ExcelJS's own streaming reader on the same 200,000-row file.
 * Run: npx tsx src/engines/imports/bench.ts [rows]
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readRows } from './read.ts';
import { memberSpec } from './testing.ts';

const rows = Number(process.argv[2] ?? 200_000);
const path = join(tmpdir(), `gh-imports-bench-${rows}.xlsx`);

async function generate(): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('会员名册');
  ws.addRow(['姓名*', '身份证号*', '性别*', '入会日期', '手机号码（选填）']).commit();
  for (let i = 0; i < rows; i++) {
    ws.addRow([`会员${i}`, String(110101199000000000 + i * 10), i % 2 ? '男' : '女', '2020-05-01', String(13800000000 + i)]).commit();
  }
  await wb.commit();
}

async function raw(): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const ws of reader) for await (const row of ws) if (row.hasValues) n++;
  return n;
}

async function engine(): Promise<number> {
  let n = 0;
  for await (const _ of readRows({ path, filename: 'bench.xlsx' }, memberSpec)) n++;
  return n;
}

async function time(name: string, f: () => Promise<number>): Promise<number> {
  const t = performance.now();
  const n = await f();
  const s = (performance.now() - t) / 1000;
  const rps = n / s;
  console.log(`${name}: ${n} rows in ${s.toFixed(2)} s = ${Math.round(rps)} rows/s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  return rps;
}

if (!existsSync(path)) await generate();
await raw(); // warm up
const a = await time('ExcelJS raw stream', raw);
const b = await time('readRows          ', engine);
const a2 = await time('ExcelJS raw stream', raw);
const b2 = await time('readRows          ', engine);
console.log(`readRows / raw = ${Math.round(((b + b2) / (a + a2)) * 100)}%`);
