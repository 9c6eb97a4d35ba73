import { describe, expect, it } from 'vitest';
import { buildIndicator, canonicalJson, commentaryOf, podiumSize, rankRows } from './bulletin.ts';

const rate = { key: 'membership.formationRate', name: '组建率', unit: '%', direction: 'higher' as const, definition: '…', definitionHash: 'v1:x' };

describe('ranking', () => {
  it('ranks the better first, shares a rank on a tie, puts units without a figure last', () => {
    const rows = rankRows(
      [
        { unitId: 1, name: '甲', value: 0.9, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
        { unitId: 2, name: '乙', value: 0.95, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
        { unitId: 3, name: '丙', value: 0.9, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
        { unitId: 4, name: '丁', value: null, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
      ],
      'higher',
    );
    expect(rows.map((r) => [r.unitId, r.rank])).toEqual([
      [2, 1],
      [3, 2], // 丙 (bǐng) before 甲 (jiǎ) in pinyin order, same rank
      [1, 2],
      [4, null],
    ]);
    const lower = rankRows(
      [
        { unitId: 1, name: 'a', value: 5, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
        { unitId: 2, name: 'b', value: 2, numerator: null, denominator: null, previous: null, change: null, target: null, expected: null, status: null },
      ],
      'lower',
    );
    expect(lower.map((r) => r.unitId)).toEqual([2, 1]);
  });

  it('names a third of the units as leaders and laggards, at most three, ties alike', () => {
    expect([1, 2, 3, 5, 6, 9, 10, 30].map(podiumSize)).toEqual([0, 1, 1, 1, 2, 3, 3, 3]);
    const tied = buildIndicator(rate, { value: null, previous: null }, [
      { unitId: 1, name: '甲', figure: { value: 0.977, previous: null } },
      { unitId: 2, name: '乙', figure: { value: 0.975, previous: null } },
      { unitId: 3, name: '丙', figure: { value: 0.975, previous: null } },
    ]);
    expect(tied.leaders).toEqual([1]);
    expect(tied.laggards.sort()).toEqual([2, 3]);
  });
});

describe('a bulletin on a hand-made set', () => {
  const ind = buildIndicator(rate, { value: 0.93, previous: 0.9 }, [
    { unitId: 11, name: '延平区总工会', figure: { value: 0.97, previous: 0.95, target: { target: 0.98, expected: 0.96, status: 'green' } } },
    { unitId: 12, name: '建阳区总工会', figure: { value: 0.88, previous: 0.9, target: { target: 0.96, expected: 0.94, status: 'red' } } },
    { unitId: 13, name: '顺昌县总工会', figure: { value: 0.92, previous: 0.85, target: null } },
  ]);

  it('ranks the units, computes the change since last month, and names leaders and laggards', () => {
    expect(ind.rows.map((r) => [r.name, r.rank])).toEqual([
      ['延平区总工会', 1],
      ['顺昌县总工会', 2],
      ['建阳区总工会', 3],
    ]);
    expect(ind.rows.map((r) => r.change)).toEqual([0.02, 0.07, -0.02]);
    expect(ind.total.change).toBeCloseTo(0.03, 12);
    expect(ind.leaders).toEqual([11]);
    expect(ind.laggards).toEqual([12]);
  });

  it('writes the same commentary from the same figures', () => {
    const c = { unit: { id: 1, name: '南平市总工会' }, period: '2026-10-31', indicators: [ind] };
    const text = commentaryOf(c);
    expect(text).toEqual([
      '截至2026年10月末，南平市总工会组建率93.0%，较上月提高3.0个百分点。',
      '组建率：延平区总工会位居前列；建阳区总工会相对靠后；进步最快的是顺昌县总工会（+7.0个百分点）；建阳区总工会低于序时进度，请对照明细加快推进。',
    ]);
    expect(commentaryOf(c)).toEqual(text);
  });

  it('signs canonical JSON: key order does not change the text', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
  });
});
