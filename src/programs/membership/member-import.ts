/**
 * The member roster (会员花名册) upload: every row checked (ID number, required fields, dates, the
 * union within the uploader's scope, duplicates in the file and against the whole federation),
 * then the valid rows written set-wise. Importing the same file twice changes nothing: a person
 * already a current member of the same union is "unchanged".
 */
import { sql } from 'drizzle-orm';
import { finishRoster, readRoster, readRosterInBatches, type RosterRow, type SheetSpec } from '../../engines/imports/index.ts';
import { rowsOf, textArray } from '../../db/sql.ts';
import type { ImportKind, JobRun } from '../../engines/imports/jobs.ts';
import type { ImportCounts } from '../../engines/imports/jobs-schema.ts';
import { subtreeRange } from '../../engines/org/service.ts';
import { isMobilePhone, maskIdCard, parseIdCard, parseUscc } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { joinDateProblem, joinedBeforeFounding, PERSON_NAME } from '../../shared/fields.ts';
import { idCardProblemMessage, MOBILE_PROBLEM } from '../../shared/identifiers.ts';
import { dateCell, textCell } from '../../engines/imports/index.ts';
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

export const memberSheet: SheetSpec<MemberImportRow> = {
  name: '会员名册',
  title: '会员花名册导入模板',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '张三', width: 12, parse: (t) => textCell(PERSON_NAME, t) },
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
        return r.ok ? { value: r.info.number } : { error: idCardProblemMessage(r.problem) };
      },
    },
    {
      key: 'phone',
      header: '手机号码',
      aliases: ['手机号', '联系电话'],
      kind: 'id',
      example: '13905990123',
      width: 14,
      parse: (t) => (isMobilePhone(t) ? { value: t } : { error: MOBILE_PROBLEM }),
    },
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
    { key: 'joinedOn', header: '入会日期', required: true, kind: 'date', example: '2020-05-01', width: 12, parse: dateCell('入会日期', { future: true }) },
  ],
  identity: (r) => r.idNumber,
  identityKey: 'idNumber',
  checkRow: (r) => {
    const birth = parseIdCard(r.idNumber);
    const problem = birth.ok ? joinDateProblem(r.joinedOn, birth.info.birthDate, todayInShanghai()) : null;
    return problem ? [{ key: 'joinedOn', message: problem }] : [];
  },
};

type RowState = RosterRow<MemberImportRow> & { unionId?: number; enterpriseId?: number | null; hash?: string };

/** Rows read, checked and written per transaction in "keep the valid rows" mode. */
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

/** What the upload's references resolved to, kept across batches so each is looked up once. */
interface References {
  unitPath: string;
  /** A union's full name or statistical code → its id; 'ambiguous' when two unions share the name; null when none. */
  unions: Map<string, number | 'ambiguous' | null>;
  /** A credit code → the enterprise's id, or null when not registered in scope. */
  enterprises: Map<string, number | null>;
  /** A union's founding date, for the join dates of its members. */
  foundedOn: Map<number, string>;
}

