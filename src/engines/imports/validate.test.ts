import { describe, expect, it } from 'vitest';
import { DuplicateTracker, validateRow } from './validate.ts';
import { memberSpec, type Member } from './testing.ts';

const raw = (cells: Record<string, string>, rowNumber = 2) => ({ rowNumber, cells });

describe('validateRow', () => {
  it('accepts a good row; empty optional cells are null', () => {
    const r = validateRow<Member>(raw({ name: '李四', idNumber: '11010119900307001x', gender: '女' }), memberSpec);
    expect(r.errors).toEqual([]);
    expect(r.row).toEqual({ name: '李四', idNumber: '11010119900307001X', gender: '女', joinedOn: null, phone: null });
  });
  it('reports missing required, wrong choices and parse errors per cell', () => {
    const r = validateRow(raw({ name: '', idNumber: '123', gender: '男性', phone: '138' }), memberSpec);
    expect(r.row).toBeUndefined();
    expect(r.errors.map((e) => e.key).sort()).toEqual(['gender', 'idNumber', 'name', 'phone']);
    expect(r.errors.find((e) => e.key === 'gender')!.message).toContain('男、女');
  });
  it('keeps the reader’s errors and does not pile more on the same cell', () => {
    const r = validateRow({ ...raw({ name: '王五', idNumber: '350102199001011000', gender: '男' }), errors: [{ key: 'idNumber', message: 'x' }] }, memberSpec);
    expect(r.errors).toEqual([{ key: 'idNumber', message: 'x' }]);
  });
  it('turns a throwing parser into a cell error', () => {
    const spec = {
      ...memberSpec,
      columns: [
        {
          key: 'name' as const,
          header: '姓名',
          example: '',
          parse: () => {
            throw new Error('boom');
          },
        },
      ],
    };
    expect(validateRow(raw({ name: 'x' }), spec).errors[0]!.message).toContain('无法识别');
  });
});

describe('DuplicateTracker', () => {
  it('reports later rows with the first row’s number', () => {
    const t = new DuplicateTracker(memberSpec);
    const m = { name: 'a', idNumber: '1', gender: '男', joinedOn: null, phone: null };
    expect(t.check(m, 2)).toBeNull();
    expect(t.check({ ...m, idNumber: '2' }, 3)).toBeNull();
    expect(t.check(m, 7)).toEqual({ key: 'idNumber', message: '与第 2 行重复' });
  });
});
