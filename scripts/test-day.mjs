/**
 * The day a test run takes as today. Named by GONGHUI_TEST_TODAY=YYYY-MM-DD, or else derived from
 * the commit under test, so successive commits run the suite on different weekdays, month ends
 * and holidays of 2025–2028 — and a failure found on one commit's day is found again on re-run.
 */
import { spawnSync } from 'node:child_process';

export const TEST_DAY_VARIABLE = 'GONGHUI_TEST_TODAY';

/** The days a commit may fall on: 2025-01-01 to 2028-12-31. */
const FIRST_DAY_MS = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 4 * 365 + 1;

/** Whether `day` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** The day a commit id stands for. */
export function dayOfCommit(commit) {
  const n = Number.parseInt(commit.slice(0, 8), 16);
  return new Date(FIRST_DAY_MS + (n % SPAN_DAYS) * 86_400_000).toISOString().slice(0, 10);
}

/** The test run's day and where it came from. */
export function testDay(env = process.env, cwd = process.cwd()) {
  const named = env[TEST_DAY_VARIABLE];
  if (named) {
    if (!isCalendarDay(named)) throw new Error(`${TEST_DAY_VARIABLE}=${named} is not a calendar date (YYYY-MM-DD)`);
    return { day: named, source: TEST_DAY_VARIABLE };
  }
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' });
  const commit = git.status === 0 ? git.stdout.trim() : '';
  if (/^[0-9a-f]{40}$/.test(commit)) return { day: dayOfCommit(commit), source: `commit ${commit.slice(0, 7)}` };
  // Outside a git checkout (an unpacked archive) every run takes the same day.
  return { day: '2026-12-07', source: 'no commit found' };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2026-12-12 (Saturday)" */
export function describeDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return `${day} (${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]})`;
}