/** Resolves the batch's unions and employers within the unit the upload was made for (and the uploader's scope). */
async function resolveReferences(run: JobRun, batch: RowState[], refs: References): Promise<void> {
  const rows = batch.filter((s) => s.row);
  const unionRefs = [...new Set(rows.map((s) => s.row!.union))].filter((r) => !refs.unions.has(r));
  const codes = [...new Set(rows.map((s) => s.row!.employerCode).filter((c): c is string => !!c))].filter((c) => !refs.enterprises.has(c));
  if (unionRefs.length || codes.length) {
    await run.inScope(async (ctx) => {
      if (unionRefs.length) {
        const [lo, hi] = subtreeRange(refs.unitPath);
        const unions = rowsOf<{ id: number; name: string; code: string | null; founded_on: string | null }>(
          await ctx.db.execute(sql`SELECT u.id, u.name, u.code, to_char(p.founded_on, 'YYYY-MM-DD') AS founded_on
            FROM org_units u LEFT JOIN union_profiles p ON p.unit_id = u.id
           WHERE u.path >= ${lo} AND u.path < ${hi} AND u.kind IN ('grassroots', 'branch') AND u.status = 'active'
             AND (u.name = ANY(${textArray(unionRefs)}) OR u.code = ANY(${textArray(unionRefs)}))`),
        );
        for (const u of unions) if (u.founded_on) refs.foundedOn.set(u.id, u.founded_on);
        const asked = new Set(unionRefs);
        for (const ref of unionRefs) refs.unions.set(ref, null);
        for (const u of unions) {
          for (const ref of [u.name, u.code]) {
            if (!ref || !asked.has(ref)) continue;
            const known = refs.unions.get(ref);
            refs.unions.set(ref, known !== null && known !== undefined && known !== u.id ? 'ambiguous' : u.id);
          }
        }
      }
      if (codes.length) {
        for (const c of codes) refs.enterprises.set(c, null);
        const ents = rowsOf<{ id: number; credit_code: string }>(await ctx.db.execute(sql`SELECT id, credit_code FROM enterprises WHERE credit_code = ANY(${textArray(codes)})`));
        for (const e of ents) refs.enterprises.set(e.credit_code, e.id);
      }
    });
  }
  for (const s of rows) {
    const r = s.row!;
    const union = refs.unions.get(r.union);
    if (union === 'ambiguous') s.errors.push({ key: 'union', message: `有多个名为「${r.union}」的工会，请改填统计编码` });
    else if (!union) s.errors.push({ key: 'union', message: `找不到「${r.union}」：须为本单位范围内的基层工会全称或统计编码` });
    else {
      s.unionId = union;
      const early = joinedBeforeFounding(r.joinedOn, refs.foundedOn.get(union));
      if (early) s.errors.push({ key: 'joinedOn', message: early });
    }
    if (r.employerCode) {
      const enterprise = refs.enterprises.get(r.employerCode);
      if (!enterprise) s.errors.push({ key: 'employerCode', message: '该统一社会信用代码的企业未登记或不在本单位范围内，请先登记企业' });
      else s.enterpriseId = enterprise;
    }
    s.hash = lookupHash(r.idNumber);
  }
}

/** Against the whole federation: one current membership per person; already ours is "unchanged". */
async function checkCurrentMemberships(run: JobRun, batch: RowState[]): Promise<void> {
  const ready = batch.filter((s) => s.row && s.errors.length === 0);
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
  }
}

/** Writes the rows (people found or created, then their memberships) in one transaction. */
function writeMembers(run: JobRun, chunk: RowState[], cols: PreparedChunk): Promise<void> {
  const { job } = run;
  return run.inScope(async (ctx) => {
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
}

const toWrite = (rows: RowState[]) => rows.filter((s) => s.row && s.errors.length === 0 && !s.outcome);

export async function runMemberImport(run: JobRun): Promise<ImportCounts> {
  const { job } = run;
  const unitPath = await run.inScope(async (ctx) => {
    const [unit] = rowsOf<{ path: string }>(await ctx.db.execute(sql`SELECT path FROM org_units WHERE id = ${job.unitId}`));
    if (!unit) throw new Error('import unit out of scope');
    return unit.path;
  });
  const refs: References = { unitPath, unions: new Map(), enterprises: new Map(), foundedOn: new Map() };

  if (job.mode === 'all_or_nothing') {
    // Every row is checked first; then every row is written in one transaction, or none.
    const roster = await readRoster(run, memberSheet);
    const rows: RowState[] = roster.rows;
    await resolveReferences(run, rows, refs);
    await checkCurrentMemberships(run, rows);
    const blocked = rows.some((s) => s.errors.length > 0);
    const ready = toWrite(rows);
    if (!blocked && ready.length) {
      await run.progress('importing', 0, ready.length);
      await writeMembers(run, ready, await prepareChunk(ready));
    }
    return finishRoster(run, memberSheet, roster, { blocked, unchangedLabel: '已是本工会会员（未变）' });
  }

  // Keep the valid rows: each batch is checked and written as soon as it is read, one write in
  // flight while the next batch is read, checked and sealed (on a server the two run side by side).
  let writing: Promise<void> = Promise.resolve();
  let written = 0;
  const roster = await readRosterInBatches(run, memberSheet, WRITE_CHUNK, async (batch: RowState[]) => {
    await resolveReferences(run, batch, refs);
    await checkCurrentMemberships(run, batch);
    const ready = toWrite(batch);
    if (!ready.length) return;
    const prepared = prepareChunk(ready);
    await writing;
    const throughRow = batch[batch.length - 1]!.rowNumber;
    writing = prepared
      .then((cols) => writeMembers(run, ready, cols))
      .then(() => {
        written += ready.length;
        return run.committed(written, throughRow);
      });
    // Awaited at the next batch or at the end; marked handled so a failure waits for that await.
    writing.catch(() => undefined);
  });
  await writing;
  return finishRoster(run, memberSheet, roster, { blocked: false, unchangedLabel: '已是本工会会员（未变）' });
}

export const memberImport: ImportKind = { kind: 'members', label: '会员花名册', spec: memberSheet, run: runMemberImport };
