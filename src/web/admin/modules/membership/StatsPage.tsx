/** 建会入会统计: the three rates with their definitions, the figures behind them, the units below ranked, and the trend. */
import { useEffect, useMemo, useState } from 'react';
import { App, Card, Col, DatePicker, Empty, Row, Select, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useScope } from '../../lib/scope.tsx';
import { useMt } from './i18n.ts';
import { BASE, drillFigureOf, iso, notFuture, percent, type Counts, type Coverage, type Figure, type Rate, type RateKey } from './shared.ts';
import { DrillDrawer } from './DrillDrawer.tsx';
import { RankChart, TrendChart } from './charts.tsx';
import { ActionLink, pressable } from '../../components/ActionLink.tsx';

const COUNT_FIGURES: (keyof Counts & Figure)[] = ['enterprises', 'coveredEnterprises', 'members', 'migrantMembers', 'unions', 'shuangliangUnions'];
const RATE_KEYS: RateKey[] = ['formationRate', 'membershipRate', 'shuangliangRate'];

interface ChildRow {
  unitId: number;
  name: string;
  counts: Counts;
  rates: Rate[];
}

export default function StatsPage() {
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { unit, setUnit } = useScope();
  const scopeId = unit!.id;
  const [asOf, setAsOf] = useState<Dayjs>(() => today());
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [children, setChildren] = useState<ChildRow[] | null>(null);
  const [trend, setTrend] = useState<{ date: string; rates: Rate[] }[] | null>(null);
  const [rankBy, setRankBy] = useState<RateKey>('formationRate');
  const [drill, setDrill] = useState<{ unitId: number; asOf: string; figure: Figure } | null>(null);
  const day = iso(asOf)!;

  useEffect(() => {
    let live = true;
    setCoverage(null);
    setChildren(null);
    setTrend(null);
    const q = { unitId: scopeId, asOf: day };
    api
      .get<Coverage>(`${BASE}/coverage`, q)
      .then((r) => live && setCoverage(r))
      .catch((e) => live && message.error(errorMessage(e)));
    api
      .get<{ items: ChildRow[] }>(`${BASE}/coverage/children`, q)
      .then((r) => live && setChildren(r.items))
      .catch(() => live && setChildren([]));
    api
      .get<{ items: { date: string; rates: Rate[] }[] }>(`${BASE}/coverage/trend`, { ...q, months: 12 })
      .then((r) => live && setTrend(r.items))
      .catch(() => live && setTrend([]));
    return () => {
      live = false;
    };
  }, [scopeId, day, message]);

  const open = (figure: string) => {
    const f = drillFigureOf(figure);
    if (f) setDrill({ unitId: scopeId, asOf: day, figure: f });
  };

  const ranked = useMemo(() => {
    const rows = (children ?? []).map((c) => ({ id: c.unitId, name: c.name, value: c.rates.find((r) => r.key === rankBy)?.value ?? null }));
    return rows.sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  }, [children, rankBy]);

  const figureLink = (figure: string, value: number, role: string) => {
    const f = drillFigureOf(figure);
    const text = value.toLocaleString('zh-CN');
    if (!f) {
      return (
        <Tooltip title={mt('stats.notDrillable')}>
          <span className="gh-ms-num">{text}</span>
        </Tooltip>
      );
    }
    return (
      <Tooltip title={ml('figure', figure)}>
        <ActionLink className="gh-ms-num" aria-label={`${role} ${ml('figure', figure)} ${value}`} onClick={() => open(figure)}>
          {text}
        </ActionLink>
      </Tooltip>
    );
  };

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {mt('stats.title')}
            <Tag color="red">{mt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space>
            <label htmlFor="gh-ms-asof" className="gh-small">
              {mt('asOf')}
            </label>
            <DatePicker id="gh-ms-asof" value={asOf} allowClear={false} format="YYYY-MM-DD" onChange={(d) => d && setAsOf(d)} disabledDate={notFuture} />
          </Space>
        }
      >
        {!coverage ? (
          <Skeleton active />
        ) : (
          <>
            <Row gutter={[16, 16]}>
              {RATE_KEYS.map((k) => {
                const r = coverage.rates.find((x) => x.key === k);
                if (!r) return null;
                return (
                  <Col key={k} xs={24} md={8}>
                    <Card size="small" className="gh-ms-rate" aria-label={ml('rate', k)} role="region">
                      <Statistic
                        title={
                          <Space size={4}>
                            {ml('rate', k)}
                            <Tooltip title={r.definition}>
                              <QuestionCircleOutlined aria-label={mt('stats.definition')} />
                            </Tooltip>
                          </Space>
                        }
                        value={percent(r.value)}
                        styles={{ content: { color: '#b0102a', fontSize: 32 } }}
                      />
                      <div className="gh-ms-fraction">
                        {figureLink(r.numeratorFigure, r.numerator, mt('stats.numerator'))}
                        <span className="gh-ms-slash">/</span>
                        {figureLink(r.denominatorFigure, r.denominator, mt('stats.denominator'))}
                      </div>
                      <div className="gh-muted">
                        {ml('figure', r.numeratorFigure)} ÷ {ml('figure', r.denominatorFigure)}
                      </div>
                      <Typography.Paragraph type="secondary" className="gh-small" style={{ marginBottom: 0, marginTop: 4 }}>
                        {mt('stats.definition')}：{r.definition}
                      </Typography.Paragraph>
                    </Card>
                  </Col>
                );
              })}
            </Row>
            <Typography.Title level={5} style={{ marginTop: 20 }}>
              {mt('stats.counts')}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              {COUNT_FIGURES.map((f) => (
                <Col key={f} xs={12} md={8} xl={4}>
                  <Card size="small" hoverable className="gh-stat gh-ms-count" aria-label={`${ml('figure', f)} ${coverage.counts[f]}`} {...pressable(() => open(f))}>
                    <Statistic title={ml('figure', f)} value={coverage.counts[f]} />
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            className="gh-card"
            title={mt('stats.rank')}
            extra={<Select<RateKey> aria-label={mt('stats.rankBy')} value={rankBy} onChange={setRankBy} style={{ width: 140 }} options={RATE_KEYS.map((k) => ({ value: k, label: ml('rate', k) }))} />}
          >
            {children === null ? (
              <Skeleton active />
            ) : ranked.length === 0 ? (
              <Empty description={mt('stats.noChildren')} />
            ) : (
              <>
                <RankChart
                  labels={ranked.map((r) => r.name)}
                  values={ranked.map((r) => r.value)}
                  ariaLabel={`${mt('stats.rank')}：${ml('rate', rankBy)}`}
                  onPick={(i) => {
                    const row = ranked[i];
                    if (row) setUnit(row.id);
                  }}
                />
                <div className="gh-muted">{mt('stats.rankHint')}</div>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card className="gh-card" title={mt('stats.trend')}>
            {trend === null ? (
              <Skeleton active />
            ) : (
              <TrendChart
                dates={trend.map((p) => p.date.slice(0, 7))}
                series={RATE_KEYS.map((k) => ({ name: ml('rate', k), values: trend.map((p) => p.rates.find((r) => r.key === k)?.value ?? null) }))}
                ariaLabel={mt('stats.trend')}
              />
            )}
          </Card>
        </Col>
      </Row>
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
