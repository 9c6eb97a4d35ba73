/** `gonghui seed --demo`: a living Nanping for a newcomer, with a login for each kind of user. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { createUserAsSystem } from '../engines/accounts/service.ts';
import type { Role } from '../engines/accounts/roles.ts';
import { runAsSystem } from '../engines/org/scope.ts';
import { hasAnyUnit, seedDemoOrg } from './org.ts';
import { todayInShanghai } from '../engines/time.ts';
import { PROGRAMS } from '../programs/index.ts';
import { demoLoginsOf, type DemoLogin } from '../programs/program.ts';

export type { DemoLogin } from '../programs/program.ts';

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
  // Bulk loads run on a connection of their own, after the tree is committed: first every
  // program's records, then what is built on them all (targets, snapshots, bulletins).
  const demo = { scale: opts.scale ?? demoScale(), today: todayInShanghai() };
  for (const program of PROGRAMS) if (program.demo?.phase === 'records') logins.push(...demoLoginsOf(await program.demo.seed(database, demo)));
  // The embedded database has no autovacuum: the tables the dashboard counts get their visibility
  // maps (index-only scans) and statistics now, after the bulk loads.
  const analyse = ['org_units', ...PROGRAMS.flatMap((p) => p.demo?.analyse ?? [])];
  await database.exec(`VACUUM (ANALYZE) ${analyse.join(', ')}`);
  for (const program of PROGRAMS) if (program.demo?.phase === 'figures') logins.push(...demoLoginsOf(await program.demo.seed(database, demo)));
  return logins;
}

export function formatLogins(logins: DemoLogin[]): string {
  const lines = logins.map((l) => `  ${l.username.padEnd(20)} ${l.password.padEnd(14)} ${l.role.padEnd(14)} ${l.unit}`);
  return ['演示账号 Demo logins (username / password / role / unit):', ...lines].join('\n');
}

export function saveLogins(dataDir: string, logins: DemoLogin[]): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-logins.txt');
  fs.writeFileSync(file, `${formatLogins(logins)}\n`, { mode: 0o600 });
  return file;
}
