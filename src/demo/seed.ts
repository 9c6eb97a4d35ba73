/** `gonghui seed --demo`: a living Nanping for a newcomer, with a login for each kind of user. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { createUserAsSystem } from '../engines/accounts/service.ts';
import type { Role } from '../engines/accounts/roles.ts';
import { runAsSystem } from '../engines/org/scope.ts';
import { hasAnyUnit, seedDemoOrg } from './org.ts';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  unit: string;
}

export async function seedDemo(database: Database, opts: { unionsPerTownship?: number } = {}): Promise<DemoLogin[] | null> {
  return runAsSystem(database, async (db) => {
    if (await hasAnyUnit(db)) return null;
    const org = await seedDemoOrg(db, { unionsPerTownship: opts.unionsPerTownship ?? 6 });
    const logins: DemoLogin[] = [];
    const add = async (username: string, displayName: string, role: Role, unitId: number, unit: string) => {
      // Demo accounts are ready to use; real accounts must change their first password.
      const { password } = await createUserAsSystem(db, { username, displayName, role, unitId, mustChangePassword: false });
      logins.push({ username, password, role, unit });
    };
    await add('nanping.admin', '市总管理员', 'city_admin', org.cityId, '南平市总工会');
    await add('nanping.auditor', '市总经审', 'auditor', org.cityId, '南平市总工会');
    await add('nanping.reviewer', '市总审核', 'reviewer', org.cityId, '南平市总工会');
    for (const c of org.counties) await add(`${c.slug}.admin`, `${c.name}管理员`, 'county_admin', c.id, c.name);
    return logins;
  });
}

export function formatLogins(logins: DemoLogin[]): string {
  const lines = logins.map((l) => `  ${l.username.padEnd(20)} ${l.password.padEnd(14)} ${l.role.padEnd(14)} ${l.unit}`);
  return ['演示账号 Demo logins (username / password / role / unit):', ...lines].join('\n');
}

export function saveLogins(dataDir: string, logins: DemoLogin[]): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-logins.txt');
  fs.writeFileSync(file, formatLogins(logins) + '\n', { mode: 0o600 });
  return file;
}
