/**
 * The grassroots union roster (基层工会名册) upload: each union with its parent unit, type, founding
 * date, chair, 双亮 dates and the enterprises it covers (by credit code). A union already on file
 * under the same parent with the same name (or the same 统计编码) is "unchanged", so the same file
 * can be uploaded twice. Unions are registered through the same service as the form.
 */
import { sql } from 'drizzle-orm';
import { finishRoster, readRoster, type RosterRow, type SheetSpec } from '../../engines/imports/index.ts';
import { rowsOf } from '../../db/sql.ts';
import type { ImportKind, JobRun } from '../../engines/imports/jobs.ts';
import type { ImportCounts } from '../../engines/imports/jobs-schema.ts';
import { DomainError } from '../../engines/errors.ts';
import type { Ctx } from '../../engines/context.ts';
import { subtreeRange } from '../../engines/org/service.ts';
import { parseUscc } from '../../engines/people/identifiers.ts';
import { registerUnion } from './service.ts';
import { dateCell, textCell } from '../../engines/imports/index.ts';
import { CHAIR_NAME, UNION_NAME } from '../../shared/fields.ts';

export interface UnionImportRow {
  name: string;
  code: string | null;
  unionType: '单独' | '联合';
  parent: string;
  foundedOn: string;
  chairName: string | null;
  creditCodes: string[];
  signboardShownOn: string | null;
  chairShownOn: string | null;
}

export const unionSheet: SheetSpec<UnionImportRow> = {
  name: '基层工会名册',
  title: '基层工会名册导入模板',
  columns: [
    { key: 'name', header: '工会名称', required: true, example: '南平市某某竹业有限公司工会', width: 32, parse: (t) => textCell(UNION_NAME, t) },
    { key: 'code', header: '统计编码', kind: 'id', example: '', width: 16, parse: (t) => (/^[0-9A-Za-z-]{1,32}$/.test(t) ? { value: t } : { error: '统计编码只能含字母、数字和 -' }) },
    { key: 'unionType', header: '组织类型', required: true, example: '单独', choices: ['单独', '联合'], width: 10 },
    { key: 'parent', header: '上级单位', required: true, example: '黄墩街道工会', note: '乡镇（街道、园区）工会或县级总工会的全称或编码，须在本单位范围内', width: 22 },
    { key: 'foundedOn', header: '成立日期', required: true, kind: 'date', example: '2012-05-01', width: 12, parse: dateCell('成立日期') },
    { key: 'chairName', header: '工会主席', example: '李四', width: 10, parse: (t) => textCell(CHAIR_NAME, t) },
    {
      key: 'creditCodes',
      header: '覆盖企业统一社会信用代码',
      required: true,
      kind: 'id',
      example: '91350100M000100Y43',
      note: '单独基层工会填一个；联合基层工会填两个或以上，用分号隔开',
      width: 40,
      parse: (t) => {
        const codes = t.split(/[;；,，、\s]+/).filter(Boolean);
        const bad = codes.filter((c) => !parseUscc(c).ok);
        return bad.length ? { error: `统一社会信用代码不正确：${bad.join('、')}` } : { value: codes.map((c) => c.toUpperCase()) };
      },
    },
    { key: 'signboardShownOn', header: '牌子亮出日期', kind: 'date', example: '', width: 12, parse: dateCell('牌子亮出日期') },
    { key: 'chairShownOn', header: '主席身份亮明日期', kind: 'date', example: '', width: 14, parse: dateCell('主席身份亮明日期') },
  ],
  identity: (r) => r.code ?? `${r.parent}/${r.name}`,
  identityKey: 'name',
};

type State = RosterRow<UnionImportRow>;

