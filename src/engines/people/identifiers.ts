/**
 * The identifiers the federation's records carry, validated by their national standards:
 * 居民身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and mainland mobile numbers. The rules
 * themselves are in src/shared/identifiers.ts (the web app checks with the same code); masking is here.
 */
export {
  ID_CARD_PROBLEM_WORDS,
  type IdCardInfo,
  type IdCardProblem,
  idCardCheckChar,
  idCardProblemMessage,
  isMobilePhone,
  parseIdCard,
  parseUscc,
  type UsccProblem,
  usccCheckChar,
} from '../../shared/identifiers.ts';

/** Shown masked unless the role may see it: 3505**********1234. */
export function maskIdCard(number: string): string {
  return number.length < 8 ? '*'.repeat(number.length) : `${number.slice(0, 4)}${'*'.repeat(number.length - 8)}${number.slice(-4)}`;
}

/** A bank account as lists show it: only the last four digits, ************5678. */
export function maskBankAccount(number: string): string {
  return `${'*'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
}

/** The year of a birth date ('1985-06-15' → 1985): what may stand beside a masked ID number. */
export const birthYearOf = (birthDate: string): number => Number(birthDate.slice(0, 4));

/** A phone number as lists show it: 139****0123 (the first three and last four digits); short numbers wholly masked. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  return digits.length < 8 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
