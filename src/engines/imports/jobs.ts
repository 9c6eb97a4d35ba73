/**
 * Import jobs: an upload is saved beside the database, recorded as a job, and worked through in the
 * background, one job at a time, in short transactions (so the app stays responsive), reporting
 * its progress on the job row. A program registers what each kind of roster means.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Actor, Ctx, Scope } from '../context.ts';
import { commonError, DomainError } from '../errors.ts';
import { importError } from './errors.ts';
import { users } from '../accounts/schema.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../org/scope.ts';
import { recordAudit } from '../audit/service.ts';
import { importJobs, type ImportCounts, type ImportJobRow, type ImportJobStatus, type ImportMode } from './jobs-schema.ts';
import type { SheetSpec } from './spec.ts';
import * as clock from '../clock.ts';

export interface JobRun {
  job: ImportJobRow;
  filePath: string;
  /** Where the rows' outcomes are kept for the marked workbook. */
  outcomesPath: string;
  /** Runs work under the uploader's scope, in a transaction of its own. */
  inScope<T>(work: (ctx: Ctx) => Promise<T>): Promise<T>;
  progress(status: ImportJobStatus, processed: number, total: number): Promise<void>;
  /**
   * Records what a batch-by-batch job has committed: rows written so far, and the last file row
   * they reach. Called after each batch's transaction, so an interruption can say what was kept.
   */
  committed(written: number, throughRow: number): Promise<void>;
}

export interface ImportKind {
  kind: string;
  label: string;
  // biome-ignore lint/suspicious/noExplicitAny: each kind reads its own row type; the registry holds them all
  spec: SheetSpec<any>;
  run(run: JobRun): Promise<ImportCounts>;
}

const kinds = new Map<string, ImportKind>();
export function registerImportKind(k: ImportKind): void {
  kinds.set(k.kind, k);
}
export function importKind(kind: string): ImportKind | undefined {
  return kinds.get(kind);
}

export function jobDir(filesDir: string, jobId: string): string {
  return path.join(filesDir, 'imports', jobId);
}

/** Records the job (in the request's transaction); the file is already saved under jobDir. */
export async function createImportJob(ctx: Ctx, input: { id: string; kind: string; mode: ImportMode; unitId: number; fileName: string }): Promise<ImportJobRow> {
  const [row] = await ctx.db
    .insert(importJobs)
    .values({ ...input, status: 'queued', createdBy: ctx.actor.userId })
    .returning();
  await recordAudit(ctx, { action: 'create', entity: 'import_job', entityId: input.id, unitId: input.unitId, after: { kind: input.kind, mode: input.mode, fileName: input.fileName } });
  return row!;
}

export const newJobId = () => randomUUID();

let queue: Promise<void> = Promise.resolve();
let pending = 0;

/** Queues a job to run after those before it. */
export function enqueueImportJob(database: Database, filesDir: string, jobId: string): void {
  pending++;
  queue = queue
    .then(() => runJob(database, filesDir, jobId))
    .catch(() => undefined)
    .finally(() => {
      pending--;
    });
}

/** Resolves when every queued job has finished (tests, shutdown). */
export async function idleImportJobs(): Promise<void> {
  while (pending > 0) await queue;
}

async function setJob(database: Database, jobId: string, patch: Partial<ImportJobRow>): Promise<void> {
  await runAsSystem(database, (db) =>
    db
      .update(importJobs)
      .set(patch)
      .where(eq(importJobs.id, jobId))
      .then(() => undefined),
  );
}

