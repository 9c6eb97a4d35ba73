import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './errors.ts';
import { orgError } from '../engines/org/errors.ts';

describe('error mapping', () => {
  it('turns a domain error into its status, stable code and Chinese message', () => {
    expect(toErrorResponse(orgError('ORG_UNIT_NOT_FOUND'))).toEqual([404, { code: 'ORG_UNIT_NOT_FOUND', message: '组织单位不存在或无权访问' }]);
    expect(toErrorResponse(orgError('ORG_UNIT_CODE_TAKEN'))[0]).toBe(409);
  });
  it('hides unexpected errors behind a plain 500 without a stack trace', () => {
    const [status, body] = toErrorResponse(new TypeError('cannot read x of undefined'));
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' });
  });
  it('treats a row-level security refusal as not found', () => {
    const e = Object.assign(new Error('Failed query'), { cause: { code: '42501', message: 'new row violates row-level security policy' } });
    expect(toErrorResponse(e)[1].code).toBe('NOT_FOUND');
  });
});
