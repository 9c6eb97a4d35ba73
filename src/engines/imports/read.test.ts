import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors.ts';
import { openImport, readRows, type ReadOptions } from './read.ts';
import { buildTemplate } from './template.ts';
import { validateRow } from './validate.ts';
import { encodeGbk, makeZip, memberSpec, tempDir, writeTemp } from './testing.ts';
import { DomainError } from '../errors.ts';
import type { RawRow } from './spec.ts';

const dir = tempDir();
let seq = 0;

async function xlsxFile(fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员名册');
  fill(ws);
  const p = join(dir, `f${seq++}.xlsx`);
  writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer())); // writeFile may resolve before the file is flushed
  return p;
}

async function all(path: string, filename = 'x.xlsx', opts?: ReadOptions): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readRows({ path, filename }, memberSpec, opts)) out.push(r);
  return out;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as ImportFileError).message).toMatch(/[\u4e00-\u9fa5]/);
    return (e as ImportFileError).code;
  }
  return 'no error';
}

describe('readRows: xlsx', () => {
  it('maps headers by alias, ignoring *, spaces and full-width parentheses; converts cells to text', async () => {
    const p = await xlsxFile((ws) => {
      ws.addRow(['会员花名册']); // a title row above the header
      ws.addRow(['姓 名*', '公民身份号码', '性别 *', '入会日期', '手机号码(选填)']);
      ws.addRow(['  张三\u3000', '110101199003070011', '男', new Date(Date.UTC(2021, 2, 4)), 13800138000]);
      ws.addRow([]);
      ws.addRow([{ richText: [{ text: '李' }, { text: '四' }] }, { formula: '"1101011990"&"03070022"', result: '110101199003070022' }, '女', 44197, null]);
      ws.addRow(['王五', 350102199001011000, '男']);
    });
    const src = await openImport({ path: p, filename: 'a.xlsx' }, memberSpec);
    expect(src.headerRowNumber).toBe(2);
    expect(src.columns.map((c) => c.key)).toEqual(['name', 'idNumber', 'gender', 'joinedOn', 'phone']);
    const rows: RawRow[] = [];
    for await (const r of src.rows) rows.push(r);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 5, 6]);
    expect(rows[0]!.cells).toEqual({ name: '张三', idNumber: '110101199003070011', gender: '男', joinedOn: '2021-03-04', phone: '13800138000' });
    expect(rows[1]!.cells).toMatchObject({ name: '李四', idNumber: '110101199003070022', joinedOn: '2021-01-01' });
    // A formula is refused, its saved result kept only to show the cadre what was there.
    expect(rows[1]!.errors).toEqual([{ key: 'idNumber', message: '身份证号：请填写值而不是公式' }]);
    expect(rows[2]!.errors).toEqual([{ key: 'idNumber', message: '身份证号被 Excel 转成了数字，请把该列设为文本格式后重新填写' }]);
    expect(rows[2]!.cells.idNumber).not.toMatch(/e/i);
  });

  it('refuses a formula in any column instead of taking its saved result as data', async () => {
    const p = await xlsxFile((ws) => {
      ws.addRow(['姓名', '身份证号', '性别', '入会日期']);
      ws.addRow([{ formula: '1000000+2345678', result: 3345678 }, '110101199003070011', '男', { formula: 'TODAY()', result: 46000 }]);
      ws.addRow(['张三', { sharedFormula: 'A2', result: '110101199003070011' }, '男', '2021-01-01']);
    });
    const rows = await all(p);
    expect(rows[0]!.errors).toEqual([
      { key: 'name', message: '姓名：请填写值而不是公式' },
      { key: 'joinedOn', message: '入会日期：请填写值而不是公式' },
    ]);
    expect(rows[1]!.errors).toEqual([{ key: 'idNumber', message: '身份证号：请填写值而不是公式' }]);
    const checked = validateRow(rows[0]!, memberSpec);
    expect(checked.row).toBeUndefined();
  });

  it('finds the roster sheet wherever it stands: instructions and hidden sheets are passed over', async () => {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('说明');
    notes.addRow(['请在“名册”表中填写姓名、身份证号、性别']);
    notes.addRow(['姓名']);
    const old = wb.addWorksheet('旧名册', { state: 'hidden' });
    old.addRow(['姓名', '身份证号', '性别']);
    old.addRow(['旧人', '110101199003070011', '男']);
    const roster = wb.addWorksheet('名册');
    roster.mergeCells('A1:E1');
    roster.getCell('A1').value = '2026 年会员名册';
    roster.addRow([' 姓 名 ', '身份证号（必填）', '性别', '入会日期', '', '']);
    roster.addRow(['张三', '110101199003070022', '男', '2021-03-04', '', '']);
    roster.addRow(['', '', '', '', '', '']);
    roster.addRow([]);
    const p = join(dir, `sheets${seq++}.xlsx`);
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
    const src = await openImport(
      { path: p, filename: 'x.xlsx' },
      { ...memberSpec, columns: memberSpec.columns.map((c) => (c.key === 'idNumber' ? { ...c, aliases: [...(c.aliases ?? []), '身份证号(必填)'] } : c)) },
    );
    expect(src.sheetName).toBe('名册');
    expect(src.headerRowNumber).toBe(2);
    const rows: RawRow[] = [];
    for await (const r of src.rows) rows.push(r);
    expect(rows.map((r) => r.cells.name)).toEqual(['张三']);
  });

  it('reports the missing columns of the sheet that looks most like the roster', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').addRow(['会员名册']);
    wb.addWorksheet('数据').addRow(['姓名', '性别']);
    const p = join(dir, `missing${seq++}.xlsx`);
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
    const err = await all(p).catch((e: ImportFileError) => e);
    expect((err as ImportFileError).code).toBe('IMPORT_MISSING_COLUMNS');
    expect((err as ImportFileError).message).toContain('身份证号');
  });

  it('skips the unchanged example row of the template', async () => {
    const buf = await buildTemplate(memberSpec);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    wb.getWorksheet('会员名册')!.getRow(3).values = ['赵六', '110101199003070033', '女'];
    const p = join(dir, 'tpl-filled.xlsx');
    writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer())); // writeFile may resolve before the file is flushed
    const rows = await all(p);
    expect(rows.map((r) => r.cells.name)).toEqual(['赵六']);
  });

  it('refuses missing required columns and unknown columns, unless allowed', async () => {
    const p1 = await xlsxFile((ws) => ws.addRow(['姓名', '性别']).commit());
    expect(await code(all(p1))).toBe('IMPORT_MISSING_COLUMNS');
    const p2 = await xlsxFile((ws) => {
      ws.addRow(['姓名', '身份证号', '性别', '备注']);
      ws.addRow(['张三', '110101199003070055', '男', 'x']);
    });
    expect(await code(all(p2))).toBe('IMPORT_UNKNOWN_COLUMNS');
    expect((await all(p2, 'x.xlsx', { allowUnknownColumns: true })).length).toBe(1);
  });

  it('accepts its own marked workbook back (status and error columns are ignored)', async () => {
    const p = await xlsxFile((ws) => {
      ws.addRow(['姓名', '身份证号', '性别', '处理结果', '错误说明']);
      ws.addRow(['张三', '110101199003070055', '男', '有误', '性别：…']);
    });
    expect((await all(p))[0]!.cells).toEqual({ name: '张三', idNumber: '110101199003070055', gender: '男' });
  });

  it('reports an empty sheet, a header-only sheet and too many rows', async () => {
    expect(await code(all(await xlsxFile(() => {})))).toBe('IMPORT_EMPTY_FILE');
    expect(await code(all(await xlsxFile((ws) => ws.addRow(['姓名', '身份证号', '性别']))))).toBe('IMPORT_NO_DATA');
    const many = await xlsxFile((ws) => {
      ws.addRow(['姓名', '身份证号', '性别']);
      for (let i = 0; i < 10; i++) ws.addRow([`人${i}`, `1101011990030700${10 + i}`, '男']);
    });
    expect(await code(all(many, 'x.xlsx', { maxRows: 5 }))).toBe('IMPORT_TOO_MANY_ROWS');
  });
});

