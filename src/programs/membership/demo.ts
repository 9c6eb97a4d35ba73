/**
 * The membership part of the demo: Nanping's enterprises, grassroots unions and members, sized to
 * reproduce the report (domain.md §3): 14,690 unions, formation and membership rates above 95%,
 * 双亮 8,421 unions (87.2%), about 400,000 members. Loaded with COPY, so it takes seconds.
 * `scale` shrinks everything proportionally for quick trials and tests.
 */
import { onOneConnection, csvLine } from '../../db/connection.ts';
import type { Database } from '../../db/client.ts';
import { idCardCheckChar, maskIdCard, usccCheckChar } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { chineseName, enterpriseName, seededRandom } from '../../demo/random.ts';
import { TREND_MONTHS, trendDates } from './coverage.ts';

export const REPORT = { unions: 14690, singleUnions: 9657, shuangliang: 8421 } as const;

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(division: string, n: number): string {
  let body = '';
  for (let i = 0, x = n; i < 7; i++, x = Math.floor(x / 31)) body = USCC_CHARS[x % 31] + body;
  const first17 = `91${division}MA${body}`;
  return first17 + usccCheckChar(first17);
}

const DAY = 86400000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const between = (r: ReturnType<typeof seededRandom>, from: string, to: string) => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return dateOf(a + Math.floor(r.next() * ((b - a) / DAY)) * DAY);
};

export interface MembershipDemoSummary {
  unions: number;
  enterprises: number;
  members: number;
}

