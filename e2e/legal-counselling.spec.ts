import { expect as baseExpect, test, type Page } from '@playwright/test';
import { apiAs, daysAgo, login, loginAndWait, logout, pickOption, screenshot, setDate, unitIdByName, watchConsole, workingDaySoon } from './helpers.ts';

// ---- identifiers with correct check characters (GB 11643, GB 32100) ----
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birth: string, seq: number): string {
  const body = `350702${birth}${String(seq % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
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

/** The number on a statistics card, read from its accessible name (`受理争议 12`). */
async function figure(page: Page, name: string): Promise<number> {
  const card = page.getByRole('button', { name: new RegExp(`^${name.replace(/[()（）]/g, '.')} \\d+$`) });
  await expect(card).toBeVisible();
  const label = (await card.getAttribute('aria-label')) ?? '';
  return Number(label.slice(label.lastIndexOf(' ') + 1));
}

// The machine the tests share is often busy: allow each flow three minutes and a slow answer 30 s.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const ok = (page: Page) => page.getByRole('dialog').getByRole('button', { name: /确\s*定/ });

/** A dispute opened through the API (for the access test's second, unassigned case). */
async function openDisputeByApi(baseURL: string, unitId: number, worker: string, employer: string, seq: number) {
  const { ctx, csrfToken } = await apiAs('yanping.admin', baseURL);
  const r = await ctx.post('/api/v1/legal/cases', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      unitId,
      channel: 'hotline',
      disputeType: 'termination',
      claimedFen: 500000,
      employerName: employer,
      openedOn: daysAgo(3),
      workers: [{ name: worker, idNumber: idNumber('19880512', seq) }],
    },
  });
  expect(r.status(), await r.text()).toBe(201);
  const body = (await r.json()) as { id: number; ref: string };
  await ctx.dispose();
  return body;
}

test('a county admin takes in a collective wage dispute, mediates it and closes it with the agreement; the statistics follow', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const employer = `延平测试机械${suffix}有限公司`;

  await loginAndWait(page, 'yanping.admin');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.getByRole('menuitem', { name: '法律服务' }).click();
  await menu.getByRole('menuitem', { name: '统计' }).first().click();
  await expect(page.getByText('法律服务统计')).toBeVisible();
  const before = { received: await figure(page, '受理争议'), mediated: await figure(page, '调解成功'), recovered: await figure(page, '挽回金额（元）'), workers: await figure(page, '帮助职工') };

  await menu.getByRole('menuitem', { name: '劳动争议案件' }).click();
  await expect(page).toHaveURL(/\/legal\/cases/);
  await page.getByRole('button', { name: /受理争议$/ }).click();
  const dialog = page.getByRole('dialog', { name: '受理劳动争议' });
  await expect(dialog).toBeVisible();
  await pickOption(dialog, page, '争议类型', '劳动报酬');
  await dialog.getByLabel('姓名 1').fill('陈建国');
  // The ID number is checked as it is typed.
  const first = idNumber('19850214', Number(suffix.slice(-3)));
  await dialog.getByLabel('身份证号 1').fill(wrongCheck(first));
  await expect(dialog.getByText('身份证号校验位不正确，请核对')).toBeVisible();
  await dialog.getByLabel('身份证号 1').fill(first);
  await expect(dialog.getByText('身份证号校验位不正确，请核对')).toHaveCount(0);
  await dialog.getByRole('button', { name: '添加职工' }).click();
  await dialog.getByLabel('姓名 2').fill('林秀英');
  await dialog.getByLabel('身份证号 2').fill(idNumber('19900620', Number(suffix.slice(-3)) + 1));
  await dialog.getByLabel('用人单位名称').fill(employer);
  await dialog.getByLabel('统一社会信用代码').fill(creditCode());
  await dialog.getByLabel('请求金额（元）').fill('36800.50');
  // The worker learnt of the unpaid wages a year before a working day a few days ahead: the one-year limitation ends then.
  const ends = await workingDaySoon('yanping.admin', baseURL!);
  await setDate(page, '知道权利受侵害之日', `${Number(ends.day.slice(0, 4)) - 1}${ends.day.slice(4)}`, dialog);
  await dialog.getByLabel('案情').fill('企业拖欠 2 名职工三个月工资。');
  await screenshot(page, 'legal-intake');
  await ok(page).click();

  // The case page: the deadline shows, due soon (orange).
  await expect(page).toHaveURL(/\/legal\/cases\/\d+/);
  await expect(page.getByText(`陈建国等2人与${employer}劳动报酬争议`)).toBeVisible();
  const limitation = page.getByRole('region', { name: '申请劳动仲裁时效（一年）' });
  await expect(limitation).toBeVisible();
  await expect(limitation).toContainText('即将到期');
  await expect(limitation).toContainText(ends.daysLeft === 0 ? '今天到期' : `还剩 ${ends.daysLeft} 天`);
  await expect(limitation).toHaveClass(/gh-lg-deadline-due_soon/);
  const ref = (await page.locator('.gh-lg-ref').textContent())!.trim();
  const caseUrl = page.url();
  await screenshot(page, 'legal-case-intake');

  // The list's deadline filter finds it, its next deadline in orange.
  await menu.getByRole('menuitem', { name: '劳动争议案件' }).click();
  await pickOption(page, page, '期限', '7 天内到期或已逾期');
  const dueRow = page.getByRole('row', { name: new RegExp(ref) });
  await expect(dueRow).toBeVisible();
  await expect(dueRow.locator('.gh-lg-due')).toHaveClass(/ant-tag-orange/);
  await page.goto(caseUrl);

  // Mediation: the union as mediator.
  await page.getByRole('button', { name: '转入下一阶段' }).click();
  await expect(page.getByRole('dialog')).toContainText('调解员');
  await ok(page).click();
  await expect(page.getByRole('region', { name: '调解期限（十五日，逾期未达成协议可申请仲裁）' })).toBeVisible();
  await page.getByRole('button', { name: '登记本阶段结果' }).click();
  await expect(page.getByRole('dialog')).toContainText('达成调解协议');
  await page.getByRole('dialog').getByLabel('为职工取得（元）').fill('30000');
  await ok(page).click();
  await expect(page.getByRole('cell', { name: '达成调解协议' })).toBeVisible();

  // Closing with the mediation agreement.
  await page.getByRole('button', { name: /^结\s*案$/ }).click();
  const closing = page.getByRole('dialog');
  await expect(closing.locator('.ant-select')).toContainText('调解协议');
  await closing.getByLabel('备注').fill('双方签订调解协议书，企业分两期支付');
  await ok(page).click();
  await expect(page.locator('.ant-alert').filter({ hasText: '结案：调解协议' })).toBeVisible();
  await expect(page.locator('.gh-lg-recovered')).toHaveText('30,000.00 元');
  await expect(page.getByRole('button', { name: /^结\s*案$/ })).toHaveCount(0);
  // The signed agreement goes with the case's documents.
  const docs = page.locator('.gh-card').filter({ has: page.getByText('案件材料', { exact: true }) });
  await docs.locator('input[type=file]').setInputFiles({ name: '调解协议书.txt', mimeType: 'text/plain', buffer: Buffer.from('调解协议书：企业于两期内支付工资 30000 元。') });
  await expect(docs.getByRole('cell', { name: /调解协议书\.txt/ })).toBeVisible();
  await screenshot(page, 'legal-case-closed');

  // The list finds it by the employer; the statistics count it and drill down to it.
  await menu.getByRole('menuitem', { name: '劳动争议案件' }).click();
  await page.getByLabel('关键字').fill(employer);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(ref) })).toContainText('已结案');
  await screenshot(page, 'legal-cases');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出 Excel/ }).click();
  expect((await download).suggestedFilename()).toBe('劳动争议案件.xlsx');

  await menu.getByRole('menuitem', { name: '统计' }).first().click();
  await expect.poll(() => figure(page, '受理争议')).toBe(before.received + 1);
  expect(await figure(page, '调解成功')).toBe(before.mediated + 1);
  expect(await figure(page, '挽回金额（元）')).toBe(before.recovered + 3_000_000);
  expect(await figure(page, '帮助职工')).toBe(before.workers + 2);
  await page.locator('canvas').first().waitFor();
  await page.waitForTimeout(800);
  await screenshot(page, 'legal-statistics');
  await page.getByRole('button', { name: /^调解成功 \d+$/ }).click();
  const drawer = page.locator('.ant-drawer').filter({ hasText: '调解成功' });
  await expect(drawer.getByRole('row', { name: new RegExp(ref) })).toBeVisible();

  // The holiday calendar that moves deadlines: the county reads it, the city keeps it.
  await page.keyboard.press('Escape');
  await menu.getByRole('menuitem', { name: '节假日安排' }).click();
  await pickOption(page, page, '年度', '2026 年');
  await expect(page.getByRole('row', { name: /2026-02-15.*法定节假日.*春节/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /2026-02-28.*调休上班/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /登\s*记/ })).toHaveCount(0);
  await screenshot(page, 'legal-calendar');

  // A limitation whose year ends on a Saturday of a year the calendar does not hold: moved to
  // Monday, and the case says why. The latest such day before the test day: ahead of it when a
  // later year is not held yet, else behind the years the calendar holds (an expired limitation).
  const { ctx, csrfToken } = await apiAs('yanping.admin', baseURL!);
  const held = ((await (await ctx.get('/api/v1/cases/calendar?year=2026')).json()) as { years: number[] }).years;
  let knewOn = '';
  for (let n = 1; n < 3000 && !knewOn; n++) {
    const d = daysAgo(n);
    const end = new Date(`${Number(d.slice(0, 4)) + 1}${d.slice(4)}T00:00:00Z`);
    if (!held.includes(end.getUTCFullYear()) && end.getUTCDay() === 6 && d.slice(5) !== '02-29') knewOn = d;
  }
  expect(knewOn).not.toBe('');
  const yanping = await unitIdByName('yanping.admin', baseURL!, '延平区总工会');
  const moved = await ctx.post('/api/v1/legal/cases', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      unitId: yanping,
      channel: 'hotline',
      disputeType: 'overtime',
      claimedFen: 120000,
      employerName: `延平测试食品${suffix}有限公司`,
      openedOn: daysAgo(0),
      knewOn,
      workers: [{ name: '周顺延', idNumber: idNumber('19870707', Number(suffix.slice(-3)) + 3) }],
    },
  });
  expect(moved.status(), await moved.text()).toBe(201);
  const movedId = ((await moved.json()) as { id: number }).id;
  await ctx.dispose();
  await page.goto(`/legal/cases/${movedId}`);
  const card = page.getByRole('region', { name: '申请劳动仲裁时效（一年）' });
  await expect(card).toContainText('为法定休假日，顺延至上述日期');
  await expect(card.getByRole('note')).toContainText('节假日安排尚未录入，仅按周末顺延');
  await screenshot(page, 'legal-case-moved');

  expect(errors).toEqual([]);
});

test('legal aid is granted and assigned to the demo lawyer, who signed in sees that case and no other', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  const aided = await openDisputeByApi(baseURL!, yanping, '黄志明', `延平测试物流${suffix}有限公司`, Number(suffix.slice(-3)) + 7);
  const other = await openDisputeByApi(baseURL!, yanping, '郑丽华', `延平测试纺织${suffix}有限公司`, Number(suffix.slice(-3)) + 9);
  // The demo lawyer 林志强 (login nanping.lawyer) is on the team and serves 延平区.
  const { ctx } = await apiAs('yanping.admin', baseURL!);
  const team = (await (await ctx.get('/api/v1/legal/lawyers', { params: { q: '林志强' } })).json()) as { items: { name: string; firm: string; userId: number | null }[] };
  await ctx.dispose();
  const demoLawyer = team.items.find((l) => l.name === '林志强' && l.userId);
  expect(demoLawyer, 'the demo lawyer is on the team with a login').toBeTruthy();

  // The county admin adds a lawyer to the team (without a login yet).
  await loginAndWait(page, 'yanping.admin');
  await page.goto('/legal/lawyers');
  await page.getByRole('button', { name: '聘请律师' }).click();
  const form = page.getByRole('dialog', { name: '聘请律师' });
  await form.getByLabel('姓名').fill(`王律师${suffix}`);
  await form.getByLabel('执业证号').fill(`13507${suffix}`);
  await form.getByLabel('律师事务所').fill('福建延平律师事务所');
  await ok(page).click();
  await expect(page.getByText('已加入服务团')).toBeVisible();
  await page.getByLabel('关键字').fill(`13507${suffix}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(`王律师${suffix}`) })).toContainText('未关联');
  await page.getByLabel('关键字').fill('林志强');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: /林志强/ })).toContainText('已关联');
  await screenshot(page, 'legal-lawyers');

  // The worker asks for legal aid; the union grants it and assigns the demo lawyer.
  await page.goto(`/legal/cases/${aided.id}`);
  await page.getByRole('button', { name: '登记援助申请' }).click();
  await page.getByRole('dialog').getByLabel('申请理由').fill('经济困难，无力聘请律师');
  await ok(page).click();
  await page.getByRole('button', { name: '作出决定' }).click();
  const decide = page.getByRole('dialog');
  await pickOption(decide, page, '指派律师', `林志强（${demoLawyer!.firm}）`);
  await ok(page).click();
  await expect(page.getByRole('cell', { name: /同意援助/ })).toBeVisible();
  await expect(page.locator('.gh-card').filter({ hasText: '承办律师' }).last()).toContainText('林志强');
  await screenshot(page, 'legal-aid');
  await logout(page, '延平区总工会管理员');

  // The lawyer finds the case assigned, and nothing of the other: not by search, not by its address.
  await loginAndWait(page, 'nanping.lawyer');
  await page.goto('/legal/cases');
  await expect(page.getByText('您是律师：只列出指派给您的案件。')).toBeVisible();
  await page.getByLabel('关键字').fill(`延平测试物流${suffix}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(aided.ref) })).toBeVisible();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(1);
  await page.getByLabel('关键字').fill(`延平测试纺织${suffix}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.locator('.ant-table .ant-empty-description')).toHaveText('暂无数据');
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(0);
  await screenshot(page, 'legal-lawyer-list');
  await page.goto(`/legal/cases/${aided.id}`);
  await expect(page.locator('.gh-lg-ref')).toHaveText(aided.ref);
  await expect(page.getByRole('cell', { name: '黄志明' }).first()).toBeVisible();
  await page.goto(`/legal/cases/${other.id}`);
  await expect(page.getByText('不存在或无权访问')).toBeVisible();

  expect(errors).toEqual([]);
});

