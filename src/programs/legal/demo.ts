/**
 * The legal-services part of the demo, reproducing the report (domain.md §3) for 1 January 2012
 * to 31 August 2013: 228 labour disputes received, 197 of them mediated successfully, 154
 * arbitrations and 336 lawsuits (first instance and appeal each count) taken part in; 40 lawyers
 * in the workers' legal service team. Beside them, a few current cases with deadlines coming due
 * and legal aid granted to the demo lawyer. `scale` shrinks everything proportionally.
 */
import { csvLine, onOneConnection } from '../../db/connection.ts';
import type { Database } from '../../db/client.ts';
import { idCardCheckChar, maskIdCard } from '../../engines/people/identifiers.ts';
import { lookupHash, seal } from '../../engines/people/sealing.ts';
import { purposeSealer } from '../../engines/cases/sealing.ts';
import { addDays, computeDeadlines, makeCalendar } from '../../engines/cases/deadlines.ts';
import { chineseName, seededRandom } from '../../demo/random.ts';
import { labourDisputeFlow as flow } from './flow.ts';
import { DISPUTE_TYPES, type DisputeType, type IntakeChannel } from './schema.ts';

export const LEGAL_REPORT = { received: 228, mediated: 197, arbitrations: 154, lawsuits: 336, lawyers: 40, from: '2012-01-01', to: '2013-08-31' } as const;

const FIRMS = ['福建武夷律师事务所', '福建闽北律师事务所', '福建建州律师事务所', '福建延平律师事务所', '福建邵武律师事务所', '福建建瓯律师事务所', '福建朱子律师事务所', '福建顺昌律师事务所'];
const TYPE_WORDS: Record<DisputeType, string> = { wages: '劳动报酬', social_insurance: '社会保险', termination: '解除劳动合同', work_injury: '工伤待遇', overtime: '加班费', other: '劳动合同' };

interface Stage {
  stage: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
  outcome: string | null;
  amountFen: number;
}
interface DemoCase {
  unitId: number;
  channel: IntakeChannel;
  type: DisputeType;
  openedOn: string;
  claimedFen: number;
  stages: Stage[];
  events: { kind: string; occurredOn: string }[];
  closedOn: string | null;
  result: string | null;
  workers: number;
  lawyerUserId: number | null;
}

const RESULT_OF: Record<string, string> = {
  agreement: 'mediation_agreement',
  award: 'award',
  judgment: 'judgment',
  mediated: 'settled',
  withdrawn: 'withdrawn',
  advice_only: 'advice_only',
  failed: 'other',
  not_accepted: 'other',
  referred: 'other',
};

