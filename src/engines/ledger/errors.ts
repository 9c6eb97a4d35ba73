import { errorFactory, type ErrorTable } from '../errors.ts';

export const LEDGER_ERRORS = {
  LEDGER_FUND_NOT_FOUND: { kind: 'not_found', message: '资金不存在或无权访问' },
  LEDGER_UNIT_NOT_FOUND: { kind: 'not_found', message: '账户所属单位不存在或无权访问' },
  LEDGER_ENTRY_NOT_FOUND: { kind: 'not_found', message: '记账凭证不存在或无权访问' },
  LEDGER_FUND_CODE_TAKEN: { kind: 'conflict', message: '该资金编码已被使用' },
  LEDGER_AMOUNT_INVALID: { kind: 'invalid', message: '金额须为正整数（单位：分）' },
  LEDGER_UNBALANCED: { kind: 'invalid', message: '借贷不平：一笔记账的各分录合计须为零' },
  LEDGER_INSUFFICIENT_FUNDS: { kind: 'conflict', message: '资金余额不足' },
  LEDGER_KEY_REUSED: { kind: 'conflict', message: '该业务编号已用于另一笔不同的记账' },
} as const satisfies ErrorTable;

export const ledgerError = errorFactory(LEDGER_ERRORS);
