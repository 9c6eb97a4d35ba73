/** 劳动争议案件: the cases of the chosen unit's subtree (a lawyer's own only), filters, keyword search, paging, export and intake. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { inShanghai, today } from '../../lib/time.ts';
import { Link, useNavigate } from 'react-router';
import type { PageOf } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useExport, useRemote } from '../../lib/remote.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useLt } from './i18n.ts';
import { IntakeModal } from './IntakeModal.tsx';
import { BASE, CHANNELS, DISPUTE_TYPES, STAGES, yuan, type DisputeRow } from './shared.ts';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The deadline filters: open cases with a deadline still to be met due within some days, or passed. */
const DUE_FILTERS = {
  within7: { deadlineWithin: 7 },
  within30: { deadlineWithin: 30 },
  overdue: { overdue: true },
  within7OrOverdue: { deadlineWithin: 7, overdue: true },
} as const;
type DueFilter = keyof typeof DUE_FILTERS;

/** How a next deadline reads in the list: red when passed, orange within 7 days. */
export function DueTag({ dueOn, closed }: { dueOn: string | null; closed?: boolean }) {
  const { lt } = useLt();
  if (!dueOn || closed) return <span className="gh-muted">—</span>;
  const days = dayjs(dueOn).diff(today(), 'day');
  const color = days < 0 ? 'red' : days <= 7 ? 'orange' : undefined;
  const text = days < 0 ? lt('dl.lateBy', { n: -days }) : days === 0 ? lt('dl.today') : lt('dl.daysLeft', { n: days });
  return (
    <Tooltip title={text}>
      <Tag color={color} className="gh-lg-due">
        {dueOn}
      </Tag>
    </Tooltip>
  );
}

