/** The unit the user is looking at (header picker): in the URL as ?unit=ID, defaulting to the user's own unit. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, errorMessage, type UnitDetail } from './api.ts';
import { useAuth, useMe } from './auth.tsx';

interface Scope {
  unitId: number;
  unit: UnitDetail | null;
  loading: boolean;
  /** Set when the unit in the URL cannot be shown (absent or outside the user's scope). */
  error: { status: number; message: string } | null;
  setUnit: (id: number) => void;
  /** Reload the unit after a change (e.g. a rename). */
  reload: () => void;
}

const ScopeContext = createContext<Scope | null>(null);

export function ScopeProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const raw = params.get('unit');
  const parsed = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const unitId = parsed ?? me.unit.id;
  const [unit, setUnitState] = useState<UnitDetail | null>(null);
  const [error, setError] = useState<Scope['error']>(raw !== null && parsed === null ? { status: 404, message: '' } : null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (raw !== null && parsed === null) {
      setError({ status: 404, message: '' });
      setLoading(false);
      return;
    }
    if (!can('org.read')) {
      setUnitState({ ...me.unit, kind: me.unit.kind as UnitDetail['kind'], code: null, parentId: null, depth: 0, status: 'active', openedOn: '', closedOn: null });
      setError(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<UnitDetail>(`/api/v1/org/units/${unitId}`)
      .then((u) => {
        if (!live) return;
        setUnitState(u);
        setError(null);
      })
      .catch((e) => {
        if (!live) return;
        setUnitState(null);
        setError({ status: e instanceof ApiError ? e.status : 0, message: errorMessage(e) });
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [unitId, raw, parsed, can, me.unit, tick]);

  const setUnit = useCallback(
    (id: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id === me.unit.id) next.delete('unit');
        else next.set('unit', String(id));
        return next;
      });
    },
    [setParams, me.unit.id],
  );
  const reload = useCallback(() => setTick((n) => n + 1), []);

  const value = useMemo<Scope>(() => ({ unitId, unit, loading, error, setUnit, reload }), [unitId, unit, loading, error, setUnit, reload]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): Scope {
  const v = useContext(ScopeContext);
  if (!v) throw new Error('useScope outside ScopeProvider');
  return v;
}

/** `?unit=` to append to in-app links so the chosen unit follows the user around. */
export function useUnitQuery(): string {
  const [params] = useSearchParams();
  const u = params.get('unit');
  return u ? `?unit=${encodeURIComponent(u)}` : '';
}
