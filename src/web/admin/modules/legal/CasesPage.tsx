/** 劳动争议案件: the cases of the chosen unit's subtree (a lawyer's own only), filters, keyword search, paging, export and intake. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { downloadFile } from '../membership/shared.ts';
import { useLt } from './i18n.ts';
import { IntakeModal } from './IntakeModal.tsx';
import { BASE, CHANNELS, DISPUTE_TYPES, STAGES, yuan, type DisputeRow } from './shared.ts';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** How a next deadline reads in the list: red when passed, orange within 7 days. */
export function DueTag({ dueOn, closed }: { dueOn: string | null; closed?: boolean }) {
  const { lt } = useLt();
  if (!dueOn || closed) return <span className="gh-muted">—</span>;
  const days = dayjs(dueOn).startOf('day').diff(dayjs().startOf('day'), 'day');
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
  const { message } = App.useApp();
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
  const [dueSoon, setDueSoon] = useState(false);
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [data, setData] = useState<PageOf<DisputeRow>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [intake, setIntake] = useState(false);

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(
    () => ({
      underUnitId: scopeId,
      disputeType,
      stage,
      status: dueSoon ? 'open' : status,
      channel,
      openedFrom: iso(opened?.[0]),
      openedTo: iso(opened?.[1]),
      q: q.trim() || undefined,
    }),
    [scopeId, disputeType, stage, status, channel, opened, q, dueSoon],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    const load = async (): Promise<PageOf<DisputeRow>> => {
      if (!dueSoon) return api.get<PageOf<DisputeRow>>(`${BASE}/cases`, { ...filter, page, pageSize });
      // The list has no deadline filter: the open cases with a deadline due within 7 days (or passed) come from the reminders' list.
      const [due, open] = await Promise.all([
        api.get<{ items: { caseId: number }[] }>('/api/v1/cases/due-soon', { withinDays: 7, includeOverdue: true, kind: 'labour_dispute' }),
        api.get<PageOf<DisputeRow>>(`${BASE}/cases`, { ...filter, page: 1, pageSize: 500 }),
      ]);
      const ids = new Set(due.items.map((d) => d.caseId));
      const rows = open.items.filter((c) => ids.has(c.id)).sort((a, b) => (a.nextDueOn ?? '').localeCompare(b.nextDueOn ?? ''));
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
    };
    load()
      .then((r) => live && setData(r))
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filter, dueSoon, page, pageSize, message]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(`${BASE}/cases/export.xlsx`, filter, `劳动争议案件-${dayjs().format('YYYYMMDD')}.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const open = (id: number) => navigate(`/legal/cases/${id}${unitQuery}`);
  const columns: TableProps<DisputeRow>['columns'] = [
    { title: lt('cases.ref'), dataIndex: 'ref', width: 115, fixed: 'left', render: (v: string, r) => <a onClick={() => open(r.id)}>{v}</a> },
    {
      title: lt('cases.caseTitle'),
      dataIndex: 'title',
      width: 300,
      fixed: 'left',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Tooltip title={v} placement="topLeft">
          {r.collective && <Tag color="purple">{lt('cases.collective')}</Tag>}
          <a onClick={() => open(r.id)}>{v}</a>
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
          <Select aria-label={lt('cases.type')} placeholder={lt('cases.type')} allowClear style={{ width: 130 }} value={disputeType} onChange={(v) => (setDisputeType(v), reset())} options={DISPUTE_TYPES.map((v) => ({ value: v, label: ll('type', v) }))} />
          <Select aria-label={lt('cases.stage')} placeholder={lt('cases.stage')} allowClear style={{ width: 100 }} value={stage} onChange={(v) => (setStage(v), reset())} options={STAGES.map((v) => ({ value: v, label: ll('stage', v) }))} />
          <Select aria-label={lt('cases.status')} placeholder={lt('cases.status')} allowClear style={{ width: 100 }} value={status} disabled={dueSoon} onChange={(v) => (setStatus(v), reset())} options={['open', 'closed'].map((v) => ({ value: v, label: ll('status', v) }))} />
          <Select aria-label={lt('cases.channel')} placeholder={lt('cases.channel')} allowClear style={{ width: 150 }} value={channel} onChange={(v) => (setChannel(v), reset())} options={CHANNELS.map((v) => ({ value: v, label: ll('channel', v) }))} />
          <DatePicker.RangePicker aria-label={lt('cases.openedRange')} placeholder={[lt('cases.openedRange'), '']} value={opened} onChange={(v) => (setOpened(v as [Dayjs | null, Dayjs | null] | null), reset())} style={{ width: 240 }} />
          <Tooltip title={lt('cases.dueSoonHint')}>
            <Checkbox checked={dueSoon} onChange={(e) => (setDueSoon(e.target.checked), reset())}>
              {lt('cases.dueSoon')}
            </Checkbox>
          </Tooltip>
          <KeywordSearch placeholder={lt('cases.search')} width={340} value={qInput} onChange={setQInput} onSearch={(v) => (setQ(v), reset())} />
        </Space>
        <Table<DisputeRow> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} scroll={{ x: 1620 }} />
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
