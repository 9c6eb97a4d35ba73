/**
 * 困难职工档案 — the hardship household archive ("archive first, then aid"). One household, one file,
 * federation-wide (the worker's ID number, by keyed hash, is unique; a refusal names the county
 * where the file is). Life cycle: applied → verified at home (入户核查, by someone other than who
 * registered it) → public notice (公示) → filed; reviewed every year; exits (脱困 and the other
 * reasons) and re-entry (返困). Every step is an event in the file's history and an audit entry;
 * every view of the full ID number, bank account or incomes is logged with its reason.
 *
 * The service in parts, one file each: standards, registering, reading, life-cycle, attachments and
 * for-aid (what relief reads through the face). This file gathers them for the routes and tests.
 */
export { listStandards, setStandard, standardFor, type StandardInput } from './standards.ts';
export { type FinanceInput, type HouseholdInput, type MemberInput, previewGrade, registerHousehold, maskBankAccount } from './registering.ts';
export { archiveCounts, getHousehold, getHouseholdRow, type HouseholdCursor, type HouseholdFilter, type HouseholdView, listHouseholds, presentHousehold, revealSensitive } from './reading.ts';
export {
  EXIT_LABELS,
  exitHousehold,
  fileHousehold,
  type HouseholdEdit,
  recordVisit,
  reenterHousehold,
  remindReviews,
  REVIEW_NOTICE_DAYS,
  reviewHousehold,
  startNotice,
  updateHousehold,
} from './life-cycle.ts';
export { addAttachment, ATTACHMENT_LIMIT, attachmentsDir, keepFilesOnlyIfCommitted, openAttachment, type WrittenFiles } from './attachments.ts';
export { householdForAid, type HouseholdForAid, householdOfPerson } from './for-aid.ts';
