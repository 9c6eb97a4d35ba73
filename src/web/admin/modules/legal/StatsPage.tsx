/** 法律服务统计: the report's figures for the chosen unit and period, per unit below, with a chart; every figure opens its cases. */
import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Drawer, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, type TableProps } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { today } from '../../lib/time.ts';
import { Link } from 'react-router';
import type { PageOf } from '../../lib/api.ts';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { useLt } from './i18n.ts';
import { GroupedBars } from './charts.tsx';
import { BASE, FIGURES, yuan, type DisputeRow, type Figure, type FigureRow, type Statistics } from './shared.ts';
import { ActionLink, pressable } from '../../components/ActionLink.tsx';

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');
const CHART_FIGURES: Figure[] = ['received', 'mediated', 'arbitrations', 'lawsuits'];
const show = (f: Figure, v: number) => (f === 'recovered' ? yuan(v) : v.toLocaleString('zh-CN'));

interface Drill {
  figure: Figure;
  unitId: number;
  unitName: string;
  /** The unit's own cases only (its 本级 row), not its subtree's. */
  own: boolean;
  from: string;
  to: string;
}

function DrillDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const { lt, ll } = useLt();
  const unitQuery = useUnitQuery();
  const { page, pageSize, setPage, pagination } = usePaging();
  useEffect(() => setPage(1), [drill]);
  const { data, loading } = useRemote<PageOf<DisputeRow>>(
    drill ? `${BASE}/statistics/drill-down` : null,
    { figure: drill?.figure, unitId: drill?.unitId, own: drill?.own || undefined, from: drill?.from, to: drill?.to, page, pageSize },
    { initial: { items: [], total: 0 } },
  );
  const columns: TableProps<DisputeRow>['columns'] = [
    { title: lt('cases.ref'), dataIndex: 'ref', width: 110, render: (v: string, r) => <Link to={`/legal/cases/${r.id}${unitQuery}`}>{v}</Link> },
    { title: lt('cases.caseTitle'), dataIndex: 'title', ellipsis: true },
    { title: lt('cases.stage'), dataIndex: 'stage', width: 70, render: (v: string) => ll('stage', v) },
    { title: lt('cases.status'), dataIndex: 'status', width: 80, render: (v: string) => ll('status', v) },
    { title: lt('cases.parties'), dataIndex: 'workers', width: 60, align: 'right' },
    { title: lt('cases.recovered'), dataIndex: 'recoveredFen', width: 110, align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
  ];
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={780}
      destroyOnHidden
      title={drill ? lt('stats.drill', { figure: ll('fig', drill.figure), unit: drill.unitName, from: drill.from, to: drill.to }) : ''}
    >
      <Table<DisputeRow> rowKey="id" size="small" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} />
    </Drawer>
  );
}

export default function StatsPage() {
  const { lt, ll } = useLt();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today().startOf('year'), today()]);
  const [drill, setDrill] = useState<Drill | null>(null);
  const from = iso(range[0]);
  const to = iso(range[1]);

  const { data: stats } = useRemote<Statistics>(`${BASE}/statistics`, { unitId: scopeId, from, to }, { reset: true });

  const open = (figure: Figure, unitId: number, unitName: string, own = false) => setDrill({ figure, unitId, unitName, own, from, to });
  const definition = (f: Figure) => stats?.definitions.find((d) => d.key === f)?.definition;
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: lt('stats.thisYear'), value: [today().startOf('year'), today()] },
    { label: lt('stats.lastYear'), value: [today().subtract(1, 'year').startOf('year'), today().subtract(1, 'year').endOf('year')] },
    { label: lt('stats.since2012'), value: [dayjs('2012-01-01'), today()] },
  ];

  const cell = (f: Figure) => (v: number, r: FigureRow & { unitId: number; unitName: string }) =>
    v ? (
      <ActionLink aria-label={`${r.unitName} ${ll('fig', f)} ${v}`} onClick={() => open(f, r.unitId, r.unitName, r.unitId === scopeId)}>
        {show(f, v)}
      </ActionLink>
    ) : (
      <span className="gh-muted">0</span>
    );
  const columns: TableProps<FigureRow & { unitId: number; unitName: string }>['columns'] = [
    { title: lt('stats.unit'), dataIndex: 'unitName', ellipsis: true },
    ...FIGURES.map((f) => ({ title: ll('fig', f), dataIndex: f, width: 120, align: 'right' as const, render: cell(f) })),
  ];
  const rows = stats?.byUnit ?? [];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {lt('stats.title')}
            <Tag color="red">{lt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space wrap className="gh-no-print">
            <span className="gh-small">{lt('stats.period')}</span>
            <DatePicker.RangePicker
              aria-label={lt('stats.period')}
              value={range}
              allowClear={false}
              presets={presets}
              disabledDate={(d) => d.isAfter(today(), 'day')}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
            {presets.map((p) => (
              <Button key={p.label} size="small" onClick={() => setRange(p.value)}>
                {p.label}
              </Button>
            ))}
          </Space>
        }
      >
        {!stats ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {FIGURES.map((f) => (
              <Col key={f} xs={12} md={8} xl={4}>
                <Card size="small" hoverable className="gh-stat gh-lg-figure" aria-label={`${ll('fig', f)} ${stats.totals[f]}`} {...pressable(() => open(f, scopeId, unit!.name))}>
                  <Statistic
                    title={
                      <Space size={4}>
                        {ll('fig', f)}
                        <Tooltip title={definition(f)}>
                          <QuestionCircleOutlined />
                        </Tooltip>
                      </Space>
                    }
                    value={show(f, stats.totals[f])}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card className="gh-card" title={lt('stats.chart')} extra={<span className="gh-muted">{lt('stats.chartHint')}</span>}>
        {!stats ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Empty description={lt('stats.noUnits')} />
        ) : (
          <GroupedBars
            labels={rows.map((r) => r.unitName)}
            series={CHART_FIGURES.map((f) => ({ key: f, name: ll('fig', f), values: rows.map((r) => r[f]) }))}
            ariaLabel={lt('stats.chart')}
            onPick={(f, i) => {
              const r = rows[i];
              if (r) open(f as Figure, r.unitId, r.unitName, r.unitId === scopeId);
            }}
          />
        )}
      </Card>
      <Card className="gh-card" title={lt('stats.byUnit')}>
        <Table rowKey="unitId" size="small" columns={columns} dataSource={rows} loading={!stats} pagination={false} scroll={{ x: 900 }} />
      </Card>
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
