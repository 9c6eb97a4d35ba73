/**
 * `npm run bench`: the membership figures the issue names, each beside a baseline measured in the
 * same run on the same database — member import vs raw COPY (csv) and vs ExcelJS's own streaming
 * read (xlsx); the coverage rollup through the API vs a plain GROUP BY over the raw tables; peak
 * memory; the rollup again right after a write (which makes one county's tallies stale). BENCH_ROWS (default 200000) and BENCH_SCALE (demo size, default 1 ≈ 415k members) set
 * the sizes; the PostgreSQL run needs BENCH_DATABASE_URL (or TEST_DATABASE_URL).
 */
import { freshDatabase } from './fresh-database.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Database } from '../src/db/client.ts';
import { onOneConnection, csvLine } from '../src/db/connection.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { configureDataKey, lookupHash, seal } from '../src/engines/people/sealing.ts';
import { idCardCheckChar, maskIdCard, parseIdCard } from '../src/engines/people/identifiers.ts';
import { createImportJob, enqueueImportJob, idleImportJobs, jobDir, newJobId } from '../src/engines/imports/jobs.ts';
import { runAsSystem, runScoped, scopeOfUnit } from '../src/engines/org/scope.ts';
import { buildApp } from '../src/server/app.ts';
import '../src/programs/membership/member-import.ts';

configureDataKey(randomBytes(32));
const ROWS = Number(process.env.BENCH_ROWS ?? 200000);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-bench-'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await f();
  return { ms: performance.now() - t0, r };
};

