/** Membership's test fixtures: an enterprise with its union, a member; and another county's records for the scope walk. */
import type { Database } from '../../db/client.ts';
import type { OtherCounty } from '../program.ts';
import { asUser, fakeCreditCode, fakeIdNumber, next, systemActor } from '../../test/factories.ts';
import { addMember, createEnterprise, registerUnion } from './service.ts';

/** An enterprise and a single union covering it, under `parentId` (a township). */
export async function buildUnionWithEnterprise(database: Database, o: { rootUnitId: number; parentId: number; name: string; employees?: number; foundedOn?: string; shuangliang?: boolean }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, async (ctx) => {
    const e = await createEnterprise(ctx, {
      unitId: o.parentId,
      creditCode: fakeCreditCode(),
      name: `${o.name}有限公司`,
      industry: 'C',
      ownership: '170',
      registeredOn: '2010-01-01',
      employees: o.employees ?? 50,
    });
    const unit = await registerUnion(ctx, {
      parentId: o.parentId,
      name: `${o.name}有限公司工会`,
      unionType: 'single',
      foundedOn: o.foundedOn ?? '2012-01-01',
      enterpriseIds: [e.id],
      signboardShownOn: o.shuangliang ? '2013-01-01' : null,
      chairShownOn: o.shuangliang ? '2013-01-01' : null,
    });
    return { enterpriseId: e.id, unionId: unit.id, actor };
  });
}

export async function buildMember(
  database: Database,
  o: { rootUnitId: number; unionId: number; enterpriseId: number | null; name?: string; joinedOn?: string; migrant?: boolean; idNumber?: string; phone?: string },
) {
  const actor = await systemActor(database, o.rootUnitId);
  const idNumber = o.idNumber ?? fakeIdNumber();
  const r = await asUser(database, actor, (ctx) =>
    addMember(ctx, {
      idNumber,
      name: o.name ?? `会员${next()}`,
      unionUnitId: o.unionId,
      enterpriseId: o.enterpriseId,
      joinedOn: o.joinedOn ?? '2013-03-01',
      migrantWorker: o.migrant ?? false,
      ...(o.phone ? { phone: o.phone } : {}),
    }),
  );
  return { ...r, idNumber };
}

/** Another county's enterprise, its union and a member there. */
export async function recordsOf(c: OtherCounty) {
  const u = await buildUnionWithEnterprise(c.database, { rootUnitId: c.cityId, parentId: c.townId, name: `${c.mark}竹木`, shuangliang: true });
  const m = await buildMember(c.database, { rootUnitId: c.cityId, unionId: u.unionId, enterpriseId: u.enterpriseId, name: `${c.mark}会员` });
  return { enterprise: u.enterpriseId, union: u.unionId, person: m.personId };
}
