import { MODULE_AUDIT_ENTITIES } from '../modules/index.ts';
import type { UnitKind } from './api.ts';

export const KINDS: UnitKind[] = ['city', 'county', 'township', 'grassroots', 'branch'];

/** Which kinds of unit may sit directly under which. */
export const CHILD_KINDS: Record<UnitKind, UnitKind[]> = {
  city: ['county'],
  county: ['township', 'grassroots'],
  township: ['township', 'grassroots'],
  grassroots: ['branch'],
  branch: ['branch'],
};

/** Kinds that can appear below a unit of this kind, at any depth. */
export function kindsBelow(kind: UnitKind): UnitKind[] {
  const seen = new Set<UnitKind>();
  const walk = (k: UnitKind) => {
    for (const c of CHILD_KINDS[k]) {
      if (!seen.has(c)) {
        seen.add(c);
        walk(c);
      }
    }
  };
  walk(kind);
  return KINDS.filter((k) => seen.has(k));
}

export const ROLES = ['city_admin', 'county_admin', 'grassroots_staff', 'reviewer', 'auditor', 'lawyer', 'counsellor', 'worker'] as const;

export const AUDIT_ACTIONS = ['create', 'update', 'rename', 'move', 'close', 'reopen', 'disable', 'enable', 'reset_password', 'change_password', 'login', 'login_failed', 'logout', 'view'] as const;

/** The kinds of record the engines write to the trail (labels in lib/i18n.tsx, entity.*). */
const ENGINE_AUDIT_ENTITIES = [
  'org_unit',
  'user',
  'import_job',
  'approval',
  'approval_chain',
  'ledger_fund',
  'ledger_entry',
  'case',
  'calendar_day',
  'indicator_target',
  'indicator_snapshot',
  'notification_contacts',
] as const;

/** Every kind of record the trail names, for its filter: the engines' and each module's own. */
export const AUDIT_ENTITIES: readonly string[] = [...ENGINE_AUDIT_ENTITIES, ...MODULE_AUDIT_ENTITIES];

/** Builds a CSV (UTF-8 with BOM, so Excel reads the Chinese) and downloads it. */
export function downloadCsv(filename: string, header: string[], rows: (string | number | null | undefined)[][]): void {
  const esc = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n');
  const blob = new Blob([`\ufeff${text}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Which kinds of unit each role may sit in (mirrors the server's rule, to offer only valid choices). */
export const ROLE_UNIT_KINDS: Record<(typeof ROLES)[number], readonly UnitKind[] | 'any'> = {
  city_admin: ['city'],
  county_admin: ['county'],
  grassroots_staff: ['township', 'grassroots', 'branch'],
  reviewer: 'any',
  auditor: 'any',
  lawyer: 'any',
  counsellor: 'any',
  worker: ['grassroots', 'branch', 'township'],
};

/** Roles a user of `actorRole` may grant in a unit of `kind`. */
export function grantableRoles(actorRole: string, kind: UnitKind | undefined): (typeof ROLES)[number][] {
  return ROLES.filter((r) => {
    if (actorRole !== 'city_admin' && (actorRole !== 'county_admin' || r === 'city_admin')) return false;
    const k = ROLE_UNIT_KINDS[r];
    return !kind || k === 'any' || k.includes(kind);
  });
}
