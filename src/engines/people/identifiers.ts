/**
 * The identifiers the federation's records carry, validated by their national standards:
 * 居民身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and mainland mobile numbers.
 */
import { isValidIsoDate, type IsoDate } from '../time.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdCardProblem = 'format' | 'date' | 'checksum';

export interface IdCardInfo {
  /** Normalised: upper-case X. */
  number: string;
  division: string;
  birthDate: IsoDate;
  gender: 'male' | 'female';
}

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Checks a resident ID number; unknown division codes are accepted (old codes remain valid). */
export function parseIdCard(raw: string, today?: IsoDate): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today)) return { ok: false, problem: 'date' };
  if (idCardCheckChar(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    info: { number, division: number.slice(0, 6), birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** Shown masked unless the role may see it: 3505**********1234. */
export function maskIdCard(number: string): string {
  return number.length < 8 ? '*'.repeat(number.length) : `${number.slice(0, 4)}${'*'.repeat(number.length - 8)}${number.slice(-4)}`;
}

/** A phone number as lists show it: 139****0123 (the first three and last four digits); short numbers wholly masked. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  return digits.length < 8 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

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

/** Checks a unified social credit code (18 characters, no I, O, S, V, Z). */
export function parseUscc(raw: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { ok: false, problem: 'format' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, code };
}

export function isMobilePhone(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim());
}
