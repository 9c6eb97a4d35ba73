/**
 * Loads every program's indicator registrations and due checks. A program that adds indicators or
 * reminders adds one import line here (its `indicators.ts`, its `reminders.ts`); the app, the
 * scheduler, the demo and the bench import this file.
 */
import '../membership/indicators.ts';
import '../hardship/indicators.ts';
import '../relief/indicators.ts';
import '../legal/indicators.ts';
import '../counselling/indicators.ts';
import '../hardship/reminders.ts';
import '../legal/reminders.ts';

export { listIndicators, findIndicator } from '../../engines/indicators/catalogue.ts';
