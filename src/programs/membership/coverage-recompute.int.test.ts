/**
 * The coverage figures must equal a recomputation from the raw records, whatever happened before:
 * random sequences of joins, transfers, leavings, coverage changes and headcounts, then every
 * figure for every county and the city, on several dates, against an independent count in JS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeIdNumber } from '../../test/factories.ts';
import { buildUnionWithEnterprise } from '../membership/testing.ts';
import { seededRandom } from '../../demo/random.ts';
import { DomainError } from '../../engines/errors.ts';
import { addMember, coverEnterprise, leaveMember, recordHeadcount, transferMember } from './service.ts';
import { childrenCoverage, coverageCounts, isTalliedDate, type CoverageCounts } from './coverage.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { moveUnit } from '../../engines/org/service.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let actor: { userId: number; username: string; role: 'city_admin'; unitId: number };
const unions: { enterpriseId: number; unionId: number }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const u = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
  actor = { userId: u.id, username: u.username, role: 'city_admin', unitId: t.city.id };
  for (let i = 0; i < 6; i++) {
    unions.push(
      await buildUnionWithEnterprise(database, {
        rootUnitId: t.city.id,
        parentId: i % 2 ? t.aTown.id : t.bTown.id,
        name: `随机${i}`,
        employees: 5 + i,
        foundedOn: `201${i}-01-01`,
        shuangliang: i % 3 === 0,
      }),
    );
  }
});
afterAll(() => database.destroy());

type Raw = {
  units: { id: number; path: string; kind: string; opened_on: string; closed_on: string | null }[];
  ents: { id: number; unit_id: number; registered_on: string; closed_on: string | null }[];
  heads: { enterprise_id: number; as_of: string; employees: number }[];
  covs: { enterprise_id: number; union_unit_id: number; valid_from: string; valid_to: string | null }[];
  mems: { union_unit_id: number; person_id: number; enterprise_id: number | null; joined_on: string; left_on: string | null }[];
  persons: Map<number, boolean>;
  profiles: Map<number, { req: boolean; sign: string | null; chair: string | null }>;
};

async function loadRaw(): Promise<Raw> {
  const q = <T>(s: string) => database.query<T>(s);
  return {
    units: await q(`SELECT id, path, kind, opened_on, closed_on FROM org_units`),
    ents: await q(`SELECT id, unit_id, registered_on, closed_on FROM enterprises`),
    heads: await q(`SELECT enterprise_id, as_of, employees FROM enterprise_headcounts`),
    covs: await q(`SELECT enterprise_id, union_unit_id, valid_from, valid_to FROM union_coverages`),
    mems: await q(`SELECT union_unit_id, person_id, enterprise_id, joined_on, left_on FROM memberships`),
    persons: new Map((await q<{ id: number; migrant_worker: boolean }>(`SELECT id, migrant_worker FROM persons`)).map((p) => [p.id, p.migrant_worker])),
    profiles: new Map(
      (await q<{ unit_id: number; shuangliang_required: boolean; signboard_shown_on: string | null; chair_shown_on: string | null }>(`SELECT * FROM union_profiles`)).map((p) => [
        p.unit_id,
        { req: p.shuangliang_required, sign: p.signboard_shown_on, chair: p.chair_shown_on },
      ]),
    ),
  };
}

/** The definitions of domain.md §4, counted again in plain code. */
function recompute(raw: Raw, unitId: number, d: string): CoverageCounts {
  const root = raw.units.find((u) => u.id === unitId)!;
  const inTree = new Set(raw.units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id));
  const valid = (from: string, to: string | null) => from <= d && (to === null || to > d);
  const ents = raw.ents.filter((e) => inTree.has(e.unit_id) && valid(e.registered_on, e.closed_on));
  const covered = ents.filter((e) => raw.covs.some((c) => c.enterprise_id === e.id && valid(c.valid_from, c.valid_to)));
  const coveredIds = new Set(covered.map((e) => e.id));
  const employees = covered.reduce((sum, e) => {
    const h = raw.heads.filter((x) => x.enterprise_id === e.id && x.as_of <= d).sort((a, b) => (a.as_of < b.as_of ? 1 : -1))[0];
    return sum + (h?.employees ?? 0);
  }, 0);
  const mems = raw.mems.filter((m) => inTree.has(m.union_unit_id) && valid(m.joined_on, m.left_on));
  const unionsNow = raw.units.filter((u) => inTree.has(u.id) && raw.profiles.has(u.id) && valid(u.opened_on, u.closed_on));
  const required = unionsNow.filter((u) => raw.profiles.get(u.id)!.req);
  return {
    enterprises: ents.length,
    coveredEnterprises: covered.length,
    employeesInCovered: employees,
    membersInCovered: mems.filter((m) => m.enterprise_id !== null && coveredIds.has(m.enterprise_id)).length,
    members: mems.length,
    migrantMembers: mems.filter((m) => raw.persons.get(m.person_id)).length,
    unions: unionsNow.length,
    shuangliangRequiredUnions: required.length,
    shuangliangUnions: required.filter((u) => {
      const p = raw.profiles.get(u.id)!;
      return !!p.sign && !!p.chair && p.sign <= d && p.chair <= d;
    }).length,
  };
}

