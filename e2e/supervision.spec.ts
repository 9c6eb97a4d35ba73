import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiAs, loginAndWait, pickOption, screenshot, today, unitIdByName, watchConsole } from './helpers.ts';

/** 'YYYY-MM' of the month `n` months before the current one (Asia/Shanghai). */
function monthBefore(n: number): string {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

interface BulletinRow {
  unitId: number;
  name: string;
  numerator: number | null;
  denominator: number | null;
}
interface Bulletin {
  id: number;
  title: string;
  contentHash: string;
  content: { indicators: { key: string; name: string; rows: BulletinRow[]; laggards: number[] }[] };
}

/** Freezes the last two months (the earlier one gives the change since last month) and publishes last month's city bulletin. */
async function publishLatestBulletin(baseURL: string): Promise<Bulletin> {
  const { ctx, csrfToken } = await apiAs('nanping.admin', baseURL);
  const headers = { 'x-csrf-token': csrfToken };
  for (const period of [monthBefore(2), monthBefore(1)]) {
    const r = await ctx.post('/api/v1/supervision/snapshots', { headers, data: { period } });
    expect(r.status(), await r.text()).toBe(200);
  }
  const p = await ctx.post('/api/v1/supervision/bulletins', { headers, data: { period: monthBefore(1) } });
  expect(p.status(), await p.text()).toBe(201);
  const { id } = (await p.json()) as { id: number };
  const b = await ctx.get(`/api/v1/supervision/bulletins/${id}`);
  expect(b.status()).toBe(200);
  const bulletin = (await b.json()) as Bulletin;
  await ctx.dispose();
  return bulletin;
}

async function settle(page: Page) {
  await expect(page.locator('canvas').first()).toBeVisible();
  await page.waitForTimeout(600);
}

test.describe.configure({ timeout: 120_000 });

test('the latest bulletin: its signature, the PDF, a laggard’s figure followed down to its records; a county reads it from below; a lawyer has the notifications page', async ({
  page,
  browser,
  baseURL,
}) => {
  const errors = watchConsole(page);
  const bulletin = await publishLatestBulletin(baseURL!);
  const formation = bulletin.content.indicators.find((i) => i.key === 'membership.formationRate')!;
  const laggard = formation.rows.find((r) => r.unitId === formation.laggards[0])!;
  expect(laggard, 'the bulletin names a laggard on the formation rate').toBeTruthy();
  const uncovered = laggard.denominator! - laggard.numerator!;
  expect(uncovered).toBeGreaterThan(0);

  await loginAndWait(page, 'nanping.admin');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.getByRole('menuitem', { name: '督查督办' }).click();
  await menu.getByRole('menuitem', { name: '督查通报' }).click();
  const list = page.getByRole('table', { name: '已发布的通报' });
  // The latest bulletin is first; it carries the signature the server gave it.
  const first = list.getByRole('row').nth(1);
  await expect(first).toContainText(bulletin.title);
  await expect(first).toContainText(bulletin.contentHash.slice(0, 12));
  await first.getByRole('link', { name: bulletin.title }).click();

  await expect(page.getByRole('heading', { name: bulletin.title })).toBeVisible();
  await expect(page.getByTestId('bulletin-hash')).toContainText(bulletin.contentHash);
  await expect(page.getByText('内容与签名一致')).toBeVisible();
  await expect(page.getByText('通报点评')).toBeVisible();
  await screenshot(page, 'supervision-bulletin');

  // The PDF is a real PDF document of some size.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/督查通报.*\.pdf$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);
  // The workbook too (an .xlsx is a zip archive).
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel' }).click()]);
  expect(sheet.suggestedFilename()).toMatch(/督查通报.*\.xlsx$/);
  expect(
    fs
      .readFileSync(await sheet.path())
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');

  // A laggard is highlighted in the formation-rate table; its figure opens the records behind it.
  const region = page.getByRole('region', { name: '组建率' });
  const row = region.getByRole('row').filter({ hasText: laggard.name });
  await expect(row.getByText('靠后')).toBeVisible();
  await expect(row).toHaveClass(/gh-sv-row-laggard/);
  await row.getByRole('button', { name: new RegExp(`^${laggard.name} 组建率`) }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: `组建率明细 · ${laggard.name}` });
  await expect(drawer).toBeVisible();
  // By default the drawer lists the enterprises without a union: as many as the bulletin's figure leaves uncovered.
  await expect(drawer.getByText(`共 ${uncovered} 条`)).toBeVisible();
  const firstRecord = drawer.getByRole('table').getByRole('row').nth(1).getByRole('link');
  const name = (await firstRecord.textContent())!.trim();
  expect(name.length).toBeGreaterThan(0);
  await screenshot(page, 'supervision-bulletin-drill');
  await firstRecord.click();
  await expect(page).toHaveURL(/\/membership\/enterprises\?/);
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  expect(errors).toEqual([]);

  // A county reads the city's bulletin that ranks it, read-only: its own figures open its records
  // (here its hardship households, with their own columns), another county's do not.
  const county = await browser.newContext();
  const cp = await county.newPage();
  const countyErrors = watchConsole(cp);
  await loginAndWait(cp, 'yanping.admin');
  await cp.goto('/supervision/bulletins');
  const above = cp.getByRole('table', { name: '上级发布的通报' });
  await above.getByRole('link', { name: bulletin.title }).first().click();
  await expect(cp.getByRole('heading', { name: bulletin.title })).toBeVisible();
  await expect(cp.getByText('上级通报（只读）')).toBeVisible();
  const hardship = cp.getByRole('region', { name: '在档困难职工户数' });
  const other = bulletin.content.indicators.find((i) => i.key === 'hardship.households')!.rows.find((r) => r.name !== '延平区总工会')!;
  await expect(hardship.getByRole('row').filter({ hasText: other.name }).getByRole('button')).toHaveCount(0);
  await hardship.getByRole('button', { name: /^延平区总工会 在档困难职工户数/ }).click();
  const households = cp.getByRole('dialog').filter({ hasText: '在档困难职工户数明细 · 延平区总工会' });
  await expect(households.getByRole('columnheader', { name: '建档日期' })).toBeVisible();
  await expect(households.getByRole('columnheader', { name: '困难类别' })).toBeVisible();
  await expect(households.getByRole('table').getByRole('row').nth(1).getByRole('link')).toBeVisible();
  await screenshot(cp, 'supervision-bulletin-from-above');
  expect(countyErrors).toEqual([]);
  await county.close();

  // A lawyer, who sees no supervision figures, has the bell and the notifications page.
  const lawyer = await browser.newContext();
  const lp = await lawyer.newPage();
  const lawyerErrors = watchConsole(lp);
  await loginAndWait(lp, 'nanping.lawyer');
  await expect(lp.getByTestId('notification-bell')).toBeVisible();
  const lawyerMenu = lp.getByRole('menu', { name: '主菜单' });
  await lawyerMenu.getByRole('menuitem', { name: '督查督办' }).click();
  await expect(lawyerMenu.getByRole('menuitem', { name: '工作看板' })).toHaveCount(0);
  await lawyerMenu.getByRole('menuitem', { name: '消息提醒' }).click();
  await expect(lp).toHaveURL(/\/supervision\/notifications/);
  await expect(lp.getByRole('table', { name: '消息提醒' })).toBeVisible();
  expect(lawyerErrors).toEqual([]);
  await lawyer.close();
});

test('a nudge raised from the targets page reaches the county’s bell live, links to the dashboard and is marked read', async ({ page, browser, baseURL }) => {
  const errors = watchConsole(page);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  const year = Number(today().slice(0, 4));
  // Start from a cleared cause: a target Yanping meets, checked once.
  {
    const { ctx, csrfToken } = await apiAs('nanping.admin', baseURL!);
    const headers = { 'x-csrf-token': csrfToken };
    const r = await ctx.put('/api/v1/supervision/targets', { headers, data: { unitId: yanping, year, indicatorKey: 'membership.members', target: 1, baseline: 0 } });
    expect(r.status(), await r.text()).toBe(200);
    const c = await ctx.post('/api/v1/supervision/nudges/check', { headers, data: {} });
    expect(c.status(), await c.text()).toBe(200);
    await ctx.dispose();
  }

  // The county cadre has the app open; the bell is connected to the live stream.
  await loginAndWait(page, 'yanping.admin');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('data-state', 'live');
  const before = Number(await bell.getAttribute('data-unread'));
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

  // The city sets Yanping a membership target it is far behind, and checks now.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminErrors = watchConsole(admin);
  await loginAndWait(admin, 'nanping.admin');
  await admin.goto('/supervision/targets');
  await admin.getByRole('button', { name: '设定目标' }).click();
  const modal = admin.getByRole('dialog').filter({ hasText: '设定目标' });
  await pickOption(modal, admin, '下级单位', '延平区总工会');
  await pickOption(modal, admin, '指标', '会员人数');
  await modal.getByLabel('年度目标', { exact: true }).fill('10000000');
  await modal.getByLabel('年初基数', { exact: true }).fill('0');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  await expect(admin.getByText('已保存目标')).toBeVisible();
  const targetRow = admin.getByRole('row').filter({ hasText: '延平区总工会' }).filter({ hasText: '会员人数' });
  await expect(targetRow.getByText('落后序时')).toBeVisible();
  await screenshot(admin, 'supervision-targets');
  await admin.getByRole('button', { name: '立即检查并提醒' }).click();
  // Without reloading, the county's page pops the notification up while the city sees what the check did.
  const popup = page.locator('.ant-notification-notice').filter({ hasText: '会员人数落后于序时进度' });
  await Promise.all([expect(admin.getByText(/已检查：\d+ 项落后，新发提醒 [1-9]\d* 条/)).toBeVisible({ timeout: 30_000 }), expect(popup).toBeVisible({ timeout: 30_000 })]);
  await expect(popup).toContainText('按进度应达到');
  // The check may also nudge Yanping for other targets earlier tests put behind: at least this one arrived.
  await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(before);
  await page.waitForTimeout(1500);
  const after = Number(await bell.getAttribute('data-unread'));
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  await screenshot(page, 'supervision-notification');
  expect(adminErrors).toEqual([]);
  await adminContext.close();

  // The dropdown lists it with what to do (opening it closes the pop-up, which would cover the
  // list's first items); it is marked read, then followed to the dashboard.
  await bell.click();
  await expect(popup).toHaveCount(0);
  const item = page.getByRole('article', { name: '会员人数落后于序时进度' }).first();
  await expect(item).toContainText('按进度应达到');
  // The same cause may have been nudged more than once (the demo's own check, and copies may still
  // arrive live): the one marked read loses its button, and the unread count drops.
  const unread = page.getByRole('article', { name: '会员人数落后于序时进度' }).filter({ has: page.getByRole('button', { name: '标为已读' }) });
  const id = await unread.first().getAttribute('data-notification-id');
  const marked = page.locator(`article[data-notification-id="${id}"]`);
  const bellBefore = Number(await bell.getAttribute('data-unread'));
  // Clicked again if a notice arriving at that moment moved the list under the pointer.
  await expect(async () => {
    await marked.getByRole('button', { name: '标为已读' }).click({ timeout: 2000 });
    await expect(marked.getByRole('button', { name: '标为已读' })).toHaveCount(0, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeLessThan(Math.max(after, bellBefore));
  await item.getByRole('button', { name: '去处理' }).click();
  await expect(page).toHaveURL(/\/supervision\/dashboard\?.*indicator=membership.members/);
  await expect(page).toHaveURL(new RegExp(`unit=${yanping}`));
  await expect(page.getByRole('region', { name: '会员人数' }).getByText('落后序时')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '排名指标' }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('会员人数');
  await settle(page);
  await screenshot(page, 'supervision-dashboard');

  expect(errors).toEqual([]);
});
