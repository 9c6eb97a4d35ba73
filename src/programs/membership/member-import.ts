/**
 * The member roster (会员花名册) upload: every row checked (ID number, required fields, dates, the
 * union within the uploader's scope, duplicates in the file and against the whole federation),
 * then the valid rows written set-wise. Importing the same file twice changes nothing: a person
 * already a current member of the same union is "unchanged".
 */
import { sql } from 'drizzle-orm';
import { finishRoster, readRoster, type RosterRow, type SheetSpec } from '../../engines/imports/index.ts';
import { rowsOf, textArray } from '../../db/sql.ts';
import { registerImportKind, type JobRun } from '../../engines/imports/jobs.ts';
import type { ImportCounts } from '../../engines/imports/jobs-schema.ts';
import { subtreeRange } from '../../engines/org/service.ts';
import { isMobilePhone, maskIdCard, parseIdCard, parseUscc } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { isValidIsoDate, todayInShanghai } from '../../engines/time.ts';
import { recordAudit } from '../../engines/audit/service.ts';

export interface MemberImportRow {
  name: string;
  idNumber: string;
  phone: string | null;
  migrant: '是' | '否' | null;
  union: string;
  employerCode: string | null;
  joinedOn: string;
}

const parseDate = (text: string) =>
  isValidIsoDate(text) ? (text > todayInShanghai() ? { error: '入会日期不能晚于今天' } : { value: text }) : { error: '日期格式应为 YYYY-MM-DD，如 2020-05-01' };

export const memberSheet: SheetSpec<MemberImportRow> = {
  name: '会员名册',
  title: '会员花名册导入模板',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '张三', width: 12 },
    {
      key: 'idNumber',
      header: '身份证号',
      aliases: ['公民身份号码', '身份证号码', '居民身份证号'],
      required: true,
      kind: 'id',
      example: '350702198506150031',
      note: '18 位居民身份证号，最后一位可以是 X；请保持本列为文本格式',
      width: 22,
      parse: (t) => {
        const r = parseIdCard(t, todayInShanghai());
        if (r.ok) return { value: r.info.number };
        return { error: { format: '身份证号应为 18 位，最后一位可以是 X', date: '身份证号中的出生日期不存在', checksum: '身份证号校验位不正确，请核对' }[r.problem] };
      },
    },
    { key: 'phone', header: '手机号码', aliases: ['手机号', '联系电话'], kind: 'id', example: '13905990123', width: 14, parse: (t) => (isMobilePhone(t) ? { value: t } : { error: '手机号码应为 11 位，以 13–19 开头' }) },
    { key: 'migrant', header: '是否农民工', example: '否', choices: ['是', '否'], width: 10 },
    {
      key: 'union',
      header: '所属基层工会',
      aliases: ['基层工会', '工会名称', '工会编码'],
      required: true,
      example: '南平市某某有限公司工会',
      note: '填写基层工会的全称或统计编码（须在本单位范围内）',
      width: 30,
    },
    {
      key: 'employerCode',
      header: '工作单位统一社会信用代码',
      aliases: ['统一社会信用代码', '单位信用代码'],
      kind: 'id',
      example: '91350100M000100Y43',
      width: 22,
      parse: (t) => {
        const r = parseUscc(t);
        return r.ok ? { value: r.code } : { error: r.problem === 'checksum' ? '统一社会信用代码校验位不正确' : '统一社会信用代码应为 18 位数字或大写字母' };
      },
    },
    { key: 'joinedOn', header: '入会日期', required: true, kind: 'date', example: '2020-05-01', width: 12, parse: parseDate },
  ],
  identity: (r) => r.idNumber,
  identityKey: 'idNumber',
};

type RowState = RosterRow<MemberImportRow> & { unionId?: number; enterpriseId?: number | null; hash?: string };

/** Rows written per transaction in "keep the valid rows" mode (each chunk reports progress). */
const WRITE_CHUNK = 5000;

