import { errorFactory, type ErrorTable } from '../errors.ts';

export const ACCOUNT_ERRORS = {
  LOGIN_FAILED: { kind: 'unauthenticated', message: '用户名或密码错误（连续出错后，须稍候片刻再试）' },
  ACCOUNT_DISABLED: { kind: 'forbidden', message: '账号已停用，请联系管理员' },
  PASSWORD_WRONG: { kind: 'invalid', message: '原密码不正确' },
  PASSWORD_TOO_WEAK: { kind: 'invalid', message: '新密码至少 10 位，须同时包含字母和数字，且不能包含用户名' },
  PASSWORD_REUSED: { kind: 'invalid', message: '新密码不能与原密码相同' },
  USER_NOT_FOUND: { kind: 'not_found', message: '用户不存在或无权访问' },
  SESSION_NOT_FOUND: { kind: 'not_found', message: '该会话不存在或已结束' },
  USERNAME_TAKEN: { kind: 'conflict', message: '用户名已被使用' },
  ROLE_NOT_GRANTABLE: { kind: 'forbidden', message: '您不能授予该角色' },
  ROLE_UNIT_MISMATCH: { kind: 'invalid', message: '该角色不能设在所选单位' },
  CANNOT_DISABLE_SELF: { kind: 'invalid', message: '不能停用自己的账号' },
} as const satisfies ErrorTable;

export const accountError = errorFactory(ACCOUNT_ERRORS);
