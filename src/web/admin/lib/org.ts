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

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'rename',
  'move',
  'close',
  'reopen',
  'disable',
  'enable',
  'reset_password',
  'change_password',
  'login',
  'login_failed',
  'logout',
  'view',
] as const;

export const AUDIT_ENTITIES = ['org_unit', 'user'] as const;

/** Builds a CSV (UTF-8 with BOM, so Excel reads the Chinese) and downloads it. */
export function downloadCsv(filename: string, header: string[], rows: (string | number | null | undefined)[][]): void {
  const esc = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n');
  const blob = new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
