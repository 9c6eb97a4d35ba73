/**
 * A date typed into a roster, as cadres type them: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日,
 * 20250301, with full-width digits too (Excel date cells and serial numbers are read as dates
 * before this). One rule for every import: the date must exist, and must not lie ahead.
 */
import { isValidIsoDate, todayInShanghai } from '../time.ts';
import type { ParseResult } from './spec.ts';

const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/g;
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The written date as YYYY-MM-DD, or 'unreadable', or 'impossible' (a day that does not exist). */
export function readWrittenDate(text: string): string | 'unreadable' | 'impossible' {
  const t = text.trim().replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = SEPARATED.exec(t) ?? COMPACT.exec(t);
  if (!m) return 'unreadable';
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : 'impossible';
}

/** A date column's parse: `label` names the column in the messages. */
export function dateCell(label: string, opts: { future?: boolean } = {}) {
  return (text: string): ParseResult => {
    const d = readWrittenDate(text);
    if (d === 'unreadable') return { error: `${label}无法识别，请写成 2025-03-01 或 2025/3/1` };
    if (d === 'impossible') return { error: `${label}“${text}”这一天不存在` };
    if (!opts.future && d > todayInShanghai()) return { error: `${label}不能晚于今天` };
    return { value: d };
  };
}
