/**
 * A household's details corrected after registration (graded again, kept in the file's history,
 * audited), the archive filtered by cause, and an upload whose transaction fails leaving no file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser, fakeIdNumber } from '../../test/factories.ts';
import { buildHardshipStandard } from '../hardship/testing.ts';
import type { Role } from '../../engines/accounts/roles.ts';
import type { Ctx } from '../../engines/context.ts';
import type { DomainError } from '../../engines/errors.ts';
import { addAttachment, attachmentsDir, getHousehold, keepFilesOnlyIfCommitted, listHouseholds, registerHousehold, revealSensitive, updateHousehold, type HouseholdInput } from './service.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
const u: Record<string, { userId: number; username: string; role: Role; unitId: number }> = {};
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-hardship-edit-'));

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  for (const [name, unitId, role] of [
    ['clerk', t.aUnion.id, 'grassroots_staff'],
    ['countyB', t.b.id, 'county_admin'],
  ] as const) {
    const x = await buildUser(database, { unitId, role });
    u[name] = { userId: x.id, username: x.username, role, unitId };
  }
  await buildHardshipStandard(database, { unitId: t.city.id, minimumLivingFen: 400_00 });
});
afterAll(() => database.destroy());

const as = <T>(who: string, w: (ctx: Ctx) => Promise<T>) => asUser(database, u[who]!, w);
const household = (o: Partial<HouseholdInput> = {}): HouseholdInput => ({
  unitId: t.aUnion.id,
  workerName: '黄志强',
  idNumber: fakeIdNumber('1972-02-02'),
  mainCause: 'illness',
  secondaryCauses: ['education'],
  bankAccount: '6217001234567890123',
  members: [{ name: '刘芳', relation: '配偶' }],
  finances: [{ kind: 'income', category: '工资', annualFen: 14_400_00 }],
  ...o,
});

describe('editing a household', () => {
  it('grades it again, keeps the change in its history without the values, and audits it', async () => {
    const h = await as('clerk', (ctx) => registerHousehold(ctx, household()));
    // 14,400 ÷ 12 ÷ 2 = 600 a month: relative.
    expect(h.grade).toBe('relative');
    const child = fakeIdNumber('2004-04-04');
    const r = await as('clerk', (ctx) =>
      updateHousehold(ctx, h.id, {
        members: [
          { name: '刘芳', relation: '配偶' },
          { name: '黄小宇', relation: '子女', idNumber: child, schoolLevel: 'high_school' },
        ],
        finances: [{ kind: 'income', category: '工资', annualFen: 13_200_00 }],
        mainCause: 'disability',
        secondaryCauses: ['illness'],
        bankAccount: '6222000011112222333',
        phone: '13905990001',
        note: '增加子女，更换工资卡',
      }),
    );
    // 13,200 ÷ 12 ÷ 3 ≈ 367 a month: deep.
    expect(r.household).toMatchObject({ grade: 'deep', householdSize: 3, mainCause: 'disability', secondaryCauses: ['illness'], bankAccountMasked: '***************2333', phone: '13905990001' });
    const file = await as('clerk', (ctx) => getHousehold(ctx, h.id, '核对'));
    const edited = file.history.find((e) => e.action === 'edited')!;
    expect(edited.details).toMatchObject({
      changed: expect.arrayContaining(['mainCause', 'secondaryCauses', 'phone', 'bankAccount', 'members', 'finances']),
      gradeBefore: 'relative',
      gradeAfter: 'deep',
    });
    expect(JSON.stringify(file.history)).not.toContain('6222000011112222333');
    const full = await as('clerk', (ctx) => revealSensitive(ctx, h.id, '核对'));
    expect(full.bankAccount).toBe('6222000011112222333');
    expect(full.members.map((m) => m.idNumber)).toEqual([null, child]);
    const audit = await database.query<{ reason: string; after: { changed: string[] } }>(
      `SELECT reason, after FROM audit_log WHERE entity = 'hardship_household' AND entity_id = $1 AND action = 'update'`,
      [String(h.id)],
    );
    expect(audit.map((a) => a.reason)).toContain('增加子女，更换工资卡');
    expect(JSON.stringify(audit)).not.toContain('6222000011112222333');
    // Removing the account, a bad cause, another county: refused or applied as asked.
    expect((await as('clerk', (ctx) => updateHousehold(ctx, h.id, { bankAccount: null }))).household.bankAccountMasked).toBeNull();
    expect(((await as('clerk', (ctx) => updateHousehold(ctx, h.id, { mainCause: 'astrology' })).catch((e) => e)) as DomainError).code).toBe('HOUSEHOLD_CAUSE_INVALID');
    expect(((await as('countyB', (ctx) => updateHousehold(ctx, h.id, { phone: '13905990002' })).catch((e) => e)) as DomainError).code).toBe('HOUSEHOLD_NOT_FOUND');
  });
});

describe('the archive by cause', () => {
  it('finds a household by its main or secondary cause', async () => {
    const a = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1973-03-03'), mainCause: 'disaster', secondaryCauses: [] })));
    const b = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1974-04-04'), mainCause: 'unemployment', secondaryCauses: ['disaster'] })));
    const found = await as('clerk', (ctx) => listHouseholds(ctx, { cause: 'disaster', offset: 0, limit: 50 }));
    expect(found.items.map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
    expect((await as('clerk', (ctx) => listHouseholds(ctx, { cause: 'unemployment', offset: 0, limit: 50 }))).items.map((h) => h.id)).toEqual([b.id]);
  });
});

describe('a proof document', () => {
  it('is kept only when its transaction commits', async () => {
    const h = await as('clerk', (ctx) => registerHousehold(ctx, household({ idNumber: fakeIdNumber('1975-05-05') })));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n');
    const dir = attachmentsDir(filesDir, h.id);
    const failed = await keepFilesOnlyIfCommitted((written) =>
      as('clerk', async (ctx) => {
        await addAttachment(ctx, filesDir, h.id, { fileName: '诊断证明.pdf', data: pdf }, written);
        expect(fs.readdirSync(dir)).toHaveLength(1);
        throw new Error('the request fails after the upload');
      }),
    ).catch((e: Error) => e.message);
    expect(failed).toBe('the request fails after the upload');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await as('clerk', (ctx) => getHousehold(ctx, h.id, '核对'))).attachments).toEqual([]);
    // A refused upload writes nothing; a good one keeps its file.
    await keepFilesOnlyIfCommitted((written) => as('clerk', (ctx) => addAttachment(ctx, filesDir, h.id, { fileName: 'x.pdf', data: Buffer.from('MZ') }, written))).catch(() => undefined);
    expect(fs.readdirSync(dir)).toEqual([]);
    const ok = await keepFilesOnlyIfCommitted((written) => as('clerk', (ctx) => addAttachment(ctx, filesDir, h.id, { fileName: '诊断证明.pdf', data: pdf }, written)));
    expect(fs.readdirSync(dir)).toEqual([ok.storedAs]);
  });
});
