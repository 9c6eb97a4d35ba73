import { errorFactory, type ErrorTable } from '../errors.ts';

export const INDICATOR_ERRORS = {
  INDICATOR_NOT_FOUND: { kind: 'not_found', message: '指标不存在' },
  INDICATOR_FIGURE_UNKNOWN: { kind: 'invalid', message: '该指标没有这一项明细' },
  TARGET_NOT_BELOW: { kind: 'forbidden', message: '目标由上级为下级单位设定，不能为本单位设定' },
  TARGET_UNIT_NOT_SUPERVISED: { kind: 'invalid', message: '只能为市、县（市、区）和乡镇（街道、园区）工会设定目标' },
  TARGET_PROFILE_INVALID: { kind: 'invalid', message: '月度进度应为 12 个从 0 到 1 逐月不减的数，最后一个为 1' },
  TARGET_VALUE_INVALID: { kind: 'invalid', message: '目标值不符合要求（比率在 0 到 1 之间，数量不能为负）' },
  TARGET_NOT_FOUND: { kind: 'not_found', message: '目标不存在或无权访问' },
  SNAPSHOT_PERIOD_NOT_OVER: { kind: 'invalid', message: '该月尚未结束，不能冻结月末数据' },
  SNAPSHOT_PERIOD_INVALID: { kind: 'invalid', message: '月份格式应为 YYYY-MM' },
} as const satisfies ErrorTable;

export const indicatorError = errorFactory(INDICATOR_ERRORS);
