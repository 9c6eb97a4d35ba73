/**
 * The enterprise roster (企业名录) upload: credit codes checked (GB 32100), industry and ownership
 * from the code lists, the administering unit within the uploader's scope. An enterprise already
 * registered in scope is "unchanged" (a new employee count is recorded when it differs), so the
 * same file can be uploaded twice; one registered outside the scope is refused.
 */
import { sql } from 'drizzle-orm';
import { finishRoster, readRoster, type RosterRow, type SheetSpec } from '../../engines/imports/index.ts';
import { rowsOf, textArray } from '../../db/sql.ts';
import type { ImportKind, JobRun } from '../../engines/imports/jobs.ts';
import type { ImportCounts } from '../../engines/imports/jobs-schema.ts';
import { subtreeRange } from '../../engines/org/service.ts';
import { parseUscc } from '../../engines/people/identifiers.ts';
import { recordAudit } from '../../engines/audit/service.ts';
import { dateCell, textCell } from '../../engines/imports/index.ts';
import { ENTERPRISE_NAME } from '../../shared/fields.ts';

// The code lists as the template offers them ("C 制造业"); kept in step with migration 0003.
export const INDUSTRY_CHOICES = [
  'A 农、林、牧、渔业',
  'B 采矿业',
  'C 制造业',
  'D 电力、热力、燃气及水生产和供应业',
  'E 建筑业',
  'F 批发和零售业',
  'G 交通运输、仓储和邮政业',
  'H 住宿和餐饮业',
  'I 信息传输、软件和信息技术服务业',
  'J 金融业',
  'K 房地产业',
  'L 租赁和商务服务业',
  'M 科学研究和技术服务业',
  'N 水利、环境和公共设施管理业',
  'O 居民服务、修理和其他服务业',
  'P 教育',
  'Q 卫生和社会工作',
  'R 文化、体育和娱乐业',
  'S 公共管理、社会保障和社会组织',
  'T 国际组织',
] as const;
export const OWNERSHIP_CHOICES = [
  '110 国有企业',
  '120 集体企业',
  '130 股份合作企业',
  '140 联营企业',
  '150 有限责任公司',
  '160 股份有限公司',
  '170 私营企业',
  '190 其他企业',
  '200 港澳台商投资企业',
  '300 外商投资企业',
] as const;

export interface EnterpriseImportRow {
  name: string;
  creditCode: string;
  industry: string;
  ownership: string;
  divisionCode: string | null;
  aboveScale: '是' | '否' | null;
  registeredOn: string;
  address: string | null;
  employees: number;
  unit: string | null;
}

const codeOf = (choice: string) => choice.split(' ')[0]!;

export const enterpriseSheet: SheetSpec<EnterpriseImportRow> = {
  name: '企业名录',
  title: '企业名录导入模板',
  columns: [
    { key: 'name', header: '企业名称', required: true, example: '南平市某某竹业有限公司', width: 30, parse: (t) => textCell(ENTERPRISE_NAME, t) },
    {
      key: 'creditCode',
      header: '统一社会信用代码',
      aliases: ['信用代码', '社会信用代码'],
      required: true,
      kind: 'id',
      example: '91350100M000100Y43',
      width: 22,
      parse: (t) => {
        const r = parseUscc(t);
        return r.ok ? { value: r.code } : { error: r.problem === 'checksum' ? '统一社会信用代码校验位不正确' : '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）' };
      },
    },
    { key: 'industry', header: '行业门类', required: true, example: 'C 制造业', choices: INDUSTRY_CHOICES, width: 26, parse: (t) => ({ value: codeOf(t) }) },
    { key: 'ownership', header: '经济类型', required: true, example: '170 私营企业', choices: OWNERSHIP_CHOICES, width: 18, parse: (t) => ({ value: codeOf(t) }) },
    { key: 'divisionCode', header: '行政区划代码', kind: 'id', example: '350702', width: 12, parse: (t) => (/^\d{6}$/.test(t) ? { value: t } : { error: '行政区划代码应为 6 位数字' }) },
    { key: 'aboveScale', header: '规模以上', example: '否', choices: ['是', '否'], width: 10 },
    {
      key: 'registeredOn',
      header: '成立日期',
      required: true,
      kind: 'date',
      example: '2010-05-01',
      width: 12,
      parse: dateCell('成立日期'),
    },
    { key: 'address', header: '地址', example: '南平市延平区某某路 1 号', width: 30 },
    {
      key: 'employees',
      header: '职工人数',
      required: true,
      kind: 'number',
      example: '35',
      width: 10,
      parse: (t) => (/^\d{1,7}$/.test(t) ? { value: Number(t) } : { error: '职工人数应为整数' }),
    },
    { key: 'unit', header: '所属单位', example: '', note: '管理该企业的乡镇（街道、园区）工会或县级总工会的全称或编码；不填则为上传时所选单位', width: 24 },
  ],
  identity: (r) => r.creditCode,
  identityKey: 'creditCode',
};

