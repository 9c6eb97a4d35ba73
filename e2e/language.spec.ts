import { expect, test } from '@playwright/test';
import { loginAndWait, screenshot, watchConsole } from './helpers.ts';

test('the English switch changes the menu and stays chosen', async ({ page }) => {
  const errors = watchConsole(page);
  await loginAndWait(page, 'nanping.admin');
  await page.getByRole('button', { name: 'English' }).click();
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect(menu.getByRole('menuitem', { name: 'Organisation' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Audit log' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: '组织机构' })).toHaveCount(0);
  await menu.getByRole('menuitem', { name: 'Organisation' }).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toBeVisible();
  await screenshot(page, 'org-english');
  await page.reload();
  await expect(menu.getByRole('menuitem', { name: 'Organisation' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(menu.getByRole('menuitem', { name: '组织机构' })).toBeVisible();
  expect(errors).toEqual([]);
});