/** A login of a given role at a unit, with its first password changed (accounts are made on the users page; here through the API). */
async function makeLogin(baseURL: string, unitId: number, username: string, displayName: string, role: 'lawyer' | 'counsellor', password: string) {
  const { ctx, csrfToken } = await apiAs('nanping.admin', baseURL);
  const r = await ctx.post('/api/v1/users', { headers: { 'x-csrf-token': csrfToken }, data: { username, displayName, unitId, role } });
  expect(r.status(), await r.text()).toBe(201);
  const { initialPassword } = (await r.json()) as { initialPassword: string };
  await ctx.dispose();
  const { request } = await import('@playwright/test');
  const me = await request.newContext({ baseURL });
  const l = await me.post('/api/v1/auth/login', { data: { username, password: initialPassword } });
  const { csrfToken: token } = (await l.json()) as { csrfToken: string };
  const p = await me.post('/api/v1/auth/password', { headers: { 'x-csrf-token': token }, data: { currentPassword: initialPassword, newPassword: password } });
  expect(p.status(), await p.text()).toBe(200);
  await me.dispose();
}

test('a counsellor opens a slot, books and confirms an appointment and writes a note the admin cannot read', async ({ page, baseURL }) => {
  const errors = watchConsole(page);
  const suffix = String(Date.now()).slice(-6);
  const yanping = await unitIdByName('nanping.admin', baseURL!, '延平区总工会');
  const username = `counsel${suffix}`;
  const password = `Pw${suffix}Qz7m`;
  const name = `周咨询师${suffix}`;
  const note = `来访者近期工作压力大、睡眠差（${suffix}），约定每周面谈一次。`;
  await makeLogin(baseURL!, yanping, username, name, 'counsellor', password);

  // The county admin adds the counsellor to the team, linked to the login, and sets up a room.
  await loginAndWait(page, 'yanping.admin');
  await page.goto('/counselling/counsellors');
  await page.getByRole('button', { name: '选聘咨询师' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill(name);
  await form.getByLabel('资质', { exact: true }).fill('国家二级心理咨询师');
  await pickOption(form, page, '登录账号', `${name}（${username}）`);
  await ok(page).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('可预约');
  await page.getByRole('button', { name: '设立咨询室' }).click();
  await page.getByRole('dialog').getByLabel('名称').fill(`延平职工心理咨询室${suffix}`);
  await ok(page).click();
  await expect(page.getByRole('cell', { name: `延平职工心理咨询室${suffix}` })).toBeVisible();
  await logout(page, '延平区总工会管理员');

  // The counsellor opens tomorrow 09:00–10:00 in the room, books it for a worker and confirms.
  await login(page, username, password);
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
  await page.goto('/counselling/counsellors');
  await page.getByRole('button', { name: '开放时段' }).click();
  const slotForm = page.getByRole('dialog');
  await expect(slotForm.locator('.ant-select').first()).toContainText(name);
  await pickOption(slotForm, page, '咨询室', `延平职工心理咨询室${suffix}`);
  await ok(page).click();
  await expect(page.getByRole('row', { name: new RegExp(`${name}.*空闲`) })).toBeVisible();
  await screenshot(page, 'counselling-team');

  await page.goto('/counselling/appointments');
  await expect(page.getByText('您是咨询师：只列出由您承接的预约。')).toBeVisible();
  await page.getByRole('button', { name: '申请预约' }).click();
  const req = page.getByRole('dialog');
  await expect(async () => {
    await req.getByLabel('预约时段').click();
    await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option').filter({ hasText: name }).first().click({ timeout: 3000 });
    await expect(req.locator('.ant-select').first()).toContainText(name, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await pickOption(req, page, '申请方式', '职工本人');
  await req.getByLabel('来访者').fill('李女士');
  await req.getByLabel('联系电话').fill('13905990123');
  await pickOption(req, page, '咨询主题', '工作压力');
  await ok(page).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByText('待确认')).toBeVisible();
  await drawer.getByRole('button', { name: '确认预约' }).click();
  await expect(drawer.getByText('已确认', { exact: true })).toBeVisible();
  await drawer.getByLabel('写记录').fill(note);
  await drawer.getByRole('button', { name: '写记录' }).click();
  await expect(drawer.getByText(note)).toBeVisible();
  // Rescheduled to the counsellor's next free hour, it stays confirmed.
  {
    const { request } = await import('@playwright/test');
    const c = await request.newContext({ baseURL: baseURL! });
    const l = await c.post('/api/v1/auth/login', { data: { username, password } });
    const { csrfToken } = (await l.json()) as { csrfToken: string };
    const who = (await (await c.get('/api/v1/counselling/counsellors')).json()) as { items: { id: number; name: string }[] };
    const rooms = (await (await c.get('/api/v1/counselling/rooms')).json()) as { items: { id: number; name: string }[] };
    const tomorrow = daysAgo(-1);
    const r = await c.post('/api/v1/counselling/slots', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        counsellorId: who.items.find((x) => x.name === name)!.id,
        roomId: rooms.items.find((x) => x.name === `延平职工心理咨询室${suffix}`)!.id,
        startsAt: `${tomorrow}T10:00:00+08:00`,
        endsAt: `${tomorrow}T11:00:00+08:00`,
      },
    });
    expect(r.status(), await r.text()).toBe(201);
    await c.dispose();
  }
  await drawer.getByRole('button', { name: /^改\s*约$/ }).click();
  const moving = page.getByRole('dialog', { name: /改\s*约/ });
  await expect(async () => {
    await moving.getByLabel('预约时段').click();
    await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option').filter({ hasText: '10:00–11:00' }).first().click({ timeout: 3000 });
    await expect(moving.locator('.ant-select').first()).toContainText('10:00–11:00', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await moving.getByRole('button', { name: /确\s*定/ }).click();
  await expect(drawer.getByText(/10:00–11:00/)).toBeVisible();
  await expect(drawer.getByText('已确认', { exact: true })).toBeVisible();
  // Follow-ups come after the session is held (the slot is tomorrow): the drawer does not offer one yet.
  await expect(drawer.getByRole('button', { name: '安排回访' })).toHaveCount(0);
  await screenshot(page, 'counselling-note-counsellor');
  const appointmentUrl = page.url();
  const appointmentId = new URL(appointmentUrl).searchParams.get('appointment');
  expect(appointmentId).toMatch(/^\d+$/);
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
  await logout(page, name);

  // The admin sees the appointment, the notice that notes are sealed, and neither the editor nor the text.
  await loginAndWait(page, 'yanping.admin');
  await page.goto(`/counselling/appointments?appointment=${appointmentId}`);
  const adminDrawer = page.getByRole('dialog', { name: '预约详情' });
  await expect(adminDrawer.getByText('李女士 · 13905990123')).toBeVisible();
  await expect(adminDrawer.getByText('已确认', { exact: true })).toBeVisible();
  await expect(adminDrawer.getByText('只有承接本次咨询的咨询师本人可以书写和查看')).toBeVisible();
  await expect(adminDrawer.getByRole('status')).toContainText('已有记录');
  await expect(adminDrawer.getByLabel('写记录')).toHaveCount(0);
  await expect(page.getByText(note)).toHaveCount(0);
  await screenshot(page, 'counselling-note-admin');
  // The union cancels it for the worker, with a reason.
  await adminDrawer.getByRole('button', { name: '取消预约' }).click();
  const cancelling = page.getByRole('dialog', { name: '取消预约' });
  await cancelling.getByLabel('取消原因').fill('来访者临时出差');
  await cancelling.getByRole('button', { name: /确\s*定/ }).click();
  await expect(adminDrawer.getByText('已取消', { exact: true })).toBeVisible();
  await expect(adminDrawer.getByText(/来访者临时出差/)).toBeVisible();
  // Nor through the API.
  const { ctx } = await apiAs('yanping.admin', baseURL!);
  const r = await ctx.get(`/api/v1/counselling/appointments/${appointmentId}/notes`);
  expect([403, 404]).toContain(r.status());
  expect(await r.text()).not.toContain(suffix);
  await ctx.dispose();

  // Statistics are anonymous counts, for the year the appointment falls in (tomorrow may be next year).
  const year = daysAgo(-1).slice(0, 4);
  await page.goto(`/counselling/statistics?from=${year}-01-01&to=${year}-12-31`);
  await expect(page.getByText('只有匿名计数')).toBeVisible();
  await expect(page.getByRole('group', { name: /^预约 [1-9]\d*$/ })).toBeVisible();
  await expect(page.getByRole('group', { name: /^取消 [1-9]\d*$/ })).toBeVisible();
  await expect(page.getByText('李女士')).toHaveCount(0);
  await screenshot(page, 'counselling-statistics');

  expect(errors).toEqual([]);
});
