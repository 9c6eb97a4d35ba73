/**
 * The monthly supervision bulletin (每月督查通报) of a level: the supervised units directly below
 * ranked on each indicator, the change since last month, leaders and laggards, progress against
 * targets, and a short commentary in Chinese generated from the figures (deterministic: the same
 * figures always give the same words). Pure functions: the service feeds them the figures.
 */
import { createHash } from 'node:crypto';
import { formatChange, formatValue, type IndicatorDefinition } from '../../engines/indicators/catalogue.ts';
import type { TargetStatus } from '../../engines/indicators/status.ts';
import { zhCollator, type IsoDate } from '../../engines/time.ts';

export interface FigureInput {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  previous: number | null;
  target?: { target: number; expected: number; status: TargetStatus } | null;
}

export interface BulletinRow {
  unitId: number;
  name: string;
  rank: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  previous: number | null;
  change: number | null;
  target: number | null;
  expected: number | null;
  status: TargetStatus | null;
}

export interface BulletinIndicator {
  key: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  definition: string;
  definitionHash: string;
  total: Omit<BulletinRow, 'rank' | 'unitId' | 'name'>;
  rows: BulletinRow[];
  leaders: number[];
  laggards: number[];
}

export interface BulletinContent {
  unit: { id: number; name: string };
  period: IsoDate;
  previousPeriod: IsoDate;
  title: string;
  /** Whether the figures are the frozen month-end snapshot (a preview may be computed live). */
  frozen: boolean;
  indicators: BulletinIndicator[];
  commentary: string[];
}

const change = (v: number | null, p: number | null) => (v === null || p === null ? null : Math.round((v - p) * 1e9) / 1e9);

/** Competition ranking (1, 1, 3): better first; units without a figure are unranked, last. */
export function rankRows(rows: Omit<BulletinRow, 'rank'>[], direction: 'higher' | 'lower'): BulletinRow[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null && b.value === null ? zhCollator.compare(a.name, b.name) : a.value === null ? 1 : -1;
    const d = direction === 'higher' ? b.value - a.value : a.value - b.value;
    return Math.abs(d) > 1e-12 ? d : zhCollator.compare(a.name, b.name);
  });
  let rank = 0;
  let prev: number | null = null;
  return sorted.map((r, i) => {
    if (r.value === null) return { ...r, rank: null };
    if (prev === null || Math.abs(r.value - prev) > 1e-12) rank = i + 1;
    prev = r.value;
    return { ...r, rank };
  });
}

/** How many leaders and laggards to name: a third of the units, at most three, at least one of each when there are two or more. */
export function podiumSize(n: number): number {
  return n < 2 ? 0 : Math.max(1, Math.min(3, Math.floor(n / 3)));
}

export function buildIndicator(
  def: Pick<IndicatorDefinition, 'key' | 'name' | 'unit' | 'direction' | 'definition'> & { definitionHash: string },
  total: FigureInput,
  units: { unitId: number; name: string; figure: FigureInput }[],
): BulletinIndicator {
  const row = (f: FigureInput) => ({
    value: f.value,
    numerator: f.numerator ?? null,
    denominator: f.denominator ?? null,
    previous: f.previous,
    change: change(f.value, f.previous),
    target: f.target?.target ?? null,
    expected: f.target?.expected ?? null,
    status: f.target?.status ?? null,
  });
  const rows = rankRows(
    units.map((u) => ({ unitId: u.unitId, name: u.name, ...row(u.figure) })),
    def.direction,
  );
  const ranked = rows.filter((r) => r.rank !== null);
  const k = podiumSize(ranked.length);
  // Ties are treated alike: every unit ranked as high as the k-th from the top leads, every unit
  // ranked as low as the k-th from the bottom lags (a unit is never both).
  const topRank = ranked[k - 1]?.rank ?? 0;
  const bottomRank = ranked[ranked.length - k]?.rank ?? Infinity;
  const leaders = k ? ranked.filter((r) => r.rank! <= topRank).map((r) => r.unitId) : [];
  const laggards = k
    ? ranked
        .filter((r) => r.rank! >= bottomRank && r.rank! > topRank)
        .reverse()
        .map((r) => r.unitId)
    : [];
  return {
    key: def.key,
    name: def.name,
    unit: def.unit,
    direction: def.direction,
    definition: def.definition,
    definitionHash: def.definitionHash,
    total: row(total),
    rows,
    leaders,
    laggards,
  };
}

const monthText = (d: IsoDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月`;
const namesOf = (ind: BulletinIndicator, ids: number[]) => ids.map((id) => ind.rows.find((r) => r.unitId === id)!.name).join('、');

function movement(ind: BulletinIndicator, c: number | null): string {
  if (c === null) return '';
  if (Math.abs(c) < 1e-12) return '，与上月持平';
  const abs = formatChange(ind, Math.abs(c)).replace(/^[+−±]/, '');
  return ind.unit === '%' ? `，较上月${c > 0 ? '提高' : '下降'}${abs}` : `，较上月${c > 0 ? '增加' : '减少'}${abs}`;
}

/** The commentary: an overview, then each indicator's leaders, laggards and units behind schedule. */
export function commentaryOf(c: Pick<BulletinContent, 'unit' | 'period' | 'indicators'>): string[] {
  const out: string[] = [];
  const overview = c.indicators.map((ind) => `${ind.name}${formatValue(ind, ind.total.value)}${movement(ind, ind.total.change)}`).join('；');
  out.push(`截至${monthText(c.period)}末，${c.unit.name}${overview}。`);
  for (const ind of c.indicators) {
    const parts: string[] = [];
    if (ind.leaders.length) parts.push(`${namesOf(ind, ind.leaders)}位居前列`);
    if (ind.laggards.length) parts.push(`${namesOf(ind, ind.laggards)}相对靠后`);
    const improved = ind.rows
      .filter((r) => r.change !== null && (ind.direction === 'higher' ? r.change > 1e-12 : r.change < -1e-12))
      .sort((a, b) => (ind.direction === 'higher' ? b.change! - a.change! : a.change! - b.change!) || zhCollator.compare(a.name, b.name))[0];
    if (improved) parts.push(`进步最快的是${improved.name}（${formatChange(ind, improved.change)}）`);
    const red = ind.rows.filter((r) => r.status === 'red');
    if (red.length) parts.push(`${red.map((r) => r.name).join('、')}低于序时进度，请对照明细加快推进`);
    else if (ind.rows.some((r) => r.status)) parts.push('各单位均达到或接近序时进度');
    if (parts.length) out.push(`${ind.name}：${parts.join('；')}。`);
  }
  return out;
}

/** The title a level's bulletin carries. */
export function bulletinTitle(unitName: string, period: IsoDate): string {
  return `${unitName}${monthText(period)}督查通报`;
}

/** Canonical JSON (keys sorted at every level): what the signature covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function contentHash(content: BulletinContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
