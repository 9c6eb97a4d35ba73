import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainError } from '../errors.ts';
import { sealBankAccount, sealIdNumber } from './id-number.ts';
import { configureDataKey, lookupHash, unseal } from './sealing.ts';

beforeAll(() => configureDataKey(randomBytes(32)));

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return [(e as DomainError).code, (e as Error).message];
  }
  return null;
};

describe('an ID number taken in', () => {
  it('is normalised, hashed, sealed and masked, with its birth date and gender', () => {
    const r = sealIdNumber(' 11010519491231002x ');
    expect(r.info).toEqual({ number: '11010519491231002X', division: '110105', birthDate: '1949-12-31', gender: 'female' });
    expect(r.hash).toBe(lookupHash('11010519491231002X'));
    expect(unseal(r.sealed)).toBe('11010519491231002X');
    expect(r.masked).toBe('1101**********002X');
  });
  it('is refused with one message per problem, under the code the program names', () => {
    expect(message(() => sealIdNumber(''))).toEqual(['ID_NUMBER_INVALID', '请填写身份证号']);
    expect(message(() => sealIdNumber('1101051949123100'))).toEqual(['ID_NUMBER_INVALID', '身份证号不正确：应为 18 位，最后一位可为 X']);
    expect(message(() => sealIdNumber('110105194902300025'))).toEqual(['ID_NUMBER_INVALID', '身份证号不正确：其中的出生日期不存在']);
    expect(message(() => sealIdNumber('110105194912310021'))).toEqual(['ID_NUMBER_INVALID', '身份证号不正确：校验位不正确']);
    const mine = (m: string) => Object.assign(new Error(m), { code: 'MINE' });
    expect(message(() => sealIdNumber('110105194912310021', mine))).toEqual(['MINE', '身份证号不正确：校验位不正确']);
  });
});

describe('a bank account taken in', () => {
  it('drops spaces, keeps the last four digits shown and hashes apart from ID numbers', () => {
    const r = sealBankAccount('6222 0212 3456 7890');
    expect(r.number).toBe('6222021234567890');
    expect(r.masked).toBe('************7890');
    expect(r.hash).toBe(lookupHash('bank:6222021234567890'));
    expect(unseal(r.sealed)).toBe('6222021234567890');
  });
  it('is refused unless 12 to 30 digits', () => {
    expect(message(() => sealBankAccount('12ab'))).toEqual(['BANK_ACCOUNT_INVALID', '银行账号应为 12 至 30 位数字']);
  });
});
