import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openImport } from './read.ts';
import { writeMarkedWorkbook, type MarkedRow } from './output.ts';
import { buildTemplate } from './template.ts';
import { DuplicateTracker, validateRow } from './validate.ts';
import { memberSpec, tempDir, type Member } from './testing.ts';

describe('template → filled by a cadre → read, validate → marked workbook', () => {
  it('hands back every row with its status, red cells and messages', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(memberSpec)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('会员名册')!;
    const fill = (r: number, v: unknown[]) => {
      ws.getRow(r).values = v as ExcelJS.CellValue[];
    };
    // row 2 stays the example row
    fill(3, ['李四', '110101199003070022', '女', '2021-03-04', '13900139000']); // good
    fill(4, ['王五', '110101199003070033', '未知']); // wrong choice
    fill(5, ['', '110101199003070044', '男']); // missing required
    fill(6, ['赵六', '110101199003070022', '男']); // duplicate of row 3
    fill(7, ['孙七', 350102199001011000, '女']); // ID typed as a number
    fill(8, ['周八', '110101199003070055', '男', new Date(Date.UTC(2022, 0, 2))]); // a date cell
    const path = join(dir, '会员名册.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));

    const src = await openImport({ path, filename: '会员名册.xlsx' }, memberSpec);
    const dups = new DuplicateTracker(memberSpec);
    const marked: MarkedRow[] = [];
    const good: Member[] = [];
    for await (const raw of src.rows) {
      const v = validateRow(raw, memberSpec);
      const errors = [...v.errors];
      if (v.row) {
        const d = dups.check(v.row, raw.rowNumber);
        if (d) errors.push(d);
        else good.push(v.row);
      }
      marked.push({ rowNumber: raw.rowNumber, cells: raw.cells, status: errors.length ? '有误' : '通过', errors });
    }
    expect(good.map((m) => m.name)).toEqual(['李四', '周八']);
    expect(good[1]).toMatchObject({ idNumber: '110101199003070055', joinedOn: '2022-01-02' });

    const out = join(dir, 'marked.xlsx');
    await writeMarkedWorkbook({ path: out }, { sheetName: memberSpec.name, columns: src.columns }, marked);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const ms = back.getWorksheet(memberSpec.name)!;
    expect(ms.getRow(1).values).toEqual([undefined, '姓名*', '身份证号*', '性别*', '入会日期', '手机号码（选填）', '处理结果', '错误说明']);
    const status = (r: number) => ms.getRow(r).getCell(6).value;
    const errors = (r: number) => String(ms.getRow(r).getCell(7).value ?? '');
    const red = (addr: string) => (ms.getCell(addr).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFC7CE';
    const note = (addr: string) => JSON.stringify(ms.getCell(addr).note ?? '');
    expect([2, 3, 4, 5, 6, 7].map(status)).toEqual(['通过', '有误', '有误', '有误', '有误', '通过']);
    expect(red('C3') && note('C3').includes('男、女')).toBe(true);
    expect(red('A4') && errors(4).includes('「姓名」必须填写')).toBe(true);
    expect(red('B5') && errors(5)).toBe('身份证号*：与第 3 行重复');
    expect(red('B6') && note('B6').includes('身份证号被 Excel 转成了数字')).toBe(true);
    expect(red('A2') || red('B2') || red('C7')).toBe(false);
    expect(ms.getCell('B7').value).toBe('110101199003070055');

    // The marked workbook, once fixed, is accepted as an upload again.
    ms.getCell('C3').value = '男';
    writeFileSync(out, Buffer.from(await back.xlsx.writeBuffer()));
    const again = await openImport({ path: out, filename: 'marked.xlsx' }, memberSpec);
    const rows = [];
    for await (const r of again.rows) rows.push(validateRow(r, memberSpec));
    expect(rows[1]!.errors).toEqual([]);
  });
});
