/** 季度点评 · 半年核查: the year's quarters or halves of the chosen level, built from the month-end snapshots, each against the one before. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Segmented, Select, Skeleton, Space, Tabs, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { useSt } from './i18n.ts';
import { IndicatorTable } from './IndicatorTable.tsx';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, type BulletinIndicator } from './shared.ts';

interface ReviewPeriod {
  end: string;
  label: string;
  previousEnd: string;
  indicators: BulletinIndicator[];
  commentary: string[];
}

export default function ReviewsPage() {
  const { st } = useSt();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const thisYear = today().year();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<'quarter' | 'half'>('quarter');
  const [periods, setPeriods] = useState<ReviewPeriod[] | null>(null);
  const [active, setActive] = useState<string | undefined>();
  const [drill, setDrill] = useState<Drill | null>(null);

  useEffect(() => {
    let live = true;
    setPeriods(null);
    api
      .get<{ periods: ReviewPeriod[] }>(`${BASE}/reviews`, { unitId: scopeId, year, kind })
      .then((r) => {
        if (!live) return;
        setPeriods(r.periods);
        setActive(r.periods[r.periods.length - 1]?.end);
      })
      .catch((e) => {
        if (!live) return;
        setPeriods([]);
        message.error(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [scopeId, year, kind, message]);

  const previous = kind === 'quarter' ? st('rev.previousQuarter') : st('rev.previousHalf');
  return (
    <div className="gh-page gh-sv-bulletin">
      <Card
        className="gh-card"
        title={
          <Space>
            {st('rev.title')}
            <Tag color="red">{st('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Select
              aria-label={st('year')}
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: lang === 'zh' ? `${y}年` : String(y) }))}
            />
            <Segmented
              aria-label={st('rev.kind')}
              value={kind}
              onChange={(v) => setKind(v as 'quarter' | 'half')}
              options={[
                { value: 'quarter', label: st('rev.quarter') },
                { value: 'half', label: st('rev.half') },
              ]}
            />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!periods?.length}>
              {st('print')}
            </Button>
          </Space>
        }
      >
        {periods === null ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : periods.length === 0 ? (
          <Empty description={st('rev.none')} />
        ) : (
          <Tabs
            activeKey={active}
            onChange={setActive}
            items={periods.map((p) => ({
              key: p.end,
              label: p.label,
              children: (
                <>
                  <Card size="small" className="gh-card gh-sv-commentary" title={`${st('rev.commentary')} · ${p.label}（${st('rev.against', { prev: p.previousEnd })}）`}>
                    {p.commentary.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed text, never reordered; lines may repeat
                      <p key={i}>{c}</p>
                    ))}
                  </Card>
                  {p.indicators.map((ind) => (
                    <IndicatorTable
                      key={ind.key}
                      ind={ind}
                      unit={{ id: scopeId, name: unit!.name }}
                      previousLabel={previous}
                      changeLabel={st('rev.change')}
                      onDrill={(unitId, name) => setDrill({ indicator: ind.key, unitId, unitName: name, asOf: p.end })}
                    />
                  ))}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
