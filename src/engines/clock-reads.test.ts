/**
 * One clock: outside engines/clock.ts (the server's) and web/admin/lib/time.ts (the browser's,
 * which follows the server's), no code reads the wall clock itself — not `new Date()`,
 * `Date.now()`, nor SQL's `now()`, `current_date` and kin (the database's side is `clock_now()`).
 * Tests are held to it too, so none of them depends on the real date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The clocks themselves, the database's (migration 0031) and this check. */
const CLOCKS = new Set(['src/engines/clock.ts', 'src/web/admin/lib/time.ts', 'src/db/migrations/0031_one_clock.sql', 'src/engines/clock-reads.test.ts']);
/** Migrations before the one clock keep their history; later ones are checked. */
const FIRST_CHECKED_MIGRATION = 31;

const WALL_CLOCK_READS: [RegExp, string][] = [
  [/new Date\(\s*\)/, 'new Date()'],
  [/\bDate\.now\(\)/, 'Date.now()'],
  [/(?<![\w.])now\(\)/i, 'now()'],
  [/\b(current_date|current_timestamp|current_time|localtimestamp|localtime|transaction_timestamp|statement_timestamp|clock_timestamp)\b/i, 'an SQL clock'],
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) yield full;
    else if (/\.sql$/.test(entry.name) && Number(entry.name.slice(0, 4)) >= FIRST_CHECKED_MIGRATION) yield full;
  }
}

/** Each direct read of the wall clock, as 'file:line: what'. */
function wallClockReads(files: Iterable<string>): string[] {
  const found: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (CLOCKS.has(rel)) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Comments may speak of the clock; only code reads it.
        const code = line.replace(/^\s*(\*|\/\/|--).*$/, '').replace(/\s\/\/ .*$/, '');
        for (const [pattern, what] of WALL_CLOCK_READS) if (pattern.test(code)) found.push(`${rel}:${i + 1}: ${what}`);
      });
  }
  return found;
}

describe('one clock', () => {
  it('is the only reader of the wall clock in the server, the web app, the tests and the migrations after it', () => {
    const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'bin'))];
    expect(files.length).toBeGreaterThan(100);
    expect(wallClockReads(files)).toEqual([]);
  });

  it('finds a direct read where one is written', () => {
    fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(root, 'test-results', 'clock-'));
    try {
      const file = path.join(dir, 'offender.ts');
      fs.writeFileSync(
        file,
        [
          '// new Date() in a comment is fine',
          'const a = new Date();',
          'const b = Date.now();',
          'const c = sql`SELECT now()`;',
          "const d = 'x' + current_date;",
          'const e = clock.now();',
          'const f = sql`clock_now()`;',
          "const g = new Date('2026-01-01');",
        ].join('\n'),
      );
      expect(wallClockReads([file]).map((f) => f.replace(/^.*offender\.ts:/, ''))).toEqual(['2: new Date()', '3: Date.now()', '4: now()', '5: an SQL clock']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
