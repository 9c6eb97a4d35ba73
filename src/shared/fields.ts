/**
 * The rules of a record's fields, written once: the API's schemas, the roster imports and the web
 * forms all check a value with these functions and refuse it in these words, so a row the form
 * refuses is refused by the import for the same reason. Pure functions; whoever calls gives today.
 */

/** A text field: its label (the words a cadre sees) and how long it may be. */
export interface TextField {
  label: string;
  max: number;
  min?: number;
}

export type TextProblem = 'empty' | 'tooShort' | 'tooLong' | 'control';

/** Characters nobody types into a form (C0 controls and DEL): they come from copied text or a hostile file. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** What is wrong with a text value (already trimmed), or null. Length counts characters as typed. */
export function textProblem(field: TextField, value: string): TextProblem | null {
  const length = [...value].length;
  if (length === 0) return (field.min ?? 1) > 0 ? 'empty' : null;
  if (hasControlCharacter(value)) return 'control';
  if (field.min !== undefined && length < field.min) return 'tooShort';
  if (length > field.max) return 'tooLong';
  return null;
}

export function textProblemMessage(field: TextField, problem: TextProblem): string {
  switch (problem) {
    case 'empty':
      return `请填写${field.label}`;
    case 'tooShort':
      return `${field.label}至少 ${field.min} 个字`;
    case 'tooLong':
      return `${field.label}不能超过 ${field.max} 个字`;
    case 'control':
      return `${field.label}含有不可见的控制字符，请删除后重新填写`;
  }
}

/** The message for a text value, or null when it is acceptable. */
export function checkText(field: TextField, value: string): string | null {
  const problem = textProblem(field, value);
  return problem ? textProblemMessage(field, problem) : null;
}

export const PERSON_NAME: TextField = { label: '姓名', max: 50 };
export const ENTERPRISE_NAME: TextField = { label: '企业名称', max: 100 };
export const UNION_NAME: TextField = { label: '工会名称', max: 100 };
export const CHAIR_NAME: TextField = { label: '工会主席姓名', max: PERSON_NAME.max };

/** The youngest a worker may join a union: the lawful working age. */
export const MIN_JOINING_AGE = 16;

/** The day someone born on `birthDate` (YYYY-MM-DD) turns `years`; 29 February counts as 1 March. */
export function birthdayAt(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return monthDay === '02-29' && !leap ? `${year}-03-01` : `${year}-${monthDay}`;
}

/**
 * What is wrong with a join date, or null: a member joins on a day that has come, and not before
 * turning 16 (the birth date comes from the ID number).
 */
export function joinDateProblem(joinedOn: string, birthDate: string, today: string): string | null {
  if (joinedOn > today) return '入会日期不能晚于今天';
  const sixteen = birthdayAt(birthDate, MIN_JOINING_AGE);
  if (joinedOn < sixteen) return `入会日期早于本人年满 ${MIN_JOINING_AGE} 周岁（${sixteen}），请核对`;
  return null;
}

/** A member cannot join a union before it was founded (its founding date is on its profile). */
export function joinedBeforeFounding(joinedOn: string, unionFoundedOn: string | null | undefined): string | null {
  return unionFoundedOn && joinedOn < unionFoundedOn ? `入会日期早于所属工会的成立日期（${unionFoundedOn}），请核对` : null;
}
