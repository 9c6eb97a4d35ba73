import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import type { Database } from '../db/client.ts';
import type { App } from '../server/app-types.ts';

export const TEST_CONFIG = {
  dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-files-')),
  secureCookies: false,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  logLevel: 'silent',
};

export async function buildTestApp(database: Database, overrides: Partial<typeof TEST_CONFIG> = {}): Promise<App> {
  const app = await buildApp({ database, config: { ...TEST_CONFIG, ...overrides }, serveWeb: false, logger: false });
  await app.ready();
  return app;
}
