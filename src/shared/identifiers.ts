/**
 * The rules of the identifiers the federation's records carry, written once for the server and the
 * web app: 居民身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and mainland mobile numbers.
 * Pure functions of their arguments (no clock, no imports): whoever calls gives today's date.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCardProblem = 'format' | 'date' | 'checksum';

export interface IdCardInfo {
  /** Normalised: upper-case X. */
  number: string;
  division: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  gender: 'male' | 'female';
}

/** What is wrong with an ID number, in the words shown after "身份证号不正确：". */
export const ID_CARD_PROBLEM_WORDS: Record<IdCardProblem, string> = {
  format: '应为 18 位，最后一位可为 X',
  date: '其中的出生日期不存在',
  checksum: '校验位不正确',
};

/** The message for a wrong ID number: 身份证号不正确：校验位不正确. */
export function idCardProblemMessage(problem: IdCardProblem): string {
  return `身份证号不正确：${ID_CARD_PROBLEM_WORDS[problem]}`;
}

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks a resident ID number (lower-case x accepted); a birth date after `today` (YYYY-MM-DD),
 * when given, is refused. Unknown division codes are accepted (old codes remain valid).
 */
export function parseIdCard(raw: string, today?: string): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today)) return { ok: false, problem: 'date' };
  if (idCardCheckChar(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    info: { number, division: number.slice(0, 6), birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 character set: 18 characters, no I, O, S, V, Z. */
export const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character of the first 17 characters, or null when one is outside the set. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARS[c === 31 ? 0 : c]!;
}

export type UsccProblem = 'format' | 'checksum';

/** Checks a unified social credit code (lower case accepted). */
export function parseUscc(raw: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = raw.trim().toUpperCase();
  if (!USCC_FORMAT.test(code)) return { ok: false, problem: 'format' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, code };
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_FORMAT = /^1[3-9]\d{9}$/;

export const MOBILE_PROBLEM = '手机号码应为 11 位，以 13–19 开头';

export function isMobilePhone(raw: string): boolean {
  return MOBILE_FORMAT.test(raw.trim());
}