async function runJob(database: Database, filesDir: string, jobId: string): Promise<void> {
  const loaded = await runAsSystem(database, async (db) => {
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    if (!job) return null;
    const [user] = await db.select().from(users).where(eq(users.id, job.createdBy));
    const scope = user ? await scopeOfUnit(db, user.unitId) : null;
    return { job, user, scope };
  });
  if (!loaded) return;
  const { job, user, scope } = loaded;
  const kind = kinds.get(job.kind);
  const dir = jobDir(filesDir, jobId);
  const upload = fs.readdirSync(dir).find((f) => f.startsWith('upload'));
  if (!kind || !user || !scope || !upload) {
    await setJob(database, jobId, { status: 'failed', error: { code: 'IMPORT_JOB_INVALID', message: '导入任务无法执行' }, finishedAt: clock.now() });
    return;
  }
  const actor: Actor = { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId };
  let lastWrite = 0;
  const run: JobRun = {
    job,
    filePath: path.join(dir, upload),
    outcomesPath: path.join(dir, 'outcomes.jsonl'),
    // A batch is a short transaction, but may take longer than a click: a job's own limit.
    inScope: (work) => runScoped(database, actor, scope as Scope, work, { statementTimeoutMs: JOB_STATEMENT_TIMEOUT_MS }),
    async progress(status, processed, total) {
      const now = clock.nowMs();
      if (now - lastWrite < 300 && processed < total) return;
      lastWrite = now;
      await setJob(database, jobId, { status, processed, total });
    },
    async committed(written, throughRow) {
      await setJob(database, jobId, { written, writtenThrough: throughRow });
    },
  };
  try {
    const counts = await kind.run(run);
    await setJob(database, jobId, { status: 'done', counts, processed: counts.rows, total: counts.rows, finishedAt: clock.now() });
  } catch (e) {
    const error = e instanceof DomainError ? { code: e.code, message: e.message } : { code: 'IMPORT_FAILED', message: '导入失败，请稍后重试' };
    if (!(e instanceof DomainError)) console.error('import job failed', jobId, e);
    await setJob(database, jobId, { status: 'failed', error, finishedAt: clock.now() });
  }
}

/** What an interrupted job says: what it had written, what is left, and how to finish it. */
export function interruptionMessage(written: number, writtenThrough: number | null): string {
  if (written === 0 || writtenThrough === null) return '服务重启，导入已中断，没有写入任何数据。点“继续导入”（或重新上传同一文件）即可从头导入';
  return `服务重启，导入已中断：已写入 ${written} 行（到文件第 ${writtenThrough} 行），此后的行尚未处理。点“继续导入”（或重新上传同一文件）即可补齐，已写入的行不会重复`;
}

/**
 * At start-up: a job that was running when the server stopped is marked interrupted, saying what
 * it had written. It can be resumed (resumeImportJob): the same file runs again, and the rows
 * already written come out as unchanged.
 */
export async function failInterruptedJobs(database: Database): Promise<void> {
  await runAsSystem(database, async (db) => {
    const stopped = await db
      .select({ id: importJobs.id, written: importJobs.written, writtenThrough: importJobs.writtenThrough })
      .from(importJobs)
      .where(sql`${importJobs.status} IN ('queued', 'validating', 'importing')`);
    for (const j of stopped) {
      await db
        .update(importJobs)
        .set({ status: 'failed', error: { code: 'IMPORT_INTERRUPTED', message: interruptionMessage(j.written, j.writtenThrough) }, finishedAt: clock.now() })
        .where(eq(importJobs.id, j.id));
    }
  });
}

/** An interrupted job whose file is still kept can run again. */
export function isResumable(filesDir: string, j: ImportJobRow): boolean {
  return j.status === 'failed' && j.error?.code === 'IMPORT_INTERRUPTED' && fs.existsSync(jobDir(filesDir, j.id));
}

/**
 * Queues an interrupted job to run again from its kept file, as its uploader: uploading the same
 * file again would do the same; this spares finding it. The caller enqueues it once this
 * transaction has committed. Refused for a job that was not interrupted.
 */
export async function markImportJobResumed(ctx: Ctx, filesDir: string, jobId: string): Promise<void> {
  const [job] = await ctx.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.createdBy, ctx.actor.userId)));
  if (!job) throw commonError('NOT_FOUND');
  if (!isResumable(filesDir, job)) throw importError('IMPORT_NOT_RESUMABLE');
  await ctx.db.update(importJobs).set({ status: 'queued', error: null, processed: 0, total: 0, counts: null, finishedAt: null }).where(eq(importJobs.id, jobId));
}

/** How long one statement of an import's batch may run (a request's limit is shorter). */
export const JOB_STATEMENT_TIMEOUT_MS = 60_000;

export function presentJob(j: ImportJobRow, filesDir: string) {
  return {
    id: j.id,
    kind: j.kind,
    mode: j.mode,
    fileName: j.fileName,
    status: j.status,
    processed: j.processed,
    total: j.total,
    counts: j.counts ?? null,
    error: j.error ?? null,
    written: j.written,
    writtenThrough: j.writtenThrough ?? null,
    resumable: isResumable(filesDir, j),
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
  };
}
