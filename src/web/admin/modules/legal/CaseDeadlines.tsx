/** The deadlines card of a case: one card per statutory deadline, overdue and due soon first. */
import { Card, Col, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useLt } from './i18n.ts';
import { DEADLINE_COLOR, type Deadline, type Dispute } from './shared.ts';

function DeadlineCard({ d }: { d: Deadline }) {
  const { lt, ll } = useLt();
  const state =
    d.state === 'met'
      ? d.lateBy > 0
        ? lt('dl.metLate', { d: d.metOn!, n: d.lateBy })
        : lt('dl.metOn', { d: d.metOn! })
      : d.state === 'overdue'
        ? lt('dl.lateBy', { n: d.lateBy })
        : d.state === 'void'
          ? ''
          : d.daysLeft === 0
            ? lt('dl.today')
            : lt('dl.daysLeft', { n: d.daysLeft });
  return (
    <Card size="small" className={`gh-lg-deadline gh-lg-deadline-${d.state}`} role="region" aria-label={d.label}>
      <div className="gh-lg-deadline-label">{d.label}</div>
      <div className="gh-lg-deadline-due">
        <ClockCircleOutlined /> {d.dueOn}
      </div>
      {d.nominalDueOn && <div className="gh-small gh-lg-deadline-moved">{lt('dl.moved', { d: d.nominalDueOn })}</div>}
      {!d.calendarHeld && d.state !== 'met' && d.state !== 'void' && (
        <div className="gh-small gh-lg-deadline-nocal" role="note">
          {lt('dl.noCalendar', { y: (d.nominalDueOn ?? d.dueOn).slice(0, 4) })}
        </div>
      )}
      <Space size={4} wrap>
        <Tag color={DEADLINE_COLOR[d.state]}>{ll('dl', d.state)}</Tag>
        {state && <span className="gh-lg-deadline-state">{state}</span>}
        {d.extended && <Tag>{lt('dl.extended')}</Tag>}
      </Space>
      <Tooltip title={d.basis}>
        <div className="gh-muted gh-small gh-lg-basis">
          {lt('dl.from', { d: d.fromOn })} · {d.basis}
        </div>
      </Tooltip>
    </Card>
  );
}

/** The case's deadlines, overdue and due soon first. */
export function CaseDeadlines({ c }: { c: Dispute }) {
  const { lt, ll } = useLt();
  const overdue = c.deadlines.filter((d) => d.state === 'overdue').length;
  const soon = c.deadlines.filter((d) => d.state === 'due_soon').length;
  return (
    <Card
      className="gh-card gh-lg-deadlines"
      title={
        <Space>
          {lt('case.deadlines')}
          {overdue > 0 && <Tag color="red">{`${ll('dl', 'overdue')} ${overdue}`}</Tag>}
          {soon > 0 && <Tag color="orange">{`${ll('dl', 'due_soon')} ${soon}`}</Tag>}
        </Space>
      }
    >
      {c.deadlines.length === 0 ? (
        <Typography.Text type="secondary">{lt('dl.none')}</Typography.Text>
      ) : (
        <Row gutter={[12, 12]}>
          {[...c.deadlines]
            .sort((a, b) => ['overdue', 'due_soon', 'open', 'met', 'void'].indexOf(a.state) - ['overdue', 'due_soon', 'open', 'met', 'void'].indexOf(b.state) || a.dueOn.localeCompare(b.dueOn))
            .map((d) => (
              <Col key={d.key} xs={24} md={12} xl={8}>
                <DeadlineCard d={d} />
              </Col>
            ))}
        </Row>
      )}
    </Card>
  );
}
