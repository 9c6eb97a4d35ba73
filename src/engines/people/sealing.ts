/**
 * Sensitive identifiers (ID and bank numbers) are stored sealed: AES-256-GCM for the value, and an
 * HMAC-SHA256 keyed hash to find a record by its number without decrypting anything. Both keys
 * derive from one master key that never enters the database (so a backup read without it reveals
 * nothing): GONGHUI_DATA_KEY (base64, 32 bytes), or for the embedded database a key file created
 * beside it on first start.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, randomFillSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface Keys {
  seal: KeyObject;
  lookup: Buffer;
}

let keys: Keys | undefined;

function derive(master: Buffer): Keys {
  if (master.length !== 32) throw new Error('The data key must be 32 bytes (base64 in GONGHUI_DATA_KEY)');
  return {
    seal: createSecretKey(Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gonghui seal v1', 32))),
    lookup: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gonghui lookup v1', 32)),
  };
}

export function configureDataKey(master: Buffer): void {
  keys = derive(master);
}

/** The key from GONGHUI_DATA_KEY, else from `<dataDir>/data.key` (created, mode 0600, when absent). */
export function loadDataKey(dataDir: string): Buffer {
  const env = process.env.GONGHUI_DATA_KEY;
  if (env) return Buffer.from(env, 'base64');
  const file = path.join(dataDir, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

function current(): Keys {
  if (!keys) throw new Error('The data key is not configured (configureDataKey)');
  return keys;
}

/** The keyed hash used to find a record by a sensitive number (the same number, the same hash). */
export function lookupHash(value: string): string {
  return createHmac('sha256', current().lookup).update(value).digest('base64url');
}

// Nonces are drawn from a buffer of random bytes refilled in bulk: one call to the random source
// per 4,096 seals instead of one per seal (an import seals hundreds of thousands). Each 12-byte
// slice is used once; a fresh fill replaces the whole buffer.
const NONCE = 12;
const TAG = 16;
const noncePool = Buffer.alloc(NONCE * 4096);
let nonceAt = noncePool.length;
function nonce(): Buffer {
  if (nonceAt + NONCE > noncePool.length) {
    randomFillSync(noncePool);
    nonceAt = 0;
  }
  nonceAt += NONCE;
  return noncePool.subarray(nonceAt - NONCE, nonceAt);
}

/** 'v1.' + base64url(iv ‖ tag ‖ ciphertext). */
export function seal(value: string): string {
  const iv = nonce();
  const cipher = createCipheriv('aes-256-gcm', current().seal, iv);
  const ct = cipher.update(value, 'utf8');
  cipher.final();
  const out = Buffer.allocUnsafe(NONCE + TAG + ct.length);
  iv.copy(out, 0);
  cipher.getAuthTag().copy(out, NONCE);
  ct.copy(out, NONCE + TAG);
  return `v1.${out.toString('base64url')}`;
}

export function unseal(sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('Unknown sealed value format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', current().seal, raw.subarray(0, NONCE));
  decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
  return Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]).toString('utf8');
}
