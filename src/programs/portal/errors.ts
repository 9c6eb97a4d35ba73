import { errorFactory, type ErrorTable } from '../../engines/errors.ts';

export const PORTAL_ERRORS = {
  PORTAL_ID_INVALID: { kind: 'invalid', message: '身份证号不正确' },
  PORTAL_PHONE_INVALID: { kind: 'invalid', message: '手机号码不正确' },
  PORTAL_IDENTITY_MISMATCH: { kind: 'invalid', message: '姓名与身份证号不符，或尚未在工会登记' },
  PORTAL_PHONE_MISMATCH: { kind: 'invalid', message: '手机号码与工会登记的不一致，请联系所在工会更正' },
  PORTAL_NOT_A_MEMBER: { kind: 'conflict', message: '您目前不是在册会员，不能注册职工服务门户' },
  PORTAL_ALREADY_REGISTERED: { kind: 'conflict', message: '您已注册过职工服务门户，请直接登录' },
  PORTAL_USERNAME_TAKEN: { kind: 'conflict', message: '该手机号码已被其他账号使用，请联系所在工会' },
  PORTAL_CODE_TOO_SOON: { kind: 'rate_limited', message: '验证码发送过于频繁，请一分钟后再试' },
  PORTAL_CODE_DAILY_LIMIT: { kind: 'rate_limited', message: '今天获取验证码的次数已达上限，请明天再试' },
  PORTAL_CODE_WRONG: { kind: 'invalid', message: '验证码不正确' },
  PORTAL_CODE_EXPIRED: { kind: 'invalid', message: '验证码已过期，请重新获取' },
  PORTAL_CODE_LOCKED: { kind: 'invalid', message: '验证码输错次数过多，请重新获取' },
  PORTAL_PASSWORD_WEAK: { kind: 'invalid', message: '密码至少 10 位，须同时包含字母和数字，且不能包含手机号码' },
  PORTAL_ACCOUNT_UNBOUND: { kind: 'not_found', message: '该账号未关联会员信息，请联系所在工会' },
  PORTAL_SLOT_NOT_OFFERED: { kind: 'not_found', message: '预约时段不存在或不向您所在的工会开放' },
  PORTAL_AID_PENDING: { kind: 'conflict', message: '您的法律援助申请正在审核中' },
} as const satisfies ErrorTable;

export const portalError = errorFactory(PORTAL_ERRORS);
