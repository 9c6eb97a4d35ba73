import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const SUPERVISION_ERRORS = {
  BULLETIN_NOT_FOUND: { kind: 'not_found', message: '督查通报不存在或无权访问' },
  BULLETIN_NOT_FROZEN: { kind: 'conflict', message: '该月数据尚未冻结，请先生成月末快照再发布通报' },
  BULLETIN_NO_UNITS_BELOW: { kind: 'invalid', message: '该单位没有可排名的下级单位' },
  BULLETIN_PERIOD_NOT_OVER: { kind: 'invalid', message: '该月尚未结束，不能发布通报' },
} as const satisfies ErrorTable;

export const supervisionError = errorFactory(SUPERVISION_ERRORS);
