import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, isStrongEnough, verifyPassword } from './passwords.ts';
import { can, ROLES } from './roles.ts';

describe('passwords', () => {
  it('generates distinct passwords of letters and digits without look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-Za-z2-9]{12}$/);
      expect(p).not.toMatch(/[01lIO]/);
      expect(isStrongEnough(p, 'someone')).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('refuses short, letter-only, digit-only passwords and those containing the username', () => {
    expect(isStrongEnough('abc123', 'x')).toBe(false);
    expect(isStrongEnough('abcdefghijkl', 'x')).toBe(false);
    expect(isStrongEnough('123456789012', 'x')).toBe(false);
    expect(isStrongEnough('Zhang.san2026', 'zhang.san')).toBe(false);
    expect(isStrongEnough('Wuyi-mountain-2026', 'zhang.san')).toBe(true);
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Correct-horse-9');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Correct-horse-9')).toBe(true);
    expect(await verifyPassword(h, 'correct-horse-9')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('roles', () => {
  it('lets the auditor read the trail and change nothing', () => {
    expect(can('auditor', 'audit.read')).toBe(true);
    expect(can('auditor', 'org.write')).toBe(false);
    expect(can('auditor', 'users.write')).toBe(false);
  });
  it('gives every role a defined set of permissions', () => {
    for (const r of ROLES) expect(() => can(r, 'org.read')).not.toThrow();
    expect(can('worker', 'org.read')).toBe(false);
  });
});