describe('readRows: bad files', () => {
  it('empty, too large, random bytes, truncated, old .xls, unknown extension', async () => {
    expect(await code(all(writeTemp(dir, 'e.xlsx', Buffer.alloc(0))))).toBe('IMPORT_EMPTY_FILE');
    const tpl = await buildTemplate(memberSpec);
    const ok = writeTemp(dir, 'ok.xlsx', tpl);
    expect(await code(all(ok, 'ok.xlsx', { maxBytes: 1000 }))).toBe('IMPORT_FILE_TOO_LARGE');
    const random = Buffer.alloc(5000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    expect(await code(all(writeTemp(dir, 'r.xlsx', random)))).toBe('IMPORT_FILE_CORRUPT');
    expect(await code(all(writeTemp(dir, 't.xlsx', tpl.subarray(0, Math.floor(tpl.length / 2)))))).toBe('IMPORT_FILE_CORRUPT');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);
    expect(await code(all(writeTemp(dir, 'old.xls', ole), 'old.xls'))).toBe('IMPORT_UNSUPPORTED_FORMAT');
    expect(await code(all(writeTemp(dir, 'w.docx', 'hello'), 'w.pdf'))).toBe('IMPORT_UNSUPPORTED_FORMAT');
    // a zip that is not a workbook
    const notBook = writeTemp(dir, 'nb.xlsx', makeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]));
    expect(await code(all(notBook))).toBe('IMPORT_UNSUPPORTED_FORMAT');
  });

  it('refuses an OpenDocument spreadsheet as unsupported, asking for .xlsx', async () => {
    const ods = makeZip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]);
    for (const name of ['a.ods', 'renamed.xlsx']) {
      const err = await all(writeTemp(dir, name, ods), name).catch((e: ImportFileError) => e);
      expect((err as ImportFileError).code, name).toBe('IMPORT_UNSUPPORTED_FORMAT');
      expect((err as ImportFileError).message).toContain('.ods');
    }
  });

  it('refuses zip bombs: ratio, total size, entry count', async () => {
    const bomb = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await code(all(writeTemp(dir, 'bomb.xlsx', bomb)))).toBe('IMPORT_ZIP_BOMB');
    const ok = writeTemp(dir, 'ok2.xlsx', await buildTemplate(memberSpec));
    expect(await code(all(ok, 'ok.xlsx', { zip: { maxUncompressedBytes: 2000 } }))).toBe('IMPORT_ZIP_BOMB');
    expect(await code(all(ok, 'ok.xlsx', { zip: { maxEntries: 3 } }))).toBe('IMPORT_ZIP_BOMB');
  });
});

