/** One indicator of a unit against its target: the gauge, the figure and its parts (each opens its records), and the progress. */
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.tsx';
import { GaugeDial } from './charts.tsx';
import { useIndicatorText, useSt } from './i18n.ts';
import { drillQuery, fmtShare, fmtValue, STATUS_TAG, type Gauge } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

export function StatusTag({ status }: { status: keyof typeof STATUS_TAG | null | undefined }) {
  const { st } = useSt();
  if (!status) return <Tag>{st('status.none')}</Tag>;
  return <Tag color={STATUS_TAG[status]}>{st(`status.${status}`)}</Tag>;
}

export function GaugeCard({ gauge, onDrill, compact }: { gauge: Gauge; onDrill: (q: { indicator: string; figure?: string | undefined }) => void; compact?: boolean }) {
  const { st } = useSt();
  const { lang } = useI18n();
  const text = useIndicatorText();
  const g = gauge;
  const p = g.progress;
  const name = text.name(g.indicator.key, g.indicator.name);
  const unit = g.indicator.unit;
  const open = (href: string) => {
    const q = drillQuery(href);
    onDrill({ indicator: q.indicator || g.indicator.key, figure: q.figure });
  };
  return (
    <Card size="small" className="gh-sv-gauge" role="region" aria-label={name}>
      <div className="gh-sv-gauge-head">
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          <Tooltip title={`${st('definition')}：${text.definition(g.indicator.key, g.indicator.definition)}`}>
            <QuestionCircleOutlined aria-label={st('definition')} className="gh-muted" />
          </Tooltip>
        </Space>
        <StatusTag status={p?.status} />
      </div>
      <GaugeDial
        unit={unit}
        value={g.value}
        display={fmtValue(unit, g.value, lang)}
        target={p?.target ?? null}
        expected={p?.expected ?? null}
        status={p?.status ?? null}
        ariaLabel={`${name} ${g.display}`}
        onClick={() => open(g.drill.href)}
        height={compact ? 130 : 150}
      />
      <div className="gh-sv-gauge-value">
        <ActionLink className="gh-sv-num" aria-label={`${name} ${st('detail')}`} onClick={() => open(g.drill.href)}>
          {fmtValue(unit, g.value, lang)}
        </ActionLink>
        {g.numerator !== null && g.denominator !== null && (
          <span className="gh-sv-fraction">
            （{g.numerator.toLocaleString('zh-CN')} / {g.denominator.toLocaleString('zh-CN')}）
          </span>
        )}
      </div>
      {p ? (
        <div className="gh-sv-gauge-progress">
          <span>
            <span className="gh-sv-key gh-sv-key-target" />
            {st('dash.target')} {fmtValue(unit, p.target, lang)}
          </span>
          <span>
            <span className="gh-sv-key gh-sv-key-expected" />
            {st('dash.expected')} {fmtValue(unit, p.expected, lang)}
          </span>
          <span>
            {st('dash.ofTarget')} {fmtShare(p.ofTarget)}
          </span>
          <span>
            {st('dash.attainment')} {fmtShare(p.attainment)}
          </span>
        </div>
      ) : (
        <div className="gh-muted gh-sv-gauge-progress">{st('dash.noTarget')}</div>
      )}
      {!compact && g.drill.figures.length > 0 && (
        <div className="gh-sv-figures">
          {g.drill.figures.map((f) => (
            <ActionLink key={f.key} onClick={() => open(f.href)}>
              {text.figure(g.indicator.key, f.key, f.label)}
            </ActionLink>
          ))}
        </div>
      )}
    </Card>
  );
}