export async function seedLegalDemo(database: Database, opts: { scale: number; today: string; lawyerUsername?: string }) {
  const r = seededRandom(7201);
  const s = opts.scale;
  const n = (x: number) => Math.round(x * s);
  const R = n(LEGAL_REPORT.received);
  const M = Math.min(R, n(LEGAL_REPORT.mediated));
  const A = n(LEGAL_REPORT.arbitrations);
  const L = n(LEGAL_REPORT.lawsuits);
  const toArb = Math.min(R - M, A, Math.round(A * 0.13));
  const recvFirst = Math.round(toArb * 0.6);
  const recvAppeal = Math.round(recvFirst / 3);
  const arbPart = A - toArb;
  const arbFirst = Math.round(arbPart * 0.3);
  const arbAppeal = Math.round(arbFirst * 0.25);
  const courtLawsuits = Math.max(0, L - recvFirst - recvAppeal - arbFirst - arbAppeal);
  const courtAppeals = Math.floor(courtLawsuits * 0.15);
  const courtCases = courtLawsuits - courtAppeals;

  return onOneConnection(database, {}, async (q, copyIn) => {
    const [city] = await q<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'city' ORDER BY id LIMIT 1`);
    if (!city) throw new Error('The demo organisation must be loaded first');
    const counties = await q<{ id: number }>(`SELECT id FROM org_units WHERE kind = 'county' ORDER BY id`);
    const locals = await q<{ id: number }>(`SELECT id FROM org_units WHERE kind IN ('township', 'grassroots') ORDER BY random() LIMIT 400`);
    const employers = await q<{ id: number; name: string; credit_code: string }>(`SELECT id, name, credit_code FROM enterprises ORDER BY id LIMIT 2000`);
    const [admin] = await q<{ id: number }>(`SELECT id FROM users WHERE role = 'city_admin' ORDER BY id LIMIT 1`);
    const [lawyerUser] = await q<{ id: number }>(`SELECT id FROM users WHERE username = $1`, [opts.lawyerUsername ?? 'nanping.lawyer']);
    const createdBy = admin?.id ?? 0;
    const calendar = makeCalendar(await q<{ day: string; kind: 'holiday' | 'workday' }>(`SELECT day::text AS day, kind FROM calendar_days`));
    const [{ n: caseBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM cases`)) as [{ n: number }];
    const [{ n: lawyerBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM lawyers`)) as [{ n: number }];
    const [{ n: partyBase }] = (await q<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM legal_parties`)) as [{ n: number }];

    // ── The team ──
    let lawyers = '';
    let lawyerUnits = '';
    const teamSize = Math.max(1, n(LEGAL_REPORT.lawyers));
    for (let i = 0; i < teamSize; i++) {
      const id = lawyerBase + 1 + i;
      const county = counties.length ? counties[i % counties.length]! : city;
      lawyers += csvLine([
        id,
        city.id,
        i === 0 ? (lawyerUser?.id ?? null) : null,
        i === 0 && lawyerUser ? '林志强' : chineseName(r),
        `13507${2000 + r.int(0, 12)}1${String(10000000 + id).slice(-7)}`.slice(0, 17),
        r.pick(FIRMS),
        `139${String(r.int(0, 99999999)).padStart(8, '0')}`,
        r.chance(0.9),
        '2012-01-01',
      ]);
      // Each lawyer serves the whole city, and one county in particular.
      lawyerUnits += csvLine([id, county.id]);
    }
    const demoLawyerId = lawyerUser ? lawyerBase + 1 : null;

    // ── The cases ──
    const window = { from: '2012-01-05', to: '2013-08-20' };
    const span = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
    const pickStart = (length: number) => addDays(window.from, r.int(0, Math.max(0, span(window.from, window.to) - length)));
    const amount = (claimed: number, share: [number, number]) => Math.round((claimed * (share[0] + r.next() * (share[1] - share[0]))) / 100) * 100;
    const local = () => (locals.length ? r.pick(locals).id : city.id);
    const county = () => (counties.length ? r.pick(counties).id : city.id);
    const cases: DemoCase[] = [];

    const newCase = (unitId: number, channel: IntakeChannel, openedOn: string): DemoCase => {
      const claimedFen = r.int(30, 2000) * 10000;
      return {
        unitId,
        channel,
        type: r.pick(DISPUTE_TYPES),
        openedOn,
        claimedFen,
        stages: [],
        events: [{ kind: 'violation_known', occurredOn: addDays(openedOn, -r.int(10, 200)) }],
        closedOn: null,
        result: null,
        workers: r.chance(0.08) ? r.int(3, 12) : 1,
        lawyerUserId: null,
      };
    };
    const stage = (c: DemoCase, st: string, role: string, startedOn: string) => {
      const last = c.stages[c.stages.length - 1];
      if (last && !last.endedOn) {
        last.endedOn = startedOn;
        c.events.push({ kind: `${last.stage}_ended`, occurredOn: startedOn });
      }
      c.stages.push({ stage: st, role, startedOn, endedOn: null, outcome: null, amountFen: 0 });
      c.events.push({ kind: `${st}_started`, occurredOn: startedOn });
    };
    const end = (c: DemoCase, outcome: string, endedOn: string, amountFen = 0) => {
      const last = c.stages[c.stages.length - 1]!;
      Object.assign(last, { outcome, endedOn, amountFen });
      c.events.push({ kind: `${last.stage}_ended`, occurredOn: endedOn });
    };
    const close = (c: DemoCase, on: string) => {
      const last = c.stages[c.stages.length - 1]!;
      c.closedOn = on;
      c.result = RESULT_OF[last.outcome ?? 'referred'] ?? 'other';
    };
    /** Arbitration from `start`: applied, accepted, perhaps extended, the award served. */
    const arbitrate = (c: DemoCase, start: string, role: string, outcome: string): string => {
      stage(c, 'arbitration', role, start);
      c.events.push({ kind: 'arbitration_applied', occurredOn: addDays(start, -r.int(0, 3)) });
      const accepted = addDays(start, r.int(0, 5));
      c.events.push({ kind: 'arbitration_accepted', occurredOn: accepted });
      const extended = r.chance(0.15);
      if (extended) c.events.push({ kind: 'arbitration_extended', occurredOn: addDays(accepted, 40) });
      const served = addDays(accepted, extended ? r.int(46, 59) : r.int(20, 44));
      if (outcome === 'award') c.events.push({ kind: 'award_served', occurredOn: served });
      end(c, outcome, served, outcome === 'withdrawn' ? 0 : amount(c.claimedFen, [0.4, 1]));
      return served;
    };
    const sue = (c: DemoCase, start: string, st: 'first_instance' | 'appeal', outcome: string): string => {
      stage(c, st, r.chance(0.7) ? 'workers_agent' : 'supervisor', start);
      c.events.push({ kind: st === 'appeal' ? 'appeal_filed' : 'lawsuit_filed', occurredOn: start });
      const served = addDays(start, r.int(30, 90));
      if (outcome === 'judgment') c.events.push({ kind: st === 'appeal' ? 'appeal_judgment_served' : 'judgment_served', occurredOn: served });
      end(c, outcome, served, outcome === 'withdrawn' ? 0 : amount(c.claimedFen, [0.2, 0.8]));
      return served;
    };

    // Received and mediated successfully.
    for (let i = 0; i < M; i++) {
      const c = newCase(local(), r.pick(['station', 'station', 'hotline', 'portal', 'referral'] as const), pickStart(25));
      stage(c, 'intake', 'supervisor', c.openedOn);
      stage(c, 'mediation', 'mediator', addDays(c.openedOn, r.int(1, 5)));
      const agreed = addDays(c.stages[1]!.startedOn, r.int(3, 14));
      end(c, 'agreement', agreed, amount(c.claimedFen, [0.6, 1]));
      close(c, agreed);
      cases.push(c);
    }
    // Received, mediation failed, on to arbitration and court.
    for (let i = 0; i < toArb; i++) {
      const toCourt = i < recvFirst;
      const toAppeal = i < recvAppeal;
      const c = newCase(local(), r.pick(['station', 'hotline', 'portal', 'referral'] as const), pickStart(toAppeal ? 330 : toCourt ? 220 : 100));
      stage(c, 'intake', 'supervisor', c.openedOn);
      stage(c, 'mediation', 'mediator', addDays(c.openedOn, r.int(1, 5)));
      const failed = addDays(c.stages[1]!.startedOn, r.int(5, 15));
      end(c, 'failed', failed);
      let last = arbitrate(c, addDays(failed, r.int(2, 10)), 'workers_agent', toCourt ? 'award' : r.pick(['award', 'mediated']));
      if (toCourt) last = sue(c, addDays(last, r.int(3, 14)), 'first_instance', toAppeal ? 'judgment' : r.pick(['judgment', 'mediated']));
      if (toAppeal) last = sue(c, addDays(last, r.int(3, 14)), 'appeal', r.pick(['judgment', 'mediated']));
      close(c, last);
      cases.push(c);
    }
    // Received, the rest: withdrawn in mediation, or advice given at intake.
    for (let i = 0; i < R - M - toArb; i++) {
      const c = newCase(local(), r.pick(['station', 'hotline', 'portal'] as const), pickStart(20));
      stage(c, 'intake', 'supervisor', c.openedOn);
      if (i % 2 === 0) {
        stage(c, 'mediation', 'mediator', addDays(c.openedOn, r.int(1, 5)));
        end(c, 'withdrawn', addDays(c.stages[1]!.startedOn, r.int(2, 10)));
      } else end(c, 'advice_only', addDays(c.openedOn, r.int(0, 3)));
      close(c, c.stages[c.stages.length - 1]!.endedOn!);
      cases.push(c);
    }
    // Arbitrations the union's arbitrators took part in on the tripartite committee.
    for (let i = 0; i < arbPart; i++) {
      const toCourt = i < arbFirst;
      const toAppeal = i < arbAppeal;
      const c = newCase(county(), 'arbitration_committee', pickStart(toAppeal ? 300 : toCourt ? 200 : 70));
      let last = arbitrate(c, c.openedOn, 'arbitrator', toCourt ? 'award' : r.pick(['award', 'award', 'mediated', 'mediated', 'withdrawn']));
      if (toCourt) last = sue(c, addDays(last, r.int(3, 14)), 'first_instance', toAppeal ? 'judgment' : r.pick(['judgment', 'mediated']));
      if (toAppeal) last = sue(c, addDays(last, r.int(3, 14)), 'appeal', r.pick(['judgment', 'mediated']));
      close(c, last);
      cases.push(c);
    }
    // Lawsuits in the local courts the union took part in (as supervisor or the workers' agent).
    for (let i = 0; i < courtCases; i++) {
      const toAppeal = i < courtAppeals;
      const c = newCase(county(), 'court', pickStart(toAppeal ? 200 : 95));
      c.events.push({ kind: 'award_served', occurredOn: addDays(c.openedOn, -r.int(3, 14)) });
      let last = sue(c, c.openedOn, 'first_instance', toAppeal ? 'judgment' : r.pick(['judgment', 'judgment', 'mediated', 'withdrawn']));
      if (toAppeal) last = sue(c, addDays(last, r.int(3, 14)), 'appeal', r.pick(['judgment', 'mediated']));
      close(c, last);
      cases.push(c);
    }
    // Current cases: received in the last weeks, deadlines coming due, some with the demo lawyer.
    const current = Math.max(1, Math.round(8 * Math.min(1, s * 4)));
    for (let i = 0; i < current; i++) {
      const opened = addDays(opts.today, -r.int(20, 40));
      const c = newCase(local(), r.pick(['station', 'hotline', 'portal'] as const), opened);
      stage(c, 'intake', 'supervisor', opened);
      if (i % 2 === 0) {
        stage(c, 'mediation', 'mediator', addDays(opts.today, -r.int(3, 12)));
      } else {
        stage(c, 'mediation', 'mediator', addDays(opened, 1));
        end(c, 'failed', addDays(opened, 10));
        stage(c, 'arbitration', 'workers_agent', addDays(opened, 12));
        c.events.push({ kind: 'arbitration_applied', occurredOn: addDays(opened, 12) });
        c.events.push({ kind: 'arbitration_accepted', occurredOn: addDays(opened, 13) });
      }
      if (demoLawyerId && i < Math.ceil(current / 2) + 1) c.lawyerUserId = lawyerUser!.id;
      cases.push(c);
    }

    // ── Rows ──
    const facts = purposeSealer('legal-case-facts');
    let caseRows = '';
    let stageRows = '';
    let eventRows = '';
    let deadlineRows = '';
    let disputeRows = '';
    let partyRows = '';
    let assignmentRows = '';
    let aidRows = '';
    let partyId = partyBase;
    let aidCount = 0;
    for (const [i, c] of cases.entries()) {
      const id = caseBase + 1 + i;
      const employer = employers.length && r.chance(0.7) ? r.pick(employers) : null;
      const employerName = employer?.name ?? `${r.pick(['闽北', '武夷', '建瓯', '延平'])}${r.pick(['建筑工程', '竹木制品', '物流', '餐饮管理'])}有限公司`;
      const names: string[] = [];
      const firstParty = partyId + 1;
      for (let w = 0; w < c.workers; w++) {
        partyId++;
        const name = chineseName(r);
        names.push(name);
        const birth = addDays('1965-01-01', r.int(0, 12000));
        const male = r.chance(0.65);
        const first17 = `3507${String(r.int(1, 83)).padStart(2, '0')}${birth.replace(/-/g, '')}${String((partyId % 499) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
        const idNumber = first17 + idCardCheckChar(first17);
        partyRows += csvLine([partyId, id, name, lookupHash(idNumber), seal(idNumber), maskIdCard(idNumber), male ? 'male' : 'female', birth, null, r.chance(0.4)]);
      }
      const last = c.stages[c.stages.length - 1]!;
      const title = `${names[0]}${c.workers > 1 ? `等${c.workers}人` : ''}与${employerName}${TYPE_WORDS[c.type]}争议`;
      caseRows += csvLine([id, c.unitId, flow.kind, title, last.stage, c.closedOn ? 'closed' : 'open', c.openedOn, c.closedOn, c.result, createdBy]);
      for (const [seq, st] of c.stages.entries()) stageRows += csvLine([id, seq + 1, st.stage, st.role, st.startedOn, st.endedOn, st.outcome, st.amountFen, createdBy]);
      for (const e of c.events) eventRows += csvLine([id, e.kind, e.occurredOn, createdBy]);
      for (const d of computeDeadlines(flow.deadlines, c.events, calendar)) deadlineRows += csvLine([id, d.key, d.fromOn, d.dueOn, d.extended, d.metOn, d.nominalDueOn]);
      disputeRows += csvLine([
        id,
        c.channel,
        null,
        c.type,
        c.claimedFen,
        c.workers > 1,
        employerName,
        employer?.credit_code ?? null,
        employer?.id ?? null,
        facts.seal(`${TYPE_WORDS[c.type]}争议，请求金额 ${c.claimedFen / 100} 元。`),
      ]);
      if (c.lawyerUserId) {
        assignmentRows += csvLine([id, c.unitId, c.lawyerUserId, 'lawyer', addDays(c.openedOn, 2), createdBy]);
        aidCount++;
        aidRows += csvLine([id, firstParty, addDays(c.openedOn, 1), '家庭经济困难，申请法律援助', 'granted', addDays(c.openedOn, 2), createdBy, demoLawyerId]);
      }
    }
    await copyIn('lawyers', ['id', 'unit_id', 'user_id', 'name', 'licence_no', 'firm', 'phone', 'available', 'joined_on'], lawyers);
    await copyIn('lawyer_units', ['lawyer_id', 'unit_id'], lawyerUnits);
    await copyIn('cases', ['id', 'unit_id', 'kind', 'title', 'stage', 'status', 'opened_on', 'closed_on', 'result', 'created_by'], caseRows);
    await copyIn('case_stages', ['case_id', 'seq', 'stage', 'role', 'started_on', 'ended_on', 'outcome', 'amount_fen', 'created_by'], stageRows);
    await copyIn('case_events', ['case_id', 'kind', 'occurred_on', 'created_by'], eventRows);
    await copyIn('case_deadlines', ['case_id', 'key', 'from_on', 'due_on', 'extended', 'met_on', 'nominal_due_on'], deadlineRows);
    await copyIn(
      'legal_disputes',
      ['case_id', 'channel', 'channel_note', 'dispute_type', 'claimed_fen', 'collective', 'employer_name', 'employer_credit_code', 'enterprise_id', 'facts_sealed'],
      disputeRows,
    );
    await copyIn('legal_parties', ['id', 'case_id', 'name', 'id_hash', 'id_sealed', 'id_masked', 'gender', 'birth_date', 'phone', 'migrant_worker'], partyRows);
    if (assignmentRows) await copyIn('case_assignments', ['case_id', 'unit_id', 'user_id', 'role', 'assigned_on', 'assigned_by'], assignmentRows);
    if (aidRows)
      await copyIn(
        'legal_aid_requests',
        ['case_id', 'party_id', 'requested_on', 'reason', 'decision', 'decided_on', 'decided_by', 'lawyer_id', 'created_by'],
        aidRows.replace(/\n/g, `,${createdBy}\n`),
      );
    for (const [t, c] of [
      ['lawyers', 'id'],
      ['cases', 'id'],
      ['legal_parties', 'id'],
    ] as const) {
      await q(`SELECT setval(pg_get_serial_sequence('${t}', '${c}'), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`);
    }
    for (const t of ['cases', 'case_stages', 'case_events', 'case_deadlines', 'legal_disputes', 'legal_parties']) await q(`ANALYZE ${t}`);
    return { lawyers: teamSize, cases: cases.length, received: R, mediated: M, arbitrations: A, lawsuits: L, current, aid: aidCount };
  });
}
