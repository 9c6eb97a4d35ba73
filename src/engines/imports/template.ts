/** The downloadable template: header row, an example row, choice lists, text formats, instructions. */
import ExcelJS from 'exceljs';
import { INSTRUCTIONS_SHEET, type ColumnSpec, type SheetSpec } from './spec.ts';

export interface TemplateOptions {
  /** Last row that gets choice lists and formats (default 5000). */
  lastRow?: number;
}

const REQUIRED_FILL = 'FFFCE4D6'; // light orange
const HEADER_FILL = 'FFDDEBF7'; // light blue
const REQUIRED_FONT = 'FFC00000';

/** Present at runtime in ExcelJS 4.4, missing from its typings. */
type WithValidations = { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

export function numFmtFor(col: { kind?: ColumnSpec<unknown>['kind'] }): string | undefined {
  switch (col.kind ?? 'text') {
    case 'date':
      return 'yyyy-mm-dd';
    case 'number':
      return undefined;
    default:
      return '@';
  }
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function rulesOf<Row>(col: ColumnSpec<Row>): string {
  const parts: string[] = [];
  if (col.note) parts.push(col.note);
  if (col.kind === 'date') parts.push('日期，格式如 2024-01-31');
  if (col.kind === 'id') parts.push('按文本填写，不要让 Excel 转成数字');
  if (col.choices) parts.push(`只能从下拉列表中选择：${col.choices.join('、')}`);
  return parts.join('；');
}

export async function buildTemplate<Row>(spec: SheetSpec<Row>, opts: TemplateOptions = {}): Promise<Buffer> {
  const lastRow = opts.lastRow ?? 5000;
  const wb = new ExcelJS.Workbook();
  wb.creator = '工会工作平台';
  wb.title = spec.title;
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = spec.columns.map((c) => {
    const fmt = numFmtFor(c);
    const header = c.required ? `${c.header}*` : c.header;
    return {
      header,
      key: c.key,
      width: c.width ?? Math.max(12, header.length * 2 + 4, c.example.length + 4),
      ...(fmt ? { style: { numFmt: fmt } } : {}),
    };
  });

  const headerRow = ws.getRow(1);
  headerRow.height = 22;
  spec.columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.font = { bold: true, ...(c.required ? { color: { argb: REQUIRED_FONT } } : {}) };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? REQUIRED_FILL : HEADER_FILL } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = '@';
    const rules = rulesOf(c);
    const note = [c.required ? '必填。' : '选填。', rules].filter(Boolean).join('');
    cell.note = note;
  });

  // The example row (recognised and skipped on upload when left unchanged).
  const ex = ws.getRow(2);
  spec.columns.forEach((c, i) => {
    const cell = ex.getCell(i + 1);
    cell.value = c.example; // always text: the example is what a cadre would type
    cell.font = { italic: true, color: { argb: 'FF808080' } };
    const fmt = numFmtFor(c);
    cell.numFmt = fmt ?? 'General';
  });

  // Choice lists. Long lists (> 255 characters) go to a hidden sheet.
  let listSheet: ExcelJS.Worksheet | null = null;
  let listCol = 0;
  spec.columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    const inline = `"${c.choices.join(',')}"`;
    let formula: string;
    if (inline.length <= 255 && !c.choices.some((x) => x.includes(','))) {
      formula = inline;
    } else {
      listSheet ??= wb.addWorksheet('选项', { state: 'veryHidden' });
      listCol++;
      c.choices.forEach((x, j) => {
        listSheet!.getCell(j + 1, listCol).value = x;
      });
      const L = colLetter(listCol);
      formula = `'选项'!$${L}$1:$${L}$${c.choices.length}`;
    }
    const L = colLetter(i + 1);
    (ws as unknown as WithValidations).dataValidations.add(`${L}2:${L}${lastRow}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [formula],
      showErrorMessage: true,
      // 'stop' is the format's word for a rule that refuses the value (Excel shows it as an error).
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: `「${c.header}」只能从下拉列表中选择`,
    });
  });

  // Instructions sheet.
  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'rules', width: 60 },
    { header: '示例', key: 'example', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) {
    help.addRow({ header: c.header, required: c.required ? '必填' : '选填', rules: rulesOf(c), example: c.example });
  }
  help.addRow({});
  const tips = [
    `说明：请在「${spec.name}」工作表中填写，第 1 行为表头，请勿修改或删除表头。`,
    '第 2 行为灰色示例行，可直接覆盖；若保持原样不改，上传时会被自动跳过。',
    '带 * 的列必须填写。身份证号、手机号等请按文本填写，不要让 Excel 转成数字（如 3.5E+17）。',
    '上传后，系统会把有误的单元格标成红色并写明原因，下载后修改再重新上传即可。',
  ];
  for (const t of tips) help.addRow({ header: t });
  help.getColumn(1).alignment = { wrapText: false };

  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
