import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const HARDSHIP_ERRORS = {
  HOUSEHOLD_NOT_FOUND: { kind: 'not_found', message: '困难职工档案不存在或无权访问' },
  HOUSEHOLD_ALREADY_ON_FILE: { kind: 'conflict', message: '该职工已建有困难职工档案（一户一档）' },
  HOUSEHOLD_ID_INVALID: { kind: 'invalid', message: '身份证号不正确' },
  HOUSEHOLD_PHONE_INVALID: { kind: 'invalid', message: '手机号码不正确' },
  HOUSEHOLD_BANK_ACCOUNT_INVALID: { kind: 'invalid', message: '银行账号应为 12 至 30 位数字' },
  HOUSEHOLD_CAUSE_INVALID: { kind: 'invalid', message: '致困原因不在代码表中，次要原因至多三项且不与主要原因重复' },
  HOUSEHOLD_STATUS_WRONG: { kind: 'conflict', message: '档案当前状态下不能进行此操作' },
  HOUSEHOLD_SELF_VERIFY: { kind: 'forbidden', message: '入户核查须由建档人以外的人员进行' },
  HOUSEHOLD_NOT_ELIGIBLE: { kind: 'conflict', message: '按现行标准该户不符合困难职工认定条件' },
  HOUSEHOLD_NOTICE_RUNNING: { kind: 'conflict', message: '公示期尚未届满' },
  HOUSEHOLD_NO_STANDARD: { kind: 'conflict', message: '尚未设定当地最低生活保障标准，无法认定困难等级' },
  HOUSEHOLD_DATE_INVALID: { kind: 'invalid', message: '日期不能晚于今天' },
  HOUSEHOLD_AMOUNT_INVALID: { kind: 'invalid', message: '收入与支出须为非负整数（单位：分）' },
  HOUSEHOLD_VIEW_REASON_REQUIRED: { kind: 'invalid', message: '查看敏感信息须说明用途' },
  HOUSEHOLD_CANNOT_RETURN: { kind: 'conflict', message: '该档案因身故退出，不能返困' },
  ATTACHMENT_NOT_FOUND: { kind: 'not_found', message: '附件不存在或无权访问' },
  ATTACHMENT_TOO_LARGE: { kind: 'too_large', message: '附件不能超过 10 MB' },
  ATTACHMENT_TYPE_REFUSED: { kind: 'unsupported', message: '附件只接受 PDF、JPG、PNG 文件' },
} as const satisfies ErrorTable;

export const hardshipError = errorFactory(HARDSHIP_ERRORS);