/** A chunk's rows as one array per column, ID numbers sealed: what the two set-wise inserts take. */
interface PreparedChunk {
  hash: string[];
  sealed: string[];
  masked: string[];
  name: string[];
  gender: string[];
  birth: string[];
  phone: (string | null)[];
  migrant: boolean[];
  unionId: number[];
  enterpriseId: (number | null)[];
  joinedOn: string[];
}

/** Seals a chunk in slices, giving the event loop back between them so a write in flight goes on. */
async function prepareChunk(chunk: RowState[]): Promise<PreparedChunk> {
  const out: PreparedChunk = { hash: [], sealed: [], masked: [], name: [], gender: [], birth: [], phone: [], migrant: [], unionId: [], enterpriseId: [], joinedOn: [] };
  for (let i = 0; i < chunk.length; i++) {
    if (i > 0 && i % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
    const s = chunk[i]!;
    const r = s.row!;
    const id = parseIdCard(r.idNumber);
    if (!id.ok) throw new Error('an ID number that passed validation no longer parses');
    out.hash.push(s.hash!);
    out.sealed.push(seal(r.idNumber));
    out.masked.push(maskIdCard(r.idNumber));
    out.name.push(r.name);
    out.gender.push(id.info.gender);
    out.birth.push(id.info.birthDate);
    out.phone.push(r.phone);
    out.migrant.push(r.migrant === '是');
    out.unionId.push(s.unionId!);
    out.enterpriseId.push(s.enterpriseId ?? null);
    out.joinedOn.push(r.joinedOn);
  }
  return out;
}

export async function runMemberImport(run: JobRun): Promise<ImportCounts> {
  const { job } = run;
  const roster = await readRoster(run, memberSheet);
  const states: RowState[] = roster.rows;
  const total = states.length;

  // References, resolved within the unit the upload was made for (and the uploader's scope).
  const candidates = states.filter((s) => s.row);
  const unionRefs = [...new Set(candidates.map((s) => s.row!.union))];
  const codes = [...new Set(candidates.map((s) => s.row!.employerCode).filter((c): c is string => !!c))];
  const { unionByRef, ambiguous, enterpriseByCode } = await run.inScope(async (ctx) => {
    const [unit] = rowsOf<{ path: string }>(await ctx.db.execute(sql`SELECT path FROM org_units WHERE id = ${job.unitId}`));
    if (!unit) throw new Error('import unit out of scope');
    const [lo, hi] = subtreeRange(unit.path);
    const unions = rowsOf<{ id: number; name: string; code: string | null }>(
      await ctx.db.execute(sql`SELECT id, name, code FROM org_units WHERE path >= ${lo} AND path < ${hi} AND kind IN ('grassroots', 'branch') AND status = 'active'
        AND (name = ANY(${textArray(unionRefs)}) OR code = ANY(${textArray(unionRefs)}))`),
    );
    const byRef = new Map<string, number>();
    const amb = new Set<string>();
    for (const u of unions) {
      for (const ref of [u.name, u.code]) {
        if (!ref || !unionRefs.includes(ref)) continue;
        if (byRef.has(ref) && byRef.get(ref) !== u.id) amb.add(ref);
        byRef.set(ref, u.id);
      }
    }
    const ents = rowsOf<{ id: number; credit_code: string }>(
      await ctx.db.execute(sql`SELECT id, credit_code FROM enterprises WHERE credit_code = ANY(${textArray(codes)})`),
    );
    return { unionByRef: byRef, ambiguous: amb, enterpriseByCode: new Map(ents.map((e) => [e.credit_code, e.id])) };
  });
  for (const s of candidates) {
    const r = s.row!;
    if (ambiguous.has(r.union)) s.errors.push({ key: 'union', message: `有多个名为「${r.union}」的工会，请改填统计编码` });
    else if (!unionByRef.has(r.union)) s.errors.push({ key: 'union', message: `找不到「${r.union}」：须为本单位范围内的基层工会全称或统计编码` });
    else s.unionId = unionByRef.get(r.union)!;
    if (r.employerCode) {
      if (!enterpriseByCode.has(r.employerCode)) s.errors.push({ key: 'employerCode', message: '该统一社会信用代码的企业未登记或不在本单位范围内，请先登记企业' });
      else s.enterpriseId = enterpriseByCode.get(r.employerCode)!;
    }
    s.hash = lookupHash(r.idNumber);
  }

  // Against the whole federation: one current membership per person.
  const ready = candidates.filter((s) => s.errors.length === 0);
  for (let i = 0; i < ready.length; i += 5000) {
    const chunk = ready.slice(i, i + 5000);
    const current = await run.inScope(async (ctx) =>
      rowsOf<{ id_hash: string; union_unit_id: number; county: string }>(
        await ctx.db.execute(sql`SELECT id_hash, union_unit_id, county FROM gonghui_current_memberships_by_hash(${textArray(chunk.map((s) => s.hash!))})`),
      ),
    );
    const byHash = new Map(current.map((c) => [c.id_hash, c]));
    for (const s of chunk) {
      const c = byHash.get(s.hash!);
      if (!c) continue;
      if (c.union_unit_id === s.unionId) s.outcome = 'unchanged';
      else s.errors.push({ key: 'idNumber', message: `该职工已是${c.county}辖区内工会的会员，请办理转会而不是重复入会` });
    }
    await run.progress('validating', total, total);
  }

  const invalid = states.filter((s) => s.errors.length > 0).length;
  const toImport = states.filter((s) => s.errors.length === 0 && !s.outcome);
  const allOrNothingBlocked = job.mode === 'all_or_nothing' && invalid > 0;
  let imported = 0;
  if (!allOrNothingBlocked && toImport.length) {
    const apply = (chunk: RowState[], cols: PreparedChunk) =>
      run.inScope(async (ctx) => {
        const ids = rowsOf<{ id_hash: string; id: number }>(
          await ctx.db.execute(
            sql`SELECT id_hash, id FROM gonghui_persons_find_or_create_many(${sql.param(cols.hash)}::text[], ${sql.param(cols.sealed)}::text[], ${sql.param(cols.masked)}::text[],
              ${sql.param(cols.name)}::text[], ${sql.param(cols.gender)}::text[], ${sql.param(cols.birth)}::date[], ${sql.param(cols.phone)}::text[], ${sql.param(cols.migrant)}::boolean[])`,
          ),
        );
        const personByHash = new Map(ids.map((r) => [r.id_hash, r.id]));
        const personIds = cols.hash.map((h) => personByHash.get(h)!);
        await ctx.db.execute(sql`INSERT INTO memberships (union_unit_id, person_id, enterprise_id, joined_on)
          SELECT * FROM unnest(${sql.param(cols.unionId)}::int[], ${sql.param(personIds)}::int[], ${sql.param(cols.enterpriseId)}::int[], ${sql.param(cols.joinedOn)}::date[])`);
        await recordAudit(ctx, { action: 'create', entity: 'membership_import', entityId: job.id, unitId: job.unitId, after: { rows: chunk.length, fileName: job.fileName } });
        for (const s of chunk) s.outcome = 'imported';
      });
    await run.progress('importing', 0, toImport.length);
    if (job.mode === 'all_or_nothing') {
      // One transaction: every row or none.
      await apply(toImport, await prepareChunk(toImport));
      imported = toImport.length;
    } else {
      // The next chunk is sealed while the database writes this one (on a server the two overlap).
      const chunks: RowState[][] = [];
      for (let i = 0; i < toImport.length; i += WRITE_CHUNK) chunks.push(toImport.slice(i, i + WRITE_CHUNK));
      let next = prepareChunk(chunks[0]!);
      for (let i = 0; i < chunks.length; i++) {
        const writing = apply(chunks[i]!, await next);
        if (i + 1 < chunks.length) next = prepareChunk(chunks[i + 1]!);
        await writing;
        imported += chunks[i]!.length;
        await run.progress('importing', imported, toImport.length);
      }
    }
  }

  return finishRoster(run, memberSheet, roster, { blocked: allOrNothingBlocked, unchangedLabel: '已是本工会会员（未变）' });
}

registerImportKind({ kind: 'members', label: '会员花名册', spec: memberSheet, run: runMemberImport });
