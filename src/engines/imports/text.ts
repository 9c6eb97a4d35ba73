/** Cell values → the text a cadre sees; header normalisation; formula-injection guards. */

const TRIM_RE = /^[\s\u3000\u00a0\ufeff\u200b]+|[\s\u3000\u00a0\ufeff\u200b]+$/g;

/** Trims ASCII whitespace, full-width spaces, NBSP, BOM and zero-width spaces at both ends. */
export function trimCell(text: string): string {
  return text.replace(TRIM_RE, '');
}

/** Header key for matching: no spaces, no '*' marks, half-width parentheses and colons, lower case. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0\ufeff\u200b]/g, '')
    .replace(/[*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/:$/, '')
    .toLowerCase();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A Date as ExcelJS builds it from a serial (UTC midnight based) → YYYY-MM-DD[ HH:mm[:ss]]. */
export function formatExcelDate(d: Date, dateOnly: boolean): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (dateOnly) return day;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** Excel serial day number (1900 system) → YYYY-MM-DD, or null when out of range. */
export function serialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - (date1904 ? -1462 : 25569)) * 86400000);
  return formatExcelDate(new Date(ms), true);
}

/** A number as Excel shows it in a General cell, but never in exponent form. */
export function numberToText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  // Drop binary noise (0.1 + 0.2) the way Excel does: 15 significant digits.
  const p = Number(n.toPrecision(15));
  const s = String(p);
  if (!/e/i.test(s)) return s;
  // Small numbers: expand the exponent.
  const [mant = '0', expS = '0'] = s.toLowerCase().split('e');
  const exp = Number(expS);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const intLen = mant.replace('-', '').split('.')[0]!.length;
  const point = intLen + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.includes('.') ? out.replace(/0+$/, '').replace(/\.$/, '') : out;
  return neg ? `-${out}` : out;
}

/** True when a numeric cell cannot be a faithful identifier any more (≥ 16 digits or exponent form). */
export function isRuinedNumber(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const a = Math.abs(n);
  if (a >= 1e15) return true; // 16 digits or more: Excel keeps only 15 significant digits
  return a !== 0 && a < 1e-6; // would be shown in exponent form
}

/** Text that a spreadsheet could take for a formula when a user opens or edits the file. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** CSV cell protected against formula injection: a leading single quote. */
export function csvSafe(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type RichTextPart = { text?: string };

/**
 * Any ExcelJS cell value → text. Formulas give their cached result (never evaluated); rich text is
 * flattened; hyperlinks give their text; errors give the error code ('#N/A').
 */
export function valueToText(v: unknown, dateOnly = false): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return formatExcelDate(v, dateOnly);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as RichTextPart[]).map((p) => p.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (typeof r === 'number' && Number.isNaN(r)) return '';
      if (r && typeof r === 'object' && 'error' in r) return String((r as { error: unknown }).error);
      return valueToText(r, dateOnly);
    }
    if ('error' in o) return String(o.error);
    if ('text' in o) return valueToText(o.text, dateOnly);
    if ('hyperlink' in o) return String(o.hyperlink);
  }
  return String(v);
}