export async function runUnionImport(run: JobRun): Promise<ImportCounts> {
  const { job } = run;
  const roster = await readRoster(run, unionSheet);
  const states: State[] = roster.rows;
  const total = states.length;
  let done = 0;
  await run.progress('importing', 0, total);

  /** One row, inside a savepoint: a refused row leaves the transaction usable for the next. */
  const processRow = async (ctx: Ctx, s: State) => {
    const r = s.row!;
    if (r.unionType === '单独' && r.creditCodes.length !== 1) s.errors.push({ key: 'creditCodes', message: '单独基层工会须填且只填一家企业' });
    if (r.unionType === '联合' && r.creditCodes.length < 2) s.errors.push({ key: 'creditCodes', message: '联合基层工会须覆盖至少两家企业' });
    if (s.errors.length) return;
    try {
      await ctx.db.transaction(async (sp) => {
        const c: Ctx = { ...ctx, db: sp as unknown as Ctx['db'] };
        const [unit] = rowsOf<{ path: string }>(await c.db.execute(sql`SELECT path FROM org_units WHERE id = ${job.unitId}`));
        const [lo, hi] = subtreeRange(unit!.path);
        const parents = rowsOf<{ id: number }>(
          await c.db.execute(sql`SELECT id FROM org_units WHERE path >= ${lo} AND path < ${hi} AND status = 'active' AND kind IN ('county', 'township')
            AND (name = ${r.parent} OR code = ${r.parent})`),
        );
        if (parents.length !== 1) {
          s.errors.push({ key: 'parent', message: parents.length ? `有多个「${r.parent}」，请改填编码` : `找不到「${r.parent}」：须为本单位范围内的县级总工会或乡镇（街道、园区）工会` });
          return;
        }
        const parentId = parents[0]!.id;
        const existing = rowsOf<{ id: number }>(
          await c.db.execute(sql`SELECT id FROM org_units WHERE kind = 'grassroots' AND ((parent_id = ${parentId} AND name = ${r.name}) OR (${r.code}::text IS NOT NULL AND code = ${r.code}))`),
        );
        if (existing.length) {
          s.outcome = 'unchanged';
          return;
        }
        const ents = rowsOf<{ id: number; credit_code: string }>(
          await c.db.execute(
            sql`SELECT id, credit_code FROM enterprises WHERE credit_code IN (${sql.join(
              r.creditCodes.map((code) => sql`${code}`),
              sql`, `,
            )})`,
          ),
        );
        const missing = r.creditCodes.filter((code) => !ents.some((e) => e.credit_code === code));
        if (missing.length) {
          s.errors.push({ key: 'creditCodes', message: `这些企业未登记或不在本单位范围内，请先导入企业：${missing.join('、')}` });
          return;
        }
        await registerUnion(c, {
          parentId,
          name: r.name,
          code: r.code,
          unionType: r.unionType === '单独' ? 'single' : 'joint',
          foundedOn: r.foundedOn,
          chairName: r.chairName,
          enterpriseIds: ents.map((e) => e.id),
          signboardShownOn: r.signboardShownOn,
          chairShownOn: r.chairShownOn,
        });
        s.outcome = 'imported';
      });
    } catch (e) {
      // A rule of the registry refused the row (an enterprise already covered, a code taken …).
      if (!(e instanceof DomainError)) throw e;
      s.outcome = undefined;
      s.errors.push({ message: e.message });
    }
  };

  const rows = states.filter((s) => s.row);
  let blocked = false;
  if (job.mode === 'all_or_nothing') {
    // One transaction: if any row is wrong, none stays.
    const rollback = new Error('rollback');
    await run
      .inScope(async (ctx) => {
        for (const s of rows) await processRow(ctx, s);
        if (states.some((s) => s.errors.length > 0)) throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
        blocked = true;
        for (const s of states) if (s.outcome === 'imported') s.outcome = undefined;
      });
  } else {
    for (const s of rows) {
      await run.inScope((ctx) => processRow(ctx, s));
      // Progress is written outside the row's transaction (the embedded database has one connection).
      await run.progress('importing', ++done, total);
    }
  }
  return finishRoster(run, unionSheet, roster, { blocked, unchangedLabel: '已登记（未变）' });
}

export const unionImport: ImportKind = { kind: 'unions', label: '基层工会名册', spec: unionSheet, run: runUnionImport };
