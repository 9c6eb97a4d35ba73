// Starts a fresh server for the browser tests: new data dir, fresh web build, embedded database.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDay } from '../scripts/test-day.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.E2E_DATA_DIR ? path.resolve(process.env.E2E_DATA_DIR) : path.join(root, '.data-e2e');
const port = process.env.E2E_PORT || '3210';

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// A small Nanping (2% of the report's size) keeps the browser tests quick; figures scale with it.
// The server runs on the test run's day (scripts/test-day.mjs), as the other tests do.
const { day } = testDay();
const env = {
  ...process.env,
  NODE_ENV: 'test',
  GONGHUI_TEST_TODAY: day,
  GONGHUI_DATA_DIR: dataDir,
  PORT: port,
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  GONGHUI_DEMO_SCALE: process.env.GONGHUI_DEMO_SCALE || '0.02',
};
delete env.DATABASE_URL;
const server = spawn(process.execPath, ['bin/gonghui.js', 'start'], { cwd: root, env, stdio: 'inherit' });

const stop = () => {
  if (!server.killed) server.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('exit', stop);
server.on('exit', (code) => process.exit(code ?? 0));
