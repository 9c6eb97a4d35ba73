/**
 * The web app as the server sends it: the compressed copy built beside each asset to a browser
 * that takes it, hashed assets kept a year, the page itself never kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { TEST_CONFIG } from '../test/app.ts';
import { buildApp } from './app.ts';
import type { App } from './app-types.ts';

let database: TestDatabase;
let app: App;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-web-'));
const script = `console.log(${JSON.stringify('工会'.repeat(2000))});`;

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>工会工作平台</title><script type="module" src="/assets/index-abc123.js"></script>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), script);
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
  database = await createTestDatabase();
  app = await buildApp({ database, config: TEST_CONFIG, serveWeb: true, webDist: dist, logger: false, scheduler: false });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the web app’s files', () => {
  it('are sent compressed to a browser that takes it, and plain to one that does not', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const gz = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers.vary).toContain('accept-encoding');
  });

  it('keeps hashed assets a year and the page itself not at all', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/membership/members']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('工会工作平台');
    }
  });
});
