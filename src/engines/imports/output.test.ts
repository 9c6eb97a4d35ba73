import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportRows, streamToBuffer, writeMarkedWorkbook } from './output.ts';
import { tempDir } from './testing.ts';

const dir = tempDir();
const nasty = ['=HYPERLINK("http://x","点我")', '+1+2', '-3', '@SUM(A1)', '\t=1', '\r=1'];

async function sheetXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return zip.file('xl/worksheets/sheet1.xml')!.async('string');
}

describe('writeMarkedWorkbook', () => {
  it('marks bad cells red with a comment, lists messages, appends status; text is never a formula', async () => {
    const p = join(dir, 'marked.xlsx');
    const summary = await writeMarkedWorkbook(
      { path: p },
      {
        sheetName: '会员名册',
        columns: [
          { key: 'name', header: '姓名*' },
          { key: 'id', header: '身份证号' },
        ],
      },
      [
        { cells: { name: '张三', id: '1' }, status: '通过' },
        { cells: { name: nasty[0]!, id: '2' }, status: '有误', errors: [{ key: 'id', message: '身份证号应为 18 位' }, { message: '与第 2 行重复' }] },
        ...nasty.slice(1).map((t) => ({ cells: { name: t, id: t }, status: '通过' })),
      ],
    );
    expect(summary).toEqual({ rows: 7, rowsWithErrors: 1 });
    const buf = readFileSync(p);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('会员名册')!;
    expect(ws.getRow(1).values).toEqual([undefined, '姓名*', '身份证号', '处理结果', '错误说明']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:D1');
    expect(ws.getCell('C3').value).toBe('有误');
    expect(ws.getCell('D3').value).toBe('身份证号：身份证号应为 18 位；与第 2 行重复');
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(ws.getCell('B3').note)).toContain('身份证号应为 18 位');
    expect((ws.getCell('B2').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    for (let i = 0; i < nasty.length; i++) expect(ws.getCell(`A${i + 3}`).value).toBe(nasty[i]!.replace('\r', '\n'));
    const xml = await sheetXml(buf);
    expect(xml).not.toContain('<f>');
  });
});

describe('exportRows', () => {
  const columns = [
    { key: 'name', header: '姓名' },
    { key: 'id', header: '身份证号', kind: 'id' as const },
    { key: 'n', header: '人数', kind: 'number' as const },
    { key: 'at', header: '时间' },
  ];
  async function* rows() {
    yield { name: '张三', id: '110101199003070011', n: 3, at: new Date('2024-01-31T16:30:00Z') };
    for (const t of nasty) yield { name: t, id: t, n: null, at: null };
  }

  it('xlsx: strings stay strings, identifiers stay text', async () => {
    const buf = await streamToBuffer(exportRows(columns, rows(), 'xlsx', { sheetName: '名册' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('名册')!;
    expect(ws.getRow(2).values).toEqual([undefined, '张三', '110101199003070011', 3, '2024-02-01 00:30']);
    // (XML turns a lone CR into LF when read back, hence the normalisation)
    for (let i = 0; i < nasty.length; i++) expect(ws.getCell(`A${i + 3}`).value).toBe(nasty[i]!.replace('\r', '\n'));
    expect(await sheetXml(buf)).not.toContain('<f>');
  });

  it('csv: UTF-8 with BOM, quoted, formula-looking text prefixed with a quote', async () => {
    const buf = await streamToBuffer(exportRows(columns, rows(), 'csv'));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('姓名,身份证号,人数,时间');
    expect(lines[1]).toBe('张三,110101199003070011,3,2024-02-01 00:30');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"",""点我"")","'=HYPERLINK(""http://x"",""点我"")",,`);
    expect(lines[3]).toBe("'+1+2,'+1+2,,");
    expect(lines[4]).toBe("'-3,'-3,,");
    expect(lines[5]).toBe("'@SUM(A1),'@SUM(A1),,");
    expect(lines[6]).toBe("'\t=1,'\t=1,,");
    expect(buf.toString('utf8')).toContain(`"'\r=1","'\r=1",,`);
  });
});
