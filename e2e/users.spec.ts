import { expect, test } from '@playwright/test';
import { login, loginAndWait, logout, pickOption, screenshot, watchConsole } from './helpers.ts';

test('a new user gets a one-time password and must change it at first sign-in', async ({ page }) => {
  const errors = watchConsole(page);
  const username = `e2e.user${String(Date.now()).slice(-6)}`;
  await loginAndWait(page, 'nanping.admin');
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page.getByRole('table')).toContainText('nanping.auditor');
  await screenshot(page, 'users');

  await page.getByRole('button', { name: '新建用户' }).click();
  const form = page.getByRole('dialog', { name: '新建用户' });
  await form.getByLabel('用户名').fill('a b');
  await expect(form.getByText('3–40 位字母、数字或 _ . -').last()).toBeVisible();
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('测试干部');
  await pickOption(form, page, '角色', '审核人员');
  await form.getByRole('button', { name: /确\s*定/ }).click();

  const shown = page.getByRole('dialog', { name: '初始密码（只显示这一次）' });
  await expect(shown).toBeVisible();
  const password = await shown.getByLabel('初始密码（只显示这一次）').inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{10,}$/);
  await screenshot(page, 'users-password');
  await shown.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByRole('table')).toContainText(username);

  await logout(page, '市总管理员');

  // First sign-in: the password must be changed before anything else.
  await login(page, username, password);
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText('请先设置新密码')).toBeVisible();
  await page.goto('/org');
  await expect(page).toHaveURL(/\/password$/);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('short1');
  await expect(page.getByText('新密码至少 10 位')).toBeVisible();
  await page.getByLabel('新密码', { exact: true }).fill(`${username}X12345`);
  await expect(page.getByText('新密码不能包含用户名')).toBeVisible();
  const next = 'Gonghui2026new';
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await screenshot(page, 'password-forced');
  await page.getByRole('button', { name: '确认修改' }).click();

  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '南平市总工会' })).toBeVisible();
  // A reviewer may read the organisation, not manage users.
  await expect(page.getByRole('menuitem', { name: '用户管理' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
  await page.goto('/no-such-page');
  await expect(page.getByText('页面不存在', { exact: true })).toBeVisible();
  await screenshot(page, 'not-found');

  // The user sees where they are signed in, and their sign-ins, from the user menu.
  const sessionsItem = page.getByRole('menuitem', { name: '登录与会话' });
  await expect(async () => {
    if (!(await sessionsItem.isVisible())) await page.getByRole('button', { name: '测试干部' }).click({ timeout: 2000 });
    await sessionsItem.click({ timeout: 2000 });
    await expect(page).toHaveURL(/\/account\/sessions$/, { timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  const sessions = page.getByRole('region', { name: '我的登录会话' });
  await expect(sessions.getByText('本次登录')).toBeVisible();
  await expect(page.getByRole('region', { name: '最近登录记录' }).getByText('登录成功').first()).toBeVisible();
  await screenshot(page, 'account-sessions');

  expect(errors).toEqual([]);
});
