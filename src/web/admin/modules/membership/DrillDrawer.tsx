/** The records behind one figure of the statistics, paginated; members link to their details. */
import { useEffect, useState } from 'react';
import { App, Drawer, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { usePaging } from '../../lib/paging.ts';
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
  const { message } = App.useApp();
  const unitQuery = useUnitQuery();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [data, setData] = useState<PageOf<DrillItem>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  useEffect(() => setPage(1), [drill]);
  useEffect(() => {
    if (!drill) return;
    let live = true;
    setLoading(true);
    api
      .get<PageOf<DrillItem>>(`${BASE}/coverage/drill`, { ...drill, page, pageSize })
      .then((r) => live && setData(r))
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [drill, page, pageSize, message]);

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
      <Table<DrillItem>
        rowKey={(r) => `${r.kind}-${r.id}`}
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        pagination={pagination(data.total)}
      />
    </Drawer>
  );
}
