/**
 * Relief campaigns: 两节慰问 (New Year / Spring Festival condolence), 金秋助学 (Golden Autumn student
 * aid), and any program the city defines with the same parts — a period, eligible groups, standard
 * amounts, fund sources, allocations to counties, and an approval chain.
 *
 * The money moves as explicit steps, each a posting in the campaign's fund (engines/ledger):
 * raised (source → pool of the raising unit) → allocated (city pool → county pool) → committed
 * when the last approval step passes (county pool → payable, exactly once per application) → paid
 * when the bank confirms a batch (payable → paid, exactly once per application).
 *
 * The service in parts, one file each: campaigns (and the money in), applying, applications (as
 * read), decisions and batches. This file gathers them for the routes and tests.
 */
export {
  allocateFunds,
  type CampaignInput,
  campaignSteps,
  type CampaignTemplate,
  campaignTotals,
  closeCampaign,
  createCampaign,
  FUND_SOURCE_LABELS,
  getCampaign,
  listCampaigns,
  raiseFunds,
  SCHOOL_LEVEL_LABELS,
  TEMPLATES,
} from './campaigns.ts';
export { type ApplicationInput, checkEligibility, type EligibilityCheck, submitApplication } from './applying.ts';
export { type ApplicationCursor, type ApplicationFilter, getApplication, getApplicationRow, householdAidHistory, listApplications, presentApplication } from './applications.ts';
export { type BulkPreview, decideApplication, decideBulk, endApplicationNotice, previewBulk, recordApplicationNotice } from './decisions.ts';
export { bankFileRows, confirmBatch, createBatch, getBatch, listBatches } from './batches.ts';
