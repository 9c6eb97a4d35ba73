/**
 * Setting the day in a test. Every test file runs on the test run's day (setup.ts); a test whose
 * records carry fixed dates says which day it is written for, with one of these.
 */
import { afterAll } from 'vitest';
import * as clock from '../engines/clock.ts';

/** Runs the rest of this test file on `day`, and puts the run's day back after it. */
export function runFileOn(day: clock.IsoDate): void {
  const before = clock.clockOffsetMs();
  clock.setToday(day);
  afterAll(() => clock.setClockOffsetMs(before));
}

/** Runs `work` with the clock on `day` (the database's too), then puts the day back. */
export async function onDay<T>(day: clock.IsoDate, work: () => Promise<T>): Promise<T> {
  const before = clock.clockOffsetMs();
  clock.setToday(day);
  try {
    return await work();
  } finally {
    clock.setClockOffsetMs(before);
  }
}