async function expectAllFiguresRight(dates: string[]) {
  const raw = await loadRaw();
  for (const d of dates) {
    for (const unitId of [t.city.id, t.a.id, t.b.id, t.aTown.id]) {
      const got = await asUser(database, actor, (ctx) => coverageCounts(ctx, unitId, d));
      expect(got, `unit ${unitId} on ${d}`).toEqual(recompute(raw, unitId, d));
    }
    // The ranking of the units below, computed in one grouped pass, agrees too.
    const kids = await asUser(database, actor, (ctx) => childrenCoverage(ctx, t.city.id, d));
    expect(kids.map((k) => k.unitId).sort()).toEqual([t.a.id, t.b.id].sort());
    for (const k of kids) expect(k.counts, `child ${k.unitId} on ${d}`).toEqual(recompute(raw, k.unitId, d));
  }
}

describe('coverage figures', () => {
  it('equal a full recomputation from the records after random joins, transfers, leavings and coverage changes', async () => {
    const r = seededRandom(42);
    const people: number[] = [];
    const day = (y0: number) => `${r.int(y0, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    // Today and month ends are read from the tallies, kept current as records change; the other
    // dates are counted from the records. Reading between the rounds makes writes meet counted tallies.
    const today = todayInShanghai();
    const tallied = [today, '2014-12-31', '2023-08-31'];
    expect(tallied.every((d) => isTalliedDate(d, today))).toBe(true);
    expect(isTalliedDate('2017-03-15', today)).toBe(false);
    let done = 0;
    for (let step = 0; step < 200; step++) {
      if (step % 40 === 0) await expectAllFiguresRight(tallied);
      const op = r.next();
      const u = r.pick(unions);
      try {
        await asUser(database, actor, async (ctx) => {
          if (op < 0.5 || people.length < 5) {
            // Now and then the employer lies in the other county, away from the union.
            const enterpriseId = r.chance(0.1) ? null : r.chance(0.2) ? r.pick(unions).enterpriseId : u.enterpriseId;
            const { personId } = await addMember(ctx, {
              idNumber: fakeIdNumber(`19${r.int(60, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}`, r.chance(0.5)),
              name: `随机${step}`,
              unionUnitId: u.unionId,
              enterpriseId,
              joinedOn: day(2010),
              migrantWorker: r.chance(0.4),
            });
            people.push(personId);
          } else if (op < 0.7) {
            await transferMember(ctx, r.pick(people), { toUnionUnitId: u.unionId, enterpriseId: r.chance(0.2) ? r.pick(unions).enterpriseId : u.enterpriseId, on: day(2015) });
          } else if (op < 0.85) {
            await leaveMember(ctx, r.pick(people), { on: day(2015), reason: r.pick(['left', 'retired'] as const) });
          } else if (op < 0.93) {
            await coverEnterprise(ctx, u.unionId, r.pick(unions).enterpriseId, day(2016));
          } else {
            await recordHeadcount(ctx, u.enterpriseId, day(2012), r.int(3, 40));
          }
        });
        done++;
      } catch (e) {
        // Operations the rules refuse (a date before joining, not a current member …) change nothing.
        if (!(e instanceof DomainError)) throw e;
      }
    }
    expect(done).toBeGreaterThan(100);
    await expectAllFiguresRight(['2011-06-30', '2014-12-31', '2017-03-15', '2020-01-01', '2023-08-31', '2026-01-01', today]);
  }, 300_000);

  it('stay right when a union moves to the other county', async () => {
    const today = todayInShanghai();
    await expectAllFiguresRight([today, '2023-08-31']);
    const moving = unions[1]!.unionId;
    await asUser(database, actor, (ctx) => moveUnit(ctx, moving, { newParentId: t.bTown.id }));
    await expectAllFiguresRight([today, '2023-08-31', '2017-03-15']);
  });

  it('keep month ends and today only: a past day counted once is dropped at the next count', async () => {
    await database.query(`SELECT gonghui_tally_ensure('2020-01-31'::date)`);
    await database.query(`SELECT gonghui_tally_ensure('2020-01-15'::date)`);
    const dates = async () => (await database.query<{ as_of: string }>(`SELECT DISTINCT as_of FROM coverage_tallies ORDER BY as_of`)).map((r) => r.as_of);
    expect(await dates()).toContain('2020-01-15');
    await database.query(`DELETE FROM coverage_tally_fresh WHERE as_of = $1`, [todayInShanghai()]);
    await database.query(`SELECT gonghui_tally_ensure($1::date)`, [todayInShanghai()]);
    expect(await dates()).not.toContain('2020-01-15');
    expect(await dates()).toContain('2020-01-31');
  });
});
