/** The home page's view of the dashboard: the chosen unit's key gauges (those with a target first), each opening its records, and a link to the full dashboard. */
import { useState } from 'react';
import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useRemote } from '../../lib/remote.ts';
import { useUnitQuery } from '../../lib/scope.tsx';
import { GaugeCard } from './GaugeCard.tsx';
import { useSt } from './i18n.ts';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, type Dashboard } from './shared.ts';
import './supervision.css';

export function HomeGauges({ unitId, unitName, count = 3 }: { unitId: number; unitName: string; count?: number }) {
  const { st } = useSt();
  const unitQuery = useUnitQuery();
  const [drill, setDrill] = useState<Drill | null>(null);

  // A failure hides the gauges instead of raising an error on the home page.
  const { data, error } = useRemote<Dashboard>(`${BASE}/dashboard`, { unitId, months: 1 }, { reset: true, onError: () => {} });

  if (error) return null;
  const withTarget = data?.gauges.filter((g) => g.progress) ?? [];
  const rates = data?.gauges.filter((g) => !g.progress && g.indicator.unit === '%') ?? [];
  const rest = data?.gauges.filter((g) => !g.progress && g.indicator.unit !== '%') ?? [];
  const shown = [...withTarget, ...rates, ...rest].slice(0, count);

  return (
    <Card
      className="gh-card"
      title={data ? st('dash.home', { year: data.year }) : st('dash.title')}
      extra={
        <Link to={`/supervision/dashboard${unitQuery}`}>
          <FundProjectionScreenOutlined /> {st('dash.full')}
        </Link>
      }
    >
      {!data ? (
        <Skeleton active />
      ) : shown.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[12, 12]}>
          {shown.map((g) => (
            <Col key={g.indicator.key} xs={24} md={24 / Math.min(3, shown.length)}>
              <GaugeCard gauge={g} compact onDrill={(q) => setDrill({ indicator: q.indicator, unitId, unitName, asOf: data.asOf, figure: q.figure })} />
            </Col>
          ))}
        </Row>
      )}
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
    </Card>
  );
}
