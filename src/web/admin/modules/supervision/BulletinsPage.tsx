/** 督查通报: the published monthly bulletins of the chosen level, with their signatures and downloads; preview and publish. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { EyeOutlined, FilePdfOutlined, FileExcelOutlined, SendOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { Link, useNavigate } from 'react-router';
import { errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { useSt } from './i18n.ts';
import { BASE, downloadFile, monthOf, type BulletinSummary } from './shared.ts';

export default function BulletinsPage() {
  const { st } = useSt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const navigate = useNavigate();
  const scopeId = unit!.id;
  const { page, pageSize, setPage, pagination } = usePaging();
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => setPage(1), [scopeId]);
  const { data, loading } = useRemote<PageOf<BulletinSummary>>(`${BASE}/bulletins`, { unitId: scopeId, page, pageSize }, { initial: { items: [], total: 0 } });

  // The bulletins of the levels above (the city's, ranking this county), read-only.
  const above = usePaging();
  useEffect(() => above.setPage(1), [scopeId]);
  const { data: aboveData, setData: setAboveData } = useRemote<PageOf<BulletinSummary>>(
    `${BASE}/bulletins`,
    { unitId: scopeId, above: true, page: above.page, pageSize: above.pageSize },
    { initial: { items: [], total: 0 }, onError: () => setAboveData({ items: [], total: 0 }) },
  );

  const download = async (b: BulletinSummary, kind: 'pdf' | 'xlsx') => {
    setBusy(`${b.id}-${kind}`);
    try {
      await downloadFile(`${BASE}/bulletins/${b.id}/${kind}`, undefined, `${b.title}.${kind}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const link = (b: BulletinSummary) => `/supervision/bulletins/${b.id}${unitQuery}`;
  const columns: TableProps<BulletinSummary>['columns'] = [
    { title: st('bul.title'), dataIndex: 'title', render: (v: string, b) => <Link to={link(b)}>{v}</Link> },
    { title: st('bul.period'), dataIndex: 'period', width: 100, render: (v: string) => monthOf(v) },
    {
      title: st('bul.version'),
      dataIndex: 'version',
      width: 170,
      render: (v: number, b) => (
        <Space size={4}>
          <Tag>{st('bul.versionN', { n: v })}</Tag>
          {data.items.some((x) => x.unitId === b.unitId && x.period === b.period && x.version > v) && <Tag color="default">{st('bul.superseded')}</Tag>}
        </Space>
      ),
    },
    { title: st('bul.publishedAt'), dataIndex: 'publishedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: st('bul.hashShort'),
      dataIndex: 'contentHash',
      width: 140,
      render: (v: string) => (
        <Tooltip title={v}>
          <span className="gh-sv-hash">{v.slice(0, 12)}…</span>
        </Tooltip>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 300,
      render: (_v, b) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => navigate(link(b))}>
            {st('bul.view')}
          </Button>
          <Button size="small" type="link" icon={<FilePdfOutlined />} loading={busy === `${b.id}-pdf`} onClick={() => void download(b, 'pdf')}>
            PDF
          </Button>
          <Button size="small" type="link" icon={<FileExcelOutlined />} loading={busy === `${b.id}-xlsx`} onClick={() => void download(b, 'xlsx')}>
            Excel
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {st('bul.list')}
            <Tag color="red">{st('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Button
            type={can('supervision.manage') ? 'primary' : 'default'}
            icon={can('supervision.manage') ? <SendOutlined /> : <EyeOutlined />}
            onClick={() => navigate(`/supervision/bulletins/preview${unitQuery}`)}
          >
            {st('bul.preview')}
          </Button>
        }
      >
        <Table<BulletinSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          pagination={pagination(data.total)}
          locale={{ emptyText: st('bul.none') }}
          aria-label={st('bul.list')}
        />
      </Card>
      {aboveData.total > 0 && (
        <Card className="gh-card" title={st('bul.aboveList')} extra={<span className="gh-small gh-muted">{st('bul.aboveHint')}</span>}>
          <Table<BulletinSummary> rowKey="id" size="middle" columns={columns} dataSource={aboveData.items} pagination={above.pagination(aboveData.total)} aria-label={st('bul.aboveList')} />
        </Card>
      )}
    </div>
  );
}
