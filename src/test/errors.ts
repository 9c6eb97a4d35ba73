/** Test helpers about errors. */
import { DomainError } from '../engines/errors.ts';

/** The code of the DomainError a promise rejects with, or 'NO_ERROR' when it resolves; any other error is rethrown. */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}
