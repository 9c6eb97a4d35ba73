/** Yearly reviews coming due raise a nudge for the household's unit (run by the scheduler). */
import type { DueCheck } from '../../engines/notify/due-checks.ts';
import { remindReviews } from './service.ts';

export const reviewsComingDue: DueCheck = { name: 'hardship.reviews', run: async (ctx) => ({ raised: (await remindReviews(ctx)).reminded }) };
