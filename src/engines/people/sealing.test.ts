import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
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
    // One character of the ciphertext changed (to one it is not, so the text always differs).
    const tampered = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    expect(tampered).not.toBe(sealed);
    expect(() => unseal(tampered)).toThrow();
    configureDataKey(randomBytes(32));
    expect(() => unseal(sealed)).toThrow();
  });
  it('never reuses a nonce across many seals (the nonce buffer refills), and every seal opens', () => {
    configureDataKey(randomBytes(32));
    const nonces = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const value = `35070219850615${String(i).padStart(4, '0')}`;
      const sealed = seal(value);
      nonces.add(Buffer.from(sealed.slice(3), 'base64url').subarray(0, 12).toString('hex'));
      if (i % 997 === 0) expect(unseal(sealed)).toBe(value);
    }
    expect(nonces.size).toBe(10_000);
  });
  it('opens values sealed in the stored format v1 (iv ‖ tag ‖ ciphertext) by any writer', () => {
    const master = randomBytes(32);
    configureDataKey(master);
    const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gonghui seal v1', 32));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([c.update('350702198506150031', 'utf8'), c.final()]);
    expect(unseal(`v1.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url')}`)).toBe('350702198506150031');
  });
});
