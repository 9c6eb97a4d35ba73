/** Roster uploads (templates, jobs, marked workbooks) and list exports for the membership program. */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database } from '../../db/client.ts';
import type { App } from '../../server/app-types.ts';
import { xlsxReply } from '../../server/replies.ts';
import { sendListExport, type PageRequest } from '../../server/list-export.ts';
import { IsoDate, OneOf, errorResponses, RecordId, Text, uploadRefusals } from '../../server/schemas.ts';
import { commonError } from '../../engines/errors.ts';
import { getUnit } from '../../engines/org/service.ts';
import { buildTemplate, importError, markedWorkbookFromOutcomes, UPLOAD_LIMIT } from '../../engines/imports/index.ts';
import { createImportJob, enqueueImportJob, importKind, jobDir, markImportJobResumed, newJobId, presentJob } from '../../engines/imports/jobs.ts';
import { importJobs, IMPORT_MODES } from '../../engines/imports/jobs-schema.ts';
import { listEnterprises, listMembers, type EnterpriseCursor, type MemberCursor } from './service.ts';

const tags = ['会员与建会'];
const IMPORT_KINDS = ['members', 'enterprises', 'unions'] as const;

const Job = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  mode: Type.String(),
  fileName: Type.String(),
  status: Type.String(),
  processed: Type.Integer(),
  total: Type.Integer(),
  counts: Type.Union([Type.Object({ rows: Type.Integer(), valid: Type.Integer(), invalid: Type.Integer(), imported: Type.Integer(), unchanged: Type.Integer() }), Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  written: Type.Integer({ description: '已写入的行（逐批写入的任务，中断时据此说明已保存的部分）' }),
  writtenThrough: Type.Union([Type.Integer(), Type.Null()], { description: '已写入的行到文件第几行' }),
  resumable: Type.Boolean({ description: '因服务重启而中断、文件仍保留：可以继续导入' }),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
const JobParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function membershipImportRoutes(app: App, deps: { database: Database; filesDir: string }): void {
  app.get('/api/v1/membership/imports/templates/:kind', {
    schema: { tags, summary: '下载导入模板（xlsx）', params: Type.Object({ kind: OneOf(IMPORT_KINDS) }) },
    config: { access: { permission: 'members.read' } },
    handler: async (req, reply) => {
      const kind = importKind(req.params.kind)!;
      xlsxReply(reply, `${kind.label}导入模板.xlsx`);
      return reply.send(await buildTemplate(kind.spec));
    },
  });

  app.post('/api/v1/membership/imports', {
    schema: {
      tags,
      summary: '上传名册（multipart/form-data，字段 file）；后台导入，返回任务编号',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ kind: OneOf(IMPORT_KINDS), mode: OneOf(IMPORT_MODES), unitId: Type.Optional(RecordId()) }),
      body: Type.Unknown({ description: 'multipart/form-data：file（.xlsx 或 .csv）' }),
      response: { 202: Type.Object({ jobId: Type.String() }), ...errorResponses, ...uploadRefusals },
    },
    config: { access: { permission: 'members.write' } },
    handler: async (req, reply) => {
      if (!req.isMultipart()) throw commonError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      const file = await req.file({ limits: { fileSize: UPLOAD_LIMIT, files: 1 } });
      if (!file) throw importError('IMPORT_EMPTY_FILE');
      const id = newJobId();
      const dir = jobDir(deps.filesDir, id);
      fs.mkdirSync(dir, { recursive: true });
      const ext =
        path
          .extname(file.filename)
          .toLowerCase()
          .replace(/[^.a-z0-9]/g, '')
          .slice(0, 6) || '.bin';
      const target = path.join(dir, `upload${ext}`);
      try {
        await pipeline(file.file, fs.createWriteStream(target));
        if (file.file.truncated) throw importError('IMPORT_FILE_TOO_LARGE', `文件超过 ${UPLOAD_LIMIT / 1024 / 1024} MB，请拆分后分批上传`);
        if (fs.statSync(target).size === 0) throw importError('IMPORT_EMPTY_FILE');
        await req.inScope(async (ctx) => {
          const unitId = req.query.unitId ?? ctx.scope.unitId;
          await getUnit(ctx, unitId);
          await createImportJob(ctx, { id, kind: req.query.kind, mode: req.query.mode, unitId, fileName: file.filename.slice(0, 200) || 'upload' });
        });
      } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      enqueueImportJob(deps.database, deps.filesDir, id);
      return reply.status(202).send({ jobId: id });
    },
  });

  app.get('/api/v1/membership/imports', {
    schema: { tags, summary: '我最近的导入任务', response: { 200: Type.Object({ items: Type.Array(Job) }), ...errorResponses } },
    config: { access: { permission: 'members.read' } },
    handler: async (req) =>
      req.inScope(async (ctx) => ({
        items: (await ctx.db.select().from(importJobs).where(eq(importJobs.createdBy, ctx.actor.userId)).orderBy(desc(importJobs.createdAt)).limit(20)).map((j) => presentJob(j, deps.filesDir)),
      })),
  });

  app.get('/api/v1/membership/imports/:id', {
    schema: { tags, summary: '导入任务的进度与结果', params: JobParam, response: { 200: Job, ...errorResponses } },
    config: { access: { permission: 'members.read', resource: 'import_job' } },
    handler: async (req) =>
      req.inScope(async (ctx) => {
        const [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, req.params.id));
        if (!job) throw commonError('NOT_FOUND');
        return presentJob(job, deps.filesDir);
      }),
  });

  app.post('/api/v1/membership/imports/:id/resume', {
    schema: {
      tags,
      summary: '继续因服务重启而中断的导入（用保留的原文件重新运行，已写入的行记为未变）',
      params: JobParam,
      body: Type.Object({}, { additionalProperties: false }),
      response: { 202: Type.Object({ jobId: Type.String() }), ...errorResponses },
    },
    config: { access: { permission: 'members.write', resource: 'import_job' } },
    handler: async (req, reply) => {
      await req.inScope((ctx) => markImportJobResumed(ctx, deps.filesDir, req.params.id));
      enqueueImportJob(deps.database, deps.filesDir, req.params.id);
      return reply.status(202).send({ jobId: req.params.id });
    },
  });

  app.get('/api/v1/membership/imports/:id/report.xlsx', {
    schema: { tags, summary: '下载标注后的表格（每行处理结果，错误单元格标红并批注）', params: JobParam },
    config: { access: { permission: 'members.read', resource: 'import_job' } },
    handler: async (req, reply) => {
      const job = await req.inScope(async (ctx) => (await ctx.db.select().from(importJobs).where(eq(importJobs.id, req.params.id)))[0]);
      const file = path.join(jobDir(deps.filesDir, req.params.id), 'outcomes.jsonl');
      if (!job || !fs.existsSync(file)) throw commonError('NOT_FOUND', job ? '标注表格尚未生成，请等待导入完成' : undefined);
      const body = await markedWorkbookFromOutcomes(file);
      xlsxReply(reply, `${job.fileName.replace(/\.[^.]+$/, '')}（处理结果）.xlsx`);
      return reply.send(body);
    },
  });

  app.get('/api/v1/membership/members/export.xlsx', {
    schema: {
      tags,
      summary: '导出会员名册（身份证号脱敏）',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        q: Type.Optional(Text({ min: 0, max: 50 })),
        status: Type.Optional(OneOf(['active', 'former'] as const)),
        migrantWorker: Type.Optional(Type.Boolean()),
        asOf: Type.Optional(IsoDate),
      }),
    },
    config: { access: { permission: 'members.read' } },
    handler: async (req, reply) => {
      const filter = { ...req.query, q: req.query.q?.trim() || undefined };
      const labels = { male: '男', female: '女', active: '在册', former: '已离会' } as Record<string, string>;
      return sendListExport(req, reply, {
        title: '会员名册',
        entity: 'member_export',
        filter: req.query,
        unitId: req.query.underUnitId,
        page: (ctx, p: PageRequest<MemberCursor>) => listMembers(ctx, { ...filter, ...p }),
        columns: [
          { header: '姓名', value: (m) => m.name },
          { header: '身份证号（脱敏）', width: 22, value: (m) => m.idMasked },
          { header: '性别', value: (m) => labels[m.gender] ?? m.gender },
          { header: '出生年份', kind: 'number', value: (m) => m.birthYear },
          { header: '手机号码', value: (m) => m.phone },
          { header: '农民工', value: (m) => (m.migrantWorker ? '是' : '否') },
          { header: '所属工会', width: 30, value: (m) => m.unionName },
          { header: '工作单位', width: 30, value: (m) => m.enterpriseName },
          { header: '入会日期', value: (m) => m.joinedOn },
          { header: '离会日期', value: (m) => m.leftOn },
          { header: '状态', value: (m) => labels[m.status] },
        ],
      });
    },
  });

  app.get('/api/v1/membership/enterprises/export.xlsx', {
    schema: {
      tags,
      summary: '导出企业名录',
      querystring: Type.Object({
        underUnitId: Type.Optional(RecordId()),
        q: Type.Optional(Text({ min: 0, max: 100 })),
        industry: Type.Optional(Text({ min: 0, max: 2 })),
        covered: Type.Optional(Type.Boolean()),
      }),
    },
    config: { access: { permission: 'members.read' } },
    handler: async (req, reply) => {
      const filter = { ...req.query, q: req.query.q?.trim() || undefined };
      return sendListExport(req, reply, {
        title: '企业名录',
        entity: 'enterprise_export',
        filter: req.query,
        unitId: req.query.underUnitId,
        page: (ctx, p: PageRequest<EnterpriseCursor>) => listEnterprises(ctx, { ...filter, ...p }),
        columns: [
          { header: '企业名称', width: 30, value: (e) => e.name },
          { header: '统一社会信用代码', width: 22, value: (e) => e.creditCode },
          { header: '行业', value: (e) => e.industry },
          { header: '经济类型', value: (e) => e.ownership },
          { header: '职工人数', value: (e) => e.employees },
          { header: '建会情况', value: (e) => (e.unionUnitId ? '已建会' : '未建会') },
          { header: '所属工会', width: 30, value: (e) => e.unionName },
          { header: '成立日期', value: (e) => e.registeredOn },
        ],
      });
    },
  });
}
