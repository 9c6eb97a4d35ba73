import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const MEMBERSHIP_ERRORS = {
  ENTERPRISE_NOT_FOUND: { kind: 'not_found', message: '企业不存在或无权访问' },
  ENTERPRISE_CREDIT_CODE_INVALID: { kind: 'invalid', message: '统一社会信用代码不正确' },
  ENTERPRISE_CREDIT_CODE_TAKEN: { kind: 'conflict', message: '该统一社会信用代码的企业已登记' },
  ENTERPRISE_CODE_UNKNOWN: { kind: 'invalid', message: '行业或经济类型代码不在代码表中' },
  ENTERPRISE_CLOSED: { kind: 'conflict', message: '该企业已注销' },
  UNION_NOT_FOUND: { kind: 'not_found', message: '基层工会不存在或无权访问' },
  UNION_NEEDS_ENTERPRISE: { kind: 'invalid', message: '单独基层工会须对应一家企业，联合基层工会须覆盖至少两家企业' },
  ENTERPRISE_ALREADY_COVERED: { kind: 'conflict', message: '该企业已由其他工会覆盖，请先解除原覆盖关系' },
  PERSON_ID_INVALID: { kind: 'invalid', message: '身份证号不正确' },
  PHONE_INVALID: { kind: 'invalid', message: '手机号码不正确' },
  MEMBER_NOT_FOUND: { kind: 'not_found', message: '会员不存在或无权访问' },
  MEMBER_ALREADY_ACTIVE: { kind: 'conflict', message: '该职工已是会员，请办理转会而不是重复入会' },
  MEMBER_NOT_ACTIVE: { kind: 'conflict', message: '该职工目前不是会员' },
  MEMBERSHIP_DATE_INVALID: { kind: 'invalid', message: '日期不能早于入会日期，也不能晚于今天' },
  TRANSFER_SAME_UNION: { kind: 'invalid', message: '转入工会与原工会相同' },
  VIEW_REASON_REQUIRED: { kind: 'invalid', message: '查看完整身份证号须说明用途' },
} as const satisfies ErrorTable;

export const membershipError = errorFactory(MEMBERSHIP_ERRORS);
