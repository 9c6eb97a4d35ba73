/**
 * 困难职工档案 and 送温暖: (a) a grassroots clerk registers a household (a mistake caught inline,
 * fixed), sees the grade computed with its computation, a county cadre takes the file through the
 * home visit and the notice, and opens the sensitive view with a reason (logged); (b) a student-aid
 * campaign: money raised and allocated, an application entered and approved up the chain by the
 * right levels (not by its applicant), its notice recorded from the day it was posted and ended,
 * paid in a batch, and the county's report shows it and drills down to the application; the
 * household's file lists the aid.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiAs, createReadyUser, daysAgo, idNumberFrom, login, loginAndWait, logout, pickOption, screenshot, setDate, today, unitIdByName, watchConsole } from './helpers.ts';

const suffix = String(Date.now()).slice(-5);
const clerk = { username: `hr.clerk${suffix}`, displayName: '基层干事林芳', password: '' };
const checker = { username: `hr.check${suffix}`, displayName: '基层审核陈明', password: '' };
let unionId = 0;
let unionName = '';
let countyId = 0;
let secondHouseholdId = 0;
let secondId = '';
/** The minimum-living standard that applies to the union, in fen, and the grade lines it gives. */
let std = { minimumLivingFen: 0, deepLineFen: 0, relativeLineFen: 0 };
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

/** A birth date and sequence that differ from run to run (one household, one file, federation-wide). */
function freshId(seq: number): string {
  const n = (Date.now() + seq * 7919) % 100000;
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return idNumberFrom(`350702${1975 + (n % 20)}${month}${day}${String(100 + (n % 900)).padStart(3, '0')}`);
}

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL!;
  // A minimum-living standard for the city when the demo has none (the archive cannot grade without one).
  const city = await apiAs('nanping.admin', base);
  const existing = await city.ctx.get('/api/v1/hardship/standards');
  const cityId = await unitIdByName('nanping.admin', base, '南平市总工会');
  if (!((await existing.json()) as { items: unknown[] }).items.length) {
    const r = await city.ctx.post('/api/v1/hardship/standards', { data: { unitId: cityId, validFrom: '2020-01-01', minimumLivingFen: 700_00 }, headers: { 'x-csrf-token': city.csrfToken } });
    expect(r.ok()).toBeTruthy();
  }
  await city.ctx.dispose();

  // Two cadres of one grassroots union in 延平区: one enters, the other checks.
  countyId = await unitIdByName('yanping.admin', base, '延平区总工会');
  const county = await apiAs('yanping.admin', base);
  const unions = (await (await county.ctx.get(`/api/v1/org/units?kind=grassroots&underUnitId=${countyId}&status=active&pageSize=1`)).json()) as { items: { id: number; name: string }[] };
  unionId = unions.items[0]!.id;
  unionName = unions.items[0]!.name;
  await county.ctx.dispose();
  clerk.password = await createReadyUser('yanping.admin', base, { username: clerk.username, displayName: clerk.displayName, unitId: unionId, role: 'grassroots_staff' });
  checker.password = await createReadyUser('yanping.admin', base, { username: checker.username, displayName: checker.displayName, unitId: unionId, role: 'grassroots_staff' });

  // A second household of that union, for the campaign (registered through the API by the clerk).
  const { request } = await import('@playwright/test');
  const ctx = await request.newContext({ baseURL: base });
  const r = await ctx.post('/api/v1/auth/login', { data: { username: clerk.username, password: clerk.password } });
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const g = await ctx.post('/api/v1/hardship/grade-preview', { headers: { 'x-csrf-token': csrfToken }, data: { unitId: unionId, members: [], finances: [] } });
  expect(g.ok(), await g.text()).toBeTruthy();
  const basis = (await g.json()) as { deepLineFen: number; relativeLineFen: number; standard: { minimumLivingFen: number } };
  std = { minimumLivingFen: basis.standard.minimumLivingFen, deepLineFen: basis.deepLineFen, relativeLineFen: basis.relativeLineFen };
  secondId = freshId(2);
  const h = await ctx.post('/api/v1/hardship/households', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      unitId: unionId,
      workerName: '陈春生',
      idNumber: secondId,
      mainCause: 'illness',
      bankName: '中国农业银行南平分行',
      bankAccount: '6228480000012345678',
      members: [{ name: '陈小梅', relation: '子女' }],
      finances: [{ kind: 'income', category: '工资性收入', annualFen: 14_400_00 }],
    },
  });
  expect(h.status(), await h.text()).toBe(201);
  secondHouseholdId = ((await h.json()) as { household: { id: number } }).household.id;
  await ctx.dispose();
});

