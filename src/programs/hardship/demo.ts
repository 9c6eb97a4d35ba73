/**
 * The hardship archive in the demo: Nanping's 16,464 households on file in June 2013 (domain.md §3),
 * spread over the grassroots unions, each with its members, incomes, causes, a bank account, the
 * grade computed by the same rule as the app (gradeHousehold) and a history of registration, home
 * visit, notice, filing and the last yearly review. Some 1,200 of them have a child at school (the
 * Golden Autumn demo aids them). Loaded with COPY; `scale` shrinks everything proportionally.
 */
import { csvLine, onOneConnection } from '../../db/connection.ts';
import type { Database } from '../../db/client.ts';
import { idCardCheckChar, maskIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { chineseName, seededRandom, type Random } from '../../demo/random.ts';
import { gradeHousehold } from './grading.ts';
import { maskBankAccount } from './service.ts';
import type { HardshipStandardRow } from './schema.ts';
import * as clock from '../../engines/clock.ts';

export const HARDSHIP_REPORT = { households: 16464, withStudent: 1200 } as const;

const DAY = 86400000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const between = (r: Random, from: string, to: string) => dateOf(Date.parse(from) + Math.floor(r.next() * ((Date.parse(to) - Date.parse(from)) / DAY)) * DAY);

/** A valid, unique ID number for the demo's n-th person of the hardship and relief data. */
export function demoIdNumber(n: number, birth: string): string {
  const seq = 500 + (n % 500);
  const first17 = `350700${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** Birth dates that never repeat within 500 × 20,000 people. */
export const demoBirth = (n: number, from = '1958-01-01') => dateOf(Date.parse(from) + (Math.floor(n / 500) % 20000) * DAY);

const CAUSES = [
  'illness',
  'illness',
  'illness',
  'disability',
  'education',
  'disaster',
  'accident',
  'unemployment',
  'low_income',
  'low_income',
  'enterprise_difficulty',
  'single_parent',
  'elderly_care',
];
const EMPLOYMENT = ['在岗', '在岗', '在岗', '下岗', '失业', '灵活就业', '退休'];
const HEALTH = ['健康', '健康', '慢性病', '大病', '残疾'];
const HOUSING = ['自有住房', '租房', '公租房', '危房', '借住'];
const BANKS = ['农业银行', '建设银行', '邮储银行', '农村信用社', '工商银行'];

export interface HardshipDemoSummary {
  households: number;
  withStudent: number;
}

export async function seedHardshipDemo(database: Database, opts: { scale: number; today: string }): Promise<HardshipDemoSummary> {
  const r = seededRandom(2013);
  const N = Math.max(1, Math.round(HARDSHIP_REPORT.households * opts.scale));
  const withStudent = Math.min(N, Math.round(HARDSHIP_REPORT.withStudent * opts.scale));
  return onOneConnection(database, {}, async (q, copyIn) => {
    const unions = await q<{ id: number; county: number }>(`SELECT id, split_part(path, '/', 3)::int AS county FROM org_units WHERE kind = 'grassroots' AND status = 'active' ORDER BY id`);
    const [city] = await q<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'city' ORDER BY id LIMIT 1`);
    if (!unions.length || !city) throw new Error('The demo organisation and unions must be loaded first');
    const [admin] = await q<{ id: number }>(`SELECT id FROM users WHERE unit_id = $1 ORDER BY id LIMIT 1`, [city.id]);
    const std: HardshipStandardRow = {
      unitId: city.id,
      validFrom: '2012-07-01',
      minimumLivingFen: 380_00,
      deepPct: 100,
      relativePct: 200,
      accidentCostPct: 80,
      migrantMinMonths: 12,
      reviewMonths: 12,
      noticeDays: 7,
      createdAt: clock.now(),
    };
    // 低保: ¥330 a month from 2010, ¥380 from July 2012.
    await q(`INSERT INTO hardship_standards (unit_id, valid_from, minimum_living_fen) VALUES ($1, '2010-01-01', 33000), ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      city.id,
      std.validFrom,
      std.minimumLivingFen,
    ]);
    const [{ n: base }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM hardship_households`)) as [{ n: number }];
    const by = admin?.id ?? 0;
    let households = '';
    let members = '';
    let finances = '';
    let events = '';
    const thisYear = Number(opts.today.slice(0, 4));
    for (let i = 0; i < N; i++) {
      const id = base + 1 + i;
      const union = unions[Math.floor(r.next() * unions.length)]!;
      const birth = demoBirth(i, '1958-01-01');
      const idNumber = demoIdNumber(i, birth);
      const male = Number(idNumber[16]) % 2 === 1;
      const size = r.int(1, 5) + (i < withStudent ? 1 : 0);
      const kind = r.next();
      const accident = kind >= 0.9;
      const perCapita = kind < 0.32 ? r.int(120_00, 379_00) : kind < 0.9 ? r.int(380_00, 759_00) : r.int(800_00, 1400_00);
      const rigid = r.int(0, 4) * 1200_00;
      const income = perCapita * 12 * size + rigid;
      const fin: [string, string, number, boolean][] = [['income', r.pick(['工资', '退休金', '打零工', '低保金']), income, false]];
      if (rigid) fin.push(['expense', r.pick(['住房', '赡养', '子女教育']), rigid, false]);
      if (accident || r.chance(0.3)) fin.push(['expense', '医疗', accident ? r.int(5000_00, 30000_00) : r.int(500_00, 3000_00), true]);
      const basis = gradeHousehold(
        {
          householdSize: size,
          incomes: [income],
          expenses: fin.filter((f) => f[0] === 'expense').map((f) => ({ annualFen: f[2], hardshipCost: f[3] })),
          accident,
          migrantWorker: false,
          employedSince: null,
          onDate: '2013-06-30',
        },
        std,
      );
      const applied = between(r, '2012-07-01', '2013-05-31');
      const visited = dateOf(Date.parse(applied) + r.int(2, 10) * DAY);
      const notice = dateOf(Date.parse(visited) + r.int(1, 5) * DAY);
      const filed = dateOf(Date.parse(notice) + 7 * DAY);
      // Reviewed every year since; the last review on the latest anniversary before today.
      let lastReview = `${thisYear}${filed.slice(4)}`;
      if (lastReview > opts.today) lastReview = `${thisYear - 1}${filed.slice(4)}`;
      const nextReview = `${Number(lastReview.slice(0, 4)) + 1}${lastReview.slice(4)}`;
      const account = `6228${String(4800000000000 + id * 7919).padStart(15, '0')}`;
      const cause = r.pick(CAUSES);
      const secondary = r.chance(0.5) ? [r.pick(CAUSES.filter((c) => c !== cause))] : [];
      households += csvLine([
        id,
        union.id,
        'filed',
        applied < '2013-01-01' ? 'existing' : 'new',
        chineseName(r),
        lookupHash(idNumber),
        seal(idNumber),
        maskIdCard(idNumber),
        male ? 'male' : 'female',
        birth,
        r.pick(HEALTH),
        r.pick(EMPLOYMENT),
        r.pick(HOUSING),
        `1${r.pick(['3', '5', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`,
        cause,
        JSON.stringify(secondary),
        r.pick(BANKS),
        seal(account),
        maskBankAccount(account),
        lookupHash(`bank:${account}`),
        accident,
        size,
        basis.grade,
        JSON.stringify(basis),
        applied,
        filed,
        nextReview,
        by,
        by,
        by,
      ]);
      let seq = 0;
      if (i < withStudent) {
        const sBirth = demoBirth(i, '1993-09-01');
        const sId = demoIdNumber(i + 2_000_000, sBirth);
        members += csvLine([id, ++seq, chineseName(r), '子女', sBirth, lookupHash(sId), seal(sId), maskIdCard(sId), r.chance(0.55) ? 'college' : r.chance(0.7) ? 'high_school' : 'vocational']);
      }
      while (seq < size - 1) members += csvLine([id, ++seq, chineseName(r), seq === 1 ? '配偶' : r.pick(['子女', '父母']), null, null, null, null, null]);
      for (const [k, f] of fin.entries()) finances += csvLine([id, k + 1, f[0], f[1], f[2], f[3]]);
      events += csvLine([id, 'registered', applied, '数据迁入', JSON.stringify({ grade: basis.grade })]);
      events += csvLine([id, 'visited', visited, '数据迁入', JSON.stringify({ confirmed: true, findings: '入户核查属实' })]);
      events += csvLine([id, 'notice_started', notice, '数据迁入', JSON.stringify({ days: 7 })]);
      events += csvLine([id, 'filed', filed, '数据迁入', JSON.stringify({ grade: basis.grade })]);
      if (lastReview > filed) events += csvLine([id, 'reviewed', lastReview, '数据迁入', JSON.stringify({ grade: basis.grade, stillInHardship: true })]);
    }
    await copyIn(
      'hardship_households',
      [
        'id',
        'unit_id',
        'status',
        'intake',
        'worker_name',
        'id_hash',
        'id_sealed',
        'id_masked',
        'gender',
        'birth_date',
        'health',
        'employment',
        'housing',
        'phone',
        'main_cause',
        'secondary_causes',
        'bank_name',
        'bank_account_sealed',
        'bank_account_masked',
        'bank_account_hash',
        'accident',
        'household_size',
        'grade',
        'grade_basis',
        'applied_on',
        'filed_on',
        'next_review_due',
        'created_by',
        'verified_by',
        'filed_by',
      ],
      households,
    );
    await copyIn('hardship_members', ['household_id', 'seq', 'name', 'relation', 'birth_date', 'id_hash', 'id_sealed', 'id_masked', 'school_level'], members);
    await copyIn('hardship_finances', ['household_id', 'seq', 'kind', 'category', 'annual_fen', 'hardship_cost'], finances);
    await copyIn('hardship_events', ['household_id', 'action', 'on_date', 'actor_name', 'details'], events);
    await q(`SELECT setval(pg_get_serial_sequence('hardship_households', 'id'), COALESCE((SELECT max(id) FROM hardship_households), 0) + 1, false)`);
    for (const t of ['hardship_households', 'hardship_members', 'hardship_finances', 'hardship_events']) await q(`ANALYZE ${t}`);
    return { households: N, withStudent };
  });
}
