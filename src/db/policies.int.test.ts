/**
 * The row-level security policies in force, as the database reports them after migration, equal
 * the committed `policies.txt`: a policy change shows in review as a diff of that file, not only as
 * the last ALTER of a migration. After changing a policy: `GONGHUI_WRITE_POLICIES=1 npx vitest run
 * src/db/policies.int.test.ts` rewrites the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'policies.txt');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

/** One block per policy, in table and policy order, with its expressions on one line each. */
async function policiesInForce(db: TestDatabase): Promise<string> {
  const rows = await db.query<{ tablename: string; policyname: string; permissive: string; roles: string[] | string; cmd: string; qual: string | null; with_check: string | null }>(
    `SELECT tablename, policyname, permissive, roles, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`,
  );
  const flat = (e: string | null) => (e === null ? '—' : e.replace(/\s+/g, ' ').trim());
  const roles = (r: string[] | string) =>
    (Array.isArray(r)
      ? r
      : String(r)
          .replace(/^\{|\}$/g, '')
          .split(',')
    )
      .sort()
      .join(', ');
  const rls = await db.query<{ relname: string; forced: boolean }>(
    `SELECT c.relname, c.relforcerowsecurity AS forced FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity ORDER BY c.relname`,
  );
  return [
    '# Row-level security in force after migration (src/db/policies.int.test.ts compares; rewrite with GONGHUI_WRITE_POLICIES=1).',
    '',
    '## Tables with row-level security',
    ...rls.map((t) => `${t.relname}${t.forced ? ' (forced)' : ''}`),
    '',
    '## Policies',
    ...rows.flatMap((p) => [`${p.tablename}.${p.policyname}: ${p.permissive.toLowerCase()} ${p.cmd} to ${roles(p.roles)}`, `  using: ${flat(p.qual)}`, `  check: ${flat(p.with_check)}`]),
    '',
  ].join('\n');
}

describe('row-level security policies', () => {
  it('are those committed in src/db/policies.txt', async () => {
    const actual = await policiesInForce(database);
    if (process.env.GONGHUI_WRITE_POLICIES === '1') fs.writeFileSync(FILE, actual);
    expect(actual.split('\n').length).toBeGreaterThan(40);
    expect(actual).toBe(fs.readFileSync(FILE, 'utf8'));
  });
});
