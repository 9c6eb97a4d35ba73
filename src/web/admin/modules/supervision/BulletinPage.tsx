/**
 * One monthly bulletin: the units below ranked on each indicator with the change since last month,
 * leaders and laggards highlighted, the generated commentary, the signature; printable, with PDF and
 * Excel. With `preview`: the bulletin a month would give, to freeze and publish.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, CheckCircleOutlined, CloseCircleOutlined, FileExcelOutlined, FilePdfOutlined, LockOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { StatusTag } from './GaugeCard.tsx';
import { useSt } from './i18n.ts';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, better, downloadFile, fmtChange, fmtValue, monthOf, type Bulletin, type BulletinContent, type BulletinIndicator, type BulletinRow } from './shared.ts';

type Row = BulletinRow & { total?: boolean };

function Change({ unit, direction, change }: { unit: string; direction: string; change: number | null }) {
  const { lang } = useI18n();
  const b = better(direction, change);
  const cls = b === null ? 'gh-sv-flat' : b ? 'gh-sv-up' : 'gh-sv-down';
  return (
    <span className={cls}>
      {change !== null && Math.abs(change) > 1e-12 && (change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />)} {fmtChange(unit, change, lang)}
    </span>
  );
}

function IndicatorTable({ ind, content, onDrill }: { ind: BulletinIndicator; content: BulletinContent; onDrill: (unitId: number, name: string) => void }) {
  const { st } = useSt();
  const { lang } = useI18n();
  const rows: Row[] = [...ind.rows, { ...ind.total, unitId: content.unit.id, name: st('bul.total', { name: content.unit.name }), rank: null, total: true }];
  const columns: TableProps<Row>['columns'] = [
    { title: st('rank'), dataIndex: 'rank', width: 64, align: 'center', render: (v: number | null, r) => (r.total ? '' : (v ?? '—')) },
    {
      title: st('unit'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {ind.leaders.includes(r.unitId) && !r.total && <Tag color="green">{st('bul.leader')}</Tag>}
          {ind.laggards.includes(r.unitId) && !r.total && <Tag color="red">{st('bul.laggard')}</Tag>}
        </Space>
      ),
    },
    {
      title: ind.name,
      dataIndex: 'value',
      align: 'right',
      width: 150,
      render: (v: number | null, r) => (
        <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          <a role="button" className="gh-sv-num" aria-label={`${r.total ? content.unit.name : r.name} ${ind.name} ${fmtValue(ind.unit, v, lang)}`} onClick={() => onDrill(r.total ? content.unit.id : r.unitId, r.total ? content.unit.name : r.name)}>
            {fmtValue(ind.unit, v, lang)}
          </a>
          {r.numerator !== null && r.denominator !== null && (
            <span className="gh-sv-fraction">
              {r.numerator.toLocaleString('zh-CN')} / {r.denominator.toLocaleString('zh-CN')}
            </span>
          )}
        </Space>
      ),
    },
    { title: st('bul.previous'), dataIndex: 'previous', align: 'right', width: 110, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: st('bul.change'), dataIndex: 'change', align: 'right', width: 150, render: (v: number | null) => <Change unit={ind.unit} direction={ind.direction} change={v} /> },
    { title: st('dash.target'), dataIndex: 'target', align: 'right', width: 100, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: st('dash.expected'), dataIndex: 'expected', align: 'right', width: 110, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: st('status'), dataIndex: 'status', width: 100, render: (v: Row['status'], r) => (r.total && !v ? '' : <StatusTag status={v} />) },
  ];
  return (
    <Card
      size="small"
      className="gh-card gh-sv-indicator"
      role="region"
      aria-label={ind.name}
      title={
        <Space>
          {ind.name}
          <Typography.Text type="secondary" className="gh-small" style={{ fontWeight: 'normal' }}>
            {st('definition')}：{ind.definition}
          </Typography.Text>
        </Space>
      }
    >
      <Table<Row>
        rowKey={(r) => (r.total ? 'total' : r.unitId)}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.total ? 'gh-sv-row-total' : ind.leaders.includes(r.unitId) ? 'gh-sv-row-leader' : ind.laggards.includes(r.unitId) ? 'gh-sv-row-laggard' : '')}
        scroll={{ x: 860 }}
      />
    </Card>
  );
}

export default function BulletinPage({ preview }: { preview?: boolean }) {
  const { st } = useSt();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const [bulletin, setBulletin] = useState<Bulletin | null>(null);
  const [content, setContent] = useState<BulletinContent | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [drill, setDrill] = useState<Drill | null>(null);
  const scopeId = unit!.id;
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const rawPeriod = params.get('period');
  const period = rawPeriod && /^\d{4}-\d{2}$/.test(rawPeriod) ? rawPeriod : lastMonth;
  const manage = can('supervision.manage');

  useEffect(() => {
    let live = true;
    setFailed(false);
    setContent(null);
    const load = preview
      ? api.get<BulletinContent>(`${BASE}/bulletins/preview`, { unitId: scopeId, period }).then((c) => {
          if (!live) return;
          setBulletin(null);
          setContent(c);
        })
      : api.get<Bulletin>(`${BASE}/bulletins/${encodeURIComponent(id ?? '')}`).then((b) => {
          if (!live) return;
          setBulletin(b);
          setContent(b.content);
        });
    load.catch((e) => {
      if (!live) return;
      setFailed(true);
      message.error(errorMessage(e));
    });
    return () => {
      live = false;
    };
  }, [preview, id, scopeId, period, tick, message]);

  const download = async (kind: 'pdf' | 'xlsx') => {
    if (!bulletin) return;
    setBusy(kind);
    try {
      await downloadFile(`${BASE}/bulletins/${bulletin.id}/${kind}`, undefined, `${bulletin.title}.${kind}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const freeze = async () => {
    setBusy('freeze');
    try {
      await api.post(`${BASE}/snapshots`, { period, unitId: scopeId });
      message.success(st('bul.frozenDone'));
      setTick((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const publish = () => {
    modal.confirm({
      title: st('bul.publish'),
      content: st('bul.publishConfirm', { period }),
      okText: st('bul.publish'),
      onOk: async () => {
        try {
          const b = await api.post<{ id: number }>(`${BASE}/bulletins`, { period, unitId: scopeId });
          message.success(st('bul.published'));
          navigate(`/supervision/bulletins/${b.id}${unitQuery}`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  const setPeriod = (d: Dayjs | null) =>
    d &&
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('period', d.format('YYYY-MM'));
      return next;
    });

  const toolbar = (
    <Space wrap className="gh-no-print">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/supervision/bulletins${unitQuery}`)}>
        {st('bul.back')}
      </Button>
      {preview && (
        <Space size={4}>
          <label htmlFor="gh-sv-period" className="gh-small">
            {st('bul.pickMonth')}
          </label>
          <DatePicker id="gh-sv-period" picker="month" allowClear={false} value={dayjs(`${period}-01`)} format="YYYY-MM" onChange={setPeriod} disabledDate={(d) => !d.isBefore(dayjs(), 'month')} />
        </Space>
      )}
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!content}>
        {st('print')}
      </Button>
      {bulletin && (
        <>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void download('pdf')}>
            {st('bul.pdf')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
            {st('bul.xlsx')}
          </Button>
        </>
      )}
      {preview && manage && content && !content.frozen && (
        <Button icon={<LockOutlined />} loading={busy === 'freeze'} onClick={() => void freeze()}>
          {st('bul.freeze')}
        </Button>
      )}
      {preview && manage && (
        <Button type="primary" icon={<SendOutlined />} disabled={!content?.frozen} onClick={publish}>
          {st('bul.publish')}
        </Button>
      )}
    </Space>
  );

  return (
    <div className="gh-page gh-sv-bulletin">
      <Card className="gh-card">
        <div style={{ marginBottom: 12 }}>{toolbar}</div>
        {!content ? (
          failed ? <Empty /> : <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            {preview && <Tag color={content.frozen ? 'blue' : 'orange'} className="gh-no-print">{content.frozen ? st('bul.frozenTag') : st('bul.liveTag')}</Tag>}
            {preview && <Typography.Text type="secondary" className="gh-no-print">{st('bul.previewOf')}</Typography.Text>}
            <Typography.Title level={3} className="gh-sv-doc-title">
              {content.title}
            </Typography.Title>
            {preview && !content.frozen && <Alert type="warning" showIcon className="gh-no-print" style={{ marginBottom: 12 }} message={st('bul.notFrozen')} />}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'unit', label: st('unit'), children: content.unit.name },
                { key: 'period', label: st('bul.period'), children: monthOf(content.period) },
                { key: 'compared', label: st('bul.comparedWith'), children: monthOf(content.previousPeriod) },
                ...(bulletin
                  ? [
                      { key: 'version', label: st('bul.version'), children: st('bul.versionN', { n: bulletin.version }) },
                      { key: 'at', label: st('bul.publishedAt'), children: dayjs(bulletin.publishedAt).format('YYYY-MM-DD HH:mm') },
                      {
                        key: 'verified',
                        label: st('bul.hashShort'),
                        children: bulletin.verified ? (
                          <Tag icon={<CheckCircleOutlined />} color="success">
                            {st('bul.verified')}
                          </Tag>
                        ) : (
                          <Tag icon={<CloseCircleOutlined />} color="error">
                            {st('bul.tampered')}
                          </Tag>
                        ),
                      },
                      {
                        key: 'hash',
                        label: st('bul.hash'),
                        span: 3,
                        children: (
                          <Typography.Text copyable={{ text: bulletin.contentHash }} className="gh-sv-hash" data-testid="bulletin-hash">
                            {bulletin.contentHash}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Card>
      {content && (
        <>
          <Card className="gh-card gh-sv-commentary" title={st('bul.commentary')} size="small">
            {content.commentary.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </Card>
          {content.indicators.map((ind) => (
            <IndicatorTable key={ind.key} ind={ind} content={content} onDrill={(unitId, name) => setDrill({ indicator: ind.key, unitId, unitName: name, asOf: content.period })} />
          ))}
        </>
      )}
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
