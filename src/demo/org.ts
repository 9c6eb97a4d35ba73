/** The demo organisation: 南平市总工会, its 10 county-level federations (GB/T 2260), townships and unions. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orgUnits, orgUnitVersions, type OrgUnitKind } from '../engines/org/schema.ts';

export const NANPING_COUNTIES: { code: string; name: string; townships: string[] }[] = [
  { code: '350702', name: '延平区', townships: ['梅山街道', '黄墩街道', '水南街道', '南平工业园区'] },
  { code: '350703', name: '建阳区', townships: ['潭城街道', '童游街道', '将口镇'] },
  { code: '350721', name: '顺昌县', townships: ['双溪街道', '建西镇', '洋口镇'] },
  { code: '350722', name: '浦城县', townships: ['南浦街道', '莲塘镇', '仙阳镇'] },
  { code: '350723', name: '光泽县', townships: ['杭川镇', '寨里镇', '止马镇'] },
  { code: '350724', name: '松溪县', townships: ['松源街道', '郑墩镇', '渭田镇'] },
  { code: '350725', name: '政和县', townships: ['熊山街道', '东平镇', '石屯镇'] },
  { code: '350781', name: '邵武市', townships: ['昭阳街道', '通泰街道', '水北街道'] },
  { code: '350782', name: '武夷山市', townships: ['崇安街道', '新丰街道', '武夷街道'] },
  { code: '350783', name: '建瓯市', townships: ['建安街道', '通济街道', '瓯宁街道'] },
];

const ENTERPRISE_WORDS = ['竹木制品', '茶业', '食品', '电子', '纺织', '建材', '物流', '机械', '林产化工', '酒店管理', '医药', '新能源'];
const COMPANY_TYPES = ['有限公司', '股份有限公司', '有限责任公司'];

export interface DemoOrg {
  cityId: number;
  counties: { id: number; code: string; name: string; slug: string }[];
}

const SLUGS: Record<string, string> = {
  '350702': 'yanping',
  '350703': 'jianyang',
  '350721': 'shunchang',
  '350722': 'pucheng',
  '350723': 'guangze',
  '350724': 'songxi',
  '350725': 'zhenghe',
  '350781': 'shaowu',
  '350782': 'wuyishan',
  '350783': 'jianou',
};

async function insertUnit(db: Db, u: { parentId: number | null; name: string; kind: OrgUnitKind; code: string | null; openedOn: string }): Promise<number> {
  const [row] = await db
    .insert(orgUnits)
    .values({ ...u, path: '', depth: 0 })
    .returning({ id: orgUnits.id });
  await db.insert(orgUnitVersions).values({ unitId: row!.id, validFrom: u.openedOn, name: u.name, parentId: u.parentId, status: 'active', change: 'created' });
  return row!.id;
}

/** Builds the tree as the system. `unionsPerTownship` keeps test and demo sizes apart. */
export async function seedDemoOrg(db: Db, opts: { unionsPerTownship: number }): Promise<DemoOrg> {
  const cityId = await insertUnit(db, { parentId: null, name: '南平市总工会', kind: 'city', code: '3507', openedOn: '1950-01-01' });
  const counties: DemoOrg['counties'] = [];
  let serial = 0;
  for (const c of NANPING_COUNTIES) {
    const countyId = await insertUnit(db, { parentId: cityId, name: `${c.name}总工会`, kind: 'county', code: c.code, openedOn: '1950-01-01' });
    counties.push({ id: countyId, code: c.code, name: `${c.name}总工会`, slug: SLUGS[c.code]! });
    for (const [ti, t] of c.townships.entries()) {
      const isPark = t.endsWith('园区');
      const townshipId = await insertUnit(db, {
        parentId: countyId,
        name: `${t}${isPark ? '工会联合会' : '工会'}`,
        kind: 'township',
        code: `${c.code}${String(ti + 1).padStart(3, '0')}`,
        openedOn: '2000-01-01',
      });
      for (let i = 0; i < opts.unionsPerTownship; i++) {
        serial++;
        const word = ENTERPRISE_WORDS[serial % ENTERPRISE_WORDS.length]!;
        const type = COMPANY_TYPES[serial % COMPANY_TYPES.length]!;
        await insertUnit(db, {
          parentId: townshipId,
          name: `${c.name.replace(/[区县市]$/, '')}${t.slice(0, 2)}${word}${type}工会`,
          kind: 'grassroots',
          code: `${c.code}${String(ti + 1).padStart(3, '0')}${String(i + 1).padStart(4, '0')}`,
          openedOn: `20${String(5 + (serial % 8)).padStart(2, '0')}-0${1 + (serial % 9)}-15`,
        });
      }
    }
  }
  return { cityId, counties };
}

export async function hasAnyUnit(db: Db): Promise<boolean> {
  const r = await db.execute(sql`SELECT 1 FROM org_units LIMIT 1`);
  return (r as unknown as { rows: unknown[] }).rows.length > 0;
}
