import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES, moduleAuditWords } from './index.ts';
import { AUDIT_ENTITIES } from '../lib/org.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every `entity: '…'` the server's code writes to the audit trail (read as text: the web app imports no server code). */
function entitiesTheServerWrites(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/entity: '([a-z_]+)'/g)) found.add(m[1]!);
    }
  };
  for (const dir of ['engines', 'programs', 'server']) walk(path.join(root, dir));
  return found;
}

describe('the web modules', () => {
  it('name every kind of record the server writes to the audit trail, once', () => {
    const written = entitiesTheServerWrites();
    expect(written.size).toBeGreaterThan(30);
    for (const entity of written) expect(AUDIT_ENTITIES, entity).toContain(entity);
    expect(new Set(AUDIT_ENTITIES).size).toBe(AUDIT_ENTITIES.length);
    expect(moduleAuditWords('hardship_household')).toEqual({ zh: '困难职工档案', en: 'Hardship file' });
    expect(moduleAuditWords('org_unit')).toBeUndefined();
  });

  it('each own their permissions, and open their pages only with one of them or an engine’s', () => {
    const owner = new Map<string, string>();
    for (const m of MODULES) {
      for (const p of m.permissions) {
        expect(owner.get(p), `${p} owned twice`).toBeUndefined();
        owner.set(p, m.name);
      }
    }
    for (const m of MODULES) for (const r of m.routes) expect(owner.get(r.permission) ?? m.name, r.path).toBe(m.name);
    expect(owner.get('members.sensitive')).toBe('membership');
    expect(owner.get('portal.self')).toBe('portal');
  });
});
