import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeCreditCode, fakeIdNumber } from '../../test/factories.ts';
import { buildUnionWithEnterprise } from '../membership/testing.ts';
import type { Ctx } from '../../engines/context.ts';
import { DomainError } from '../../engines/errors.ts';
import { code } from '../../test/errors.ts';
import { addMember, createEnterprise, leaveMember, listMembers, memberHistory, registerUnion, revealPerson, transferMember, updateUnionProfile } from './service.ts';
import { coverageCounts, drillDown, ratesOf } from './coverage.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
type A = { userId: number; username: string; role: 'county_admin'; unitId: number };
let adminA: A;
let adminB: A;
let uA: { enterpriseId: number; unionId: number };
let uA2: { enterpriseId: number; unionId: number };
let uB: { enterpriseId: number; unionId: number };

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const a = await buildUser(database, { unitId: t.a.id, role: 'county_admin' });
  const b = await buildUser(database, { unitId: t.b.id, role: 'county_admin' });
  adminA = { userId: a.id, username: a.username, role: 'county_admin', unitId: t.a.id };
  adminB = { userId: b.id, username: b.username, role: 'county_admin', unitId: t.b.id };
  uA = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县一厂', employees: 10, shuangliang: true });
  uA2 = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县二厂', employees: 20 });
  uB = await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.bTown.id, name: '乙县一厂', employees: 30 });
});
afterAll(() => database.destroy());

const asA = <T>(w: (ctx: Ctx) => Promise<T>) => asUser(database, adminA, w);
const asB = <T>(w: (ctx: Ctx) => Promise<T>) => asUser(database, adminB, w);

describe('enterprises and unions', () => {
  it('validates the credit code and keeps it unique', async () => {
    const base = { unitId: t.aTown.id, name: '校验企业', industry: 'C', ownership: '170', registeredOn: '2015-01-01', employees: 5 };
    expect(await code(asA((ctx) => createEnterprise(ctx, { ...base, creditCode: '91350100M000100Y44' })))).toBe('ENTERPRISE_CREDIT_CODE_INVALID');
    expect(await code(asA((ctx) => createEnterprise(ctx, { ...base, creditCode: fakeCreditCode(), industry: 'Z' })))).toBe('ENTERPRISE_CODE_UNKNOWN');
    const cc = fakeCreditCode();
    await asA((ctx) => createEnterprise(ctx, { ...base, creditCode: cc }));
    expect(await code(asB((ctx) => createEnterprise(ctx, { ...base, unitId: t.bTown.id, creditCode: cc })))).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
  });

  it('requires one enterprise for a single union and two or more for a joint one; an enterprise has one union at a time', async () => {
    const e1 = await asA((ctx) =>
      createEnterprise(ctx, { unitId: t.aTown.id, creditCode: fakeCreditCode(), name: '小店一', industry: 'F', ownership: '170', registeredOn: '2015-01-01', employees: 5 }),
    );
    const e2 = await asA((ctx) =>
      createEnterprise(ctx, { unitId: t.aTown.id, creditCode: fakeCreditCode(), name: '小店二', industry: 'F', ownership: '170', registeredOn: '2015-01-01', employees: 6 }),
    );
    expect(await code(asA((ctx) => registerUnion(ctx, { parentId: t.aTown.id, name: '联合工会', unionType: 'joint', foundedOn: '2016-01-01', enterpriseIds: [e1.id] })))).toBe(
      'UNION_NEEDS_ENTERPRISE',
    );
    const joint = await asA((ctx) => registerUnion(ctx, { parentId: t.aTown.id, name: '城关镇商户联合工会', unionType: 'joint', foundedOn: '2016-01-01', enterpriseIds: [e1.id, e2.id] }));
    const counts2016 = await asA((ctx) => coverageCounts(ctx, joint.id, '2016-06-01'));
    expect(counts2016).toMatchObject({ unions: 1 });
    // Moving e2 to uA2's union ends its coverage by the joint union that day.
    const { coverEnterprise } = await import('./service.ts');
    await asA((ctx) => coverEnterprise(ctx, uA2.unionId, e2.id, '2018-01-01'));
    const coveringOn = async (d: string) =>
      (
        await database.query<{ union_unit_id: number }>(`SELECT union_unit_id FROM union_coverages WHERE enterprise_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`, [e2.id, d])
      ).map((r) => r.union_unit_id);
    expect(await coveringOn('2017-12-31')).toEqual([joint.id]);
    expect(await coveringOn('2018-01-01')).toEqual([uA2.unionId]);
    expect(await code(asB((ctx) => coverEnterprise(ctx, uB.unionId, e1.id, '2019-01-01')))).toBe('ENTERPRISE_NOT_FOUND');
  });
});