describe('readRows: csv', () => {
  const body = '姓名,身份证号,性别,入会日期\r\n张三,110101199003070044,男,2020-05-01\r\n"李,四","110101199003070022",女,\r\n';

  it('reads UTF-8 with and without BOM', async () => {
    for (const data of [Buffer.from(body), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])]) {
      const rows = await all(writeTemp(dir, `u${seq++}.csv`, data), 'a.csv');
      expect(rows.map((r) => r.cells.name)).toEqual(['张三', `${'张三'.slice(0, 0)}李,四`]);
      expect(rows[0]!.rowNumber).toBe(2);
    }
  });

  it('detects GBK (not valid UTF-8) and decodes it', async () => {
    expect(encodeGbk('张三')).toEqual(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]));
    const p = writeTemp(dir, 'gbk.csv', encodeGbk(body));
    const src = await openImport({ path: p, filename: '名册.csv' }, memberSpec);
    expect(src.encoding).toBe('gb18030');
    const rows: RawRow[] = [];
    for await (const r of src.rows) rows.push(r);
    expect(rows[0]!.cells).toMatchObject({ name: '张三', gender: '男', joinedOn: '2020-05-01' });
    expect(rows[1]!.cells.name).toBe('李,四');
  });

  it('reads UTF-16 tab-separated text (Excel “Unicode text”)', async () => {
    const tsv = body.replace(/,/g, '\t').replace('"李\t四"', '李四');
    const p = writeTemp(dir, 'u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
    const rows = await all(p, 'a.txt');
    expect(rows.map((r) => r.cells.name)).toEqual(['张三', '李四']);
  });

  it('refuses binary content named .csv', async () => {
    expect(await code(all(writeTemp(dir, 'b.csv', Buffer.from([1, 0, 2, 0, 3])), 'b.csv'))).toBe('IMPORT_FILE_CORRUPT');
  });
});

describe('readRows: streaming', () => {
  it('reads 20,000 rows', async () => {
    const p = join(dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings: false });
    const ws = wb.addWorksheet('会员名册');
    ws.addRow(['姓名*', '身份证号*', '性别*']).commit();
    for (let i = 0; i < 20_000; i++) ws.addRow([`会员${i}`, String(110101199000000000 + i * 10), i % 2 ? '男' : '女']).commit();
    await wb.commit();
    let n = 0;
    let last: RawRow | undefined;
    for await (const r of readRows({ path: p, filename: 'big.xlsx' }, memberSpec)) {
      n++;
      last = r;
    }
    expect(n).toBe(20_000);
    expect(last!.rowNumber).toBe(20_001);
  });

  it('stops cleanly when the caller breaks early', async () => {
    const p = await xlsxFile((ws) => {
      ws.addRow(['姓名', '身份证号', '性别']);
      for (let i = 0; i < 50; i++) ws.addRow([`人${i}`, `1101011990030700${10 + i}`, '男']);
    });
    let n = 0;
    for await (const _ of readRows({ path: p, filename: 'x.xlsx' }, memberSpec)) if (++n === 3) break;
    expect(n).toBe(3);
  });
});

writeFileSync(join(dir, '.keep'), '');
