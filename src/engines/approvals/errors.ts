import { errorFactory, type ErrorTable } from '../errors.ts';

export const APPROVAL_ERRORS = {
  APPROVAL_NOT_FOUND: { kind: 'not_found', message: '审批事项不存在或无权访问' },
  APPROVAL_CHAIN_INVALID: { kind: 'invalid', message: '审批流程须至少有一个审核环节，层级自下而上，公示期为 1 至 30 天' },
  APPROVAL_ALREADY_DECIDED: { kind: 'conflict', message: '该环节已由他人处理，请刷新后查看' },
  APPROVAL_FINISHED: { kind: 'conflict', message: '该事项的审批已结束' },
  APPROVAL_SELF_DECISION: { kind: 'forbidden', message: '不能审批本人提交的申请' },
  APPROVAL_SAME_PERSON_TWICE: { kind: 'forbidden', message: '同一人不能审批同一申请的两个环节' },
  APPROVAL_LOWER_LEVEL_FIRST: { kind: 'conflict', message: '须先由下一级完成审核' },
  APPROVAL_WRONG_LEVEL: { kind: 'forbidden', message: '当前环节不由您所在层级审批' },
  APPROVAL_IN_NOTICE: { kind: 'conflict', message: '该事项正在公示，公示期满后方可继续审批' },
  APPROVAL_NOT_IN_NOTICE: { kind: 'conflict', message: '该事项不在公示中' },
  APPROVAL_NOTICE_DATE_INVALID: { kind: 'invalid', message: '公示张贴日期不能晚于今天' },
  APPROVAL_NOTICE_RUNNING: { kind: 'conflict', message: '公示期尚未届满' },
  APPROVAL_REASON_REQUIRED: { kind: 'invalid', message: '退回或不予通过须说明理由' },
} as const satisfies ErrorTable;

export type ApprovalErrorCode = keyof typeof APPROVAL_ERRORS;
export const approvalError = errorFactory(APPROVAL_ERRORS);
