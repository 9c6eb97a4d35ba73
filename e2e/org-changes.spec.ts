import { expect, test } from '@playwright/test';
import { daysAgo, loginAndWait, pickOption, screenshot, setDate, unitIdByName, watchConsole } from './helpers.ts';

test('city admin creates a sub-unit, renames it, reads its history and the tree on a past date', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-5);
  const name = `延平测试机械有限公司工会${suffix}`;
  const renamed = `延平测试智能装备有限公司工会${suffix}`;
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');

  await loginAndWait(page, 'nanping.admin');
  await screenshot(page, 'home-city');
  await page.goto(`/org?unit=${yanping}`);
  await expect(page.getByRole('tree', { name: '组织机构树' })).toContainText('延平区总工会');

  // New sub-unit, opened a week ago.
  await page.getByRole('button', { name: '新建下级单位' }).click();
  const create = page.getByRole('dialog', { name: '新建下级单位' });
  await create.getByRole('button', { name: /确\s*定/ }).click();
  await expect(create.getByText('请填写单位名称')).toBeVisible();
  await create.getByLabel('单位名称').fill(name);
  await pickOption(create, page, '类型', '基层工会');
  await create.getByLabel('编码').fill('bad code!');
  await expect(create.getByText('1–32 位字母、数字或短横线').first()).toBeVisible();
  await create.getByLabel('编码').fill('');
  await setDate(page, '生效日期', daysAgo(7), create);
  await screenshot(page, 'org-create');
  await create.getByRole('button', { name: /确\s*定/ }).click();
  await expect(create).toBeHidden();

  // Find it and open its details.
  await page.getByRole('searchbox', { name: '关键字' }).fill(name);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await page.getByRole('table').getByText(name, { exact: true }).click();
  const drawer = page.getByRole('dialog', { name: name });
  await expect(drawer.getByText('基层工会')).toBeVisible();

  // Rename, effective three days ago.
  await drawer.getByRole('button', { name: /更\s*名/ }).click();
  const rename = page.getByRole('dialog', { name: `更名：${name}` });
  await rename.getByLabel('新名称').fill(renamed);
  await setDate(page, '生效日期', daysAgo(3), rename);
  await rename.getByRole('button', { name: /确\s*定/ }).click();
  await expect(rename).toBeHidden();

  // History: founded under the old name, renamed three days ago.
  const drawer2 = page.getByRole('dialog', { name: renamed });
  const history = drawer2.getByRole('list', { name: '历史沿革' });
  await expect(history).toContainText(`${daysAgo(3)} 至 至今`);
  await expect(history).toContainText(`原名称：${name}`);
  await expect(history).toContainText(`${daysAgo(7)} 至 ${daysAgo(3)}`);
  await screenshot(page, 'org-history');
  await drawer2.getByRole('button', { name: '关闭' }).click();

  // The tree on dates before and after.
  const tree = page.getByRole('tree', { name: '组织机构树' });
  await expect(tree).toContainText(renamed);
  await setDate(page, '查看日期', daysAgo(8));
  await expect(tree).toContainText('延平区总工会');
  await expect(tree).not.toContainText(renamed);
  await expect(tree).not.toContainText(name);
  await setDate(page, '查看日期', daysAgo(5));
  await expect(tree).toContainText(name);
  await expect(tree).not.toContainText(renamed);
  await screenshot(page, 'org-tree-past');

  expect(errors).toEqual([]);
});
