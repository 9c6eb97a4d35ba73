import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { apiAs, daysAgo, loginAndWait, pickOption, screenshot, setDate, unitIdByName, watchConsole } from './helpers.ts';

// ---- identifiers with correct check characters (GB 11643, GB 32100) ----
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birth: string, seq: number): string {
  const body = `350702${birth}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}
function wrongCheck(id: string): string {
  const last = id[17]!;
  return id.slice(0, 17) + (last === '0' ? '1' : '0');
}
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(): string {
  let body = '91350702';
  while (body.length < 17) body += USCC_CHARS[Math.floor(Math.random() * 10)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]!) * USCC_WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return body + USCC_CHARS[c === 31 ? 0 : c];
}

/** An enterprise and a single-enterprise union covering it, under 延平区总工会, made through the API. */
async function makeUnion(baseURL: string, yanping: number, name: string, code: string) {
  const { ctx, csrfToken } = await apiAs('nanping.admin', baseURL);
  const headers = { 'x-csrf-token': csrfToken };
  const e = await ctx.post('/api/v1/membership/enterprises', {
    headers,
    data: { unitId: yanping, creditCode: creditCode(), name: `${name}有限公司`, industry: 'C', ownership: '170', registeredOn: daysAgo(400), employees: 20, employeesAsOf: daysAgo(60) },
  });
  expect(e.status(), await e.text()).toBe(201);
  const enterprise = (await e.json()) as { id: number; creditCode: string; name: string };
  const u = await ctx.post('/api/v1/membership/unions', {
    headers,
    data: { parentId: yanping, name: `${name}工会`, code, unionType: 'single', foundedOn: daysAgo(90), chairName: '林主席', enterpriseIds: [enterprise.id], signboardShownOn: daysAgo(60) },
  });
  expect(u.status(), await u.text()).toBe(201);
  const union = (await u.json()) as { id: number; name: string };
  await ctx.dispose();
  return { enterprise, union };
}

async function importsAvailable(baseURL: string): Promise<boolean> {
  const { ctx } = await apiAs('nanping.admin', baseURL);
  const r = await ctx.get('/api/v1/membership/imports');
  await ctx.dispose();
  return r.ok();
}

// The demo data is Nanping-sized: the city's statistics and the lists take a while on the embedded database.
test.describe.configure({ timeout: 240_000 });

/** The ECharts canvases finish their entry animation before a screenshot. */
async function settleCharts(page: Page) {
  await expect(page.locator('canvas').first()).toBeVisible();
  await page.waitForTimeout(1200);
}

test('statistics drill down to a member; enrol through the form with the ID check; transfer; full ID shown for a reason', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  const a = await makeUnion(baseURL!, yanping, `延平测试电子${suffix}`, `E2EA${suffix}`);
  const b = await makeUnion(baseURL!, yanping, `延平测试食品${suffix}`, `E2EB${suffix}`);
  const id = idNumber('19900307', Number(suffix.slice(-3)) | 1);

  await loginAndWait(page, 'nanping.admin');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.getByRole('menuitem', { name: '会员与建会' }).click();
  await menu.getByRole('menuitem', { name: '会员', exact: true }).click();
  await page.goto(`/membership/members?unit=${yanping}`);
  await expect(page.getByRole('columnheader', { name: '身份证号' })).toBeVisible();

  // Enrol: the ID number's check character is checked in the browser.
  await page.getByRole('button', { name: '会员入会' }).click();
  const enrol = page.getByRole('dialog', { name: '会员入会' });
  await enrol.getByLabel('身份证号').fill(wrongCheck(id));
  await enrol.getByLabel('姓名').fill(`测试会员${suffix}`);
  await expect(enrol.getByText('身份证号校验位不正确，请核对')).toBeVisible();
  await enrol.getByLabel('身份证号').fill(id.slice(0, 17) + id[17]!.toLowerCase());
  await expect(enrol.getByText('身份证号校验位不正确，请核对')).toBeHidden();
  await enrol.getByLabel('手机号').fill('13905990123');
  await pickOption(enrol, page, '所属工会', `${a.union.name}（E2EA${suffix}）`, a.union.name);
  await pickOption(enrol, page, '工作单位', a.enterprise.name, a.enterprise.name);
  await setDate(page, '入会日期', daysAgo(20), enrol);
  await screenshot(page, 'membership-enrol');
  await enrol.getByRole('button', { name: /确\s*定/ }).click();
  await expect(enrol).toBeHidden();

  // The new member's details open with the history.
  const drawer = page.getByRole('dialog', { name: `测试会员${suffix}` });
  await expect(drawer).toContainText(id.slice(-4));
  await expect(drawer).not.toContainText(id);
  // The phone is masked beside the masked ID number, like it.
  await expect(drawer).toContainText('139****0123');
  await expect(drawer).not.toContainText('13905990123');
  const history = drawer.getByRole('list', { name: '会籍沿革' });
  await expect(history).toContainText(a.union.name);
  await expect(history).toContainText(`${daysAgo(20)} 至 今`);

  // Transfer to the other union today.
  await drawer.getByRole('button', { name: /转\s*会/ }).click();
  const transfer = page.getByRole('dialog', { name: `转会：测试会员${suffix}` });
  await pickOption(transfer, page, '转入工会', `${b.union.name}（E2EB${suffix}）`, b.union.name);
  await pickOption(transfer, page, '工作单位', b.enterprise.name, b.enterprise.name);
  await transfer.getByRole('button', { name: /确\s*定/ }).click();
  await expect(transfer).toBeHidden();
  await expect(history).toContainText(b.union.name);
  await expect(history).toContainText(`${daysAgo(20)} 至 ${daysAgo(0)}`);
  await expect(history).toContainText('转出');

  // The full ID number needs a stated purpose.
  await drawer.getByRole('button', { name: '查看完整身份证号' }).click();
  const reveal = page.getByRole('dialog', { name: `查看完整身份证号：测试会员${suffix}` });
  await reveal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(reveal.getByText('请填写查看用途')).toBeVisible();
  await reveal.getByLabel('查看用途').fill('核对转会材料');
  await reveal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(reveal.getByLabel('完整身份证号')).toHaveText(id);
  await expect(reveal.getByLabel('手机号', { exact: true })).toHaveText('13905990123');
  await screenshot(page, 'membership-member-detail');
  await reveal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(reveal).toBeHidden();

  // Statistics of the union the member moved to: one member; drill down and open the member.
  await page.goto(`/membership/stats?unit=${b.union.id}`);
  const membersCard = page.getByRole('button', { name: '会员 1', exact: true });
  await expect(membersCard).toBeVisible();
  await membersCard.click();
  const drill = page.getByRole('dialog', { name: /会员明细/ });
  await expect(drill.getByRole('row')).toHaveCount(2);
  await screenshot(page, 'membership-drill');
  await drill.getByRole('link', { name: `测试会员${suffix}` }).click();
  await expect(page).toHaveURL(/\/membership\/members\?/);
  await expect(page.getByRole('dialog', { name: `测试会员${suffix}` }).getByRole('list', { name: '会籍沿革' })).toContainText(b.union.name);

  // The city's statistics: rates with definitions, the ranking and the trend.
  await page.goto('/membership/stats');
  await expect(page.getByRole('region', { name: '入会率' })).toContainText('口径');
  await settleCharts(page);
  await screenshot(page, 'membership-stats');
  // A numerator opens its records.
  await page.getByRole('region', { name: '组建率' }).getByRole('button', { name: /^分子/ }).click();
  const covered = page.getByRole('dialog', { name: /已建会企业明细/ });
  await expect(covered.getByRole('row').nth(1)).toBeVisible();
  await covered.getByRole('button', { name: '关闭' }).click();
  await expect(covered).toBeHidden();

  expect(errors).toEqual([]);
});

test('enterprise and union pages: register, validate the credit code, 双亮 dates, committee rule', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  await loginAndWait(page, 'nanping.admin');

  await page.goto(`/membership/enterprises?unit=${yanping}`);
  await page.getByRole('button', { name: '登记企业' }).click();
  const dlg = page.getByRole('dialog', { name: '登记企业' });
  await dlg.getByLabel('企业名称').fill(`延平测试纺织${suffix}有限公司`);
  await dlg.getByLabel('统一社会信用代码').fill('91350702OOOOOOOOO1');
  await expect(dlg.getByText('18 位，数字或大写字母（不含 I、O、Z、S、V）').nth(1)).toBeVisible();
  const code = creditCode();
  await dlg.getByLabel('统一社会信用代码').fill(code.toLowerCase());
  await expect(dlg.getByLabel('统一社会信用代码')).toHaveValue(code);
  await pickOption(dlg, page, '行业', 'C 制造业');
  await pickOption(dlg, page, '经济类型', '私营企业');
  await setDate(page, '成立日期', daysAgo(300), dlg);
  await dlg.getByLabel('职工人数').fill('30');
  await screenshot(page, 'membership-enterprise-create');
  await dlg.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dlg).toBeHidden();
  await page.getByRole('searchbox', { name: '关键字' }).fill(code);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('未建会');
  await expect(row).toContainText('30');
  await screenshot(page, 'membership-enterprises');

  // A single union for it, then the 双亮 dates in the drawer.
  await page.goto(`/membership/unions?unit=${yanping}`);
  await page.getByRole('button', { name: '登记基层工会' }).click();
  const u = page.getByRole('dialog', { name: '登记基层工会' });
  await u.getByLabel('工会名称').fill(`延平测试纺织${suffix}有限公司工会`);
  await pickOption(u, page, '覆盖企业', `延平测试纺织${suffix}有限公司（${code}）`, code);
  await u.getByLabel('工会主席').fill('陈主席');
  await u.getByRole('button', { name: /确\s*定/ }).click();
  await expect(u).toBeHidden();
  const drawer = page.getByRole('dialog', { name: `延平测试纺织${suffix}有限公司工会` });
  await expect(drawer.getByRole('table', { name: '覆盖企业' })).toContainText(code);
  await expect(drawer).toContainText('未双亮');
  await setDate(page, '牌子亮明', daysAgo(5), drawer);
  await setDate(page, '主席亮明', daysAgo(3), drawer);
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer).toContainText('已双亮');
  await expect(drawer).toContainText(`牌子 ${daysAgo(5)}`);
  await screenshot(page, 'membership-union-detail');
  expect(errors).toEqual([]);
});

test('roster import: template, marked workbook, fix and re-upload without duplicates, statistics follow', async ({ page, baseURL }, testInfo) => {
  // The import endpoints are being added on the server; until they answer, this test is pending.
  test.fixme(!(await importsAvailable(baseURL!)), 'GET /api/v1/membership/imports does not answer yet');
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  const a = await makeUnion(baseURL!, yanping, `延平测试竹木${suffix}`, `E2EI${suffix}`);
  const dir = testInfo.outputPath('files');
  fs.mkdirSync(dir, { recursive: true });

  await loginAndWait(page, 'nanping.admin');
  await page.goto(`/membership/imports?unit=${yanping}`);
  const [tpl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载会员模板' }).click()]);
  expect(tpl.suggestedFilename()).toMatch(/\.xlsx$/);
  const tplPath = path.join(dir, 'template.xlsx');
  await tpl.saveAs(tplPath);

  // Fill the template: three good rows, one with a wrong check character, one without a name.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(tplPath);
  const ws = wb.worksheets.find((s) => s.state === 'visible' && s.name !== '填写说明') ?? wb.worksheets[0]!;
  const headers: Record<string, number> = {};
  ws.getRow(1).eachCell((cell, col) => {
    headers[String(cell.text).replace(/[*＊\s]/g, '')] = col;
  });
  expect(Object.keys(headers)).toEqual(expect.arrayContaining(['姓名', '身份证号', '所属基层工会', '入会日期']));
  const seq = Number(suffix.slice(-2)) * 10;
  const people = [
    { name: `导入甲${suffix}`, id: idNumber('19850512', seq + 1) },
    { name: `导入乙${suffix}`, id: idNumber('19920101', seq + 3) },
    { name: `导入丙${suffix}`, id: idNumber('19780630', seq + 5) },
    { name: `导入丁${suffix}`, id: idNumber('19951120', seq + 7) },
    { name: `导入戊${suffix}`, id: idNumber('20000229', seq + 9) },
  ];
  const write = (sheet: ExcelJS.Worksheet, r: number, p: { name: string; id: string }) => {
    const row = sheet.getRow(r);
    row.getCell(headers.姓名!).value = p.name;
    row.getCell(headers.身份证号!).value = p.id;
    row.getCell(headers.所属基层工会!).value = `E2EI${suffix}`;
    // One row writes its date as cadres often do (2025/3/1); the import reads it.
    const joined = daysAgo(10);
    row.getCell(headers.入会日期!).value = r === 3 ? joined.split('-').map(Number).join('/') : joined;
    if (headers.是否农民工) row.getCell(headers.是否农民工).value = r % 2 ? '是' : '否';
    if (headers.工作单位统一社会信用代码) row.getCell(headers.工作单位统一社会信用代码).value = a.enterprise.creditCode;
    row.commit();
  };
  // Row 2 of the template is its example row; our rows replace it.
  for (const [i, p] of people.entries()) write(ws, i + 2, i === 3 ? { ...p, id: wrongCheck(p.id) } : i === 4 ? { ...p, name: '' } : p);
  const firstPath = path.join(dir, 'roster.xlsx');
  await wb.xlsx.writeFile(firstPath);

  const upload = async (file: string) => {
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '开始导入' }).click();
    const job = page.getByRole('region', { name: '导入任务' });
    await expect(job.getByText('已完成')).toBeVisible({ timeout: 30_000 });
    return job;
  };
  await expect(page.getByRole('radio', { name: '只导入正确的行' })).toBeChecked();
  let job = await upload(firstPath);
  await expect(job.getByRole('group', { name: '已导入 3' })).toBeVisible();
  await expect(job.getByRole('group', { name: '有误 2' })).toBeVisible();
  await screenshot(page, 'membership-import-result');

  // The marked workbook: the two bad rows carry messages and red cells.
  const [rep] = await Promise.all([page.waitForEvent('download'), job.getByRole('button', { name: '下载标注后的表格' }).click()]);
  const markedPath = path.join(dir, 'marked.xlsx');
  await rep.saveAs(markedPath);
  const mwb = new ExcelJS.Workbook();
  await mwb.xlsx.readFile(markedPath);
  const ms = mwb.worksheets[0]!;
  const mh: Record<string, number> = {};
  ms.getRow(1).eachCell((cell, col) => {
    mh[String(cell.text).replace(/[*＊\s]/g, '')] = col;
  });
  expect(mh.错误说明).toBeTruthy();
  const bad: number[] = [];
  ms.eachRow((row, r) => {
    if (r > 1 && String(row.getCell(mh.错误说明!).text).trim()) bad.push(r);
  });
  expect(bad).toHaveLength(2);
  const isRed = (cell: ExcelJS.Cell) => cell.fill?.type === 'pattern' && /F[0-9A-F]C/i.test(String((cell.fill as ExcelJS.FillPattern).fgColor?.argb ?? ''));
  const badIdRow = bad.find((r) => ms.getRow(r).getCell(mh.身份证号!).text === wrongCheck(people[3]!.id))!;
  expect(badIdRow).toBeTruthy();
  expect(isRed(ms.getRow(badIdRow).getCell(mh.身份证号!))).toBe(true);

  // Fix both rows in the marked workbook and upload it again: the good rows are unchanged, the fixed ones imported.
  for (const r of bad) {
    const row = ms.getRow(r);
    if (r === badIdRow) row.getCell(mh.身份证号!).value = people[3]!.id;
    else row.getCell(mh.姓名!).value = people[4]!.name;
    row.commit();
  }
  const fixedPath = path.join(dir, 'fixed.xlsx');
  await mwb.xlsx.writeFile(fixedPath);
  job = await upload(fixedPath);
  await expect(job.getByRole('group', { name: '已导入 2' })).toBeVisible();
  await expect(job.getByRole('group', { name: '未变化 3' })).toBeVisible();
  await expect(job.getByRole('group', { name: '有误 0' })).toBeVisible();
  await expect(page.getByRole('row', { name: /fixed\.xlsx/ })).toContainText('已完成');

  // Statistics of that union: five members; drill down and open one.
  await page.goto(`/membership/stats?unit=${a.union.id}`);
  await page.getByRole('button', { name: '会员 5', exact: true }).click();
  const drill = page.getByRole('dialog', { name: /会员明细/ });
  await expect(drill.getByRole('row')).toHaveCount(6);
  await drill.getByRole('link', { name: people[0]!.name }).click();
  await expect(page.getByRole('dialog', { name: people[0]!.name }).getByRole('list', { name: '会籍沿革' })).toContainText(a.union.name);
  expect(errors).toEqual([]);
});
