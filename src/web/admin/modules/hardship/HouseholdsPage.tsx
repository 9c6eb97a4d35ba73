/** 困难职工档案: the households in the chosen unit's subtree — filters, keyword, paging, masked export, register, and the file drawer. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { inShanghai, today, todayInShanghai } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import type { PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useExport, useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { GRADE_COLORS, HBASE, iso, STATUS_COLORS, STATUS_LABELS, useHardshipCodes, type Grade, type Household, type HouseholdStatus } from './shared.ts';
import { useHt } from './i18n.ts';
import { RegisterDrawer } from './RegisterDrawer.tsx';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { pressable } from '../../components/ActionLink.tsx';
import { ParamLink } from '../../components/ParamLink.tsx';

interface Counts {
  filed: number;
  filedPeople: number;
  byGrade: Record<string, number>;
  byStatus: Record<string, number>;
}

export default function HouseholdsPage() {
  const { can } = useAuth();
  const { unit } = useScope();
  const codes = useHardshipCodes();
  const { ht, hl } = useHt();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [grade, setGrade] = useState<Grade | undefined>();
  const [status, setStatus] = useState<HouseholdStatus | undefined>();
  const [cause, setCause] = useState<string | undefined>();
  const [dueBy, setDueBy] = useState<Dayjs | null>(null);
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { exporting, download } = useExport();
  const [registering, setRegistering] = useState(false);
  const raw = params.get('household');
  const openId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const setOpenId = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('household');
      else next.set('household', String(id));
      return next;
    });

  useEffect(() => setPage(1), [scopeId, setPage]);
  const filter = useMemo(() => ({ underUnitId: scopeId, grade, status, cause, reviewDueBy: iso(dueBy), q: q.trim() || undefined }), [scopeId, grade, status, cause, dueBy, q]);

  const { data, loading, version, reload: changed } = useRemote<PageOf<Household>>(`${HBASE}/households`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  // The counts reload with the list; without them the page shows the list alone.
  const { data: counts, setData: setCounts } = useRemote<Counts>(`${HBASE}/counts`, { underUnitId: scopeId }, { deps: [version], onError: () => setCounts(null) });

  const exportXlsx = () => download(`${HBASE}/households/export.xlsx`, filter, `困难职工档案-${inShanghai().format('YYYYMMDD')}.xlsx`);

  const columns: TableProps<Household>['columns'] = [
    {
      title: ht('col.name'),
      dataIndex: 'workerName',
      width: 100,
      render: (v: string, h) => (
        <ParamLink name="household" value={h.id}>
          {v}
        </ParamLink>
      ),
    },
    { title: ht('col.id'), dataIndex: 'idMasked', width: 190, render: (v: string) => <span className="gh-hr-mono">{v}</span> },
    { title: ht('col.union'), dataIndex: 'unitName', ellipsis: true },
    { title: ht('col.employer'), dataIndex: 'employer', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: ht('col.size'), dataIndex: 'householdSize', width: 80, align: 'right' },
    { title: ht('col.grade'), dataIndex: 'grade', width: 100, render: (g: Grade | null) => (g ? <Tag color={GRADE_COLORS[g]}>{hl('grade', g)}</Tag> : '—') },
    { title: ht('col.cause'), dataIndex: 'mainCause', width: 120, render: (c: string) => codes.causes[c] ?? c },
    { title: ht('col.status'), dataIndex: 'status', width: 110, render: (s: HouseholdStatus) => <Tag color={STATUS_COLORS[s]}>{hl('status', s)}</Tag> },
    { title: ht('col.filedOn'), dataIndex: 'filedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: ht('col.nextReview'), dataIndex: 'nextReviewDue', width: 110, render: (v: string | null) => (v ? <span className={v <= todayInShanghai() ? 'gh-danger' : undefined}>{v}</span> : '—') },
  ];

  return (
    <div className="gh-page">
      {counts && (
        <Card className="gh-card" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={4}>
              <Statistic title={ht('stat.filed')} value={counts.filed} />
            </Col>
            <Col span={4}>
              <Statistic title={ht('stat.filedPeople')} value={counts.filedPeople} />
            </Col>
            {(['deep', 'relative', 'accident'] as const).map((g) => (
              <Col span={4} key={g}>
                <div
                  className="gh-pressable"
                  {...pressable(() => {
                    setGrade(g);
                    setStatus('filed');
                    setPage(1);
                  })}
                >
                  <Statistic title={hl('grade', g)} value={counts.byGrade[g] ?? 0} />
                </div>
              </Col>
            ))}
            <Col span={4}>
              <div
                className="gh-pressable"
                {...pressable(() => {
                  setStatus('applied');
                  setGrade(undefined);
                  setPage(1);
                })}
              >
                <Statistic title={ht('stat.toVisit')} value={counts.byStatus.applied ?? 0} />
              </div>
            </Col>
          </Row>
        </Card>
      )}
      <Card
        className="gh-card"
        title={
          <Space>
            {ht('list.title')}
            <Tag color="red">{ht('list.scope', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting}>
              {ht('list.export')}
            </Button>
            {can('hardship.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                {ht('list.register')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label="困难类别"
            placeholder={ht('filter.grade')}
            allowClear
            style={{ width: 120 }}
            value={grade}
            onChange={(v) => {
              setGrade(v);
              setPage(1);
            }}
            options={(['deep', 'relative', 'accident'] as const).map((g) => ({ value: g, label: hl('grade', g) }))}
          />
          <Select
            aria-label="档案状态"
            placeholder={ht('filter.status')}
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.keys(STATUS_LABELS).map((value) => ({ value, label: hl('status', value) }))}
          />
          <Select
            aria-label="致困原因"
            placeholder={ht('filter.cause')}
            allowClear
            style={{ width: 150 }}
            value={cause}
            onChange={(v) => {
              setCause(v);
              setPage(1);
            }}
            options={Object.entries(codes.causes).map(([value, label]) => ({ value, label }))}
          />
          <Space size={4}>
            <label htmlFor="gh-hr-due" className="gh-small">
              {ht('filter.dueBy')}
            </label>
            <DatePicker
              id="gh-hr-due"
              value={dueBy}
              format="YYYY-MM-DD"
              onChange={(d) => {
                setDueBy(d);
                setPage(1);
              }}
            />
            <Button
              size="small"
              type="link"
              onClick={() => {
                setDueBy(today().add(30, 'day'));
                setPage(1);
              }}
            >
              {ht('filter.due30')}
            </Button>
          </Space>
          <KeywordSearch
            placeholder={ht('filter.keyword')}
            width={300}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </Space>
        <Table<Household> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data.items} pagination={pagination(data.total, data.totalCapped)} scroll={{ x: 1200 }} />
      </Card>
      <RegisterDrawer
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(h) => {
          setRegistering(false);
          changed();
          setOpenId(h.id);
        }}
      />
      <HouseholdDrawer id={openId} onClose={() => setOpenId(null)} onChanged={changed} />
    </div>
  );
}