async function signIn(page: Page, who: { username: string; password: string }) {
  await login(page, who.username, who.password);
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
}

/** Closes any open drawer or dialog (they cover the header), then signs out. */
async function signOut(page: Page, displayName: string) {
  const open = page.locator('.ant-drawer-open, .ant-modal-wrap:visible');
  await expect(async () => {
    if (await open.count()) await page.keyboard.press('Escape');
    await expect(open).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await logout(page, displayName);
}

async function openMenu(page: Page, group: string, item: string) {
  const entry = page.getByRole('menuitem', { name: item, exact: true });
  if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: group }).click();
  await entry.click();
}

test('a household is registered with a mistake caught inline, graded with the computation shown, visited, put on notice, and its sensitive view is opened with a reason', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const idNumber = freshId(1);
  const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');

  // A grassroots clerk registers the household.
  await signIn(page, clerk);
  await openMenu(page, '困难职工帮扶', '认定标准');
  await expect(page.getByRole('table')).toContainText(yuan(std.minimumLivingFen));
  await expect(page.getByRole('table')).toContainText('上级工会（本单位适用）');
  await openMenu(page, '困难职工帮扶', '困难职工档案');
  // The list exports its rows, masked.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel（脱敏）' }).click();
  expect((await exported).suggestedFilename()).toMatch(/困难职工档案.*\.xlsx$/);
  await page.getByRole('button', { name: '登记困难职工' }).click();
  const form = page.getByRole('dialog', { name: '登记困难职工家庭' });
  await expect(form.getByLabel('所属工会')).toBeVisible();
  await form.getByLabel('姓名', { exact: true }).fill('林秀英');
  await form.getByLabel('身份证号', { exact: true }).fill(wrongCheck);
  await expect(form.getByText(`身份证号校验位不正确（按前 17 位应为 ${idNumber[17]}）`)).toBeVisible();
  await form.getByLabel('身份证号', { exact: true }).fill(idNumber);
  await expect(form.getByText(/身份证号校验位不正确/)).toHaveCount(0);
  await form.getByLabel('手机号').fill('13859912345');
  await form.getByLabel('工作单位').fill('南平竹木制品有限公司');
  await pickOption(form, page, '主要致困原因', '因病');
  await form.getByRole('button', { name: '添加家庭成员' }).click();
  await form.getByLabel('成员1 姓名').fill('张建国');
  // Incomes and rigid expenses are typed in yuan; a bad amount is caught where it is typed.
  await form.getByLabel('收支1 年金额（元）').fill('12000.505');
  await expect(form.getByText('年金额应为金额（元），最多两位小数')).toBeVisible();
  await form.getByLabel('收支1 年金额（元）').fill('12000.50');
  await form.getByLabel('收支2 年金额（元）').fill('3600');
  await expect(form.getByText('年金额应为金额（元），最多两位小数')).toHaveCount(0);
  // The grade, computed by the server from fen: (12000.50 − 3600.00) ÷ 12 ÷ 2 = 350.02 a person a month, against the local standard.
  const grade = 350_02 < std.deepLineFen ? '深度困难' : 350_02 < std.relativeLineFen ? '相对困难' : '不符合认定条件';
  expect(grade).not.toBe('不符合认定条件');
  const preview = form.getByLabel('困难等级试算');
  await expect(preview).toContainText('月人均可支配收入 =（12000.50 元 − 3600.00 元）÷ 12 ÷ 2 = 350.02 元');
  await expect(preview).toContainText(`低保标准${yuan(std.minimumLivingFen)}/人·月`);
  await expect(preview).toContainText(grade);
  await form.getByLabel('开户银行').fill('中国农业银行南平分行');
  await form.getByLabel('银行账号').fill('62284800001234');
  await screenshot(page, 'hardship-register');
  await form.getByRole('button', { name: '提交登记' }).click();

  const file = page.getByRole('dialog', { name: '困难职工档案：林秀英' });
  await expect(file.getByLabel('档案状态')).toHaveText('待入户核查');
  await expect(file).toContainText(unionName);
  await expect(file).toContainText(masked(idNumber));
  await expect(file).toContainText('**********1234');
  await expect(file).not.toContainText(idNumber);
  // Whoever registered the file may not verify it.
  await file.getByRole('button', { name: '入户核查' }).click();
  await page
    .getByRole('dialog', { name: '入户核查' })
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByRole('dialog', { name: '入户核查' }).getByText('请填写核查情况')).toBeVisible();
  await page.getByRole('dialog', { name: '入户核查' }).getByLabel('核查情况').fill('家中一人患病，收入情况属实');
  await page
    .getByRole('dialog', { name: '入户核查' })
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText('入户核查须由建档人以外的人员进行').last()).toBeVisible();
  await page
    .getByRole('dialog', { name: '入户核查' })
    .getByRole('button', { name: /取\s*消/ })
    .click();
  const url = page.url();
  await signOut(page, clerk.displayName);

  // The county cadre visits, opens the notice; filing waits for the notice to run its days.
  await loginAndWait(page, 'yanping.admin');
  await page.goto(url.replace(/^https?:\/\/[^/]+/, ''));
  const county = page.getByRole('dialog', { name: '困难职工档案：林秀英' });
  await county.getByRole('button', { name: '入户核查' }).click();
  const visit = page.getByRole('dialog', { name: '入户核查' });
  await visit.getByLabel('核查情况').fill('入户查看，家中一人患病，收入情况属实');
  await visit.getByRole('button', { name: /确\s*定/ }).click();
  await expect(county.getByLabel('档案状态')).toHaveText('已核查待公示');
  // The list went up on the board two days ago: the notice's seven days run from then.
  await setDate(page, '公示张贴日期', daysAgo(2), county);
  await county.getByRole('button', { name: '开始公示' }).click();
  await expect(county.getByLabel('档案状态')).toHaveText('公示中');
  await expect(county.getByText(`公示期至 ${daysAgo(-5)} 届满`)).toBeVisible();
  await expect(county.getByRole('button', { name: '公示期满，建档' })).toBeDisabled();
  await expect(county).toContainText('开始公示');
  await expect(county).toContainText(clerk.displayName);

  // The sensitive view: a reason first, then the full numbers and the incomes; the view is logged.
  await county.getByRole('button', { name: '查看完整信息' }).click();
  const reveal = page.getByRole('dialog', { name: '查看敏感信息' });
  await reveal.getByRole('button', { name: '确认查看' }).click();
  await expect(reveal.getByText('请说明查看用途')).toBeVisible();
  await reveal.getByLabel('查看用途').fill('核对建档家庭收入与收款账号');
  await reveal.getByRole('button', { name: '确认查看' }).click();
  await expect(county).toContainText(idNumber);
  await expect(county).toContainText('62284800001234');
  await expect(county.getByLabel('收支明细')).toContainText('12,000.50');
  await expect(county.getByLabel('认定计算')).toContainText(grade);

  // A proof document goes with the file.
  await county.locator('input[type=file]').setInputFiles({ name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await expect(county.getByText('诊断证明.pdf').first()).toBeVisible();
  await screenshot(page, 'hardship-file');

  // A detail corrected after registration: a new phone number; the file keeps the change in its history.
  await county.getByRole('button', { name: '修改档案信息' }).click();
  const edit = page.getByRole('dialog', { name: '修改档案信息' });
  await edit.getByLabel('联系电话').fill('13905991234');
  await edit.getByLabel('修改原因').fill('职工更换手机号');
  await edit.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已保存修改，等级已按新情况重新认定')).toBeVisible();
  await expect(county).toContainText('13905991234');
  await expect(county).toContainText('修改：联系电话');

  const { ctx } = await apiAs('yanping.admin', baseURL!);
  const audit = (await (await ctx.get('/api/v1/audit?entity=hardship_household.sensitive&limit=5')).json()) as { items: { reason: string | null; actorName: string }[] };
  await ctx.dispose();
  expect(audit.items.some((e) => e.reason === '核对建档家庭收入与收款账号')).toBe(true);
  expect(errors).toEqual([]);
});