export default function CasesPage() {
  const { lt, ll } = useLt();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const navigate = useNavigate();
  const scopeId = unit!.id;
  const [disputeType, setDisputeType] = useState<string | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [channel, setChannel] = useState<string | undefined>();
  const [opened, setOpened] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [due, setDue] = useState<DueFilter | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { exporting, download } = useExport();
  const [intake, setIntake] = useState(false);

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(
    () => ({
      underUnitId: scopeId,
      disputeType,
      stage,
      status: due ? 'open' : status,
      ...(due ? DUE_FILTERS[due] : {}),
      channel,
      openedFrom: iso(opened?.[0]),
      openedTo: iso(opened?.[1]),
      q: q.trim() || undefined,
    }),
    [scopeId, disputeType, stage, status, channel, opened, q, due],
  );

  const { data, loading } = useRemote<PageOf<DisputeRow>>(`${BASE}/cases`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const exportXlsx = () => download(`${BASE}/cases/export.xlsx`, filter, `劳动争议案件-${inShanghai().format('YYYYMMDD')}.xlsx`);

  const open = (id: number) => navigate(`/legal/cases/${id}${unitQuery}`);
  const columns: TableProps<DisputeRow>['columns'] = [
    { title: lt('cases.ref'), dataIndex: 'ref', width: 115, fixed: 'left', render: (v: string, r) => <Link to={`/legal/cases/${r.id}${unitQuery}`}>{v}</Link> },
    {
      title: lt('cases.caseTitle'),
      dataIndex: 'title',
      width: 300,
      fixed: 'left',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Tooltip title={v} placement="topLeft">
          {r.collective && <Tag color="purple">{lt('cases.collective')}</Tag>}
          <Link to={`/legal/cases/${r.id}${unitQuery}`}>{v}</Link>
        </Tooltip>
      ),
    },
    { title: lt('cases.type'), dataIndex: 'disputeType', width: 110, render: (v: string) => ll('type', v) },
    { title: lt('cases.parties'), dataIndex: 'workers', width: 70, align: 'right', render: (v: number) => lt('cases.workers', { n: v }) },
    { title: lt('cases.employer'), dataIndex: 'employerName', ellipsis: true, width: 180 },
    {
      title: `${lt('cases.stage')} · ${lt('cases.status')}`,
      dataIndex: 'status',
      width: 150,
      render: (v: string, r) => (
        <Space size={4}>
          <Tag>{ll('stage', r.stage)}</Tag>
          {v === 'closed' ? (
            <Tooltip title={ll('result', r.result)}>
              <Tag color="green">{ll('status', v)}</Tag>
            </Tooltip>
          ) : (
            <Tag color="blue">{ll('status', v)}</Tag>
          )}
        </Space>
      ),
    },
    { title: lt('cases.claimed'), dataIndex: 'claimedFen', width: 120, align: 'right', render: (v: number) => yuan(v) },
    { title: lt('cases.recovered'), dataIndex: 'recoveredFen', width: 120, align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
    { title: lt('cases.openedOn'), dataIndex: 'openedOn', width: 105 },
    { title: lt('cases.nextDue'), dataIndex: 'nextDueOn', width: 115, render: (v: string | null, r) => <DueTag dueOn={v} closed={r.status === 'closed'} /> },
    { title: lt('cases.lawyer'), dataIndex: 'lawyerName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: lt('cases.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
  ];

  const reset = () => setPage(1);
  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {lt('cases.title')}
            <Tag color="red">{lt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting}>
              {lt('exportXlsx')}
            </Button>
            {can('legal.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)}>
                {lt('cases.intake')}
              </Button>
            )}
          </Space>
        }
      >
        {me.user.role === 'lawyer' && <Alert type="info" showIcon title={lt('cases.lawyerScope')} style={{ marginBottom: 12 }} />}
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={lt('cases.type')}
            placeholder={lt('cases.type')}
            allowClear
            style={{ width: 130 }}
            value={disputeType}
            onChange={(v) => {
              setDisputeType(v);
              reset();
            }}
            options={DISPUTE_TYPES.map((v) => ({ value: v, label: ll('type', v) }))}
          />
          <Select
            aria-label={lt('cases.stage')}
            placeholder={lt('cases.stage')}
            allowClear
            style={{ width: 100 }}
            value={stage}
            onChange={(v) => {
              setStage(v);
              reset();
            }}
            options={STAGES.map((v) => ({ value: v, label: ll('stage', v) }))}
          />
          <Select
            aria-label={lt('cases.status')}
            placeholder={lt('cases.status')}
            allowClear
            style={{ width: 100 }}
            value={status}
            disabled={!!due}
            onChange={(v) => {
              setStatus(v);
              reset();
            }}
            options={['open', 'closed'].map((v) => ({ value: v, label: ll('status', v) }))}
          />
          <Select
            aria-label={lt('cases.channel')}
            placeholder={lt('cases.channel')}
            allowClear
            style={{ width: 150 }}
            value={channel}
            onChange={(v) => {
              setChannel(v);
              reset();
            }}
            options={CHANNELS.map((v) => ({ value: v, label: ll('channel', v) }))}
          />
          <DatePicker.RangePicker
            aria-label={lt('cases.openedRange')}
            placeholder={[lt('cases.openedRange'), '']}
            value={opened}
            onChange={(v) => {
              setOpened(v as [Dayjs | null, Dayjs | null] | null);
              reset();
            }}
            style={{ width: 240 }}
          />
          <Tooltip title={lt('cases.dueSoonHint')}>
            <Select<DueFilter>
              aria-label={lt('cases.dueSoon')}
              placeholder={lt('cases.dueSoon')}
              allowClear
              style={{ width: 170 }}
              value={due}
              onChange={(v) => {
                setDue(v);
                reset();
              }}
              options={(Object.keys(DUE_FILTERS) as DueFilter[]).map((v) => ({ value: v, label: lt(`cases.due.${v}`) }))}
            />
          </Tooltip>
          <KeywordSearch
            placeholder={lt('cases.search')}
            width={340}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              reset();
            }}
          />
        </Space>
        <Table<DisputeRow> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total, data.totalCapped)} scroll={{ x: 1620 }} />
      </Card>
      <IntakeModal
        open={intake}
        onClose={() => setIntake(false)}
        onDone={(id) => {
          setIntake(false);
          open(id);
        }}
      />
    </div>
  );
}
