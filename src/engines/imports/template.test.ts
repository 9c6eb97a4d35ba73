import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from './template.ts';
import { memberSpec } from './testing.ts';

describe('buildTemplate', () => {
  it('header row, example row, choice lists, text formats, notes and instructions', async () => {
    const buf = await buildTemplate(memberSpec);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('会员名册')!;
    expect(ws.getRow(1).values).toEqual([undefined, '姓名*', '身份证号*', '性别*', '入会日期', '手机号码（选填）']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const idHeader = ws.getCell('B1');
    expect(idHeader.font.bold).toBe(true);
    expect(idHeader.font.color?.argb).toBe('FFC00000');
    expect(JSON.stringify(idHeader.note)).toContain('18 位');
    expect(ws.getCell('B2').value).toBe('110101199003070011');
    expect(ws.getCell('B2').font.italic).toBe(true);
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getColumn(4).numFmt).toBe('yyyy-mm-dd');
    const xml = await (await JSZip.loadAsync(buf)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<dataValidation [^>]*sqref="C2:C5000"[^>]*>\s*<formula1>&quot;男,女&quot;<\/formula1>/);
    const help = wb.getWorksheet('填写说明')!;
    expect(help.getRow(2).values).toEqual([undefined, '姓名', '必填', '', '张三']);
    expect(help.getRow(6).getCell(1).value).toBe('手机号码（选填）');
  });

  it('puts long choice lists on a hidden sheet', async () => {
    const choices = Array.from({ length: 60 }, (_, i) => `选项${i}号单位`);
    const spec = { ...memberSpec, columns: [{ key: 'gender' as const, header: '单位', example: '选项1号单位', choices }] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(spec)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('选项')!.state).toBe('veryHidden');
    const dv = (wb.getWorksheet('会员名册') as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(dv)[0]!.formulae[0]).toBe("'选项'!$A$1:$A$60");
  });
});
