/** Yearly reviews coming due raise a nudge for the household's unit (run by the scheduler). */
import { registerDueCheck } from '../../engines/notify/due-checks.ts';
import { remindReviews } from './service.ts';

registerDueCheck({ name: 'hardship.reviews', run: async (ctx) => ({ raised: (await remindReviews(ctx)).reminded }) });
