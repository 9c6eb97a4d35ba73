/** Hardship's test fixtures: the local standard, a household on file; and another county's records for the scope walk. */
import type { Database } from '../../db/client.ts';
import type { OtherCounty } from '../program.ts';
import { asUser, fakeIdNumber, next, systemActor } from '../../test/factories.ts';

/** The city's minimum-living standard (¥400 a month per person unless given), from 2010. */
export async function buildHardshipStandard(database: Database, o: { unitId: number; minimumLivingFen?: number; noticeDays?: number }) {
  const { setStandard } = await import('./service.ts');
  const actor = await systemActor(database, o.unitId);
  return asUser(database, actor, (ctx) => setStandard(ctx, { unitId: o.unitId, validFrom: '2010-01-01', minimumLivingFen: o.minimumLivingFen ?? 400_00, noticeDays: o.noticeDays ?? 7 }));
}

/**
 * A household on file under `unitId`, registered, verified, shown and filed by two users of
 * `rootUnitId` (the notice period is moved into the past, as if its days had run).
 * `monthlyPerCapitaFen` sets the income so the grade follows (deep below ¥400 by default).
 */
export async function buildHousehold(
  database: Database,
  o: {
    rootUnitId: number;
    unitId: number;
    name?: string;
    idNumber?: string;
    monthlyPerCapitaFen?: number;
    size?: number;
    filed?: boolean;
    children?: { name: string; idNumber: string; schoolLevel: string }[];
  },
) {
  const { registerHousehold, recordVisit, startNotice, fileHousehold } = await import('./service.ts');
  const clerk = await systemActor(database, o.rootUnitId);
  const visitor = await systemActor(database, o.rootUnitId);
  const size = o.size ?? 3;
  const idNumber = o.idNumber ?? fakeIdNumber('1975-03-03');
  const children = o.children ?? [];
  const members = [
    ...children.map((c) => ({ name: c.name, relation: '子女', idNumber: c.idNumber, schoolLevel: c.schoolLevel })),
    ...Array.from({ length: Math.max(0, size - 1 - children.length) }, (_, i) => ({ name: `家属${i + 1}`, relation: '配偶' })),
  ];
  const h = await asUser(database, clerk, (ctx) =>
    registerHousehold(ctx, {
      unitId: o.unitId,
      workerName: o.name ?? `困难职工${next()}`,
      idNumber,
      mainCause: 'illness',
      secondaryCauses: ['education'],
      bankName: '农业银行',
      bankAccount: `62284800${String(next()).padStart(11, '0')}`,
      appliedOn: '2013-01-05',
      members,
      finances: [{ kind: 'income', category: '工资', annualFen: (o.monthlyPerCapitaFen ?? 300_00) * 12 * (members.length + 1) }],
    }),
  );
  if (o.filed === false) return { ...h, idNumber, clerk, visitor };
  await asUser(database, visitor, (ctx) => recordVisit(ctx, h.id, { visitedOn: '2013-01-06', visitors: '张三、李四', findings: '情况属实', confirmed: true }));
  await asUser(database, clerk, (ctx) => startNotice(ctx, h.id));
  await database.query(`UPDATE hardship_households SET notice_until = notice_from WHERE id = $1`, [h.id]);
  const filed = await asUser(database, clerk, (ctx) => fileHousehold(ctx, h.id, {}));
  return { ...filed, idNumber, clerk, visitor };
}

/** Another county's household on file, with a proof document. */
export async function recordsOf(c: OtherCounty) {
  await buildHardshipStandard(c.database, { unitId: c.countyId });
  const household = await buildHousehold(c.database, { rootUnitId: c.countyId, unitId: c.unionId, name: `${c.mark}困难职工` });
  const attachment = await buildAttachment(c.database, household, c.filesDir, `${c.mark}病历.pdf`);
  return { household: household.id, hardship_attachment: attachment.id };
}

/** A proof document on a household's file, added by the clerk who registered it. */
export async function buildAttachment(database: Database, household: { id: number; clerk: Parameters<typeof asUser>[1] }, filesDir: string, fileName: string) {
  const { addAttachment } = await import('./service.ts');
  return asUser(database, household.clerk, (ctx) => addAttachment(ctx, filesDir, household.id, { fileName, data: Buffer.from('%PDF-1.4\n') }));
}
