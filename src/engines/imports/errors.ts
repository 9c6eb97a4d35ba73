import { DomainError, errorFactory, type ErrorTable } from '../errors.ts';

/** File-level problems with an uploaded roster. Each code is stable; the server maps kind to 4xx. */
export const IMPORT_ERRORS = {
  IMPORT_EMPTY_FILE: { kind: 'invalid', message: '上传的文件是空的，请检查后重新上传' },
  IMPORT_NO_DATA: { kind: 'invalid', message: '文件中只有表头，没有需要导入的数据行' },
  IMPORT_FILE_TOO_LARGE: { kind: 'too_large', message: '文件过大，请拆分成几个文件分别上传' },
  IMPORT_TOO_MANY_ROWS: { kind: 'too_large', message: '文件中的数据行过多，请拆分成几个文件分别上传' },
  IMPORT_ZIP_BOMB: { kind: 'too_large', message: '文件解压后过大或结构异常，已拒绝处理' },
  IMPORT_FILE_CORRUPT: {
    kind: 'invalid',
    message: '文件已损坏或不是有效的 Excel 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传',
  },
  IMPORT_UNSUPPORTED_FORMAT: {
    kind: 'invalid',
    message: '不支持该文件格式，请上传 .xlsx 或 .csv 文件（旧版 .xls 或设有密码的文件请先另存为 .xlsx）',
  },
  IMPORT_MISSING_COLUMNS: { kind: 'invalid', message: '文件缺少必填列，请使用最新的导入模板' },
  IMPORT_UNKNOWN_COLUMNS: { kind: 'invalid', message: '文件中有模板以外的列，请使用最新的导入模板' },
  IMPORT_DUPLICATE_COLUMNS: { kind: 'invalid', message: '文件中有重复的列，请删除多余的列后重新上传' },
  IMPORT_NOT_RESUMABLE: { kind: 'conflict', message: '只有因服务重启而中断的导入可以继续；如文件已被清理，请重新上传' },
  IMPORT_NUMERIC_ID: {
    kind: 'invalid',
    message: '身份证号被 Excel 转成了数字，请把该列设为文本格式后重新填写',
  },
} as const satisfies ErrorTable;

export type ImportErrorCode = keyof typeof IMPORT_ERRORS;

/** A problem with the file as a whole (not with one row). */
export class ImportFileError extends DomainError {
  declare readonly code: ImportErrorCode;
  constructor(code: ImportErrorCode, message?: string, details?: Record<string, unknown>) {
    super(code, IMPORT_ERRORS[code], message, details);
    this.name = 'ImportFileError';
  }
}

const plain = errorFactory(IMPORT_ERRORS);

/** `importError('IMPORT_FILE_TOO_LARGE', msg?, details?)` — an ImportFileError built from IMPORT_ERRORS. */
export function importError(code: ImportErrorCode, message?: string, details?: Record<string, unknown>): ImportFileError {
  // errorFactory checks the code against the table at the type level; the class adds instanceof.
  const base = plain(code, message, details);
  return new ImportFileError(code, base.message, base.details);
}
