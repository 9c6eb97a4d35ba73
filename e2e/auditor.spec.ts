import { expect, test } from '@playwright/test';
import { loginAndWait, pickOption, screenshot, watchConsole } from './helpers.ts';

test('the auditor reads the audit trail and cannot change the organisation', async ({ page }) => {
  const errors = watchConsole(page);
  await loginAndWait(page, 'nanping.auditor');
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  const table = page.getByRole('table');
  await expect(table).toContainText('nanping.auditor');
  await expect(table.getByText('登录', { exact: true }).first()).toBeVisible();

  // Filter by entity and action, then open an entry.
  await pickOption(page, page, '对象', '用户');
  await pickOption(page, page, '操作', '新建');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(table.getByText('登录', { exact: true })).toHaveCount(0);
  await table.getByRole('row').nth(1).getByText('详情').click();
  const drawer = page.getByRole('dialog', { name: '日志详情' });
  await expect(drawer.getByText('变更后')).toBeVisible();
  await expect(drawer.getByRole('cell', { name: '用户名' })).toBeVisible();
  await screenshot(page, 'audit-detail');
  await drawer.getByRole('button', { name: '关闭' }).click();
  await screenshot(page, 'audit');

  // The organisation: readable, with no write buttons.
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await expect(page.getByRole('tree', { name: '组织机构树' })).toContainText('南平市总工会');
  await expect(page.getByRole('button', { name: '新建下级单位' })).toHaveCount(0);
  await page.getByRole('table').getByText('南平市总工会', { exact: true }).click();
  const unit = page.getByRole('dialog', { name: '南平市总工会' });
  await expect(unit.getByRole('list', { name: '历史沿革' })).toBeVisible();
  for (const name of [/更\s*名/, '调整隶属', /撤\s*销/, /恢\s*复/, '新建下级单位']) {
    await expect(unit.getByRole('button', { name })).toHaveCount(0);
  }
  await screenshot(page, 'org-auditor-drawer');
  await unit.getByRole('button', { name: '关闭' }).click();
  // No user management writes either.
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page.getByRole('table')).toContainText('nanping.admin');
  await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
  await expect(page.getByText('重置密码')).toHaveCount(0);

  expect(errors).toEqual([]);
});
