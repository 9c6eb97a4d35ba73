/** The schema index: every engine's and program's tables, for Drizzle and drizzle-kit. */
export * from '../engines/org/schema.ts';
export * from '../engines/accounts/schema.ts';
export * from '../engines/audit/schema.ts';
export * from '../programs/membership/schema.ts';
export * from '../engines/imports/jobs-schema.ts';
export * from '../engines/ledger/schema.ts';
export * from '../engines/approvals/schema.ts';
export * from '../programs/hardship/schema.ts';
export * from '../programs/relief/schema.ts';
export * from '../engines/cases/schema.ts';
export * from '../programs/legal/schema.ts';
export * from '../programs/counselling/schema.ts';
export * from '../engines/indicators/schema.ts';
export * from '../engines/notify/schema.ts';
export * from '../programs/supervision/schema.ts';
export * from '../programs/portal/schema.ts';

import * as org from '../engines/org/schema.ts';
import * as accounts from '../engines/accounts/schema.ts';
import * as audit from '../engines/audit/schema.ts';
import * as membership from '../programs/membership/schema.ts';
import * as importJobs from '../engines/imports/jobs-schema.ts';
import * as ledger from '../engines/ledger/schema.ts';
import * as approvals from '../engines/approvals/schema.ts';
import * as hardship from '../programs/hardship/schema.ts';
import * as relief from '../programs/relief/schema.ts';
import * as cases from '../engines/cases/schema.ts';
import * as legal from '../programs/legal/schema.ts';
import * as counselling from '../programs/counselling/schema.ts';
import * as indicators from '../engines/indicators/schema.ts';
import * as notify from '../engines/notify/schema.ts';
import * as supervision from '../programs/supervision/schema.ts';
import * as portal from '../programs/portal/schema.ts';

export const schema = { ...org, ...accounts, ...audit, ...membership, ...importJobs, ...ledger, ...approvals, ...hardship, ...relief, ...cases, ...legal, ...counselling, ...indicators, ...notify, ...supervision, ...portal };
export type Schema = typeof schema;
