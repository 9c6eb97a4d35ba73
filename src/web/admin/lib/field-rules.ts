/** Form rules made from the fields' shared rules (src/shared/fields.ts): the form refuses a value in the words the API and the import use. */
import { checkText, type TextField } from '../../../shared/fields.ts';

/** Length and characters of a text field; an empty value is left to the field's required rule. */
export function textRule(field: TextField) {
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      const text = (value ?? '').trim();
      const problem = text === '' ? null : checkText(field, text);
      if (problem) throw new Error(problem);
    },
  };
}
