import { expect, test } from '@playwright/test';
import { loginAndWait, screenshot, unitIdByName, watchConsole } from './helpers.ts';

test('a county admin sees only its own county', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  await page.goto('/login');
  await screenshot(page, 'login');
  await loginAndWait(page, 'yanping.admin');

  // The unit picker starts at the user's own county.
  const picker = page.getByRole('banner').getByLabel('当前单位');
  await expect(page.getByRole('banner')).toContainText('延平区总工会');
  await expect(picker).toBeVisible();

  // Home: the county and the counts of units below it.
  await expect(page.getByRole('heading', { name: '延平区总工会' })).toBeVisible();
  await expect(page.getByText('下级单位统计')).toBeVisible();
  await expect(page.getByRole('img', { name: '各类单位数量' })).toBeVisible();
  await screenshot(page, 'home-county');

  // The org page: tree root and the list are the county's.
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  const tree = page.getByRole('tree', { name: '组织机构树' });
  await expect(tree).toContainText('延平区总工会');
  await expect(tree).not.toContainText('建阳区总工会');
  const table = page.getByRole('table');
  await expect(table).toContainText('延平区总工会');
  await page.getByRole('searchbox', { name: '关键字' }).fill('街道');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(table).toContainText('黄墩街道工会');
  await expect(table).not.toContainText('潭城街道工会');
  await expect(table).not.toContainText('建阳区总工会');
  await screenshot(page, 'org-county');

  // Another county's unit: the API and the page both refuse.
  const other = await page.request.get(`/api/v1/org/units?q=${encodeURIComponent('建阳区总工会')}`);
  expect(other.ok()).toBeTruthy();
  expect((await other.json()).total).toBe(0);
  const foreignId = await unitIdByName('nanping.admin', baseURL!, '建阳区总工会');
  const foreign = await page.request.get(`/api/v1/org/units/${foreignId}`);
  expect(foreign.status()).toBe(404);
  expect((await foreign.json()).message).toContain('无权访问');
  await page.goto(`/org?unit=${foreignId}`);
  await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await screenshot(page, 'org-out-of-scope');

  expect(errors).toEqual([]);
});
