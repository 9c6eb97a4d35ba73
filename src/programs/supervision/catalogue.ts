/**
 * Loads every program's indicator registrations. A program that adds indicators adds one import
 * line here (its `indicators.ts`); the app, the scheduler, the demo and the bench import this file.
 */
import '../membership/indicators.ts';

export { listIndicators, findIndicator } from '../../engines/indicators/catalogue.ts';
