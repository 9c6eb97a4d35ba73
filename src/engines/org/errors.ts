import { errorFactory, type ErrorTable } from '../errors.ts';

export const ORG_ERRORS = {
  ORG_UNIT_NOT_FOUND: { kind: 'not_found', message: '组织单位不存在或无权访问' },
  ORG_PARENT_NOT_FOUND: { kind: 'not_found', message: '上级单位不存在或无权访问' },
  ORG_UNIT_CODE_TAKEN: { kind: 'conflict', message: '单位编码已被使用' },
  ORG_KIND_NOT_ALLOWED_HERE: { kind: 'invalid', message: '该类型的单位不能设在所选上级单位之下' },
  ORG_MOVE_INTO_OWN_SUBTREE: { kind: 'invalid', message: '不能把单位移到它自己的下级单位之下' },
  ORG_MOVE_ROOT: { kind: 'forbidden', message: '不能移动或撤销您所在的单位本身' },
  ORG_UNIT_CLOSED: { kind: 'conflict', message: '该单位已撤销' },
  ORG_UNIT_NOT_CLOSED: { kind: 'conflict', message: '该单位未撤销' },
  ORG_CHANGE_BACKDATED: { kind: 'invalid', message: '变更日期不能早于该单位最近一次变更的日期' },
  ORG_CHANGE_IN_FUTURE: { kind: 'invalid', message: '变更日期不能晚于今天' },
  ORG_CLOSE_VETOED: { kind: 'conflict', message: '该单位暂不能撤销' },
  ORG_NOTHING_CHANGED: { kind: 'invalid', message: '没有需要保存的变更' },
} as const satisfies ErrorTable;

export const orgError = errorFactory(ORG_ERRORS);