describe('members', () => {
  it('validates the ID number, stores it sealed and shows it masked', async () => {
    expect(await code(asA((ctx) => addMember(ctx, { idNumber: '350702198506150032', name: '张三', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2013-01-01' })))).toBe(
      'PERSON_ID_INVALID',
    );
    const id = fakeIdNumber('1990-02-03', false);
    const { personId } = await asA((ctx) =>
      addMember(ctx, { idNumber: id.toLowerCase(), name: '李梅', phone: '13905990456', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2013-01-01' }),
    );
    const [stored] = await database.query<{ id_sealed: string; id_masked: string; gender: string; birth_date: string }>('SELECT id_sealed, id_masked, gender, birth_date FROM persons WHERE id = $1', [
      personId,
    ]);
    expect(stored!.id_sealed).not.toContain(id.slice(6, 14));
    expect(stored).toMatchObject({ id_masked: `${id.slice(0, 4)}**********${id.slice(-4)}`, gender: 'female', birth_date: '1990-02-03' });
    const found = await asA((ctx) => listMembers(ctx, { q: id, offset: 0, limit: 10 }));
    expect(found.items.map((m) => m.name)).toEqual(['李梅']);
    expect(JSON.stringify(found)).not.toContain(id);
    // The phone is masked beside the masked ID number; both come whole with a reveal.
    expect(found.items[0]!.phone).toBe('139****0456');
    expect(JSON.stringify(found)).not.toContain('13905990456');
    expect(await asA((ctx) => revealPerson(ctx, personId, '核对困难职工档案'))).toEqual({ idNumber: id, phone: '13905990456' });
    const views = await database.query(`SELECT reason FROM audit_log WHERE action = 'view' AND entity_id = $1`, [String(personId)]);
    expect(views).toEqual([{ reason: '核对困难职工档案' }]);
  });

  it('allows one current membership in the whole federation, saying which county has it', async () => {
    const id = fakeIdNumber('1980-05-05');
    await asA((ctx) => addMember(ctx, { idNumber: id, name: '王五', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2013-01-01' }));
    const err = await asB((ctx) => addMember(ctx, { idNumber: id, name: '王五', unionUnitId: uB.unionId, enterpriseId: uB.enterpriseId, joinedOn: '2014-01-01' })).catch((e) => e as DomainError);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('MEMBER_ALREADY_ACTIVE');
    expect((err as DomainError).message).toContain('甲县总工会');
    // County B sees nothing of the person.
    expect((await asB((ctx) => listMembers(ctx, { q: id, offset: 0, limit: 10 }))).total).toBe(0);
  });

  it('computes status from dated periods through transfer and leaving', async () => {
    const id = fakeIdNumber('1975-07-07');
    const { personId } = await asA((ctx) => addMember(ctx, { idNumber: id, name: '赵六', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2012-03-01' }));
    await asA((ctx) => transferMember(ctx, personId, { toUnionUnitId: uA2.unionId, enterpriseId: uA2.enterpriseId, on: '2015-06-01' }));
    expect(await code(asA((ctx) => transferMember(ctx, personId, { toUnionUnitId: uA2.unionId, on: '2016-01-01' })))).toBe('TRANSFER_SAME_UNION');
    await asA((ctx) => leaveMember(ctx, personId, { on: '2020-01-01', reason: 'retired' }));
    const h = await asA((ctx) => memberHistory(ctx, personId));
    expect(h.periods.map((p) => [p.unionUnitId, p.joinedOn, p.leftOn, p.leaveReason])).toEqual([
      [uA.unionId, '2012-03-01', '2015-06-01', 'transferred'],
      [uA2.unionId, '2015-06-01', '2020-01-01', 'retired'],
    ]);
    expect(h.current.status).toBe('former');
    const on = async (d: string, unionId: number) => (await asA((ctx) => listMembers(ctx, { underUnitId: unionId, asOf: d, offset: 0, limit: 100 }))).items.some((m) => m.personId === personId);
    expect(await on('2015-05-31', uA.unionId)).toBe(true);
    expect(await on('2015-06-01', uA.unionId)).toBe(false);
    expect(await on('2015-06-01', uA2.unionId)).toBe(true);
    expect(await on('2020-01-01', uA2.unionId)).toBe(false);
    expect(await code(asA((ctx) => leaveMember(ctx, personId, { on: '2021-01-01', reason: 'left' })))).toBe('MEMBER_NOT_ACTIVE');
    // Rejoining is allowed once the earlier period has ended.
    await asA((ctx) => addMember(ctx, { idNumber: id, name: '赵六', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2021-03-01' }));
    expect((await asA((ctx) => memberHistory(ctx, personId))).current.status).toBe('active');
  });
});

describe('a masked ID number', () => {
  it('is not completed by anything shown beside it: the birth year only, the phone masked', async () => {
    const id = fakeIdNumber('1979-08-23');
    const { personId } = await asA((ctx) => addMember(ctx, { idNumber: id, name: '孙八', phone: '13905992468', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2013-01-01' }));
    const listed = (await asA((ctx) => listMembers(ctx, { q: id, offset: 0, limit: 10 }))).items;
    const history = await asA((ctx) => memberHistory(ctx, personId));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ idMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`, birthYear: 1979, phone: '139****2468' });
    // The digits the mask hides (the county and the birth date) appear nowhere, in no form.
    const shown = JSON.stringify([listed, history]);
    for (const hidden of [id.slice(4, 14), '1979-08-23', '19790823', '08-23', '0823']) expect(shown).not.toContain(hidden);
    // They come with a reveal, for a stated reason, and the reveal is logged.
    expect((await asA((ctx) => revealPerson(ctx, personId, '核对会员身份'))).idNumber).toBe(id);
  });
});

describe('searching members', () => {
  it('finds part of a name or of a phone number, in the searcher’s scope only', async () => {
    await asA((ctx) =>
      addMember(ctx, { idNumber: fakeIdNumber('1983-03-03'), name: '欧阳春华', phone: '13905997531', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2013-01-01' }),
    );
    await asB((ctx) =>
      addMember(ctx, { idNumber: fakeIdNumber('1984-04-04'), name: '欧阳春明', phone: '13905998642', unionUnitId: uB.unionId, enterpriseId: uB.enterpriseId, joinedOn: '2013-01-01' }),
    );
    const names = async (as: typeof asA, q: string) => (await as((ctx) => listMembers(ctx, { q, offset: 0, limit: 10 }))).items.map((m) => m.name);
    expect(await names(asA, '阳春华')).toEqual(['欧阳春华']);
    expect(await names(asA, '春')).toEqual(['欧阳春华']);
    expect(await names(asA, '欧阳春明')).toEqual([]);
    expect(await names(asB, '欧阳春')).toEqual(['欧阳春明']);
    expect(await names(asA, '599753')).toEqual(['欧阳春华']);
    expect(await names(asA, '7531')).toEqual(['欧阳春华']);
    expect(await names(asA, '8642')).toEqual([]);
    // Wildcards are taken as they are written.
    expect(await names(asA, '欧阳%')).toEqual([]);
  });
});

describe('the latest period per person', () => {
  it('lists each person once, at their latest period in the viewer’s scope, and keeps `superseded` as periods come and go', async () => {
    const city = await buildUser(database, { unitId: t.city.id, role: 'city_admin' });
    const asCity = <T>(w: (ctx: Ctx) => Promise<T>) => asUser(database, { userId: city.id, username: city.username, role: 'city_admin', unitId: t.city.id }, w);
    const id = fakeIdNumber('1969-09-09');
    const { personId } = await asA((ctx) => addMember(ctx, { idNumber: id, name: '钱七', unionUnitId: uA.unionId, enterpriseId: uA.enterpriseId, joinedOn: '2012-01-01' }));
    await asCity((ctx) => transferMember(ctx, personId, { toUnionUnitId: uB.unionId, enterpriseId: uB.enterpriseId, on: '2016-01-01' }));
    const periods = async () =>
      (
        await database.query<{ union_unit_id: number; joined_on: string; superseded: boolean }>(
          'SELECT union_unit_id, joined_on, superseded FROM memberships WHERE person_id = $1 ORDER BY joined_on',
          [personId],
        )
      ).map((r) => [r.union_unit_id, r.joined_on, r.superseded]);
    expect(await periods()).toEqual([
      [uA.unionId, '2012-01-01', true],
      [uB.unionId, '2016-01-01', false],
    ]);
    const rowsOf = async (as: typeof asA) => (await as((ctx) => listMembers(ctx, { q: id, offset: 0, limit: 10 }))).items.map((m) => [m.unionUnitId, m.status]);
    // The city sees the person once, where they are now; county A still sees the period that left it; county B its own.
    expect(await rowsOf(asCity)).toEqual([[uB.unionId, 'active']]);
    expect(await rowsOf(asA)).toEqual([[uA.unionId, 'former']]);
    expect(await rowsOf(asB)).toEqual([[uB.unionId, 'active']]);
    // An earlier period entered afterwards is superseded from the start; removing the latest makes the one before it latest again.
    await database.query(`INSERT INTO memberships (union_unit_id, person_id, joined_on, left_on, leave_reason) VALUES ($1, $2, '2010-01-01', '2011-06-30', 'left')`, [uA2.unionId, personId]);
    await database.query('DELETE FROM memberships WHERE person_id = $1 AND union_unit_id = $2', [personId, uB.unionId]);
    expect(await periods()).toEqual([
      [uA2.unionId, '2010-01-01', true],
      [uA.unionId, '2012-01-01', false],
    ]);
    expect(await rowsOf(asCity)).toEqual([[uA.unionId, 'former']]);
  });
});

describe('coverage rates', () => {
  it('counts as of a date with numerator, denominator and definition, and drills down to the records', async () => {
    const db2 = await createTestDatabase();
    try {
      const tt = await buildTwoCounties(db2);
      const u1 = await buildUnionWithEnterprise(db2, { rootUnitId: tt.city.id, parentId: tt.aTown.id, name: '一号', employees: 4, foundedOn: '2012-01-01', shuangliang: true });
      const u2 = await buildUnionWithEnterprise(db2, { rootUnitId: tt.city.id, parentId: tt.aTown.id, name: '二号', employees: 6, foundedOn: '2014-01-01' });
      const admin = await buildUser(db2, { unitId: tt.city.id, role: 'city_admin' });
      const actor = { userId: admin.id, username: admin.username, role: 'city_admin' as const, unitId: tt.city.id };
      await asUser(db2, actor, (ctx) =>
        createEnterprise(ctx, { unitId: tt.aTown.id, creditCode: fakeCreditCode(), name: '未建会企业', industry: 'C', ownership: '170', registeredOn: '2011-01-01', employees: 100 }),
      );
      for (let i = 0; i < 3; i++)
        await asUser(db2, actor, (ctx) =>
          addMember(ctx, { idNumber: fakeIdNumber(`198${i}-01-01`), name: `甲${i}`, unionUnitId: u1.unionId, enterpriseId: u1.enterpriseId, joinedOn: '2013-01-01', migrantWorker: i === 0 }),
        );
      for (let i = 0; i < 6; i++)
        await asUser(db2, actor, (ctx) => addMember(ctx, { idNumber: fakeIdNumber(`197${i}-01-01`), name: `乙${i}`, unionUnitId: u2.unionId, enterpriseId: u2.enterpriseId, joinedOn: '2014-02-01' }));
      const counts2013 = await asUser(db2, actor, (ctx) => coverageCounts(ctx, tt.a.id, '2013-06-30'));
      expect(counts2013).toEqual({
        enterprises: 3,
        coveredEnterprises: 1,
        employeesInCovered: 4,
        membersInCovered: 3,
        members: 3,
        migrantMembers: 1,
        unions: 1,
        shuangliangRequiredUnions: 1,
        shuangliangUnions: 1,
      });
      const counts2015 = await asUser(db2, actor, (ctx) => coverageCounts(ctx, tt.a.id, '2015-06-30'));
      expect(counts2015).toMatchObject({ coveredEnterprises: 2, employeesInCovered: 10, membersInCovered: 9, unions: 2, shuangliangUnions: 1 });
      const rates = ratesOf(counts2015);
      expect(rates.find((r) => r.key === 'formationRate')).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, definition: expect.stringContaining('应建会企业') });
      expect(rates.find((r) => r.key === 'membershipRate')).toMatchObject({ numerator: 9, denominator: 10, value: 0.9 });
      expect(rates.find((r) => r.key === 'shuangliangRate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
      const uncovered = await asUser(db2, actor, (ctx) => drillDown(ctx, tt.a.id, '2015-06-30', 'uncoveredEnterprises', { offset: 0, limit: 10 }));
      expect(uncovered.items.map((i) => i.name)).toEqual(['未建会企业']);
      const migrants = await asUser(db2, actor, (ctx) => drillDown(ctx, tt.a.id, '2015-06-30', 'migrantMembers', { offset: 0, limit: 10 }));
      expect(migrants.items.map((i) => i.name)).toEqual(['甲0']);
      expect((await asUser(db2, actor, (ctx) => drillDown(ctx, tt.a.id, '2015-06-30', 'members', { offset: 0, limit: 100 }))).total).toBe(counts2015.members);
      // Every numerator and denominator lists exactly as many records as it counts.
      for (const [figure, n] of [
        ['membersInCovered', counts2015.membersInCovered],
        ['shuangliangRequiredUnions', counts2015.shuangliangRequiredUnions],
        ['coveredEnterprises', counts2015.coveredEnterprises],
        ['enterprises', counts2015.enterprises],
        ['shuangliangUnions', counts2015.shuangliangUnions],
      ] as const) {
        expect((await asUser(db2, actor, (ctx) => drillDown(ctx, tt.a.id, '2015-06-30', figure, { offset: 0, limit: 100 }))).total, figure).toBe(n);
      }
      // 双亮 as of a date: the second union shows both signs later.
      await asUser(db2, actor, (ctx) => updateUnionProfile(ctx, u2.unionId, { signboardShownOn: '2016-01-01', chairShownOn: '2016-03-01' }));
      expect((await asUser(db2, actor, (ctx) => coverageCounts(ctx, tt.a.id, '2016-02-01'))).shuangliangUnions).toBe(1);
      expect((await asUser(db2, actor, (ctx) => coverageCounts(ctx, tt.a.id, '2016-03-01'))).shuangliangUnions).toBe(2);
      // County B's figures do not include county A's.
      expect((await asUser(db2, actor, (ctx) => coverageCounts(ctx, tt.b.id, '2016-03-01'))).members).toBe(0);
    } finally {
      await db2.destroy();
    }
  });
});
