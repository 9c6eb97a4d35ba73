/**
 * The one clock. Everything that asks what time or what day it is — deadlines, notices, due
 * checks, snapshots, year-to-date figures, the demo's dates, sessions, record stamps — reads it
 * here, never `new Date()` or `Date.now()` on its own (a test in `clock-reads.test.ts` fails on a
 * direct read elsewhere).
 *
 * In production it is the machine's clock. A test run sets it to a test day: the clock then
 * starts at 10:00 Beijing time on that day and runs on from there at the real pace, so timeouts,
 * session idling and "two minutes ago" still behave, and a run of under fourteen hours never
 * leaves the day. The server follows a test day only when started for a test run
 * (`NODE_ENV=test`); see `clockFromEnvironment`.
 *
 * The database keeps the same time: record stamps and SQL read `clock_now()` (db/sql.ts), never
 * `now()`, and every transaction (engines/org/scope) and connection carries the clock's offset.
 */

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Where a test day's clock starts, Beijing time. */
const TEST_DAY_STARTS_AT = '10:00:00';

/** The environment variable that names a test run's day. */
export const TEST_DAY_VARIABLE = 'GONGHUI_TEST_TODAY';

/** The header in which every answer carries the server's time (epoch milliseconds); the web app's clock follows it. */
export const SERVER_TIME_HEADER = 'x-server-time';

let offsetMs = 0;

/** Milliseconds since the epoch on the clock. */
export function nowMs(): number {
  return Date.now() + offsetMs;
}

/** The current instant on the clock. */
export function now(): Date {
  return new Date(nowMs());
}

/** The Shanghai calendar date of an instant (of now, when none is given). */
export function shanghaiDateOf(at: Date = now()): IsoDate {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Shanghai. */
export function today(): IsoDate {
  return shanghaiDateOf(now());
}

/** How far the clock stands from the machine's, in milliseconds (0 in production). */
export function clockOffsetMs(): number {
  return offsetMs;
}

/** Sets the clock to run on from `at`. For test runs only. */
export function setClockTo(at: Date): void {
  if (Number.isNaN(at.getTime())) throw new Error('setClockTo: not a valid instant');
  offsetMs = at.getTime() - Date.now();
}

/** Sets the clock to 10:00 Beijing time on `day` (or at `time`, 'HH:MM[:SS]'), running on from there. For test runs only. */
export function setToday(day: IsoDate, time: string = TEST_DAY_STARTS_AT): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) throw new Error(`setToday: expected YYYY-MM-DD and HH:MM, got ${day} ${time}`);
  const at = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
  if (Number.isNaN(at.getTime()) || shanghaiDateOf(at) !== day) throw new Error(`setToday: ${day} is not a calendar date`);
  setClockTo(at);
}

/** Puts back an offset read earlier from `clockOffsetMs`. For test runs only. */
export function setClockOffsetMs(ms: number): void {
  offsetMs = ms;
}

/** Back to the machine's clock. */
export function resetClock(): void {
  offsetMs = 0;
}

/**
 * Sets the clock from the environment when this process runs for tests (`NODE_ENV=test`) and
 * names a test day; returns the day, or null when the clock stays the machine's. A test day named
 * outside a test run is refused loudly rather than silently followed or ignored.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): IsoDate | null {
  const day = env[TEST_DAY_VARIABLE];
  if (!day) return null;
  if (env.NODE_ENV !== 'test') throw new Error(`${TEST_DAY_VARIABLE} is for test runs only (NODE_ENV=test); unset it to run on the real clock`);
  setToday(day);
  return day;
}
