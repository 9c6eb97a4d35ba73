/**
 * The relief campaigns of the report (domain.md §3), with every yuan as postings in the books:
 *   2012—2013 两节送温暖: ¥12.81M raised (city budget, enterprises, donations, the counties' own),
 *     26,004 households helped — those on file by their grade, the rest as temporary cases;
 *   2013 金秋助学: ¥3.0362M raised, 1,674 children aided by school level and archive status.
 * Each application went through the default chain (grassroots → county → notice → city), was
 * committed from its county's pool and paid in the county's batch. The records are historical,
 * migrated from the previous system: entered and decided by "数据迁入", not by today's accounts.
 * Loaded with COPY (triggers off, balances set from the lines afterwards); `scale` shrinks it all.
 */
import { csvLine, onOneConnection, type Query } from '../../db/connection.ts';
import type { Database } from '../../db/client.ts';
import { DEFAULT_CHAIN } from '../../engines/approvals/service.ts';
import { maskIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { chineseName, seededRandom, type Random } from '../../demo/random.ts';
import { demoBirth, demoIdNumber, GRADE_LABELS, maskBankAccount } from '../hardship/index.ts';
import { TEMPLATES, SCHOOL_LEVEL_LABELS } from './service.ts';
import type { CampaignStandards, SchoolLevel } from './schema.ts';

export const RELIEF_REPORT = {
  festival: { households: 26004, onFile: 14000, sources: { city: 4_000_000_00, enterprise: 3_810_000_00, donation: 2_000_000_00, county: 3_000_000_00 } },
  studentAid: { children: 1674, sources: { city: 1_500_000_00, enterprise: 1_036_200_00, donation: 500_000_00 } },
} as const;

const FESTIVAL_STANDARDS: CampaignStandards = { byGrade: { deep: 800_00, relative: 500_00, accident: 600_00, not_filed: 300_00 } };
const STUDENT_STANDARDS: CampaignStandards = {
  bySchool: { college: { filed: 2000_00, notFiled: 1500_00 }, vocational: { filed: 1500_00, notFiled: 1000_00 }, high_school: { filed: 1500_00, notFiled: 1000_00 } },
};

export interface ReliefDemoSummary {
  festival: { campaignId: number; households: number; raisedFen: number; paidFen: number };
  studentAid: { campaignId: number; children: number; raisedFen: number; paidFen: number };
}

interface Ctx {
  q: Query;
  copyIn: (table: string, columns: string[], csv: string) => Promise<void>;
  cityId: number;
  adminId: number;
  counties: { id: number; name: string }[];
  unions: { id: number; county: number }[];
  ids: { entry: number; line: number; request: number; app: number; batch: number };
}

interface Subject {
  unitId: number;
  county: number;
  key: string;
  householdId: number | null;
  grade: string | null;
  name: string;
  idMasked: string;
  people: number;
  schoolLevel: SchoolLevel | null;
  school: string | null;
  bankName: string;
  bankSealed: string;
  bankMasked: string;
  amount: number;
  eligibility: { rule: string; ok: boolean; reason: string }[];
}

const scaled = (fen: number, scale: number) => Math.round((fen * scale) / 100) * 100;

async function campaign(c: Ctx, o: { kind: 'festival' | 'student_aid'; name: string; from: string; to: string; standards: CampaignStandards; code: string }) {
  const t = TEMPLATES[o.kind];
  const [chain] = await c.q<{ id: number }>(`INSERT INTO approval_chains (unit_id, name, steps) VALUES ($1, $2, $3::jsonb) RETURNING id`, [
    c.cityId,
    `${o.name} 审批流程`,
    JSON.stringify(DEFAULT_CHAIN),
  ]);
  const [fund] = await c.q<{ id: number }>(`INSERT INTO ledger_funds (unit_id, code, name) VALUES ($1, $2, $3) RETURNING id`, [c.cityId, o.code, `${o.name} 资金`]);
  const [row] = await c.q<{ id: number }>(
    `INSERT INTO relief_campaigns (unit_id, kind, subject, name, period_from, period_to, rules, standards, chain_id, fund_id, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, 'closed', $11) RETURNING id`,
    [c.cityId, o.kind, t.subject, o.name, o.from, o.to, JSON.stringify(t.rules), JSON.stringify(o.standards), chain!.id, fund!.id, c.adminId],
  );
  return { id: row!.id, fundId: fund!.id, chainId: chain!.id };
}

async function account(c: Ctx, fundId: number, unitId: number, kind: string, code: string, name: string): Promise<number> {
  const [a] = await c.q<{ id: number }>(`INSERT INTO ledger_accounts (fund_id, unit_id, kind, code, name) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [fundId, unitId, kind, code, name]);
  return a!.id;
}

/** Raises, allocations, approvals, commitments, batches and payments of one campaign, as CSV for COPY. */
async function load(
  c: Ctx,
  camp: { id: number; fundId: number; chainId: number; name: string },
  o: {
    cityRaises: [string, string, number][];
    countyRaiseTotal: number;
    subjects: Subject[];
    dates: { raised: string; allocated: string; applied: string; county: string; notice: string; city: string; paid: string };
  },
) {
  const cityName = (await c.q<{ name: string }>(`SELECT name FROM org_units WHERE id = $1`, [c.cityId]))[0]!.name;
  const cityPool = await account(c, camp.fundId, c.cityId, 'pool', '', `${cityName} 可用资金`);
  const acc = new Map<number, { pool: number; payable: number; paid: number; source: number | null }>();
  for (const k of c.counties) {
    acc.set(k.id, {
      pool: await account(c, camp.fundId, k.id, 'pool', '', `${k.name} 可用资金`),
      payable: await account(c, camp.fundId, k.id, 'payable', '', `${k.name} 已批待付`),
      paid: await account(c, camp.fundId, k.id, 'paid', '', `${k.name} 已支付`),
      source: o.countyRaiseTotal ? await account(c, camp.fundId, k.id, 'source', 'county', '县级工会配套') : null,
    });
  }
  let entries = '';
  let lines = '';
  const post = (kind: string, unitId: number, memo: string, on: string, legs: [number, number][], ref: [string, string] | null, key: string | null) => {
    const e = ++c.ids.entry;
    entries += csvLine([camp.fundId, e, kind, key, unitId, memo, ref?.[0] ?? null, ref?.[1] ?? null, on, null, '数据迁入']);
    for (const [accountId, amount] of legs) lines += csvLine([camp.fundId, ++c.ids.line, e, accountId, amount]);
    return e;
  };
  let raised = 0;
  for (const [code, label, amount] of o.cityRaises) {
    const src = await account(c, camp.fundId, c.cityId, 'source', code, label);
    post(
      'raise',
      c.cityId,
      `${camp.name}：${label}`,
      o.dates.raised,
      [
        [cityPool, amount],
        [src, -amount],
      ],
      ['relief_campaign', String(camp.id)],
      null,
    );
    raised += amount;
  }
  // What each county needs; the counties' own money in proportion to it; the city covers the rest
  // and passes down most of what is left over, keeping a reserve.
  const need = new Map<number, number>(c.counties.map((k) => [k.id, 0]));
  for (const s of o.subjects) need.set(s.county, need.get(s.county)! + s.amount);
  const needTotal = [...need.values()].reduce((a, b) => a + b, 0);
  const cityRaised = raised;
  let countyLeft = o.countyRaiseTotal;
  const deficits = new Map<number, number>();
  c.counties.forEach((k, i) => {
    const own = i === c.counties.length - 1 ? countyLeft : Math.round((o.countyRaiseTotal * need.get(k.id)!) / Math.max(1, needTotal) / 100) * 100;
    countyLeft -= own;
    if (own > 0) {
      post(
        'raise',
        k.id,
        `${camp.name}：县级工会配套`,
        o.dates.raised,
        [
          [acc.get(k.id)!.pool, own],
          [acc.get(k.id)!.source!, -own],
        ],
        ['relief_campaign', String(camp.id)],
        null,
      );
      raised += own;
    }
    deficits.set(k.id, Math.max(0, need.get(k.id)! - own));
  });
  const deficitTotal = [...deficits.values()].reduce((a, b) => a + b, 0);
  if (deficitTotal > cityRaised) throw new Error(`${camp.name}: the demo's standards need more than was raised`);
  const spare = Math.floor(((cityRaised - deficitTotal) * 0.9) / 100) * 100;
  for (const k of c.counties) {
    const amount = deficits.get(k.id)! + Math.floor((spare * need.get(k.id)!) / Math.max(1, needTotal) / 100) * 100;
    if (amount > 0)
      post(
        'allocate',
        c.cityId,
        `${camp.name}：拨付${k.name}`,
        o.dates.allocated,
        [
          [cityPool, -amount],
          [acc.get(k.id)!.pool, amount],
        ],
        ['relief_campaign', String(camp.id)],
        null,
      );
  }
  // Applications, their approvals, commitments and payments.
  let requests = '';
  let decisions = '';
  let apps = '';
  const batches = new Map<number, { id: number; count: number; total: number }>();
  for (const k of c.counties) batches.set(k.id, { id: ++c.ids.batch, count: 0, total: 0 });
  let paid = 0;
  for (const s of o.subjects) {
    const reqId = ++c.ids.request;
    const appId = ++c.ids.app;
    const a = acc.get(s.county)!;
    const b = batches.get(s.county)!;
    requests += csvLine([reqId, camp.chainId, s.unitId, 'relief_application', `${camp.id}:${s.key}`, 0, DEFAULT_CHAIN.length, 'approved', `${o.dates.city} 10:00:00+08`]);
    decisions += csvLine([reqId, 0, 'approve', 'grassroots', '数据迁入', o.dates.applied]);
    decisions += csvLine([reqId, 1, 'approve', 'county', '数据迁入', o.dates.county]);
    decisions += csvLine([reqId, 2, 'notice_passed', null, '数据迁入', o.dates.notice]);
    decisions += csvLine([reqId, 3, 'approve', 'city', '数据迁入', o.dates.city]);
    const ref: [string, string] = ['relief_application', `${camp.id}:${appId}`];
    post(
      'commit',
      s.county,
      `${camp.name}：${s.name}`,
      o.dates.city,
      [
        [a.pool, -s.amount],
        [a.payable, s.amount],
      ],
      ref,
      `relief:${camp.id}:${appId}:commit`,
    );
    post(
      'pay',
      s.county,
      `${camp.name}：${s.name}`,
      o.dates.paid,
      [
        [a.payable, -s.amount],
        [a.paid, s.amount],
      ],
      ref,
      `relief:${camp.id}:${appId}:pay`,
    );
    apps += csvLine([
      camp.id,
      appId,
      s.unitId,
      s.key,
      s.householdId,
      s.householdId !== null,
      s.grade,
      s.name,
      s.idMasked,
      s.people,
      s.school,
      s.schoolLevel,
      false,
      s.bankName,
      s.bankSealed,
      s.bankMasked,
      JSON.stringify(s.eligibility),
      s.amount,
      reqId,
      b.id,
      o.dates.paid,
      0,
    ]);
    b.count++;
    b.total += s.amount;
    paid += s.amount;
  }
  let batchCsv = '';
  for (const [county, b] of batches) if (b.count) batchCsv += csvLine([camp.id, b.id, county, 'paid', b.count, b.total, c.adminId, o.dates.paid, `NP${camp.id}-${county}`]);
  await c.copyIn('ledger_entries', ['fund_id', 'id', 'kind', 'idempotency_key', 'unit_id', 'memo', 'ref_type', 'ref_id', 'posted_on', 'posted_by', 'posted_by_name'], entries);
  await c.copyIn('ledger_lines', ['fund_id', 'id', 'entry_id', 'account_id', 'amount'], lines);
  await c.copyIn('approval_requests', ['id', 'chain_id', 'unit_id', 'subject_type', 'subject_id', 'created_by', 'step', 'status', 'finished_at'], requests);
  await c.copyIn('approval_decisions', ['request_id', 'step', 'kind', 'level', 'decided_by_name', 'decided_on'], decisions);
  await c.copyIn('relief_batches', ['campaign_id', 'id', 'unit_id', 'status', 'count', 'total_fen', 'created_by', 'paid_on', 'bank_reference'], batchCsv);
  await c.copyIn(
    'relief_applications',
    [
      'campaign_id',
      'id',
      'unit_id',
      'subject_key',
      'household_id',
      'archived',
      'grade',
      'name',
      'id_masked',
      'people',
      'school',
      'school_level',
      'funded_elsewhere',
      'bank_name',
      'bank_account_sealed',
      'bank_account_masked',
      'eligibility',
      'amount_fen',
      'approval_request_id',
      'batch_id',
      'paid_on',
      'created_by',
    ],
    apps,
  );
  return { raisedFen: raised, paidFen: paid };
}

function tempCase(r: Random, c: Ctx, n: number, birthFrom: string): Pick<Subject, 'unitId' | 'county' | 'key' | 'name' | 'idMasked' | 'bankName' | 'bankSealed' | 'bankMasked'> {
  const union = c.unions[Math.floor(r.next() * c.unions.length)]!;
  const idNumber = demoIdNumber(n, demoBirth(n, birthFrom));
  const account = `6217${String(5800000000000 + n * 104729).padStart(15, '0')}`;
  return {
    unitId: union.id,
    county: union.county,
    key: lookupHash(idNumber),
    name: chineseName(r),
    idMasked: maskIdCard(idNumber),
    bankName: r.pick(['农业银行', '邮储银行', '农村信用社']),
    bankSealed: seal(account),
    bankMasked: maskBankAccount(account),
  };
}

export async function seedReliefDemo(database: Database, opts: { scale: number; today: string }): Promise<ReliefDemoSummary> {
  const r = seededRandom(1226);
  const S = opts.scale;
  return onOneConnection(database, {}, async (q, copyIn) => {
    const [city] = await q<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'city' ORDER BY id LIMIT 1`);
    const counties = await q<{ id: number; name: string }>(`SELECT id, name FROM org_units WHERE kind = 'county' AND parent_id = $1 ORDER BY code`, [city!.id]);
    const unions = await q<{ id: number; county: number }>(`SELECT id, split_part(path, '/', 3)::int AS county FROM org_units WHERE kind = 'grassroots' AND status = 'active' ORDER BY id`);
    const [admin] = await q<{ id: number }>(`SELECT id FROM users WHERE unit_id = $1 ORDER BY id LIMIT 1`, [city!.id]);
    const max = async (t: string, col = 'id') => Number((await q<{ n: number }>(`SELECT COALESCE(max(${col}), 0)::bigint AS n FROM ${t}`))[0]!.n);
    const c: Ctx = {
      q,
      copyIn,
      cityId: city!.id,
      adminId: admin?.id ?? 0,
      counties,
      unions,
      ids: { entry: await max('ledger_entries'), line: await max('ledger_lines'), request: await max('approval_requests'), app: await max('relief_applications'), batch: await max('relief_batches') },
    };
    // A superuser loads with triggers off (the books are written whole and balanced below);
    // anyone else loads through them.
    const [{ rolsuper }] = (await q<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)) as [{ rolsuper: boolean }];
    if (rolsuper) await q(`SET LOCAL session_replication_role = replica`);

    // ── 2012—2013 两节送温暖 ──
    const F = RELIEF_REPORT.festival;
    const households = await q<{
      id: number;
      unit_id: number;
      county: number;
      id_hash: string;
      id_masked: string;
      worker_name: string;
      grade: string;
      household_size: number;
      bank_name: string;
      bank_account_sealed: string;
      bank_account_masked: string;
    }>(
      `SELECT h.id, h.unit_id, split_part(u.path, '/', 3)::int AS county, h.id_hash, h.id_masked, h.worker_name, h.grade, h.household_size, h.bank_name, h.bank_account_sealed, h.bank_account_masked
         FROM hardship_households h JOIN org_units u ON u.id = h.unit_id WHERE h.status = 'filed' AND h.filed_on <= '2013-01-15' ORDER BY h.id`,
    );
    const totalF = Math.round(F.households * S);
    const onFile = Math.min(households.length, Math.round(F.onFile * S), totalF);
    const fSubjects: Subject[] = [];
    for (const h of households.slice(0, onFile)) {
      const grade = h.grade as keyof typeof GRADE_LABELS;
      fSubjects.push({
        unitId: h.unit_id,
        county: h.county,
        key: h.id_hash,
        householdId: h.id,
        grade,
        name: h.worker_name,
        idMasked: h.id_masked,
        people: h.household_size,
        schoolLevel: null,
        school: null,
        bankName: h.bank_name,
        bankSealed: h.bank_account_sealed,
        bankMasked: h.bank_account_masked,
        amount: FESTIVAL_STANDARDS.byGrade![grade]!,
        eligibility: [{ rule: 'grade', ok: true, reason: `已建档，${GRADE_LABELS[grade]}` }],
      });
    }
    for (let i = 0; fSubjects.length < totalF; i++) {
      fSubjects.push({
        ...tempCase(r, c, 1_000_000 + i, '1955-01-01'),
        householdId: null,
        grade: null,
        people: r.int(1, 4),
        schoolLevel: null,
        school: null,
        amount: FESTIVAL_STANDARDS.byGrade!.not_filed!,
        eligibility: [{ rule: 'archive', ok: true, reason: '未建档，按临时救助对象办理' }],
      });
    }
    const fest = await campaign(c, { kind: 'festival', name: '2012—2013年度两节送温暖', from: '2012-12-01', to: '2013-02-28', standards: FESTIVAL_STANDARDS, code: 'relief.demo.festival-2013' });
    const f = await load(
      c,
      { ...fest, name: '2012—2013年度两节送温暖' },
      {
        cityRaises: [
          ['city', '市总工会拨款', scaled(F.sources.city, S)],
          ['enterprise', '企业捐助', scaled(F.sources.enterprise, S)],
          ['donation', '社会捐赠', scaled(F.sources.donation, S)],
        ],
        countyRaiseTotal: scaled(F.sources.county, S),
        subjects: fSubjects,
        dates: { raised: '2012-12-10', allocated: '2012-12-20', applied: '2012-12-25', county: '2013-01-05', notice: '2013-01-14', city: '2013-01-16', paid: '2013-01-28' },
      },
    );

    // ── 2013 金秋助学 ──
    const A = RELIEF_REPORT.studentAid;
    const students = await q<{
      household_id: number;
      unit_id: number;
      county: number;
      name: string;
      id_hash: string;
      id_masked: string;
      school_level: SchoolLevel;
      bank_name: string;
      bank_account_sealed: string;
      bank_account_masked: string;
    }>(
      `SELECT m.household_id, h.unit_id, split_part(u.path, '/', 3)::int AS county, m.name, m.id_hash, m.id_masked, m.school_level, h.bank_name, h.bank_account_sealed, h.bank_account_masked
         FROM hardship_members m JOIN hardship_households h ON h.id = m.household_id JOIN org_units u ON u.id = h.unit_id
        WHERE m.school_level IS NOT NULL AND m.id_hash IS NOT NULL AND h.status = 'filed' ORDER BY m.household_id, m.seq`,
    );
    const totalA = Math.round(A.children * S);
    const aSubjects: Subject[] = [];
    const schools: Record<SchoolLevel, string[]> = {
      college: ['福州大学', '福建师范大学', '武夷学院', '闽江学院', '南平职业技术学院'],
      vocational: ['南平工业中等专业学校', '建瓯职业中专学校'],
      high_school: ['南平第一中学', '建阳第一中学', '邵武第一中学', '武夷山第一中学'],
    };
    for (const s of students.slice(0, totalA)) {
      aSubjects.push({
        unitId: s.unit_id,
        county: s.county,
        key: s.id_hash,
        householdId: s.household_id,
        grade: null,
        name: s.name,
        idMasked: s.id_masked,
        people: 1,
        schoolLevel: s.school_level,
        school: r.pick(schools[s.school_level]),
        bankName: s.bank_name,
        bankSealed: s.bank_account_sealed,
        bankMasked: s.bank_account_masked,
        amount: STUDENT_STANDARDS.bySchool![s.school_level]!.filed,
        eligibility: [
          { rule: 'school_level', ok: true, reason: `${SCHOOL_LEVEL_LABELS[s.school_level]}，在资助学段内` },
          { rule: 'archive', ok: true, reason: '家庭已建档' },
        ],
      });
    }
    for (let i = 0; aSubjects.length < totalA; i++) {
      const level: SchoolLevel = r.chance(0.5) ? 'college' : r.chance(0.7) ? 'high_school' : 'vocational';
      aSubjects.push({
        ...tempCase(r, c, 3_000_000 + i, '1994-01-01'),
        householdId: null,
        grade: null,
        people: 1,
        schoolLevel: level,
        school: r.pick(schools[level]),
        amount: STUDENT_STANDARDS.bySchool![level]!.notFiled,
        eligibility: [
          { rule: 'school_level', ok: true, reason: `${SCHOOL_LEVEL_LABELS[level]}，在资助学段内` },
          { rule: 'archive', ok: true, reason: '家庭未建档，按未建档标准资助' },
        ],
      });
    }
    const aid = await campaign(c, { kind: 'student_aid', name: '2013年金秋助学', from: '2013-07-01', to: '2013-09-30', standards: STUDENT_STANDARDS, code: 'relief.demo.student-aid-2013' });
    const s = await load(
      c,
      { ...aid, name: '2013年金秋助学' },
      {
        cityRaises: [
          ['city', '市总工会拨款', scaled(A.sources.city, S)],
          ['enterprise', '企业捐助', scaled(A.sources.enterprise, S)],
          ['donation', '社会捐赠', scaled(A.sources.donation, S)],
        ],
        countyRaiseTotal: 0,
        subjects: aSubjects,
        dates: { raised: '2013-07-15', allocated: '2013-07-25', applied: '2013-08-01', county: '2013-08-10', notice: '2013-08-18', city: '2013-08-20', paid: '2013-08-28' },
      },
    );

    if (rolsuper) {
      await q(`SET LOCAL session_replication_role = origin`);
      await q(`UPDATE ledger_accounts a SET balance = t.sum FROM (SELECT account_id, sum(amount) AS sum FROM ledger_lines GROUP BY account_id) t WHERE t.account_id = a.id AND a.fund_id IN ($1, $2)`, [
        fest.fundId,
        aid.fundId,
      ]);
    }
    const broken = await q(`SELECT fund_id FROM ledger_lines WHERE fund_id IN ($1, $2) GROUP BY fund_id, entry_id HAVING sum(amount) <> 0 LIMIT 1`, [fest.fundId, aid.fundId]);
    const negative = await q(`SELECT id FROM ledger_accounts WHERE fund_id IN ($1, $2) AND kind <> 'source' AND balance < 0 LIMIT 1`, [fest.fundId, aid.fundId]);
    if (broken.length || negative.length) throw new Error('The relief demo books do not balance');
    for (const [t, col] of [
      ['ledger_entries', 'id'],
      ['ledger_lines', 'id'],
      ['approval_requests', 'id'],
      ['relief_applications', 'id'],
      ['relief_batches', 'id'],
    ] as const) {
      await q(`SELECT setval(pg_get_serial_sequence('${t}', '${col}'), COALESCE((SELECT max(${col}) FROM ${t}), 0) + 1, false)`);
    }
    for (const t of ['ledger_accounts', 'ledger_entries', 'ledger_lines', 'approval_requests', 'approval_decisions', 'relief_applications', 'relief_batches']) await q(`ANALYZE ${t}`);
    return {
      festival: { campaignId: fest.id, households: fSubjects.length, raisedFen: f.raisedFen, paidFen: f.paidFen },
      studentAid: { campaignId: aid.id, children: aSubjects.length, raisedFen: s.raisedFen, paidFen: s.paidFen },
    };
  });
}
