/**
 * An ID number or bank account as every program takes it in: checked (one Chinese message per
 * problem), then kept the three ways docs/architecture.md names — a keyed hash to find it, sealed
 * for the rare authorised view, masked for lists. A program reports a wrong number under its own
 * released error code by passing `invalid`; without it the people engine's own code is used.
 */
import { errorFactory, type ErrorTable } from '../errors.ts';
import { todayInShanghai } from '../time.ts';
import { type IdCardInfo, idCardProblemMessage, maskBankAccount, maskIdCard, parseIdCard } from './identifiers.ts';
import { lookupHash, seal } from './sealing.ts';

export const PEOPLE_ERRORS = {
  ID_NUMBER_INVALID: { kind: 'invalid', message: '身份证号不正确' },
  BANK_ACCOUNT_INVALID: { kind: 'invalid', message: '银行账号应为 12 至 30 位数字' },
} as const satisfies ErrorTable;

export const peopleError = errorFactory(PEOPLE_ERRORS);

/** Makes the error for a wrong number from its message: `(m) => legalError('PERSON_ID_INVALID', m)`. */
export type InvalidNumber = (message: string) => Error;

export const ID_NUMBER_MISSING = '请填写身份证号';
export const BANK_ACCOUNT_WRONG = '银行账号应为 12 至 30 位数字';

/**
 * Checks an ID number (a birth date after today refused) and returns what it says, or throws with
 * the problem in words: 请填写身份证号, 身份证号不正确：应为 18 位…, …出生日期不存在, …校验位不正确.
 */
export function checkIdNumber(raw: string | null | undefined, invalid: InvalidNumber = (m) => peopleError('ID_NUMBER_INVALID', m)): IdCardInfo {
  if (!raw?.trim()) throw invalid(ID_NUMBER_MISSING);
  const parsed = parseIdCard(raw, todayInShanghai());
  if (!parsed.ok) throw invalid(idCardProblemMessage(parsed.problem));
  return parsed.info;
}

export interface SealedIdNumber {
  /** The keyed look-up hash. */
  hash: string;
  sealed: string;
  masked: string;
  /** The normalised number, birth date and gender. */
  info: IdCardInfo;
}

/** An ID number checked ({@link checkIdNumber}), hashed, sealed and masked. */
export function sealIdNumber(raw: string | null | undefined, invalid?: InvalidNumber): SealedIdNumber {
  const info = checkIdNumber(raw, invalid);
  return { hash: lookupHash(info.number), sealed: seal(info.number), masked: maskIdCard(info.number), info };
}

export interface SealedBankAccount {
  /** Digits only. */
  number: string;
  /** The keyed look-up hash (its input prefixed `bank:`, so no ID number shares it). */
  hash: string;
  sealed: string;
  masked: string;
}

/** A bank account of 12 to 30 digits (spaces dropped), hashed, sealed and masked. */
export function sealBankAccount(raw: string, invalid: InvalidNumber = (m) => peopleError('BANK_ACCOUNT_INVALID', m)): SealedBankAccount {
  const number = raw.replace(/\s+/g, '');
  if (!/^\d{12,30}$/.test(number)) throw invalid(BANK_ACCOUNT_WRONG);
  return { number, hash: lookupHash(`bank:${number}`), sealed: seal(number), masked: maskBankAccount(number) };
}
