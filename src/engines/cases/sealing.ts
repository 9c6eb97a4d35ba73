/**
 * Sealing for a purpose of its own: case facts and counselling notes are encrypted with keys that
 * differ from the one that seals ID numbers, so a key handed out for one purpose opens nothing
 * else. Each purpose key is derived from the data key through the people engine's keyed hash
 * (HMAC-SHA256, a pseudo-random function), so it exists only in memory and never in the database
 * or a backup. AES-256-GCM, as for ID numbers: 'p1.' + base64url(iv ‖ tag ‖ ciphertext).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { lookupHash } from '../people/sealing.ts';

export interface PurposeSealer {
  seal(value: string): string;
  unseal(sealed: string): string;
}

export function purposeSealer(purpose: string): PurposeSealer {
  // Derived on first use (the data key is configured at start-up, after modules load).
  const key = () => Buffer.from(lookupHash(`gonghui purpose key v1: ${purpose}`), 'base64url');
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return `p1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
    },
    unseal(sealed) {
      if (!sealed.startsWith('p1.')) throw new Error('Unknown sealed value format');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
