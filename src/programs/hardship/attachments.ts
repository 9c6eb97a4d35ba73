/** 困难职工档案: proof documents attached to a file (PDF or image, sniffed), written to disk only when the transaction commits. */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../engines/context.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { hardshipError } from './errors.ts';
import { hardshipAttachments } from './schema.ts';
import { getHouseholdRow } from './reading.ts';
import { event } from './registering.ts';

// ── Attachments ─────────────────────────────────────────────────────────────────────────────

export const ATTACHMENT_LIMIT = 10 * 1024 * 1024;
const ATTACHMENT_TYPES: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/** What a file's first bytes say it is, whatever its name claims. */
function sniff(data: Buffer): string | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export function attachmentsDir(filesDir: string, householdId: number): string {
  return path.join(filesDir, 'hardship', String(householdId));
}

/** Files written during a request, removed again if its transaction does not commit. */
export type WrittenFiles = string[];

/**
 * Runs a request's work (its transaction) and, should it fail — in the service or at commit — removes
 * the files it wrote, so a refused or rolled-back upload leaves nothing behind on disk.
 */
export async function keepFilesOnlyIfCommitted<T>(work: (written: WrittenFiles) => Promise<T>): Promise<T> {
  const written: WrittenFiles = [];
  try {
    return await work(written);
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
}

/**
 * Stores a proof document with the file (under the data folder), recorded in its history. The
 * rows come first and the file last, so the only failure after writing it is the commit itself;
 * `written` (see keepFilesOnlyIfCommitted) lets the caller remove the file then.
 */
export async function addAttachment(ctx: Ctx, filesDir: string, id: number, file: { fileName: string; data: Buffer; note?: string | null | undefined }, written: WrittenFiles = []) {
  const h = await getHouseholdRow(ctx, id);
  if (file.data.length > ATTACHMENT_LIMIT) throw hardshipError('ATTACHMENT_TOO_LARGE');
  const type = sniff(file.data);
  if (!type) throw hardshipError('ATTACHMENT_TYPE_REFUSED');
  const storedAs = `${randomUUID()}${ATTACHMENT_TYPES[type]}`;
  const [row] = await ctx.db
    .insert(hardshipAttachments)
    .values({
      householdId: h.id,
      fileName: path.basename(file.fileName).slice(0, 200),
      contentType: type,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      storedAs,
      note: file.note ?? null,
      uploadedBy: ctx.actor.userId,
    })
    .returning();
  await event(ctx, h.id, 'attachment_added', { attachmentId: row!.id, fileName: row!.fileName });
  await recordAudit(ctx, {
    action: 'create',
    entity: 'hardship_attachment',
    entityId: row!.id,
    unitId: h.unitId,
    after: { householdId: h.id, fileName: row!.fileName, size: row!.size, sha256: row!.sha256 },
  });
  const dir = attachmentsDir(filesDir, h.id);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, storedAs);
  written.push(target);
  fs.writeFileSync(target, file.data, { mode: 0o600, flag: 'wx' });
  return row!;
}

/** An attachment to download: in scope only, the view logged. */
export async function openAttachment(ctx: Ctx, filesDir: string, attachmentId: number) {
  const [row] = await ctx.db.select().from(hardshipAttachments).where(eq(hardshipAttachments.id, attachmentId));
  if (!row) throw hardshipError('ATTACHMENT_NOT_FOUND');
  const h = await getHouseholdRow(ctx, row.householdId);
  await recordAudit(ctx, { action: 'view', entity: 'hardship_attachment', entityId: row.id, unitId: h.unitId, reason: '查看困难职工档案附件' });
  return { row, file: path.join(attachmentsDir(filesDir, row.householdId), row.storedAs) };
}
