/** Legal services' test fixtures: a lawyer, a dispute; and another county's records for the scope walk. */
import type { Database } from '../../db/client.ts';
import type { OtherCounty } from '../program.ts';
import { asUser, fakeIdNumber, next, systemActor } from '../../test/factories.ts';
import { createLawyer, openDispute } from './service.ts';

export async function buildLawyer(database: Database, o: { rootUnitId: number; unitId: number; name?: string; userId?: number | null; available?: boolean }) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, (ctx) =>
    createLawyer(ctx, {
      unitId: o.unitId,
      name: o.name ?? `律师${next()}`,
      licenceNo: `1350${String(next()).padStart(10, '0')}`,
      firm: '福建闽北律师事务所',
      userId: o.userId ?? null,
      available: o.available ?? true,
      joinedOn: '2012-01-01',
    }),
  );
}

/** A labour dispute received at `unitId`, with one worker (or those given). */
export async function buildDispute(
  database: Database,
  o: { rootUnitId: number; unitId: number; workerName?: string; workers?: { name: string; idNumber: string }[]; employerName?: string; openedOn?: string; knewOn?: string },
) {
  const actor = await systemActor(database, o.rootUnitId);
  return asUser(database, actor, (ctx) =>
    openDispute(ctx, {
      unitId: o.unitId,
      channel: 'station',
      disputeType: 'wages',
      claimedFen: 1200000,
      employerName: o.employerName ?? '某某建材有限公司',
      openedOn: o.openedOn ?? '2013-03-01',
      knewOn: o.knewOn ?? '2013-02-01',
      workers: o.workers ?? [{ name: o.workerName ?? `职工${next()}`, idNumber: fakeIdNumber() }],
    }),
  );
}

/** Another county's lawyer, a dispute with a worker there, an aid request and a document. */
export async function recordsOf(c: OtherCounty) {
  const lawyer = await buildLawyer(c.database, { rootUnitId: c.cityId, unitId: c.countyId, name: `${c.mark}律师` });
  const d = await buildDispute(c.database, { rootUnitId: c.cityId, unitId: c.unionId, workerName: `${c.mark}职工`, employerName: `${c.mark}竹木有限公司` });
  const [party] = await c.database.query<{ id: number }>(`SELECT id FROM legal_parties WHERE case_id = $1`, [d.id]);
  const [aid] = await c.database.query<{ id: number }>(`INSERT INTO legal_aid_requests (case_id, party_id, requested_on, reason, created_by) VALUES ($1, $2, '2013-03-02', $3, 1) RETURNING id`, [
    d.id,
    party!.id,
    `${c.mark}援助`,
  ]);
  const [doc] = await c.database.query<{ id: number }>(
    `INSERT INTO case_documents (case_id, file_name, content_type, size, sha256, stored_as, uploaded_by) VALUES ($1, $2, 'text/plain', 1, 'x', 'x.txt', 1) RETURNING id`,
    [d.id, `${c.mark}.txt`],
  );
  return { legal_case: d.id, lawyer: lawyer.id, legal_aid: aid!.id, case_document: doc!.id };
}
