import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const COUNSELLING_ERRORS = {
  COUNSELLOR_NOT_FOUND: { kind: 'not_found', message: '心理咨询师不存在或无权访问' },
  COUNSELLOR_USER_INVALID: { kind: 'invalid', message: '关联的账号须为心理咨询师角色' },
  COUNSELLOR_USER_TAKEN: { kind: 'conflict', message: '该账号已关联其他心理咨询师' },
  COUNSELLOR_UNAVAILABLE: { kind: 'conflict', message: '该心理咨询师目前不接受预约' },
  ROOM_NOT_FOUND: { kind: 'not_found', message: '心理咨询室不存在或无权访问' },
  SLOT_NOT_FOUND: { kind: 'not_found', message: '预约时段不存在或无权访问' },
  SLOT_OVERLAP: { kind: 'conflict', message: '该咨询师或咨询室在这段时间已有安排' },
  SLOT_PERIOD_INVALID: { kind: 'invalid', message: '时段不正确：结束须晚于开始，且时长不超过 4 小时' },
  SLOT_IN_PAST: { kind: 'conflict', message: '该时段已经开始或已过去' },
  SLOT_TAKEN: { kind: 'conflict', message: '该时段已被预约，请选择其他时段' },
  SLOT_WITHDRAWN: { kind: 'conflict', message: '该时段已撤销' },
  SLOT_HAS_APPOINTMENT: { kind: 'conflict', message: '该时段已有预约，请先改约或取消' },
  APPOINTMENT_NOT_FOUND: { kind: 'not_found', message: '预约不存在或无权访问' },
  APPOINTMENT_STATUS: { kind: 'conflict', message: '预约当前的状态不允许这样操作' },
  PHONE_INVALID: { kind: 'invalid', message: '手机号码不正确' },
  NOTE_NOT_YOURS: { kind: 'not_found', message: '只有承接该预约的咨询师本人可以记录和查看咨询记录' },
  FOLLOW_UP_NOT_FOUND: { kind: 'not_found', message: '回访安排不存在或无权访问' },
  FOLLOW_UP_DATE_INVALID: { kind: 'invalid', message: '回访日期不正确' },
  STATISTICS_PERIOD_INVALID: { kind: 'invalid', message: '统计期间不正确：开始日期须不晚于结束日期' },
} as const satisfies ErrorTable;

export const counsellingError = errorFactory(COUNSELLING_ERRORS);
