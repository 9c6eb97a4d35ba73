/**
 * A list's first page costs a page: for every large list, each statement it sends can be answered
 * without reading a whole table of members, persons or households. The data here is small, so the
 * planner would rightly scan it; with sequential scans priced out (enable_seqscan = off), a scan
 * that remains in the plan is one no index can replace, and on the full demo it would read the
 * whole table — unless a Limit above it stops it early (the capped count's scan, with no sort or
 * hash between to make it read to the end). The figures on the full demo are in docs/benchmarks.md.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../engines/context.ts';
import { createTestDatabase, type TestDatabase } from '../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeIdNumber } from '../test/factories.ts';
import { buildHardshipStandard, buildHousehold } from '../programs/hardship/testing.ts';
import { listHouseholds } from '../programs/hardship/reading.ts';
import { buildUnionWithEnterprise } from '../programs/membership/testing.ts';
import { addMember, listEnterprises, listMembers } from '../programs/membership/service.ts';

const WATCHED = new Set(['memberships', 'persons', 'hardship_households']);

let database: TestDatabase;
let sent: { query: string; params: unknown[] }[] = [];
let asCity: <T>(work: (ctx: Ctx) => Promise<T>) => Promise<T>;
let unionId: number;

beforeAll(async () => {
  database = await createTestDatabase({ logQuery: (query, params) => sent.push({ query, params }) });
  const t = await buildTwoCounties(database);
  const u = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县一厂', employees: 40 });
  unionId = u.unionId;
  const city = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  asCity = (work) => asUser(database, { userId: city.id, username: city.username, role: 'city_admin', unitId: t.city.id }, work);
  for (let i = 0; i < 12; i++)
    await asCity((ctx) =>
      addMember(ctx, { idNumber: fakeIdNumber(`1980-01-${String(i + 1).padStart(2, '0')}`), name: `职工${i}`, unionUnitId: u.unionId, enterpriseId: u.enterpriseId, joinedOn: '2013-01-01' }),
    );
  await buildHardshipStandard(database, { unitId: t.a.id });
  for (let i = 0; i < 3; i++) await buildHousehold(database, { rootUnitId: t.a.id, unitId: u.unionId, name: `困难职工${i}` });
  await database.exec('ANALYZE');
}, 120_000);
afterAll(() => database.destroy());

/** A parameter written into the statement as a literal, so EXPLAIN can plan it alone. */
const literal = (v: unknown): string => (v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
const inline = (query: string, params: unknown[]): string => query.replace(/\$(\d+)\b/g, (_m, n: string) => literal(params[Number(n) - 1]));

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Subplan Name'?: string;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
}

/**
 * The watched tables read whole. PGlite (PostgreSQL 18) chooses between hashing a subquery once
 * and probing it per row without weighing disabled scans, so on small data it hashes a row
 * policy's subquery; PostgreSQL 15, like the planner on the full demo, probes it per row. On
 * PGlite a hashed subplan's own scan is therefore left out; on the server, nothing is.
 */
const READS_TO_THE_END = new Set(['Sort', 'Incremental Sort', 'Hash', 'Aggregate', 'Group', 'SetOp', 'WindowAgg', 'Materialize']);

function seqScans(plan: PlanNode, hashedAllowed: boolean): string[] {
  const hashed = new Set([...JSON.stringify(plan).matchAll(/hashed SubPlan (\d+)/g)].map((m) => `SubPlan ${m[1]}`));
  const walk = (node: PlanNode, stoppedEarly: boolean): string[] => {
    if (hashedAllowed && node['Subplan Name'] && hashed.has(node['Subplan Name'])) return [];
    const stops = node['Node Type'] === 'Limit' || (stoppedEarly && !READS_TO_THE_END.has(node['Node Type']) && !node['Subplan Name']);
    const here = node['Node Type'] === 'Seq Scan' && !stops && node['Relation Name'] && WATCHED.has(node['Relation Name']) ? [node['Relation Name']] : [];
    // A nested loop's inner side is read again for every outer row: no Limit stops that.
    return [...here, ...(node.Plans ?? []).flatMap((child) => walk(child, stops && !(node['Node Type'] === 'Nested Loop' && child['Parent Relationship'] === 'Inner')))];
  };
  return walk(plan, false);
}

/** Runs the list as the city admin, then plans each statement it sent in the same scope. */
async function scansOf(list: (ctx: Ctx) => Promise<unknown>): Promise<{ statements: number; scans: string[] }> {
  sent = [];
  await asCity(list);
  const reads = sent.filter((s) => /^\s*(select|with)\b/i.test(s.query) && !/set_config/.test(s.query));
  sent = [];
  const scans = await asCity(async (ctx) => {
    await ctx.db.execute(sql`SET LOCAL enable_seqscan = off`);
    const found: string[] = [];
    for (const r of reads) {
      const result = (await ctx.db.execute(sql.raw(`EXPLAIN (FORMAT JSON) ${inline(r.query, r.params)}`))) as unknown as { rows: Record<string, unknown>[] };
      const cell = Object.values(result.rows[0]!)[0];
      const [plan] = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
      if (process.env.SHOW_PLANS) console.log(JSON.stringify(plan, null, 1));
      found.push(...seqScans(plan!.Plan, database.kind === 'pglite').map((t) => `${t} in: ${r.query.slice(0, 120)}`));
    }
    return found;
  });
  return { statements: reads.length, scans };
}

describe('a list’s first page is read by index', () => {
  it.each([
    ['members, default', (ctx: Ctx) => listMembers(ctx, { offset: 0, limit: 20 })],
    ['members, current', (ctx: Ctx) => listMembers(ctx, { status: 'active', offset: 0, limit: 20 })],
    ['members of one union', (ctx: Ctx) => listMembers(ctx, { underUnitId: unionId, offset: 0, limit: 20 })],
    ['members by ID number', (ctx: Ctx) => listMembers(ctx, { q: fakeIdNumber('1980-01-03'), offset: 0, limit: 20 })],
    ['members by part of a name', (ctx: Ctx) => listMembers(ctx, { q: '职工1', offset: 0, limit: 20 })],
    ['members by part of a phone number', (ctx: Ctx) => listMembers(ctx, { q: '0599', offset: 0, limit: 20 })],
    ['members, migrant workers', (ctx: Ctx) => listMembers(ctx, { migrantWorker: true, offset: 0, limit: 20 })],
    ['members on a date', (ctx: Ctx) => listMembers(ctx, { asOf: '2014-01-01', offset: 0, limit: 20 })],
    ['enterprises', (ctx: Ctx) => listEnterprises(ctx, { offset: 0, limit: 20 })],
    ['households', (ctx: Ctx) => listHouseholds(ctx, { offset: 0, limit: 20 })],
  ])('%s', async (_name, list) => {
    const { statements, scans } = await scansOf(list);
    expect(statements).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});
