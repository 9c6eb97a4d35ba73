import { errorFactory, type ErrorTable } from '../errors.ts';

export const NOTIFY_ERRORS = {
  NOTIFICATION_NOT_FOUND: { kind: 'not_found', message: '通知不存在或无权访问' },
  NOTIFY_MOBILE_INVALID: { kind: 'invalid', message: '手机号码格式不正确' },
  NOTIFY_EMAIL_INVALID: { kind: 'invalid', message: '电子邮箱格式不正确' },
  NOTIFY_CONTACT_MISSING: { kind: 'invalid', message: '开启短信或邮件摘要前，请先填写手机号码或电子邮箱' },
} as const satisfies ErrorTable;

export const notifyError = errorFactory(NOTIFY_ERRORS);
