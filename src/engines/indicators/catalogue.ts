/**
 * The catalogue of the federation's measures. Each program registers its indicators once, in its
 * own folder (`src/programs/<program>/indicators.ts`, imported for its side effect by the app);
 * this engine never imports a program. An indicator says what it is (name, definition, unit,
 * direction) and how to compute it for any unit's subtree on any date.
 */
import { createHash } from 'node:crypto';
import type { Permission } from '../accounts/roles.ts';
import type { Ctx } from '../context.ts';
import type { IsoDate } from '../time.ts';

/** A figure on a date: a rate's value is a fraction (0.872 shows as 87.2 %), a count is a count. */
export interface IndicatorValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export interface DrillFigure {
  key: string;
  label: string;
}

export interface DrillRecord {
  id: number;
  name: string;
  code: string | null;
  kind: string;
  /** The record's date that counts for the figure (filed, paid, received …), when it has one. */
  date?: string | null;
  /** A short note on the record (its grade, amount, stage or result), in Chinese. */
  detail?: string | null;
  /** What holds the record, when its page needs it (a relief application's campaign). */
  parentId?: number | null;
}

export interface IndicatorDefinition {
  /** Stable key, `<program>.<measure>`: 'membership.formationRate'. Never reused for another meaning. */
  key: string;
  /** The program that registered it ('membership'). */
  program: string;
  /** Chinese name as shown: '组建率'. */
  name: string;
  /** How it is computed, in Chinese, shown next to every figure. */
  definition: string;
  /** Display unit: '%' (value is a fraction), '户', '人', '元', '个', '件' … */
  unit: string;
  /** Whether a higher value is better (most) or a lower one (arrears, backlog). */
  direction: 'higher' | 'lower';
  /**
   * A count over the year to date (1 January to the date): it starts every year at 0, which is
   * then the default baseline of a target, not the figure at the end of the year before.
   */
  yearToDate?: boolean;
  /** Raise when the computation or definition changes: snapshots record the version they used. */
  version: number;
  /** What a unit should do when it falls behind (the nudge's advice). */
  advice?: string;
  /** Permission needed to open the records behind the figure (the figure itself is supervision.read). */
  drillPermission?: Permission;
  /** The figure for the subtree of `unitId` as of the end of `asOf`. */
  compute(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<IndicatorValue>;
  /**
   * The figure for each supervised unit directly below `unitId` (county, township), in one pass;
   * keyed by unit id. Optional: without it, compute() is called once per unit.
   */
  computeChildren?(ctx: Ctx, unitId: number, asOf: IsoDate): Promise<Map<number, IndicatorValue>>;
  /** The records behind the figure, by figure ('uncoveredEnterprises' …), paged. */
  drill?: {
    figures: readonly DrillFigure[];
    run(ctx: Ctx, unitId: number, asOf: IsoDate, figure: string, page: { offset: number; limit: number }): Promise<{ items: DrillRecord[]; total: number }>;
  };
}

const catalogue = new Map<string, IndicatorDefinition>();

const KEY = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

/** Adds an indicator to the catalogue (once per key; registering the same key twice is a bug). */
export function registerIndicator(def: IndicatorDefinition): IndicatorDefinition {
  if (!KEY.test(def.key)) throw new Error(`Indicator key "${def.key}" must read <program>.<measure>`);
  if (!def.key.startsWith(`${def.program}.`)) throw new Error(`Indicator key "${def.key}" must start with its program "${def.program}."`);
  const existing = catalogue.get(def.key);
  if (existing && existing !== def) throw new Error(`Indicator "${def.key}" is registered twice`);
  catalogue.set(def.key, def);
  return def;
}

/** Every registered indicator, in registration order. */
export function listIndicators(): IndicatorDefinition[] {
  return [...catalogue.values()];
}

export function findIndicator(key: string): IndicatorDefinition | undefined {
  return catalogue.get(key);
}

/** What is frozen with a snapshot so it can be reproduced: a hash of the definition as it stood. */
export function definitionHash(def: IndicatorDefinition): string {
  const material = JSON.stringify([def.key, def.version, def.name, def.definition, def.unit, def.direction]);
  return `v${def.version}:${createHash('sha256').update(material).digest('hex').slice(0, 16)}`;
}

/** The wire form of a definition (no functions). */
export function presentIndicator(def: IndicatorDefinition) {
  return {
    key: def.key,
    program: def.program,
    name: def.name,
    definition: def.definition,
    unit: def.unit,
    direction: def.direction,
    version: def.version,
    advice: def.advice ?? null,
    drillFigures: def.drill ? def.drill.figures.map((f) => ({ ...f })) : [],
  };
}

/** Formats a value for Chinese text: rates as '87.2%', counts with separators. */
export function formatValue(def: Pick<IndicatorDefinition, 'unit'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (def.unit === '%') return `${(value * 100).toFixed(1)}%`;
  if (def.unit === '元') return `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
  return `${Math.round(value).toLocaleString('zh-CN')}${def.unit}`;
}

/** A change in Chinese: rates in percentage points, counts in their unit. */
export function formatChange(def: Pick<IndicatorDefinition, 'unit'>, change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const abs = Math.abs(change);
  if (def.unit === '%') return `${sign}${(abs * 100).toFixed(1)}个百分点`;
  return `${sign}${Math.round(abs).toLocaleString('zh-CN')}${def.unit}`;
}
