/**
 * Checks an xlsx (zip) file's central directory before anything is inflated: a truncated file, a
 * zip bomb (huge declared sizes or extreme compression ratios) or too many entries is refused.
 */
import { open } from 'node:fs/promises';
import { importError } from './errors.ts';

export interface ZipLimits {
  /** Total uncompressed bytes of all entries (default 200 MB). */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio for an entry over 1 MB (default 100). */
  maxRatio: number;
  /** Most entries (default 1000). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 1000,
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CD_SIG = 0x02014b50;
/** Ratios are only judged for entries this big: tiny XML parts can compress very well. */
const RATIO_FLOOR = 1024 * 1024;

const corrupt = (why: string) => importError('IMPORT_FILE_CORRUPT', undefined, { reason: why });

/** Reads the zip's central directory; throws ImportFileError when it is damaged or dangerous. */
export async function inspectZip(path: string, limits: Partial<ZipLimits> = {}): Promise<ZipEntryInfo[]> {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt('no end of central directory (truncated?)');
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) throw corrupt('bad zip64 locator');
      const z64Off = Number(tail.readBigUInt64LE(loc + 8));
      const z64 = Buffer.alloc(56);
      await fh.read(z64, 0, 56, z64Off);
      if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt('bad zip64 record');
      entries = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    if (entries > lim.maxEntries) {
      throw importError('IMPORT_ZIP_BOMB', undefined, { reason: 'too many entries', entries });
    }
    if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw corrupt('central directory out of range');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const out: ZipEntryInfo[] = [];
    let total = 0;
    let p = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CD_SIG) throw corrupt('bad central directory entry');
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
        // zip64 extended information: uncompressed, then compressed, each present only if needed
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressed === 0xffffffff) {
              uncompressed = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (compressed === 0xffffffff) compressed = Number(cd.readBigUInt64LE(q));
            break;
          }
          e += 4 + len;
        }
      }
      if (localOffset !== 0xffffffff && localOffset + compressed > size) throw corrupt('entry beyond end of file');
      total += uncompressed;
      if (total > lim.maxUncompressedBytes) {
        throw importError('IMPORT_ZIP_BOMB', undefined, { reason: 'total uncompressed size', total });
      }
      if (uncompressed > RATIO_FLOOR && uncompressed / Math.max(compressed, 1) > lim.maxRatio) {
        throw importError('IMPORT_ZIP_BOMB', undefined, { reason: 'compression ratio', entry: name });
      }
      out.push({ name, compressedSize: compressed, uncompressedSize: uncompressed });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}
