/** One indicator of a bulletin or review: the units below ranked, the change since the period before, leaders and laggards highlighted, each figure opening its records. */
import { Card, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.tsx';
import { StatusTag } from './GaugeCard.tsx';
import { useIndicatorText, useSt } from './i18n.ts';
import { better, fmtChange, fmtValue, type BulletinIndicator, type BulletinRow } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

type Row = BulletinRow & { total?: boolean };

function Change({ unit, direction, change }: { unit: string; direction: string; change: number | null }) {
  const { lang } = useI18n();
  const b = better(direction, change);
  const cls = b === null ? 'gh-sv-flat' : b ? 'gh-sv-up' : 'gh-sv-down';
  return (
    <span className={cls}>
      {change !== null && Math.abs(change) > 1e-12 && (change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />)} {fmtChange(unit, change, lang)}
    </span>
  );
}

export function IndicatorTable({
  ind,
  unit,
  onDrill,
  canDrill,
  previousLabel,
  changeLabel,
}: {
  ind: BulletinIndicator;
  unit: { id: number; name: string };
  onDrill: (unitId: number, name: string) => void;
  /** Whose records the reader may open (a bulletin from a level above: only the reader's own unit). */
  canDrill?: (unitId: number) => boolean;
  previousLabel?: string;
  changeLabel?: string;
}) {
  const { st } = useSt();
  const text = useIndicatorText();
  const { lang } = useI18n();
  const rows: Row[] = [...ind.rows, { ...ind.total, unitId: unit.id, name: st('bul.total', { name: unit.name }), rank: null, total: true }];
  const columns: TableProps<Row>['columns'] = [
    { title: st('rank'), dataIndex: 'rank', width: 64, align: 'center', render: (v: number | null, r) => (r.total ? '' : (v ?? '—')) },
    {
      title: st('unit'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {ind.leaders.includes(r.unitId) && !r.total && <Tag color="green">{st('bul.leader')}</Tag>}
          {ind.laggards.includes(r.unitId) && !r.total && <Tag color="red">{st('bul.laggard')}</Tag>}
        </Space>
      ),
    },
    {
      title: text.name(ind.key, ind.name),
      dataIndex: 'value',
      align: 'right',
      width: 150,
      render: (v: number | null, r) => (
        <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          {!canDrill || canDrill(r.total ? unit.id : r.unitId) ? (
            <ActionLink
              className="gh-sv-num"
              aria-label={`${r.total ? unit.name : r.name} ${text.name(ind.key, ind.name)} ${fmtValue(ind.unit, v, lang)}`}
              onClick={() => onDrill(r.total ? unit.id : r.unitId, r.total ? unit.name : r.name)}
            >
              {fmtValue(ind.unit, v, lang)}
            </ActionLink>
          ) : (
            <span className="gh-sv-num">{fmtValue(ind.unit, v, lang)}</span>
          )}
          {r.numerator !== null && r.denominator !== null && (
            <span className="gh-sv-fraction">
              {r.numerator.toLocaleString('zh-CN')} / {r.denominator.toLocaleString('zh-CN')}
            </span>
          )}
        </Space>
      ),
    },
    { title: previousLabel ?? st('bul.previous'), dataIndex: 'previous', align: 'right', width: 110, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: changeLabel ?? st('bul.change'), dataIndex: 'change', align: 'right', width: 150, render: (v: number | null) => <Change unit={ind.unit} direction={ind.direction} change={v} /> },
    { title: st('dash.target'), dataIndex: 'target', align: 'right', width: 100, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: st('dash.expected'), dataIndex: 'expected', align: 'right', width: 110, render: (v: number | null) => fmtValue(ind.unit, v, lang) },
    { title: st('status'), dataIndex: 'status', width: 100, render: (v: Row['status'], r) => (r.total && !v ? '' : <StatusTag status={v} />) },
  ];
  return (
    <Card
      size="small"
      className="gh-card gh-sv-indicator"
      role="region"
      aria-label={text.name(ind.key, ind.name)}
      title={
        <Space>
          {text.name(ind.key, ind.name)}
          <Typography.Text type="secondary" className="gh-small" style={{ fontWeight: 'normal' }}>
            {st('definition')}：{text.definition(ind.key, ind.definition)}
          </Typography.Text>
        </Space>
      }
    >
      <Table<Row>
        rowKey={(r) => (r.total ? 'total' : r.unitId)}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.total ? 'gh-sv-row-total' : ind.leaders.includes(r.unitId) ? 'gh-sv-row-leader' : ind.laggards.includes(r.unitId) ? 'gh-sv-row-laggard' : '')}
        scroll={{ x: 860 }}
      />
    </Card>
  );
}
