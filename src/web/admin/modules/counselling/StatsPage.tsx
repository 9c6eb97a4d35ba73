/** 心理咨询统计: anonymous counts only, by unit and period — no names, no content, nothing to open. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useScope } from '../../lib/scope.tsx';
import { GroupedBars } from '../legal/charts.tsx';
import { useCt } from './i18n.ts';
import { BASE, COUNTS, type CountKey, type Statistics } from './shared.ts';

const CHART: CountKey[] = ['requested', 'sessions', 'cancelled', 'followUpsDone'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function periodOf(params: URLSearchParams): [Dayjs, Dayjs] | null {
  const from = params.get('from');
  const to = params.get('to');
  if (!from || !to || !ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to) return null;
  return [dayjs(from), dayjs(to)];
}

export default function StatsPage() {
  const { ct, cl } = useCt();
  const { message } = App.useApp();
  const { unit } = useScope();
  const scopeId = unit!.id;
  // The period comes with the link when one names it (?from=&to=), else this year.
  const [params] = useSearchParams();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => periodOf(params) ?? [today().startOf('year'), today().endOf('year')]);
  const [stats, setStats] = useState<Statistics | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');

  useEffect(() => {
    let live = true;
    setStats(null);
    api
      .get<Statistics>(`${BASE}/statistics`, { unitId: scopeId, from, to })
      .then((r) => live && setStats(r))
      .catch((e) => live && message.error(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [scopeId, from, to, message]);

  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: ct('stats.thisYear'), value: [today().startOf('year'), today().endOf('year')] },
    { label: ct('stats.lastYear'), value: [today().subtract(1, 'year').startOf('year'), today().subtract(1, 'year').endOf('year')] },
  ];
  const rows = stats?.byUnit ?? [];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {ct('stats.title')}
            <Tag color="red">{ct('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space wrap className="gh-no-print">
            <span className="gh-small">{ct('stats.period')}</span>
            <DatePicker.RangePicker aria-label={ct('stats.period')} value={range} allowClear={false} presets={presets} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            {presets.map((p) => (
              <Button key={p.label} size="small" onClick={() => setRange(p.value)}>
                {p.label}
              </Button>
            ))}
          </Space>
        }
      >
        <Alert type="info" showIcon icon={<LockOutlined />} title={ct('stats.anon')} style={{ marginBottom: 16 }} />
        {!stats ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {COUNTS.map((k) => (
              <Col key={k} xs={12} md={6} xl={3}>
                <Card size="small" className="gh-stat gh-cs-figure" role="group" aria-label={`${cl('fig', k)} ${stats.totals[k]}`}>
                  <Statistic title={cl('fig', k)} value={stats.totals[k]} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6} xl={3}>
              <Card size="small" className="gh-stat gh-cs-figure" role="group" aria-label={`${ct('stats.counsellors')} ${stats.counsellors}`}>
                <Statistic title={ct('stats.counsellors')} value={stats.counsellors} />
              </Card>
            </Col>
          </Row>
        )}
      </Card>
      <Card className="gh-card" title={ct('stats.chart')}>
        {!stats ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Empty description={ct('stats.noUnits')} />
        ) : (
          <GroupedBars
            labels={rows.map((r) => r.unitName)}
            series={CHART.map((k) => ({ key: k, name: cl('fig', k), values: rows.map((r) => r[k]) }))}
            ariaLabel={ct('stats.chart')}
            onPick={() => undefined}
          />
        )}
      </Card>
      <Card className="gh-card" title={ct('stats.byUnit')}>
        <Table
          rowKey="unitId"
          size="small"
          loading={!stats}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 900 }}
          columns={[{ title: ct('stats.unit'), dataIndex: 'unitName', ellipsis: true }, ...COUNTS.map((k) => ({ title: cl('fig', k), dataIndex: k, width: 100, align: 'right' as const }))]}
        />
      </Card>
    </div>
  );
}
