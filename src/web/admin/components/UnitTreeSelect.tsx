/** A unit picker that loads the tree lazily, one level at a time, starting at the user's own unit. */
import { useCallback, useState } from 'react';
import { TreeSelect } from 'antd';
import { api, type PageOf, type Unit, type UnitKind } from '../lib/api.ts';

interface Node {
  id: number;
  pId: number;
  value: number;
  title: string;
  isLeaf: boolean;
  kind?: UnitKind | undefined;
}

export interface UnitTreeSelectProps {
  rootId: number;
  rootName: string;
  rootKind?: UnitKind | undefined;
  value?: number | undefined;
  valueLabel?: string | undefined;
  onChange?: (id: number, name: string, kind: UnitKind | undefined) => void;
  placeholder?: string;
  ariaLabel?: string;
  style?: React.CSSProperties;
  id?: string;
  /** Leaf kinds never have children; everything else may. */
  includeClosed?: boolean;
}

export function UnitTreeSelect(props: UnitTreeSelectProps) {
  const { rootId, rootName, rootKind, value, valueLabel, onChange, placeholder, ariaLabel, style, id, includeClosed } = props;
  const [nodes, setNodes] = useState<Node[]>([{ id: rootId, pId: 0, value: rootId, title: rootName, isLeaf: false, kind: rootKind }]);
  const [labels, setLabels] = useState<Record<number, string>>({ [rootId]: rootName });

  const loadData = useCallback(
    async (node: { id?: unknown; value?: unknown }) => {
      const parentId = Number(node.value ?? node.id);
      const r = await api.get<PageOf<Unit>>('/api/v1/org/units', { parentId, pageSize: 500, status: includeClosed ? undefined : 'active' });
      setNodes((prev) => {
        const have = new Set(prev.map((n) => n.id));
        const add = r.items.filter((u) => !have.has(u.id)).map((u) => ({ id: u.id, pId: parentId, value: u.id, title: u.name, isLeaf: false, kind: u.kind }));
        const next = prev.map((n) => (n.id === parentId && r.items.length === 0 ? { ...n, isLeaf: true } : n));
        return [...next, ...add];
      });
      setLabels((prev) => {
        const next = { ...prev };
        for (const u of r.items) next[u.id] = u.name;
        return next;
      });
    },
    [includeClosed],
  );

  const current = value === undefined ? undefined : { value, label: labels[value] ?? valueLabel ?? String(value) };

  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      style={style}
      showSearch={false}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      labelInValue
      value={current}
      placeholder={placeholder}
      treeDefaultExpandedKeys={[rootId]}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
      onChange={(v: { value: number; label?: React.ReactNode } | undefined) => {
        if (!v) return;
        const name = typeof v.label === 'string' ? v.label : (labels[v.value] ?? String(v.value));
        onChange?.(v.value, name, nodes.find((n) => n.id === v.value)?.kind);
      }}
    />
  );
}