export async function seedMembershipDemo(database: Database, opts: { scale: number; today: string }): Promise<MembershipDemoSummary> {
  const r = seededRandom(3507);
  const S = Math.max(1, Math.round(REPORT.singleUnions * opts.scale));
  const U = Math.max(S + 1, Math.round(REPORT.unions * opts.scale));
  const shown = Math.round(REPORT.shuangliang * opts.scale);
  const lastYear = dateOf(Date.parse(opts.today) - 365 * DAY);

  return onOneConnection(database, {}, async (q, copyIn) => {
    const townships = await q<{ id: number; county_code: string; county_name: string }>(`
      SELECT t.id, c.code AS county_code, c.name AS county_name FROM org_units t JOIN org_units c ON c.id = t.parent_id
       WHERE t.kind = 'township' AND c.kind = 'county' ORDER BY t.id`);
    if (!townships.length) throw new Error('The demo organisation must be loaded first');
    const [{ n: unitBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM org_units`)) as [{ n: number }];
    const [{ n: entBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM enterprises`)) as [{ n: number }];
    const [{ n: personBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM persons`)) as [{ n: number }];

    let units = '';
    let versions = '';
    let profiles = '';
    let ents = '';
    let heads = '';
    let covs = '';
    const memberPlan: { unionId: number; enterpriseId: number; count: number; division: string; founded: string }[] = [];
    let entId = entBase;
    // Single unions first: the first `shown` of them (shuffled across the tree) show both signs.
    const shownSet = new Set<number>();
    while (shownSet.size < Math.min(shown, S)) shownSet.add(r.int(0, S - 1));

    const newEnterprise = (town: (typeof townships)[number], registered: string) => {
      entId++;
      const size = r.next();
      const employees = size < 0.92 ? r.int(2, 18) : size < 0.99 ? r.int(40, 120) : r.int(150, 350);
      const prefix = town.county_name.replace(/总工会$/, '').replace(/[区县市]$/, '');
      const name = enterpriseName(r, prefix);
      ents += csvLine([
        entId,
        town.id,
        creditCode(town.county_code, entId),
        name,
        r.pick(['C', 'C', 'C', 'A', 'E', 'F', 'G', 'H', 'O']),
        r.pick(['170', '170', '150', '160', '110', '120']),
        town.county_code,
        employees >= 100,
        'active',
        registered,
      ]);
      heads += csvLine([entId, registered, employees]);
      return { id: entId, employees, name };
    };

    for (let i = 0; i < U; i++) {
      const unitId = unitBase + 1 + i;
      const town = townships[i % townships.length]!;
      const single = i < S;
      const founded = r.chance(0.06) ? between(r, lastYear, opts.today) : between(r, '2003-01-01', lastYear);
      const registered = between(r, '1995-01-01', founded);
      const covered = single ? [newEnterprise(town, registered)] : Array.from({ length: r.int(2, 4) }, () => newEnterprise(town, registered));
      const first = covered[0]!;
      const name = single ? `${first.name}工会` : `${town.county_name.replace(/总工会$/, '')}第${i - S + 1}联合基层工会`;
      units += csvLine([unitId, `${town.county_code}${String(900000 + i).padStart(7, '0')}`, name, 'grassroots', town.id, '', 0, 'active', founded]);
      versions += csvLine([unitId, founded, name, town.id, 'active', 'created']);
      const isShown = single && shownSet.has(i);
      const showDate = isShown ? (founded > '2011-01-01' ? founded : between(r, '2011-01-01', '2013-06-30')) : null;
      profiles += csvLine([unitId, single ? 'single' : 'joint', founded, chineseName(r), false, single, showDate, showDate]);
      for (const e of covered) {
        covs += csvLine([e.id, unitId, founded]);
        // Members: about 96.5% of the employees, never more.
        const count = Math.min(e.employees, Math.round(e.employees * (0.94 + r.next() * 0.05)));
        memberPlan.push({ unionId: unitId, enterpriseId: e.id, count, division: town.county_code, founded });
      }
    }
    // Enterprises without a union yet (about 4%), so the formation rate is honest.
    const uncovered = Math.round((entId - entBase) * 0.042);
    for (let i = 0; i < uncovered; i++) newEnterprise(townships[i % townships.length]!, between(r, '2000-01-01', lastYear));

    await copyIn('org_units', ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'depth', 'status', 'opened_on'], units);
    await copyIn('org_unit_versions', ['unit_id', 'valid_from', 'name', 'parent_id', 'status', 'change'], versions);
    await copyIn('enterprises', ['id', 'unit_id', 'credit_code', 'name', 'industry', 'ownership', 'division_code', 'above_scale', 'status', 'registered_on'], ents);
    await copyIn('enterprise_headcounts', ['enterprise_id', 'as_of', 'employees'], heads);
    await copyIn('union_profiles', ['unit_id', 'union_type', 'founded_on', 'chair_name', 'committee_formed', 'shuangliang_required', 'signboard_shown_on', 'chair_shown_on'], profiles);
    await copyIn('union_coverages', ['enterprise_id', 'union_unit_id', 'valid_from'], covs);

    // Members, in batches: each person sealed like any other.
    let personId = personBase;
    let persons = '';
    let members = '';
    let batch = 0;
    const flush = async () => {
      if (!persons) return;
      await copyIn('persons', ['id', 'id_hash', 'id_sealed', 'id_masked', 'name', 'gender', 'birth_date', 'phone', 'migrant_worker'], persons);
      await copyIn('memberships', ['union_unit_id', 'person_id', 'enterprise_id', 'joined_on', 'left_on', 'leave_reason'], members);
      persons = '';
      members = '';
      batch = 0;
    };
    const born0 = Date.parse('1962-01-01');
    for (const plan of memberPlan) {
      for (let k = 0; k < plan.count; k++) {
        personId++;
        const i = personId;
        const birth = dateOf(born0 + (i % 14600) * DAY);
        const seq = Math.floor(i / 14600) % 1000;
        const first17 = `${plan.division}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
        const id = first17 + idCardCheckChar(first17);
        const drawn = r.chance(0.04) ? between(r, lastYear, opts.today) : between(r, plan.founded, lastYear > plan.founded ? lastYear : opts.today);
        const joined = drawn < plan.founded ? plan.founded : drawn;
        persons += csvLine([
          i,
          lookupHash(id),
          seal(id),
          maskIdCard(id),
          chineseName(r),
          seq % 2 === 1 ? 'male' : 'female',
          birth,
          `1${r.pick(['3', '5', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`,
          r.chance(0.35),
        ]);
        members += csvLine([plan.unionId, i, plan.enterpriseId, joined, null, null]);
        if (++batch >= 20000) await flush();
      }
    }
    await flush();
    // Identity columns continue after the loaded ids.
    for (const [t, c] of [
      ['org_units', 'id'],
      ['enterprises', 'id'],
      ['persons', 'id'],
      ['memberships', 'id'],
      ['union_coverages', 'id'],
    ] as const) {
      await q(`SELECT setval(pg_get_serial_sequence('${t}', '${c}'), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`);
    }
    // Fresh statistics after a bulk load, so the planner sees the tables as they now are.
    for (const t of ['org_units', 'enterprises', 'enterprise_headcounts', 'union_profiles', 'union_coverages', 'persons', 'memberships']) await q(`ANALYZE ${t}`);
    // Count the tallies the statistics page opens on (today and the trend's month ends), so the
    // first visit reads sums instead of counting every membership twelve times.
    for (const d of trendDates(opts.today, TREND_MONTHS)) await q(`SELECT gonghui_tally_ensure($1::date)`, [d]);
    return { unions: U, enterprises: entId - entBase, members: personId - personBase };
  });
}