test('a student-aid campaign: funds raised and allocated, one application through three approvals and the notice posted on the board, paid in a batch, and found in the county’s report', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const name = `E2E金秋助学${suffix}`;
  const student = freshId(3).replace(/^(\d{6})\d{4}/, '$12005');
  const studentId = idNumberFrom(student.slice(0, 17));
  const posted = new Date(Date.parse(today()) - 8 * 86400000).toISOString().slice(0, 10);

  // The city sets up the campaign (its chain with the notice), raises the money and allocates some to 延平区.
  await loginAndWait(page, 'nanping.admin');
  await openMenu(page, '送温暖与助学', '帮扶活动');
  await page.getByRole('button', { name: '举办帮扶活动' }).click();
  const setup = page.getByRole('dialog', { name: '举办帮扶活动' });
  await pickOption(setup, page, '活动类型', '金秋助学');
  await setup.getByLabel('活动名称').fill(name);
  await expect(setup.getByLabel('审批流程预览')).toContainText('基层工会审核 → 县级工会审核 → 公示');
  await setup
    .getByRole('button', { name: '举 办' })
    .or(setup.getByRole('button', { name: '举办' }))
    .click();
  await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByLabel('审批流程', { exact: true })).toHaveText('基层工会审核 → 县级工会审核 → 公示 → 市总工会审批');
  await page.getByRole('button', { name: '登记筹集资金' }).click();
  const raise = page.getByRole('dialog', { name: '登记筹集资金' });
  await raise.getByLabel('金额（元）').fill('100000');
  await raise.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('已登记筹集资金')).toBeVisible();
  await page.getByRole('button', { name: '拨付资金' }).click();
  const alloc = page.getByRole('dialog', { name: '向下级拨付资金' });
  // The option is clicked again until the select shows it: a click while the list is still opening can miss.
  await expect(async () => {
    await alloc.getByLabel('拨付给').click();
    await page.locator('.ant-select-dropdown').filter({ visible: true }).getByTitle('延平区总工会', { exact: true }).click({ timeout: 3000 });
    await expect(alloc.locator('.ant-select').first()).toContainText('延平区总工会', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await alloc.getByLabel('金额（元）').fill('20000');
  await alloc.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('已拨付')).toBeVisible();
  await expect(page.getByLabel('延平区总工会 上级拨付')).toHaveText('20,000.00');
  const campaignUrl = page.url().replace(/^https?:\/\/[^/]+/, '');
  await signOut(page, '市总管理员');

  // The clerk enters the student of the household, checks eligibility, and cannot approve it.
  await signIn(page, clerk);
  await openMenu(page, '送温暖与助学', '申请与审批');
  await pickOption(page, page, '帮扶活动', name);
  await page.getByRole('button', { name: '填报申请' }).click();
  const entry = page.getByRole('dialog', { name: `填报帮扶申请：${name}` });
  await pickOption(entry, page, '所在困难职工家庭（可不选，按身份证号自动查找）', `陈春生（${masked(secondId)}，${unionName}）`, '陈春生');
  await entry.getByLabel('学生姓名').fill('陈小梅');
  await entry.getByLabel('学生身份证号').fill(studentId);
  await pickOption(entry, page, '就读学段', '大学（含高职）');
  await entry.getByLabel('学校').fill('闽江学院');
  await entry.getByRole('button', { name: '核对资格' }).click();
  await expect(entry.getByText('家庭未建档，按未建档标准资助')).toBeVisible();
  await expect(entry.getByText(/符合条件，标准金额 ¥3,000\.00/)).toBeVisible();
  await entry.getByRole('button', { name: '提交申请' }).click();
  const app = page.getByRole('dialog', { name: '帮扶申请：陈小梅' });
  await expect(app.getByLabel('审批状态')).toHaveText('审批中');
  await expect(app).toContainText('当前环节：基层工会审核');
  await app.getByRole('button', { name: /^同\s*意$/ }).click();
  await expect(page.getByText('不能审批本人提交的申请')).toBeVisible();
  const appUrl = page.url().replace(/^https?:\/\/[^/]+/, '');
  await signOut(page, clerk.displayName);

  // The union's checker approves the grassroots step, the county its step; the notice opens.
  await signIn(page, checker);
  await page.goto(appUrl);
  await page
    .getByRole('dialog', { name: '帮扶申请：陈小梅' })
    .getByRole('button', { name: /^同\s*意$/ })
    .click();
  await expect(page.getByRole('dialog', { name: '帮扶申请：陈小梅' })).toContainText('当前环节：县级工会审核');
  await signOut(page, checker.displayName);
  await loginAndWait(page, 'yanping.admin');
  await page.goto(appUrl);
  const inNotice = page.getByRole('dialog', { name: '帮扶申请：陈小梅' });
  await inNotice.getByRole('button', { name: /^同\s*意$/ }).click();
  await expect(inNotice).toContainText('当前环节：公示');
  await expect(inNotice.getByRole('button', { name: '公示期满，无异议' })).toBeDisabled();
  // The list went up on the union's board eight days ago: the clerk records that day, the seven days have run.
  const postedOn = inNotice.getByLabel('公示张贴日期');
  await postedOn.click();
  await postedOn.fill(posted);
  await postedOn.press('Enter');
  await inNotice.getByRole('button', { name: '登记张贴日期' }).click();
  await expect(page.getByText('已登记张贴日期')).toBeVisible();
  await expect(inNotice.getByLabel('公示期')).toContainText(`公示期 ${posted} 至`);
  await inNotice.getByRole('button', { name: '公示期满，无异议' }).click();
  await expect(inNotice).toContainText('当前环节：市总工会审批');
  await expect(inNotice).toContainText(`公示 ${posted} 至`);
  await signOut(page, '延平区总工会管理员');

  // The city approves in bulk, after a preview of what will change.
  await loginAndWait(page, 'nanping.reviewer');
  await page.goto(appUrl.replace(/&?application=\d+/, ''));
  const row = page.getByRole('row', { name: /Select row/ }).filter({ hasText: '陈小梅' });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: '批量同意' }).click();
  const bulk = page.getByRole('dialog', { name: '批量同意：预览' });
  await expect(bulk).toContainText('将处理 1 份，不能处理 0 份；终审通过将核定资金 ¥3,000.00');
  await expect(bulk.getByLabel('批量审批预览')).toContainText('→ 审批通过');
  await expect(bulk).toContainText('延平区总工会');
  await screenshot(page, 'relief-bulk-preview');
  await bulk.getByRole('button', { name: /执行/ }).click();
  await expect(page.getByText('已处理 1 份，未处理 0 份。')).toBeVisible();
  await page.getByRole('button', { name: /知道了|OK|确\s*定/ }).click();
  await expect(row).toContainText('已批准');
  await signOut(page, '市总审核');

  // The county pays: a batch, the bank file, the bank's confirmation.
  await loginAndWait(page, 'yanping.admin');
  await openMenu(page, '送温暖与助学', '资金发放');
  await page.getByRole('button', { name: '生成发放批次' }).click();
  const batch = page.getByRole('dialog', { name: '生成发放批次' });
  await pickOption(batch, page, '帮扶活动', name);
  await batch
    .getByRole('button', { name: '生 成' })
    .or(batch.getByRole('button', { name: '生成' }))
    .click();
  await expect(page.getByText(/已生成第 \d+ 批：1 份，¥3,000\.00/)).toBeVisible();
  const batchRow = page.getByRole('row').filter({ hasText: name });
  const download = page.waitForEvent('download');
  await batchRow.getByRole('button', { name: /代发文件/ }).click();
  expect((await download).suggestedFilename()).toMatch(/代发文件.*\.xlsx$/);
  await batchRow.getByRole('button', { name: /确认第 \d+ 批已发放/ }).click();
  const confirm = page.getByRole('dialog', { name: /确认第 \d+ 批已发放/ });
  await confirm.getByLabel('银行回单号').fill(`E2E-${suffix}`);
  await confirm.getByRole('button', { name: '确认发放' }).click();
  await expect(batchRow).toContainText('已发放');
  await expect(batchRow).toContainText(today());

  // The county's own report: the union's paid money, drilled down to the postings and to the application.
  // The county pays from its own pool (本级); the application counts under the union's branch of the tree.
  await page.goto(campaignUrl);
  await expect(page.getByLabel('延平区总工会（本级） 已发放金额')).toHaveText('3,000.00');
  await expect(page.getByLabel('合计 已发放金额')).toHaveText('3,000.00');
  await expect(page.getByLabel('合计 已发放户（人）数')).toHaveText('1');
  await expect(page.getByLabel('大学（含高职）（未建档） 已发放人数')).toHaveText('1');
  await screenshot(page, 'relief-county-report');
  await page.getByLabel('延平区总工会（本级） 已发放金额').click();
  const lines = page.getByRole('dialog', { name: '延平区总工会（本级）：已发放金额' });
  await expect(lines).toContainText('陈小梅');
  await expect(lines.getByLabel('明细合计')).toHaveText('¥3,000.00');
  await lines.getByRole('button', { name: 'Close' }).or(lines.locator('.ant-drawer-close')).first().click();
  await page.getByLabel('大学（含高职）（未建档） 已发放人数').click();
  const students = page.getByRole('dialog', { name: '大学（含高职）（未建档）：已发放学生' });
  await expect(students).toContainText(today());
  await students.getByRole('link', { name: '审批记录' }).click();
  const paid = page.getByRole('dialog', { name: '帮扶申请：陈小梅' });
  await expect(paid).toContainText(`已于 ${today()} 发放`);
  await expect(paid.getByLabel('审批状态')).toHaveText('已批准');
  await page.goto(`/hardship/households?household=${secondHouseholdId}`);
  const file = page.getByRole('dialog', { name: '困难职工档案：陈春生' });
  // The file and its aid are read one after the other on the embedded database: allow for a slow machine.
  await expect(file.getByLabel('历年帮扶')).toContainText(name, { timeout: 30_000 });
  await expect(file.getByLabel('历年帮扶')).toContainText('3,000.00');
  await screenshot(page, 'hardship-aid-history');
  await signOut(page, '延平区总工会管理员');

  // The city's summary prints and exports.
  await loginAndWait(page, 'nanping.admin');
  await page.goto(campaignUrl);
  await expect(page.getByLabel('延平区总工会 已发放金额')).toHaveText('3,000.00');
  await expect(page.getByRole('button', { name: /打\s*印/ })).toBeVisible();
  const summaryFile = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出汇总表' }).click();
  expect((await summaryFile).suggestedFilename()).toBe(`${name}汇总表.xlsx`);
  await screenshot(page, 'relief-summary');
  expect(errors).toEqual([]);
});
