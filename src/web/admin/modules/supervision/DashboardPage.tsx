/** 工作看板: the chosen unit's indicators against target, the units below ranked, and the monthly trend; every number opens its records. */
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Select, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { today } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../lib/i18n.tsx';
import { useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { RankBars, TrendLine } from './charts.tsx';
import { GaugeCard, StatusTag } from './GaugeCard.tsx';
import { useIndicatorText, useSt } from './i18n.ts';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, drillQuery, fmtValue, iso, monthOf, notFuture, type Dashboard, type RankItem } from './shared.ts';
import { useMe } from '../../lib/auth.tsx';
import { ActionLink } from '../../components/ActionLink.tsx';
import { ParamLink } from '../../components/ParamLink.tsx';

export default function DashboardPage() {
  const { st } = useSt();
  const text = useIndicatorText();
  const { lang } = useI18n();
  const me = useMe();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useState<Dayjs>(() => today());
  const [drill, setDrill] = useState<Drill | null>(null);
  const day = iso(asOf)!;

  const { data, error } = useRemote<Dashboard>(`${BASE}/dashboard`, { unitId: scopeId, asOf: day, months: 12 }, { reset: true });
  const failed = error !== null;

  const keys = data?.gauges.map((g) => g.indicator.key) ?? [];
  const wanted = params.get('indicator');
  const indicatorKey = wanted && keys.includes(wanted) ? wanted : keys[0];
  const setIndicator = (k: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('indicator', k);
        return next;
      },
      { replace: true },
    );
  const gauge = data?.gauges.find((g) => g.indicator.key === indicatorKey);
  const ranking = data?.rankings.find((r) => r.indicatorKey === indicatorKey)?.items ?? [];
  const trend = data?.trends.find((r) => r.indicatorKey === indicatorKey)?.points ?? [];
  const ranked = useMemo(() => ranking.filter((r) => r.value !== null || r.rank !== null), [ranking]);

  const openHref = (href: string, unitName: string) => {
    const q = drillQuery(href);
    setDrill({ indicator: q.indicator, unitId: q.unitId ?? scopeId, unitName, asOf: q.asOf ?? day, figure: q.figure });
  };

  const unitText = gauge?.indicator.unit ?? '';
  const columns: TableProps<RankItem>['columns'] = [
    { title: st('rank'), dataIndex: 'rank', width: 64, render: (v: number | null) => v ?? '—' },
    {
      title: st('unit'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <ParamLink name="unit" value={r.unitId === me.unit.id ? null : r.unitId} title={st('dash.switchUnit')}>
          {v}
        </ParamLink>
      ),
    },
    {
      title: gauge ? text.name(gauge.indicator.key, gauge.indicator.name) : st('value'),
      dataIndex: 'value',
      align: 'right',
      width: 130,
      render: (_v: number | null, r) => (
        <ActionLink className="gh-sv-num" aria-label={`${r.name} ${gauge?.indicator.name ?? ''} ${st('detail')}`} onClick={() => openHref(r.drill, r.name)}>
          {fmtValue(unitText, r.value, lang)}
        </ActionLink>
      ),
    },
    { title: st('status'), dataIndex: 'status', width: 110, render: (v: RankItem['status']) => <StatusTag status={v} /> },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {st('dash.title')}
            <Tag color="red">{st('under', { name: unit!.name })}</Tag>
            {data && (
              <Tag>
                {st('year')} {data.year}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <label htmlFor="gh-sv-asof" className="gh-small">
              {st('asOf')}
            </label>
            <DatePicker id="gh-sv-asof" value={asOf} allowClear={false} format="YYYY-MM-DD" onChange={(d) => d && setAsOf(d)} disabledDate={notFuture} />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {st('print')}
            </Button>
          </Space>
        }
      >
        {!data ? (
          failed ? (
            <Empty />
          ) : (
            <Skeleton active paragraph={{ rows: 6 }} />
          )
        ) : (
          <Row gutter={[12, 12]}>
            {data.gauges.map((g) => (
              <Col key={g.indicator.key} xs={24} sm={12} lg={8} xxl={4}>
                <GaugeCard gauge={g} onDrill={(q) => setDrill({ indicator: q.indicator, unitId: scopeId, unitName: unit!.name, asOf: day, figure: q.figure })} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {data && gauge && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card
              className="gh-card"
              title={st('dash.rank')}
              extra={
                <Select
                  aria-label={st('dash.rankBy')}
                  value={indicatorKey}
                  onChange={setIndicator}
                  style={{ width: 170 }}
                  options={data.gauges.map((g) => ({ value: g.indicator.key, label: text.name(g.indicator.key, g.indicator.name) }))}
                  className="gh-no-print"
                />
              }
            >
              {ranking.length === 0 ? (
                <Empty description={st('noChildren')} />
              ) : (
                <>
                  <RankBars
                    unit={unitText}
                    labels={ranked.map((r) => r.name)}
                    values={ranked.map((r) => r.value)}
                    statuses={ranked.map((r) => r.status)}
                    ariaLabel={`${st('dash.rank')}：${text.name(gauge.indicator.key, gauge.indicator.name)}`}
                    onPick={(i) => {
                      const r = ranked[i];
                      if (r) openHref(r.drill, r.name);
                    }}
                    height={260}
                  />
                  <div className="gh-muted" style={{ marginBottom: 8 }}>
                    {st('dash.rankHint')}
                  </div>
                  <Table<RankItem>
                    rowKey="unitId"
                    size="small"
                    columns={columns}
                    dataSource={ranking}
                    pagination={ranking.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    aria-label={st('dash.rank')}
                  />
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card className="gh-card" title={`${st('dash.trend')} · ${text.name(gauge.indicator.key, gauge.indicator.name)}`}>
              <TrendLine
                unit={unitText}
                name={text.name(gauge.indicator.key, gauge.indicator.name)}
                periods={trend.map((p, i) => (i === trend.length - 1 ? `${st('dash.today')} ${p.period.slice(5)}` : monthOf(p.period)))}
                values={trend.map((p) => p.value)}
                marks={trend.map((p, i) => (i === trend.length - 1 ? 'live' : p.corrected ? 'corrected' : p.frozen ? 'frozen' : 'none'))}
                target={gauge.progress?.target ?? null}
                targetLabel={st('dash.target')}
                labels={{ frozen: st('dash.frozen'), live: st('dash.live'), corrected: st('dash.corrected') }}
                ariaLabel={`${st('dash.trend')}：${text.name(gauge.indicator.key, gauge.indicator.name)}`}
                onPick={(i) => {
                  const p = trend[i];
                  if (p && p.value !== null) setDrill({ indicator: gauge.indicator.key, unitId: scopeId, unitName: unit!.name, asOf: p.period });
                }}
              />
              <Typography.Paragraph type="secondary" className="gh-small" style={{ marginBottom: 0 }}>
                {st('dash.trendHint')}
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      )}
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
