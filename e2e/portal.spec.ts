import { expect as baseExpect, test } from '@playwright/test';
import { apiAs, login, loginAndWait, pickOption, screenshot, watchConsole } from './helpers.ts';

// A phone: the portal is laid out for one. Its clock is set to UTC, as a worker's phone abroad may be;
// times are still read as Beijing time.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, timezoneId: 'UTC' });
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

test('a worker files a dispute and books counselling on the portal; the union sees the dispute from 职工门户', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const employer = `南平市闽北茶业有限公司${Date.now() % 100000}`;

  // The registration page is one tap from the login page.
  await page.goto('/login');
  await page.getByRole('link', { name: '职工注册' }).click();
  await expect(page.getByText('在册工会会员可注册职工服务门户')).toBeVisible();
  await screenshot(page, 'portal-register');

  // A worker lands on the portal, not the cadres' app.
  await login(page, 'nanping.worker');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByText(/您好$/)).toBeVisible();
  const tabs = page.getByRole('navigation', { name: '职工服务门户' });
  await expect(tabs.getByRole('link', { name: '首页' })).toBeVisible();
  await screenshot(page, 'portal-home');
  // The cadres' pages send a worker back to the portal.
  await page.goto('/legal/cases');
  await expect(page).toHaveURL(/\/portal$/);

  // The union confirms the demo worker's booking: the bell shows a message unread, live; the worker opens it.
  const worker = await apiAs('nanping.worker', baseURL!);
  const requested = ((await (await worker.ctx.get('/api/v1/portal/appointments')).json()) as { items: { id: number; status: string }[] }).items.find((a) => a.status === 'requested');
  await worker.ctx.dispose();
  const union = await apiAs('nanping.admin', baseURL!);
  expect((await union.ctx.post(`/api/v1/counselling/appointments/${requested!.id}/confirm`, { headers: { 'x-csrf-token': union.csrfToken }, data: {} })).status()).toBe(200);
  await union.ctx.dispose();
  await expect(page.getByRole('button', { name: /^消息，\d+ 条未读$/ })).toBeVisible();
  await page.getByRole('button', { name: /^消息，\d+ 条未读$/ }).click();
  await expect(page).toHaveURL(/\/portal\/messages$/);
  const notice = page.getByRole('button', { name: /心理咨询预约已确认/ });
  await expect(notice).toContainText(/您的心理咨询预约已确认：\d+月\d+日 周. \d\d:\d\d–\d\d:\d\d，咨询师.+，地点：.+请准时到达/);
  await expect(notice).toContainText('未读');
  await screenshot(page, 'portal-messages');
  await notice.click();
  await expect(page).toHaveURL(/\/portal\/counselling$/);
  await expect(page.locator('.ant-card').filter({ hasText: '我的预约' }).getByText('已确认')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '消息', exact: true })).toBeVisible();

  // 我要维权: file a wage dispute.
  await tabs.getByRole('link', { name: '我要维权' }).click();
  await page.getByRole('button', { name: '提交劳动争议' }).click();
  await pickOption(page, page, '争议类型', '劳动报酬');
  await page.getByLabel('用人单位名称').fill(employer);
  await page.getByLabel('请求金额（元）').fill('6800');
  await page.getByLabel('事实经过').fill('2026年9月起加班费未支付，多次催要无果。');
  await screenshot(page, 'portal-dispute-form');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText(/已提交，案件编号/)).toBeVisible();
  await expect(page.getByText(employer).first()).toBeVisible();
  await expect(page.getByText('6,800 元')).toBeVisible();
  await screenshot(page, 'portal-case');

  // 心理咨询: book the first free time.
  const slotsLoaded = page.waitForResponse((r) => r.url().includes('/api/v1/portal/slots'));
  await tabs.getByRole('link', { name: '心理咨询' }).click();
  const mine = page.locator('.ant-card').filter({ hasText: '我的预约' });
  await expect(page.getByText('可预约时段', { exact: true })).toBeVisible();
  // The first free time reads in Beijing time on this UTC clock too (the demo's slots are 09:00–17:00 there).
  const first = ((await (await slotsLoaded).json()) as { items: { startsAt: string; endsAt: string }[] }).items[0]!;
  const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString(); // the wall clock in Beijing
  const [day, start, end] = [beijing(first.startsAt), beijing(first.startsAt).slice(11, 16), beijing(first.endsAt).slice(11, 16)];
  expect(start >= '09:00' && end <= '17:00').toBe(true);
  const firstTime = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 周. ${start}–${end}`;
  await expect(page.getByRole('button', { name: /^预\s*约 / }).first()).toHaveAccessibleName(new RegExp(`^预\\s*约 ${firstTime}$`));
  // The demo worker's booking, confirmed above.
  await expect(mine.getByText('已确认')).toHaveCount(1);
  await expect(mine.getByText('待确认')).toHaveCount(0);
  await page
    .getByRole('button', { name: /^预\s*约 / })
    .first()
    .click();
  await pickOption(page.getByRole('dialog'), page, '想聊的方面', '情绪困扰');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByText('已预约，请等待咨询师确认')).toBeVisible();
  await expect(mine.getByText('待确认')).toHaveCount(1);
  await expect(mine.getByText('情绪困扰')).toBeVisible();
  await expect(mine.getByText(new RegExp(`^${firstTime}$`))).toBeVisible();
  // Nothing runs past the phone's edge (no sideways scrolling).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'portal-counselling');

  // 我的: membership, then sign out.
  await tabs.getByRole('link', { name: '我的' }).click();
  await expect(page.getByText('在册会员')).toBeVisible();
  await expect(page.getByRole('button', { name: /我的消息/ })).toBeVisible();
  await screenshot(page, 'portal-me');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();

  // The union's cadre finds it among the cases received through 职工门户.
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAndWait(page, 'nanping.admin');
  await page.goto('/legal/cases');
  await pickOption(page.locator('.gh-card').first(), page, '来源', '职工门户');
  await expect(page.getByRole('row').filter({ hasText: employer })).toBeVisible();
  await page.getByRole('row').filter({ hasText: employer }).locator('a').first().click();
  await expect(page.getByText(/职工门户（职工本人通过职工服务门户提交）/)).toBeVisible();
  expect(errors).toEqual([]);
});
