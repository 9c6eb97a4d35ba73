import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isMobilePhone, maskIdCard, parseIdCard, parseUscc, usccCheckChar } from './identifiers.ts';

describe('居民身份证号 (GB 11643)', () => {
  it('accepts a valid number, lower-case x included, and derives birth date and gender', () => {
    // The standard's own example.
    expect(parseIdCard('11010519491231002X')).toEqual({ ok: true, info: { number: '11010519491231002X', division: '110105', birthDate: '1949-12-31', gender: 'female' } });
    expect(parseIdCard('11010519491231002x').ok).toBe(true);
    const first17 = '35070219850615003';
    const id = first17 + idCardCheckChar(first17);
    expect(parseIdCard(id)).toMatchObject({ ok: true, info: { birthDate: '1985-06-15', gender: 'male' } });
  });
  it('names what is wrong: format, date or checksum', () => {
    expect(parseIdCard('1101051949123100')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdCard('110105194902300025')).toEqual({ ok: false, problem: 'date' });
    expect(parseIdCard('110105194912310021')).toEqual({ ok: false, problem: 'checksum' });
    expect(parseIdCard('350702' + '20300101' + '0011', '2026-11-26').ok).toBe(false);
  });
  it('accepts unknown (old) division codes', () => {
    const first17 = '99999919900101001';
    expect(parseIdCard(first17 + idCardCheckChar(first17)).ok).toBe(true);
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdCard('350702198506150031')).toBe('3507**********0031');
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts valid codes and refuses a wrong check character or letter', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(parseUscc('91350100m000100y43').ok).toBe(true);
    expect(parseUscc('91350100M000100Y44')).toEqual({ ok: false, problem: 'checksum' });
    expect(parseUscc('91350100M000100I43')).toEqual({ ok: false, problem: 'format' });
    const first17 = '81350702MC0000001';
    expect(parseUscc(first17 + usccCheckChar(first17)).ok).toBe(true);
  });
});

describe('mobile numbers', () => {
  it('accepts mainland mobiles only', () => {
    expect(isMobilePhone('13905990123')).toBe(true);
    expect(isMobilePhone('12905990123')).toBe(false);
    expect(isMobilePhone('0599-8812345')).toBe(false);
  });
});
