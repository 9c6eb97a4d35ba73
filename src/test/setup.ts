// Every test process seals identifiers with a key of its own, and runs on the test run's day
// (scripts/test-day.mjs): never on the real date.
import { randomBytes } from 'node:crypto';
import { configureDataKey } from '../engines/people/sealing.ts';
import { clockFromEnvironment, TEST_DAY_VARIABLE } from '../engines/clock.ts';
import { testDay } from '../../scripts/test-day.mjs';

configureDataKey(randomBytes(32));
process.env.NODE_ENV = 'test';
process.env[TEST_DAY_VARIABLE] = testDay().day;
clockFromEnvironment();
