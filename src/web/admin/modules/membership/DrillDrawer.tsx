/** The records behind one figure of the statistics, paginated; members link to their details. */
import { useEffect } from 'react';
import { Drawer, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { PageOf } from '../../lib/api.ts';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useUnitQuery } from '../../lib/scope.tsx';
import { useMt } from './i18n.ts';
import { BASE, type DrillItem, type Figure } from './shared.ts';

export function linkWith(unitQuery: string, path: string, params: Record<string, string | number>): string {
  const sp = new URLSearchParams(unitQuery);
  for (const [k, v] of Object.entries(params)) sp.set(k, String(v));
  return `${path}?${sp.toString()}`;
}

export function DrillDrawer({ drill, onClose }: { drill: { unitId: number; asOf: string; figure: Figure } | null; onClose: () => void }) {
  const { mt, ml } = useMt();
  const unitQuery = useUnitQuery();
  const { page, pageSize, setPage, pagination } = usePaging();

  useEffect(() => setPage(1), [drill]);
  const { data, loading } = useRemote<PageOf<DrillItem>>(drill ? `${BASE}/coverage/drill` : null, { ...drill, page, pageSize }, { initial: { items: [], total: 0 } });

  const columns: TableProps<DrillItem>['columns'] = [
    {
      title: mt('drill.name'),
      dataIndex: 'name',
      render: (v: string, r) =>
        r.kind === 'person' ? (
          <Link to={linkWith(unitQuery, '/membership/members', { person: r.id })}>{v}</Link>
        ) : r.kind === 'union' ? (
          <Link to={linkWith(unitQuery, '/membership/unions', { union: r.id })}>{v}</Link>
        ) : (
          <Link to={linkWith(unitQuery, '/membership/enterprises', { q: r.code ?? r.name })}>{v}</Link>
        ),
    },
    { title: mt('drill.code'), dataIndex: 'code', width: 220, render: (v: string | null) => v ?? '—' },
    { title: mt('drill.kind'), dataIndex: 'kind', width: 90, render: (v: string) => <Tag>{ml('drill.kind', v)}</Tag> },
  ];

  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill ? mt('drill.title', { figure: ml('figure', drill.figure), asOf: drill.asOf }) : ''} size={640} destroyOnHidden>
      <Table<DrillItem> rowKey={(r) => `${r.kind}-${r.id}`} size="small" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} />
    </Drawer>
  );
}
