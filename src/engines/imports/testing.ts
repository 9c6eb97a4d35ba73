/** Shared fixtures for this folder's tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { SheetSpec } from './spec.ts';

export interface Member {
  name: string;
  idNumber: string;
  gender: string;
  joinedOn: string | null;
  phone: string | null;
}

export const memberSpec: SheetSpec<Member> = {
  name: '会员名册',
  title: '会员花名册导入模板',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '张三', width: 12 },
    {
      key: 'idNumber',
      header: '身份证号',
      aliases: ['公民身份号码', '身份证号码'],
      required: true,
      kind: 'id',
      example: '110101199003070011',
      note: '18 位，最后一位可以是 X',
      parse: (t) => (/^\d{17}[\dX]$/.test(t.toUpperCase()) ? { value: t.toUpperCase() } : { error: '身份证号应为 18 位' }),
    },
    { key: 'gender', header: '性别', required: true, example: '男', choices: ['男', '女'] },
    {
      key: 'joinedOn',
      header: '入会日期',
      kind: 'date',
      example: '2020-05-01',
      parse: (t) => (/^\d{4}-\d{2}-\d{2}$/.test(t) ? { value: t } : { error: '日期格式应为 2024-01-31' }),
    },
    {
      key: 'phone',
      header: '手机号码（选填）',
      aliases: ['手机号码', '手机'],
      kind: 'id',
      example: '13800138000',
      parse: (t) => (/^1\d{10}$/.test(t) ? { value: t } : { error: '手机号码应为 11 位数字' }),
    },
  ],
  identity: (r) => r.idNumber,
  identityKey: 'idNumber',
};

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gh-imports-'));
}

export function writeTemp(dir: string, name: string, data: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A minimal zip (deflated entries) built by hand, for the zip checks. */
export function makeZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(e.data.length, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, comp);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(e.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

let gbkTable: Map<string, Buffer> | null = null;
/** Encodes text as GBK (ASCII + 2-byte GBK), using a table built from the platform's GBK decoder. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.from([a, b]));
      }
    }
  }
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      parts.push(b);
    }
  }
  return Buffer.concat(parts);
}
