import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configureDataKey, lookupHash, seal, unseal } from './sealing.ts';

describe('sealing sensitive numbers', () => {
  it('round-trips, never repeats a ciphertext, and hashes the same number the same way', () => {
    configureDataKey(randomBytes(32));
    const id = '350702198506150031';
    const a = seal(id);
    const b = seal(id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(unseal(a)).toBe(id);
    expect(lookupHash(id)).toBe(lookupHash(id));
    expect(lookupHash(id)).not.toBe(lookupHash('350702198506150040'));
  });
  it('cannot be opened with another key, and detects tampering', () => {
    configureDataKey(randomBytes(32));
    const sealed = seal('350702198506150031');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => unseal(tampered)).toThrow();
    configureDataKey(randomBytes(32));
    expect(() => unseal(sealed)).toThrow();
  });
});
