/** Selects that search the server: grassroots unions and enterprises in the chosen unit's subtree. */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { api, type PageOf } from '../../lib/api.ts';
import { BASE, type Enterprise, type UnionRow, type UnionView } from './shared.ts';

interface Option {
  value: number;
  label: string;
}

/** Debounced remote search; keeps the options already chosen so their labels stay. */
function useRemoteOptions(load: (q: string) => Promise<Option[]>, deps: unknown[]) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      loadRef
        .current(q.trim())
        .then((r) => live && setOptions(r))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, ...deps]);
  return { options, loading, setQ };
}

export function UnionSelect(props: {
  underUnitId: number;
  value?: number | undefined;
  onChange?: (id: number | undefined, name?: string) => void;
  id?: string;
  placeholder?: string;
  exclude?: number;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { underUnitId, value, onChange, id, placeholder, exclude, allowClear, style } = props;
  const [known, setKnown] = useState<Record<number, string>>({});
  const { options, loading, setQ } = useRemoteOptions(
    async (q) => {
      const r = await api.get<PageOf<UnionRow>>(`${BASE}/unions`, { underUnitId, q: q || undefined, pageSize: 50 });
      return r.items.filter((u) => u.id !== exclude).map((u) => ({ value: u.id, label: u.code ? `${u.name}（${u.code}）` : u.name }));
    },
    [underUnitId, exclude],
  );
  useEffect(() => setKnown((k) => ({ ...k, ...Object.fromEntries(options.map((o) => [o.value, o.label])) })), [options]);
  const merged = value !== undefined && !options.some((o) => o.value === value) ? [{ value, label: known[value] ?? String(value) }, ...options] : options;
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={loading}
      value={value}
      options={merged}
      style={style}
      onChange={(v: number | undefined) => onChange?.(v, v === undefined ? undefined : known[v])}
      onClear={() => setQ('')}
    />
  );
}

/** Enterprises to choose from: those a union covers when `unionId` is given, otherwise a search of the subtree. */
export function EnterpriseSelect(props: {
  underUnitId: number;
  unionId?: number | undefined;
  uncoveredFirst?: boolean;
  multiple?: boolean;
  value?: number | number[] | null | undefined;
  onChange?: (v: number | number[] | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const { underUnitId, unionId, uncoveredFirst, multiple, value, onChange, id, placeholder, allowClear } = props;
  const [known, setKnown] = useState<Record<number, string>>({});
  const { options, loading, setQ } = useRemoteOptions(
    async (q) => {
      if (unionId) {
        const u = await api.get<UnionView>(`${BASE}/unions/${unionId}`);
        return u.enterprises.filter((e) => !q || e.name.includes(q) || e.creditCode.includes(q.toUpperCase())).map((e) => ({ value: e.id, label: e.name }));
      }
      const r = await api.get<PageOf<Enterprise>>(`${BASE}/enterprises`, { underUnitId, q: q || undefined, covered: uncoveredFirst ? false : undefined, pageSize: 50 });
      return r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }));
    },
    [underUnitId, unionId, uncoveredFirst],
  );
  useEffect(() => setKnown((k) => ({ ...k, ...Object.fromEntries(options.map((o) => [o.value, o.label])) })), [options]);
  const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const missing = chosen.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known[v] ?? String(v) }));
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={loading}
      value={value ?? undefined}
      options={[...missing, ...options]}
      onChange={(v: number | number[] | undefined) => onChange?.(v)}
    />
  );
}
