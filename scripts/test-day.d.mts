export const TEST_DAY_VARIABLE: 'GONGHUI_TEST_TODAY';
export function isCalendarDay(day: string): boolean;
export function dayOfCommit(commit: string): string;
export function testDay(env?: NodeJS.ProcessEnv, cwd?: string): { day: string; source: string };
export function describeDay(day: string): string;
