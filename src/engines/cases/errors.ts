import { errorFactory, type ErrorTable } from '../errors.ts';

export const CASE_ERRORS = {
  CASE_NOT_FOUND: { kind: 'not_found', message: '案件不存在或无权访问' },
  CASE_CLOSED: { kind: 'conflict', message: '案件已结案，不能再修改' },
  CASE_STAGE_ORDER: { kind: 'conflict', message: '案件不能转入该阶段：阶段须按调解、仲裁、一审、二审的顺序推进，已经过的阶段不能回转' },
  CASE_STAGE_UNKNOWN: { kind: 'invalid', message: '没有这个办理阶段' },
  CASE_ROLE_NOT_ALLOWED: { kind: 'invalid', message: '工会在该阶段不能担任这一角色' },
  CASE_OUTCOME_NOT_ALLOWED: { kind: 'invalid', message: '该阶段没有这种结果' },
  CASE_EVENT_UNKNOWN: { kind: 'invalid', message: '没有这种案件事项' },
  CASE_RESULT_UNKNOWN: { kind: 'invalid', message: '没有这种结案结果' },
  CASE_DATE_INVALID: { kind: 'invalid', message: '日期不正确：不能晚于今天，也不能早于前一阶段' },
  CASE_STAGE_NOT_ENDED: { kind: 'conflict', message: '请先登记当前阶段的结果，再转入下一阶段' },
  CASE_STAGE_ALREADY_ENDED: { kind: 'conflict', message: '当前阶段已经登记过结果' },
  CASE_ALREADY_ASSIGNED: { kind: 'conflict', message: '该案件已指派给此人' },
  CASE_ASSIGNEE_INVALID: { kind: 'invalid', message: '被指派人没有登录账号，或不能承办此类案件' },
  CASE_DOCUMENT_NOT_FOUND: { kind: 'not_found', message: '材料不存在或无权访问' },
  CALENDAR_CITY_ONLY: { kind: 'forbidden', message: '节假日安排由市总工会维护' },
  CALENDAR_DAY_NOT_FOUND: { kind: 'not_found', message: '节假日安排中没有这一天' },
} as const satisfies ErrorTable;

export const caseError = errorFactory(CASE_ERRORS);
