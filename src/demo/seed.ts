/** `gonghui seed --demo`: a living Nanping for a newcomer, with a login for each kind of user. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { createUserAsSystem } from '../engines/accounts/service.ts';
import type { Role } from '../engines/accounts/roles.ts';
import { runAsSystem } from '../engines/org/scope.ts';
import { hasAnyUnit, seedDemoOrg } from './org.ts';
import { seedMembershipDemo } from '../programs/membership/demo.ts';
import { seedHardshipDemo } from '../programs/hardship/demo.ts';
import { seedReliefDemo } from '../programs/relief/demo.ts';
import { seedSupervisionDemo } from '../programs/supervision/demo.ts';
import { seedLegalDemo } from '../programs/legal/demo.ts';
import { seedCounsellingDemo } from '../programs/counselling/demo.ts';
import { seedPortalDemo } from '../programs/portal/demo.ts';
import { todayInShanghai } from '../engines/time.ts';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  unit: string;
}

/** The demo's size relative to Nanping's (1 = the report's figures); GONGHUI_DEMO_SCALE overrides. */
export function demoScale(): number {
  const raw = process.env.GONGHUI_DEMO_SCALE;
  const n = raw ? Number(raw) : 1;
  if (!Number.isFinite(n) || n <= 0 || n > 5) throw new Error(`GONGHUI_DEMO_SCALE must be a number in (0, 5], got "${raw}"`);
  return n;
}

export async function seedDemo(database: Database, opts: { scale?: number } = {}): Promise<DemoLogin[] | null> {
  const logins = await runAsSystem(database, async (db) => {
    if (await hasAnyUnit(db)) return null;
    const org = await seedDemoOrg(db, { unionsPerTownship: 0 });
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
    // A lawyer of the legal service team and a counsellor: each sees only their own cases or appointments.
    await add('nanping.lawyer', '林志强律师', 'lawyer', org.cityId, '南平市总工会');
    await add('nanping.counsellor', '何静怡（心理咨询师）', 'counsellor', org.cityId, '南平市总工会');
    return logins;
  });
  if (!logins) return null;
  // Bulk loads run on a connection of their own, after the tree is committed.
  await seedMembershipDemo(database, { scale: opts.scale ?? demoScale(), today: todayInShanghai() });
  await seedHardshipDemo(database, { scale: opts.scale ?? demoScale(), today: todayInShanghai() });
  await seedReliefDemo(database, { scale: opts.scale ?? demoScale(), today: todayInShanghai() });
  // Legal services and counselling: the report's dispute figures, the two teams, current cases and slots.
  await seedLegalDemo(database, { scale: opts.scale ?? demoScale(), today: todayInShanghai() });
  await seedCounsellingDemo(database, { scale: opts.scale ?? demoScale(), today: todayInShanghai() });
  logins.push(...(await seedPortalDemo(database, { today: todayInShanghai() }))); // a worker of the portal, with a dispute and a booking
  // The embedded database has no autovacuum: the tables the dashboard counts get their visibility
  // maps (index-only scans) and statistics now, after the bulk loads.
  await database.exec(`VACUUM (ANALYZE) org_units, hardship_households, relief_applications, approval_requests, cases, case_stages, legal_disputes, counselling_appointments`);
  // Targets, a year of monthly snapshots and bulletins, built on every program's figures.
  await seedSupervisionDemo(database, { today: todayInShanghai() });
  return logins;
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
