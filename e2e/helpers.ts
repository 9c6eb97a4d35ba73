/** Shared steps for the browser tests: demo passwords, sign-in, console watching, screenshots. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = process.env.E2E_DATA_DIR ? path.resolve(process.env.E2E_DATA_DIR) : path.join(root, '.data-e2e');

/** The demo logins the server wrote on its first start. */
export function demoPassword(username: string): string {
  const text = fs.readFileSync(path.join(DATA_DIR, 'demo-logins.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const [user, password] = line.trim().split(/\s+/);
    if (user === username && password) return password;
  }
  throw new Error(`no demo login for ${username}`);
}

/** Records console errors and uncaught page errors (network failures the app handles are not errors of the page). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    const text = msg.text();
    // The browser reports every non-2xx answer; the app shows those answers itself (e.g. 401 before sign-in, 404 out of scope).
    if (/Failed to load resource: the server responded with a status of (401|403|404)/.test(text)) return;
    errors.push(`${msg.type()}: ${text}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export async function login(page: Page, username: string, password = demoPassword(username)): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function loginAndWait(page: Page, username: string): Promise<void> {
  await login(page, username);
  await expect(page.getByRole('menuitem', { name: '首页' })).toBeVisible();
}

export async function logout(page: Page, displayName: string): Promise<void> {
  const signIn = page.getByRole('button', { name: /登\s*录/ });
  const item = page.getByRole('menuitem', { name: '退出登录' });
  // The user menu opens with an animation, and a click that lands while it moves is lost:
  // open it and choose again until the sign-in page shows.
  await expect(async () => {
    if (await signIn.isVisible()) return;
    if (!(await item.isVisible())) await page.getByRole('button', { name: displayName }).click({ timeout: 2000 });
    await item.click({ timeout: 2000 });
    await expect(signIn).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** The test run's day, which the server under test takes as today (playwright.config.ts). */
export function today(): string {
  const day = process.env.GONGHUI_TEST_TODAY;
  if (!day) throw new Error('GONGHUI_TEST_TODAY is not set: run the browser tests through playwright.config.ts');
  return day;
}

/** An API client signed in as a demo user, separate from the page's browser context. */
export async function apiAs(username: string, baseURL: string) {
  const { request } = await import('@playwright/test');
  const ctx = await request.newContext({ baseURL });
  const r = await ctx.post('/api/v1/auth/login', { data: { username, password: demoPassword(username) } });
  if (!r.ok()) throw new Error(`login ${username}: ${r.status()}`);
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { ctx, csrfToken };
}

export async function unitIdByName(username: string, baseURL: string, name: string): Promise<number> {
  const { ctx } = await apiAs(username, baseURL);
  const r = await ctx.get(`/api/v1/org/units?pageSize=5&q=${encodeURIComponent(name)}`);
  const body = (await r.json()) as { items: { id: number; name: string }[] };
  await ctx.dispose();
  const found = body.items.find((u) => u.name === name);
  if (!found) throw new Error(`no unit ${name}`);
  return found.id;
}

/** The day `n` days before the test run's day (after it, for a negative `n`). */
export function daysAgo(n: number): string {
  return new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/** Types a date into an antd DatePicker found by its label. */
export async function setDate(page: Page, label: string, value: string, scope?: import('@playwright/test').Locator): Promise<void> {
  const input = (scope ?? page).getByLabel(label, { exact: true });
  await input.click();
  await input.press('Control+a');
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

/**
 * Opens an antd Select (found by its label) and picks the visible option with this title. With
 * `search`, types it first (the remote selects load their options from it). Tries again from a
 * closed select when the option does not show, so a slow or failed option load is retried.
 */
export async function pickOption(scope: Page | import('@playwright/test').Locator, page: Page, label: string, option: string, search?: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  // antd renders its options in a popup outside the field; their accessible copies are hidden, so pick the visible one by title.
  const item = page.locator('.ant-select-dropdown').filter({ visible: true }).getByTitle(option, { exact: true });
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  let attempt = 0;
  await expect(async () => {
    if (attempt++ > 0) await page.keyboard.press('Escape');
    await field.click();
    if (search !== undefined) await field.fill(search);
    await item.click({ timeout: 8_000 });
    // A click during the popup's opening motion can be lost: the choice must show in the field.
    await expect(select).toContainText(option, { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
}

/**
 * Creates an account through the API as `admin` and sets its own password, so the browser can sign
 * in with it straight away (no forced change). Returns the password.
 */
export async function createReadyUser(admin: string, baseURL: string, user: { username: string; displayName: string; unitId: number; role: string }): Promise<string> {
  const { ctx, csrfToken } = await apiAs(admin, baseURL);
  const r = await ctx.post('/api/v1/users', { data: user, headers: { 'x-csrf-token': csrfToken } });
  if (!r.ok()) throw new Error(`create ${user.username}: ${r.status()} ${await r.text()}`);
  const { initialPassword } = (await r.json()) as { initialPassword: string };
  await ctx.dispose();
  const { request } = await import('@playwright/test');
  const own = await request.newContext({ baseURL });
  const login = await own.post('/api/v1/auth/login', { data: { username: user.username, password: initialPassword } });
  const { csrfToken: token } = (await login.json()) as { csrfToken: string };
  const password = `Gh${Math.random().toString(36).slice(2, 10)}9x`;
  const changed = await own.post('/api/v1/auth/password', { data: { currentPassword: initialPassword, newPassword: password }, headers: { 'x-csrf-token': token } });
  if (!changed.ok()) throw new Error(`password ${user.username}: ${changed.status()} ${await changed.text()}`);
  await own.dispose();
  return password;
}

/** A valid 18-character ID number (GB 11643) from its first 17 digits. */
export function idNumberFrom(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return first17 + '10X98765432'[sum % 11]!;
}

/**
 * A working day a few days from the test day (by the federation's holiday calendar, as the case
 * engine reads it), and how many days away it is: a deadline set to end on it is "due soon" on
 * any test day, the eve of a week-long holiday included (then it may be the test day itself).
 */
export async function workingDaySoon(username: string, baseURL: string): Promise<{ day: string; daysLeft: number }> {
  const { ctx } = await apiAs(username, baseURL);
  const years = [Number(today().slice(0, 4)), Number(today().slice(0, 4)) + 1];
  const kinds = new Map<string, string>();
  for (const year of years) {
    const r = await ctx.get(`/api/v1/cases/calendar?year=${year}`);
    for (const d of ((await r.json()) as { days: { day: string; kind: string }[] }).days) kinds.set(d.day, d.kind);
  }
  await ctx.dispose();
  const working = (day: string) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return kinds.get(day) === 'workday' || (kinds.get(day) !== 'holiday' && weekday !== 0 && weekday !== 6);
  };
  for (const k of [3, 2, 4, 1, 5, 6, 0]) {
    const day = daysAgo(-k);
    if (working(day) && !day.endsWith('-02-29')) return { day, daysLeft: k };
  }
  throw new Error(`no working day within a week of ${today()}`);
}
