import { describe, expect, it } from 'vitest';
import { csvSafe, isRuinedNumber, normalizeHeader, numberToText, serialToDate, trimCell, valueToText } from './text.ts';

describe('cell text', () => {
  it('writes numbers without exponents and without binary noise', () => {
    expect(numberToText(110101199003070)).toBe('110101199003070');
    expect(numberToText(1e20)).toBe('100000000000000000000');
    expect(numberToText(0.1 + 0.2)).toBe('0.3');
    expect(numberToText(1.5e-7)).toBe('0.00000015');
    expect(numberToText(-12.5)).toBe('-12.5');
  });
  it('flags numbers that cannot be identifiers any more', () => {
    expect(isRuinedNumber(350102199001011000)).toBe(true);
    expect(isRuinedNumber(13800138000)).toBe(false);
  });
  it('normalises headers: stars, spaces, full-width parentheses', () => {
    expect(normalizeHeader(' 身份证号 * ')).toBe('身份证号');
    expect(normalizeHeader('手机号码（选填）')).toBe(normalizeHeader('手机号码(选填)'));
    expect(normalizeHeader('姓\u3000名')).toBe('姓名');
  });
  it('trims full-width spaces and NBSP', () => {
    expect(trimCell('\u3000张三\u00a0 ')).toBe('张三');
  });
  it('dates from serials, formulas from cached results, rich text flattened', () => {
    expect(serialToDate(43952)).toBe('2020-05-01');
    expect(valueToText({ formula: 'A1&B1', result: '张三' })).toBe('张三');
    expect(valueToText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(valueToText(new Date(Date.UTC(2020, 4, 1)), true)).toBe('2020-05-01');
  });
  it('guards CSV cells against formula injection', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvSafe(t)).toBe(`'${t}`);
    expect(csvSafe('张三')).toBe('张三');
  });
});
