/** Small pieces every program's routes share: download headers and date parameters (list exports: list-export.ts). */
import { commonError } from '../engines/errors.ts';
import { isValidIsoDate } from '../engines/time.ts';

type Reply = { header: (k: string, v: string) => unknown; type: (t: string) => unknown };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Marks the reply as a file to save under `fileName` (Chinese names kept, RFC 5987). */
export function download(reply: Reply, type: string, fileName: string): void {
  reply.type(type);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

export const xlsxReply = (reply: Reply, fileName: string): void => download(reply, XLSX_TYPE, fileName);

/** A date parameter (YYYY-MM-DD) checked to exist; a bad one is a 400 naming the field. */
export function dateParam(value: string, field: string): string;
export function dateParam(value: string | undefined | null, field: string): string | undefined;
export function dateParam(value: string | undefined | null, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isValidIsoDate(value)) throw commonError('VALIDATION_FAILED', `${field}：不是有效的日期`);
  return value;
}