/** A roster of new people for existing unions, as CSV text and as rows. */
function roster(unions: string[], n: number, birthOffset: number): string[][] {
  const rows: string[][] = [];
  const base = Date.parse('1960-01-01');
  for (let i = 0; i < n; i++) {
    const birth = new Date(base + ((i + birthOffset) % 15000) * 86400000).toISOString().slice(0, 10);
    const seq = 900 - Math.floor((i + birthOffset) / 15000);
    const first17 = `350799${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    rows.push([`职工${i}`, first17 + idCardCheckChar(first17), '', i % 3 === 0 ? '是' : '否', unions[i % unions.length]!, '', '2024-03-01']);
  }
  return rows;
}

const HEADERS = ['姓名', '身份证号', '手机号码', '是否农民工', '所属基层工会', '工作单位统一社会信用代码', '入会日期'];

async function writeXlsx(file: string, rows: string[][]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('会员名册');
  ws.addRow(HEADERS).commit();
  for (const r of rows) ws.addRow(r).commit();
  await wb.commit();
}

async function importFile(db: Database, file: string, name: string, cityUnitId: number, adminId: number) {
  const id = newJobId();
  const dir = jobDir(work, id);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, `upload${path.extname(name)}`));
  const scope = (await runAsSystem(db, (d) => scopeOfUnit(d, cityUnitId)))!;
  await runScoped(db, { userId: adminId, username: 'bench', displayName: 'bench', role: 'city_admin', unitId: cityUnitId }, scope, (ctx) =>
    createImportJob(ctx, { id, kind: 'members', mode: 'valid_only', unitId: cityUnitId, fileName: name }),
  );
  enqueueImportJob(db, work, id);
  await idleImportJobs();
  const [job] = await db.query<{ status: string; counts: { imported: number } }>('SELECT status, counts FROM import_jobs WHERE id = $1', [id]);
  if (job?.status !== 'done') throw new Error(`import ${name} ended ${job?.status}`);
  return job.counts.imported;
}

async function benchKind(kind: 'pglite' | 'postgresql') {
  const { db, drop } = await freshDatabase(kind, work);
  const out: Record<string, number | string> = { database: kind };
  try {
    const seeded = await time(() => seedDemo(db, { scale: SCALE }));
    const [{ members }] = (await db.query<{ members: number }>('SELECT count(*)::int AS members FROM memberships')) as [{ members: number }];
    out.demoMembers = members;
    out.demoLoadSeconds = +(seeded.ms / 1000).toFixed(1);
    const [{ id: cityId }] = (await db.query<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'city'`)) as [{ id: number }];
    const [{ id: adminId }] = (await db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'city_admin' LIMIT 1`)) as [{ id: number }];
    const unions = (await db.query<{ name: string }>(`SELECT code AS name FROM org_units WHERE kind = 'grassroots' ORDER BY id LIMIT 2000`)).map((r) => r.name);

    // csv: import vs raw COPY of the same rows
    const csvRows = roster(unions, ROWS, 0);
    const csvFile = path.join(work, 'roster.csv');
    fs.writeFileSync(csvFile, csvLine(HEADERS) + csvRows.map((r) => csvLine(r)).join(''));
    await db.exec(`CREATE TABLE bench_raw (name text, id_number text, phone text, migrant text, union_ref text, employer text, joined_on date)`);
    const raw = await time(() =>
      onOneConnection(db, {}, async (_q, copyIn) => copyIn('bench_raw', ['name', 'id_number', 'phone', 'migrant', 'union_ref', 'employer', 'joined_on'], csvRows.map((r) => csvLine(r)).join(''))),
    );
    const imp = await time(() => importFile(db, csvFile, 'roster.csv', cityId, adminId));
    out.rawCopyRowsPerSec = Math.round(ROWS / (raw.ms / 1000));
    out.csvImportRowsPerSec = Math.round(imp.r / (imp.ms / 1000));
    out.csvImportVsCopy = `${Math.round((100 * raw.ms) / imp.ms)}%`;

    // The same number of members COPY'd straight into the member tables — persons and memberships,
    // with every key, index, foreign key, check and tally trigger — the ID numbers already checked,
    // hashed and sealed: a raw COPY into the tables the import fills, with nothing read, checked or
    // sealed. The import can approach this, never pass it.
    const tableRows = roster(unions, ROWS, 2 * ROWS);
    const unionIds = new Map((await db.query<{ id: number; code: string }>(`SELECT id, code FROM org_units WHERE kind = 'grassroots'`)).map((u) => [u.code, u.id]));
    const crypto = await time(async () => tableRows.map((r) => [lookupHash(r[1]!), seal(r[1]!)] as const));
    out.hashAndSealMicrosPerRow = +((1000 * crypto.ms) / ROWS).toFixed(1);
    const [{ first }] = (await db.query<{ first: number }>(`SELECT coalesce(max(id), 0)::int + 1 AS first FROM persons`)) as [{ first: number }];
    const personsCsv = tableRows
      .map((r, i) => {
        const id = parseIdCard(r[1]!);
        if (!id.ok) throw new Error('bench roster has a bad ID number');
        const [hash, sealed] = crypto.r[i]!;
        return csvLine([first + i, hash, sealed, maskIdCard(r[1]!), r[0], id.info.gender, id.info.birthDate, null, r[3] === '是']);
      })
      .join('');
    const membershipsCsv = tableRows.map((r, i) => csvLine([unionIds.get(r[4]!), first + i, r[6]])).join('');
    const tables = await time(() =>
      onOneConnection(db, {}, async (q, copyIn) => {
        await copyIn('persons', ['id', 'id_hash', 'id_sealed', 'id_masked', 'name', 'gender', 'birth_date', 'phone', 'migrant_worker'], personsCsv);
        await copyIn('memberships', ['union_unit_id', 'person_id', 'joined_on'], membershipsCsv);
        await q(`SELECT setval(pg_get_serial_sequence('persons', 'id'), (SELECT max(id) FROM persons))`);
      }),
    );
    out.tablesCopyRowsPerSec = Math.round(ROWS / (tables.ms / 1000));
    out.csvImportVsTablesCopy = `${Math.round((100 * tables.ms) / imp.ms)}%`;

    // xlsx: import vs ExcelJS's own streaming read of the same file
    const xlsxFile = path.join(work, 'roster.xlsx');
    await writeXlsx(xlsxFile, roster(unions, ROWS, ROWS));
    const read = await time(async () => {
      let n = 0;
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxFile, { sharedStrings: 'cache', worksheets: 'emit' });
      for await (const ws of reader) for await (const _row of ws) n++;
      return n;
    });
    const ximp = await time(() => importFile(db, xlsxFile, 'roster.xlsx', cityId, adminId));
    out.excelJsReadRowsPerSec = Math.round(read.r / (read.ms / 1000));
    out.xlsxImportRowsPerSec = Math.round(ximp.r / (ximp.ms / 1000));
    out.xlsxImportVsExcelJs = `${Math.round((100 * read.ms) / ximp.ms)}%`;

    // coverage rollup for the whole tree through the API vs a plain GROUP BY over the raw tables
    const app = await buildApp({
      database: db,
      config: { dataDir: work, secureCookies: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, lockoutThreshold: 5, lockoutMinutes: 15, logLevel: 'silent' },
      serveWeb: false,
      logger: false,
    });
    const { hashPassword } = await import('../src/engines/accounts/passwords.ts');
    await db.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [adminId, await hashPassword('Bench-passw0rd')]);
    const [{ username }] = (await db.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [adminId])) as [{ username: string }];
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Bench-passw0rd' } });
    const cookie = `gonghui_session=${login.cookies.find((c) => c.name === 'gonghui_session')!.value}`;
    const api: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = await time(() => app.inject({ method: 'GET', url: '/api/v1/membership/coverage/children', headers: { cookie } }));
      if (t.r.statusCode !== 200) throw new Error(t.r.body);
      if (i >= 2) api.push(t.ms);
    }
    const rawQ: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = await time(() =>
        db.query(`SELECT c.id, count(*) FILTER (WHERE m.left_on IS NULL) AS members, count(DISTINCT m.union_unit_id) AS unions
                    FROM memberships m JOIN org_units u ON u.id = m.union_unit_id JOIN org_units c ON c.id = NULLIF(split_part(u.path, '/', 3), '')::int
                   GROUP BY c.id`),
      );
      if (i >= 2) rawQ.push(t.ms);
    }
    // The same read right after a write: the write marks its county's tallies stale and the read recounts that county.
    const afterWrite: number[] = [];
    const joinable = await db.query<{ union_unit_id: number; person_id: number }>(`SELECT m.union_unit_id, m.person_id FROM memberships m WHERE m.left_on IS NULL ORDER BY m.person_id LIMIT 10`);
    for (const m of joinable) {
      await db.query(`UPDATE memberships SET left_on = CURRENT_DATE, leave_reason = 'left' WHERE person_id = $1 AND left_on IS NULL`, [m.person_id]);
      const t = await time(() => app.inject({ method: 'GET', url: '/api/v1/membership/coverage/children', headers: { cookie } }));
      if (t.r.statusCode !== 200) throw new Error(t.r.body);
      afterWrite.push(t.ms);
    }
    await app.close();
    out.rollupAfterWriteP50ms = Math.round(percentile(afterWrite, 50));
    out.rollupAfterWriteP95ms = Math.round(percentile(afterWrite, 95));
    out.rollupApiP50ms = Math.round(percentile(api, 50));
    out.rollupApiP95ms = Math.round(percentile(api, 95));
    out.rawGroupByP50ms = Math.round(percentile(rawQ, 50));
    out.rawGroupByP95ms = Math.round(percentile(rawQ, 95));
    out.rollupP95VsRaw = `${Math.round((100 * percentile(api, 95)) / percentile(rawQ, 95))}%`;
  } finally {
    await drop();
  }
  out.peakRssMB = Math.round(peakRss / 1e6);
  return out;
}

// BENCH_DATABASES=postgresql (or pglite) runs one kind only.
const kinds = (['pglite', 'postgresql'] as const).filter(
  (k) => (k === 'pglite' || !!(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL)) && (!process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(',').includes(k)),
);
const results = [];
for (const k of kinds) {
  peakRss = 0;
  const r = await benchKind(k);
  console.log(JSON.stringify(r));
  results.push(r);
}
clearInterval(sampler);
console.log(`\nrows=${ROWS} scale=${SCALE} node=${process.version} cpus=${os.cpus().length}×${os.cpus()[0]?.model} mem=${Math.round(os.totalmem() / 1e9)}GB`);
console.table(results);
fs.rmSync(work, { recursive: true, force: true });
