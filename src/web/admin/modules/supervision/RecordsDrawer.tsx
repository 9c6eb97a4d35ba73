/** The records behind an indicator's figure for a unit on a date (the API's drill-down), paged; records link to their pages. */
import { useEffect, useState } from 'react';
import { App, Drawer, Empty, Segmented, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router';
import { errorMessage, type PageOf } from '../../lib/api.ts';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useSt } from './i18n.ts';
import { BASE, useIndicators, type DrillRecord } from './shared.ts';

export interface Drill {
  indicator: string;
  unitId: number;
  unitName: string;
  asOf: string;
  figure?: string | undefined;
}

function recordLink(r: DrillRecord, unitId: number): string | null {
  const q = `unit=${unitId}`;
  if (r.kind === 'person') return `/membership/members?${q}&person=${r.id}`;
  if (r.kind === 'union') return `/membership/unions?${q}&union=${r.id}`;
  if (r.kind === 'enterprise') return `/membership/enterprises?${q}&q=${encodeURIComponent(r.code ?? r.name)}`;
  if (r.kind === 'household') return `/hardship/households?${q}&household=${r.id}`;
  if (r.kind === 'relief_application' && r.parentId) return `/relief/applications?${q}&campaign=${r.parentId}&application=${r.id}`;
  if (r.kind === 'case') return `/legal/cases/${r.id}`;
  return null;
}

export function RecordsDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const { st, sl } = useSt();
  const { message } = App.useApp();
  const { byKey } = useIndicators();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [figure, setFigure] = useState<string | undefined>();
  const def = drill ? byKey(drill.indicator) : undefined;

  useEffect(() => {
    setFigure(drill?.figure);
    setPage(1);
  }, [drill]);

  const empty = { items: [], total: 0, figure: null };
  const { data, loading, setData } = useRemote<PageOf<DrillRecord> & { figure: string | null }>(
    drill ? `${BASE}/records` : null,
    { indicator: drill?.indicator, unitId: drill?.unitId, asOf: drill?.asOf, figure, page, pageSize },
    {
      initial: empty,
      onError: (e) => {
        setData(empty);
        message.error(errorMessage(e));
      },
    },
  );

  // The columns follow the kind of record listed (a figure lists one kind).
  const kind = data.items[0]?.kind ?? 'enterprise';
  const label = (part: 'name' | 'code' | 'date' | 'detail') => {
    const specific = sl(`drill.${part}`, kind);
    return specific === kind ? st(`drill.${part}`) : specific;
  };
  const columns: TableProps<DrillRecord>['columns'] = [
    {
      title: label('name'),
      dataIndex: 'name',
      render: (v: string, r) => {
        const to = drill ? recordLink(r, drill.unitId) : null;
        return to ? <Link to={to}>{v}</Link> : v;
      },
    },
    { title: label('code'), dataIndex: 'code', width: 200, render: (v: string | null) => v ?? '—' },
    ...(data.items.some((r) => r.date !== undefined) ? [{ title: label('date'), dataIndex: 'date', width: 110, render: (v: string | null) => v ?? '—' }] : []),
    ...(data.items.some((r) => r.detail !== undefined) ? [{ title: label('detail'), dataIndex: 'detail', render: (v: string | null) => v ?? '—' }] : []),
    { title: st('drill.kind'), dataIndex: 'kind', width: 90, render: (v: string) => <Tag>{sl('drill.kind', v)}</Tag> },
  ];

  const figures = def?.drillFigures ?? [];
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      title={drill ? st('drill.title', { indicator: def?.name ?? drill.indicator, unit: drill.unitName, asOf: drill.asOf }) : ''}
      size={680}
      destroyOnHidden
    >
      {def && figures.length === 0 ? (
        <Empty description={st('drill.none')} />
      ) : (
        <>
          {figures.length > 1 && (
            <Segmented
              aria-label={st('drill.figure')}
              style={{ marginBottom: 12 }}
              value={figure ?? data.figure ?? figures[0]!.key}
              onChange={(v) => {
                setFigure(String(v));
                setPage(1);
              }}
              options={figures.map((f) => ({ value: f.key, label: f.label }))}
            />
          )}
          <Table<DrillRecord>
            rowKey={(r) => `${r.kind}-${r.id}`}
            size="small"
            columns={columns}
            dataSource={data.items}
            loading={loading}
            pagination={pagination(data.total)}
            aria-label={st('detail')}
          />
        </>
      )}
    </Drawer>
  );
}
