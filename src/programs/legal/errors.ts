import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const LEGAL_ERRORS = {
  LAWYER_NOT_FOUND: { kind: 'not_found', message: '律师不存在或无权访问' },
  LAWYER_LICENCE_TAKEN: { kind: 'conflict', message: '该执业证号的律师已在服务团中' },
  LAWYER_USER_TAKEN: { kind: 'conflict', message: '该账号已关联其他律师' },
  LAWYER_USER_INVALID: { kind: 'invalid', message: '关联的账号须为律师角色' },
  LAWYER_UNAVAILABLE: { kind: 'conflict', message: '该律师目前不可承接案件，或尚无登录账号' },
  DISPUTE_NOT_FOUND: { kind: 'not_found', message: '劳动争议案件不存在或无权访问' },
  DISPUTE_NEEDS_WORKER: { kind: 'invalid', message: '请至少登记一名职工当事人' },
  PERSON_ID_INVALID: { kind: 'invalid', message: '身份证号不正确' },
  PHONE_INVALID: { kind: 'invalid', message: '手机号码不正确' },
  CREDIT_CODE_INVALID: { kind: 'invalid', message: '用人单位统一社会信用代码不正确' },
  PARTY_ALREADY_ON_CASE: { kind: 'conflict', message: '该职工已是本案当事人' },
  PARTY_NOT_FOUND: { kind: 'not_found', message: '当事人不存在' },
  AID_NOT_FOUND: { kind: 'not_found', message: '法律援助申请不存在或无权访问' },
  AID_ALREADY_DECIDED: { kind: 'conflict', message: '该法律援助申请已作出决定' },
  AID_NEEDS_LAWYER: { kind: 'invalid', message: '同意援助须指派律师' },
  AID_DATE_INVALID: { kind: 'invalid', message: '日期不正确：决定日期不能早于申请日期，日期都不能晚于今天' },
  STATISTICS_PERIOD_INVALID: { kind: 'invalid', message: '统计期间不正确：开始日期须不晚于结束日期' },
} as const satisfies ErrorTable;

export const legalError = errorFactory(LEGAL_ERRORS);
