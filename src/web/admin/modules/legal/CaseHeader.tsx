/** The head of a case page: reference, title, state, the actions open now, and the main facts. */
import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useUnitQuery } from '../../lib/scope.tsx';
import { useLt } from './i18n.ts';
import { yuan, type Dispute, type Stage } from './shared.ts';
import type { Action } from './CaseActionModal.tsx';

/** The case's title and state, what can be done with it now, and its main facts. */
export function CaseHeader({
  c,
  current,
  writable,
  nextStages,
  onStart,
}: {
  c: Dispute;
  current: Dispute['stages'][number];
  writable: boolean;
  nextStages: Stage[];
  onStart: (kind: Action, aidId?: number) => void;
}) {
  const { lt, ll } = useLt();
  const unitQuery = useUnitQuery();
  return (
    <Card
      className="gh-card"
      title={
        <Space wrap>
          <Link to={`/legal/cases${unitQuery}`} className="gh-no-print" aria-label={lt('case.back')}>
            <ArrowLeftOutlined />
          </Link>
          <span className="gh-lg-ref">{c.ref}</span>
          <span>{c.title}</span>
          {c.collective && <Tag color="purple">{lt('cases.collective')}</Tag>}
          <Tag color={c.status === 'open' ? 'blue' : 'green'}>{ll('status', c.status)}</Tag>
          <Tag>{ll('stage', c.stage)}</Tag>
        </Space>
      }
      extra={
        <Space className="gh-no-print" wrap>
          {writable && !current.endedOn && current.stage !== 'intake' && (
            <Button type="primary" onClick={() => onStart('endStage')}>
              {lt('case.endStage')}
            </Button>
          )}
          {writable && nextStages.length > 0 && (current.endedOn || current.stage === 'intake') && (
            <Button type="primary" onClick={() => onStart('advance')}>
              {lt('case.advance')}
            </Button>
          )}
          {writable && <Button onClick={() => onStart('event')}>{lt('case.addEvent')}</Button>}
          {writable && (
            <Button danger onClick={() => onStart('close')}>
              {lt('case.close')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {lt('print')}
          </Button>
        </Space>
      }
    >
      {c.status === 'closed' && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={lt('case.closedAlert', { d: c.closedOn ?? '', r: ll('result', c.result) })} description={c.resultNote ?? undefined} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'unit', label: lt('cases.unit'), children: c.unitName },
          { key: 'type', label: lt('cases.type'), children: ll('type', c.disputeType) },
          { key: 'channel', label: lt('cases.channel'), children: `${ll('channel', c.channel)}${c.channelNote ? `（${c.channelNote}）` : ''}` },
          { key: 'opened', label: lt('cases.openedOn'), children: c.openedOn },
          { key: 'claimed', label: lt('cases.claimed'), children: <span className="gh-lg-money">{lt('amountYuan', { v: yuan(c.claimedFen) })}</span> },
          { key: 'recovered', label: lt('cases.recovered'), children: <span className="gh-lg-money gh-lg-recovered">{lt('amountYuan', { v: yuan(c.recoveredFen) })}</span> },
          { key: 'employer', label: lt('case.employer'), children: `${c.employerName}${c.employerCreditCode ? `（${c.employerCreditCode}）` : ''}` },
          ...(c.closedOn ? [{ key: 'closed', label: lt('case.closedOn'), children: `${c.closedOn} · ${ll('result', c.result)}` }] : []),
        ]}
      />
    </Card>
  );
}
