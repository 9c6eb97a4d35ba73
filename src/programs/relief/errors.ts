import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const RELIEF_ERRORS = {
  CAMPAIGN_NOT_FOUND: { kind: 'not_found', message: '帮扶活动不存在或无权访问' },
  CAMPAIGN_INVALID: { kind: 'invalid', message: '帮扶活动的设置不完整：须有起止日期、适用对象和标准金额' },
  CAMPAIGN_CLOSED: { kind: 'conflict', message: '该帮扶活动已结束，不再受理申请' },
  APPLICATION_NOT_FOUND: { kind: 'not_found', message: '帮扶申请不存在或无权访问' },
  APPLICATION_INVALID: { kind: 'invalid', message: '申请内容不完整' },
  APPLICATION_NOT_ELIGIBLE: { kind: 'conflict', message: '不符合该活动的帮扶条件' },
  APPLICATION_DUPLICATE: { kind: 'conflict', message: '该户（学生）在本次活动中已有申请，每户（每人）限申请一次' },
  BATCH_NOT_FOUND: { kind: 'not_found', message: '发放批次不存在或无权访问' },
  BATCH_EMPTY: { kind: 'conflict', message: '没有已审批、待发放的申请' },
  BATCH_ALREADY_PAID: { kind: 'conflict', message: '该批次已确认发放' },
  BANK_ACCOUNT_MISSING: { kind: 'conflict', message: '有申请缺少收款银行账号，不能生成代发文件' },
  FIGURE_UNKNOWN: { kind: 'invalid', message: '没有这项数字' },
} as const satisfies ErrorTable;

export const reliefError = errorFactory(RELIEF_ERRORS);
