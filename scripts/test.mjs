#!/usr/bin/env node
/**
 * `npm test`: type check; unit and integration tests on the embedded database (PGlite); the
 * integration tests again on a PostgreSQL server when TEST_DATABASE_URL is set (each test file in
 * a fresh database of its own); browser tests in Chromium — skipped with one loud line when no
 * Chromium is found, failing instead when REQUIRE_E2E=1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeDay, testDay, TEST_DAY_VARIABLE } from './test-day.mjs';

// The whole run — unit, integration and browser tests — takes one day as today.
const day = testDay();
process.env[TEST_DAY_VARIABLE] = day.day;
console.log(`Test day: ${describeDay(day.day)} — from ${day.source}; set ${TEST_DAY_VARIABLE}=YYYY-MM-DD to choose another.`);

const results = path.resolve('test-results');
fs.mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n━━ ${name} ━━`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

function countVitest(file) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += s.expected ?? 0;
  totals.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  totals.skipped += s.skipped ?? 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

step('type check', npx, ['tsc', '--noEmit', '-p', '.']);
// One format and one set of lint rules for the whole tree (biome.jsonc); `npx biome check --write .` fixes most.
step('format and lint', npx, ['biome', 'ci', '--reporter=summary', '.']);
// The house's boundaries (.dependency-cruiser.cjs): engines never import programs, programs meet
// through their index.ts, services never import Fastify, the web app never imports server code.
step('boundaries', npx, ['depcruise', 'src', 'bin', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);

const pgliteJson = path.join(results, 'vitest-pglite.json');
fs.rmSync(pgliteJson, { force: true });
step('unit and integration tests — embedded PGlite', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgliteJson}`], {
  GONGHUI_TEST_PG_URL: '',
});
countVitest(pgliteJson);

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const pgJson = path.join(results, 'vitest-postgresql.json');
  fs.rmSync(pgJson, { force: true });
  step('integration tests — PostgreSQL server (TEST_DATABASE_URL)', npx, ['vitest', 'run', 'int.test', '--reporter=default', '--reporter=json', `--outputFile.json=${pgJson}`], {
    GONGHUI_TEST_PG_URL: serverUrl,
  });
  countVitest(pgJson);
} else {
  console.log('\n(TEST_DATABASE_URL is not set: integration tests ran on the embedded database only.)');
}

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
if (chromium) {
  const e2eJson = path.join(results, 'playwright.json');
  fs.rmSync(e2eJson, { force: true });
  step('browser tests — Chromium', npx, ['playwright', 'test', '--reporter=list,json'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  countPlaywright(e2eJson);
} else if (process.env.REQUIRE_E2E === '1') {
  console.error("\n✖ REQUIRE_E2E=1 but no Chromium was found (set CHROMIUM_PATH or install Debian's chromium).");
  failedSteps.push('browser tests (no Chromium)');
} else {
  console.warn('\n!!!!! BROWSER TESTS SKIPPED: no Chromium found at CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium) !!!!!');
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
