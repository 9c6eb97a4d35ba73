/**
 * A published bulletin as a PDF (Chinese fonts embedded, so it prints anywhere) and as a workbook.
 * Both are made from the stored content, so every download of a version shows the same figures,
 * and both carry the content's SHA-256 signature.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { exportRows } from '../../engines/imports/output.ts';
import { formatChange, formatValue } from '../../engines/indicators/catalogue.ts';
import type { TargetStatus } from '../../engines/indicators/status.ts';
import type { BulletinContent } from './bulletin.ts';

// Noto Sans SC (SIL Open Font License), shipped in an npm package: a fresh clone prints after `npm ci`.
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
export const FONT_REGULAR = path.join(FONT_DIR, 'NotoSansHans-Regular.otf');
export const FONT_BOLD = path.join(FONT_DIR, 'NotoSansHans-Bold.otf');

// Parsing an 8 MB CJK font takes a second; parse each once per process and reuse it (PDFKit takes
// a parsed fontkit font as well as a file). Each document still embeds only the glyphs it uses.
const fontkit = require('fontkit') as { openSync(file: string): unknown };
let parsed: { regular: unknown; bold: unknown } | null = null;
function fonts() {
  parsed ??= { regular: fontkit.openSync(FONT_REGULAR), bold: fontkit.openSync(FONT_BOLD) };
  return parsed;
}

const STATUS_TEXT: Record<TargetStatus, string> = { green: '达到进度', yellow: '略低于进度', red: '落后于进度' };
const STATUS_COLOUR: Record<TargetStatus, string> = { green: '#2e7d32', yellow: '#b26a00', red: '#c62828' };

export interface PublishedMeta {
  version: number;
  publishedAt: string;
  contentHash: string;
}

/** The bulletin as PDF bytes. */
export function bulletinPdf(content: BulletinContent, meta: PublishedMeta): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 50, right: 50 }, info: { Title: content.title, Author: content.unit.name } });
  const f = fonts();
  doc.registerFont('regular', f.regular as string);
  doc.registerFont('bold', f.bold as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('bold').fontSize(18).text(content.title, { align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#555')
    .text(`统计截至 ${content.period}　第 ${meta.version} 版　发布于 ${meta.publishedAt.slice(0, 10)}`, { align: 'center' });
  doc.fillColor('black').moveDown(0.8);
  doc.font('bold').fontSize(12).text('一、总体情况');
  doc.moveDown(0.3);
  doc.font('regular').fontSize(10.5);
  for (const p of content.commentary) doc.text(p, { indent: 21, lineGap: 3, paragraphGap: 4 });
  doc.moveDown(0.5);

  const cols = [
    { h: '排名', w: 0.08 },
    { h: '单位', w: 0.3 },
    { h: '数值', w: 0.14 },
    { h: '较上月', w: 0.16 },
    { h: '年度目标', w: 0.12 },
    { h: '进度', w: 0.2 },
  ];
  const row = (cells: string[], y: number, opts: { bold?: boolean; colour?: (string | null)[] } = {}) => {
    let x = left;
    doc.font(opts.bold ? 'bold' : 'regular').fontSize(9.5);
    cells.forEach((c, i) => {
      const w = cols[i]!.w * width;
      doc.fillColor(opts.colour?.[i] ?? 'black').text(c, x + 3, y + 4, { width: w - 6, lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.fillColor('black');
  };
  doc.font('bold').fontSize(12).text('二、分项排名', left);
  content.indicators.forEach((ind, n) => {
    const height = 18;
    if (doc.y + height * (ind.rows.length + 3) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(0.5);
    doc
      .font('bold')
      .fontSize(11)
      .text(`（${n + 1}）${ind.name}：${formatValue(ind, ind.total.value)}`, left);
    doc.font('regular').fontSize(8.5).fillColor('#555').text(`口径：${ind.definition}`, left, undefined, { width });
    doc.fillColor('black').moveDown(0.2);
    let y = doc.y;
    doc.rect(left, y, width, height).fill('#e8eef7').fillColor('black');
    row(
      cols.map((c) => c.h),
      y,
      { bold: true },
    );
    y += height;
    for (const r of ind.rows) {
      if (y + height > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        y = doc.y;
      }
      const mark = ind.leaders.includes(r.unitId) ? '（前列）' : ind.laggards.includes(r.unitId) ? '（靠后）' : '';
      row(
        [
          r.rank === null ? '—' : String(r.rank),
          `${r.name}${mark}`,
          formatValue(ind, r.value),
          formatChange(ind, r.change),
          r.target === null ? '—' : formatValue(ind, r.target),
          r.status ? STATUS_TEXT[r.status] : '未设目标',
        ],
        y,
        { colour: [null, null, null, null, null, r.status ? STATUS_COLOUR[r.status] : '#777'] },
      );
      doc
        .moveTo(left, y + height)
        .lineTo(left + width, y + height)
        .lineWidth(0.3)
        .strokeColor('#ccc')
        .stroke();
      y += height;
    }
    doc.y = y;
    doc.x = left;
  });
  doc.moveDown(1.5);
  doc.font('regular').fontSize(8).fillColor('#555').text(`内容签名（SHA-256）：${meta.contentHash}`, left, undefined, { width });
  doc.end();
  return done;
}

/** The bulletin as a workbook: one row per indicator and unit. */
export function bulletinXlsx(content: BulletinContent): Readable {
  const rows: Record<string, unknown>[] = [];
  for (const ind of content.indicators) {
    rows.push({
      indicator: ind.name,
      rank: '',
      unit: `${content.unit.name}（合计）`,
      value: formatValue(ind, ind.total.value),
      change: formatChange(ind, ind.total.change),
      target: ind.total.target === null ? '' : formatValue(ind, ind.total.target),
      status: ind.total.status ? STATUS_TEXT[ind.total.status] : '',
      note: '',
    });
    for (const r of ind.rows) {
      rows.push({
        indicator: ind.name,
        rank: r.rank ?? '',
        unit: r.name,
        value: formatValue(ind, r.value),
        change: formatChange(ind, r.change),
        target: r.target === null ? '' : formatValue(ind, r.target),
        status: r.status ? STATUS_TEXT[r.status] : '',
        note: ind.leaders.includes(r.unitId) ? '位居前列' : ind.laggards.includes(r.unitId) ? '相对靠后' : '',
      });
    }
  }
  return exportRows(
    [
      { key: 'indicator', header: '指标', width: 16 },
      { key: 'rank', header: '排名', width: 8 },
      { key: 'unit', header: '单位', width: 28 },
      { key: 'value', header: '数值', width: 14 },
      { key: 'change', header: '较上月', width: 16 },
      { key: 'target', header: '年度目标', width: 12 },
      { key: 'status', header: '序时进度', width: 14 },
      { key: 'note', header: '备注', width: 12 },
    ],
    rows,
    'xlsx',
    { sheetName: '督查通报' },
  );
}