type State = RosterRow<EnterpriseImportRow> & { unitId?: number };

export async function runEnterpriseImport(run: JobRun): Promise<ImportCounts> {
  const { job } = run;
  const roster = await readRoster(run, enterpriseSheet);
  const states: State[] = roster.rows;
  const candidates = states.filter((s) => s.row);
  const unitRefs = [...new Set(candidates.map((s) => s.row!.unit).filter((u): u is string => !!u))];
  const codes = candidates.map((s) => s.row!.creditCode);
  await run.inScope(async (ctx) => {
    const [unit] = rowsOf<{ path: string }>(await ctx.db.execute(sql`SELECT path FROM org_units WHERE id = ${job.unitId}`));
    const [lo, hi] = subtreeRange(unit!.path);
    const units = rowsOf<{ id: number; name: string; code: string | null }>(
      await ctx.db.execute(sql`SELECT id, name, code FROM org_units WHERE path >= ${lo} AND path < ${hi} AND status = 'active' AND kind IN ('city', 'county', 'township')
        AND (name = ANY(${textArray(unitRefs)}) OR code = ANY(${textArray(unitRefs)}))`),
    );
    const byRef = new Map<string, number>();
    for (const u of units) for (const ref of [u.name, u.code]) if (ref) byRef.set(ref, u.id);
    // Visible (in scope) and registered anywhere: the unique index sees every county.
    const visible = new Set(rowsOf<{ credit_code: string }>(await ctx.db.execute(sql`SELECT credit_code FROM enterprises WHERE credit_code = ANY(${textArray(codes)})`)).map((r) => r.credit_code));
    const anywhere = new Set(rowsOf<{ code: string }>(await ctx.db.execute(sql`SELECT code FROM gonghui_registered_credit_codes(${textArray(codes)}) AS code`)).map((r) => r.code));
    for (const s of candidates) {
      const r = s.row!;
      if (r.unit) {
        if (!byRef.has(r.unit)) s.errors.push({ key: 'unit', message: `找不到「${r.unit}」：须为本单位范围内的县级总工会或乡镇（街道、园区）工会` });
        else s.unitId = byRef.get(r.unit)!;
      } else s.unitId = job.unitId;
      if (visible.has(r.creditCode)) s.outcome = 'unchanged';
      else if (anywhere.has(r.creditCode)) s.errors.push({ key: 'creditCode', message: '该企业已由其他县（市、区）登记，请联系其所在工会' });
    }
  });
  const invalid = states.filter((s) => s.errors.length > 0).length;
  const toImport = states.filter((s) => s.errors.length === 0 && !s.outcome);
  const blocked = job.mode === 'all_or_nothing' && invalid > 0;
  let imported = 0;
  if (!blocked && toImport.length) {
    const apply = (chunk: State[]) =>
      run.inScope(async (ctx) => {
        const rows = chunk.map((s) => ({ ...s.row!, unitId: s.unitId!, aboveScale: s.row!.aboveScale === '是' }));
        const x = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("unitId" int, "creditCode" text, name text, industry text, ownership text,
                       "divisionCode" text, "aboveScale" boolean, "registeredOn" date, address text, employees int)`;
        await ctx.db.execute(sql`INSERT INTO enterprises (unit_id, credit_code, name, industry, ownership, division_code, above_scale, registered_on, address)
          SELECT "unitId", "creditCode", name, industry, ownership, "divisionCode", "aboveScale", "registeredOn", address FROM ${x}`);
        // A second statement: the headcounts' scope policy must see the enterprises just added.
        await ctx.db.execute(sql`INSERT INTO enterprise_headcounts (enterprise_id, as_of, employees)
          SELECT e.id, x."registeredOn", x.employees FROM ${x} JOIN enterprises e ON e.credit_code = x."creditCode"`);
        await recordAudit(ctx, { action: 'create', entity: 'enterprise_import', entityId: job.id, unitId: job.unitId, after: { rows: chunk.length, fileName: job.fileName } });
        for (const s of chunk) s.outcome = 'imported';
      });
    if (job.mode === 'all_or_nothing') {
      await apply(toImport);
      imported = toImport.length;
    } else {
      for (let i = 0; i < toImport.length; i += 2000) {
        const chunk = toImport.slice(i, i + 2000);
        await apply(chunk);
        imported += chunk.length;
        await run.progress('importing', imported, toImport.length);
      }
    }
  }
  return finishRoster(run, enterpriseSheet, roster, { blocked, unchangedLabel: '已登记（未变）' });
}

export const enterpriseImport: ImportKind = { kind: 'enterprises', label: '企业名录', spec: enterpriseSheet, run: runEnterpriseImport };
