import { describe, expect, it } from 'vitest';
import { yuanFixed, yuanGrouped, yuanGroupedFixed } from './money.ts';

describe('yuan from fen', () => {
  it('writes each way once', () => {
    expect(yuanFixed(123456)).toBe('1234.56');
    expect(yuanFixed(100)).toBe('1.00');
    expect(yuanGrouped(12345600)).toBe('123,456');
    expect(yuanGrouped(123450)).toBe('1,234.5');
    expect(yuanGroupedFixed(12345600)).toBe('123,456.00');
  });
});
