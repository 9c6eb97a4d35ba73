/** The people of a case: its parties (workers), their legal aid requests, and the lawyers assigned. */
import { useMemo } from 'react';
import { Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useLt } from './i18n.ts';
import type { Dispute, Lawyer } from './shared.ts';
import type { Action } from './CaseActionModal.tsx';

/** The people of a case: the workers who are its parties, their legal aid requests, and the lawyers assigned. */
export function CaseParties({ c, manage, onStart }: { c: Dispute; manage: boolean; onStart: (kind: Action, aidId?: number) => void }) {
  const { lt } = useLt();
  return (
    <Card
      className="gh-card"
      title={`${lt('case.parties')}（${c.parties.length}）`}
      extra={
        manage && (
          <Button size="small" className="gh-no-print" onClick={() => onStart('party')}>
            {lt('case.addParty')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={c.parties.length > 10 ? { pageSize: 10 } : false}
        dataSource={c.parties}
        columns={[
          { title: lt('intake.workerName'), dataIndex: 'name', width: 90 },
          { title: lt('intake.idNumber'), dataIndex: 'idMasked', render: (v: string) => <span className="gh-ms-mono">{v}</span> },
          { title: lt('intake.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
          { title: lt('intake.migrant'), dataIndex: 'migrantWorker', width: 70, render: (v: boolean) => (v ? <Tag color="orange">{lt('intake.migrant')}</Tag> : null) },
        ]}
      />
    </Card>
  );
}

export function CaseAid({ c, manage, lawyers, onStart }: { c: Dispute; manage: boolean; lawyers: Lawyer[]; onStart: (kind: Action, aidId?: number) => void }) {
  const { lt, ll } = useLt();
  const lawyerName = useMemo(() => new Map(lawyers.map((l) => [l.id, l.name])), [lawyers]);
  return (
    <Card
      className="gh-card"
      title={lt('case.aid')}
      extra={
        manage &&
        c.parties.length > 0 && (
          <Button size="small" className="gh-no-print" onClick={() => onStart('aid')}>
            {lt('case.requestAid')}
          </Button>
        )
      }
    >
      {c.aidRequests.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.aidRequests}
          columns={[
            { title: lt('case.aidParty'), dataIndex: 'partyId', width: 80, render: (v: number) => c.parties.find((p) => p.id === v)?.name ?? v },
            { title: lt('case.aidRequestedOn'), dataIndex: 'requestedOn', width: 105 },
            { title: lt('case.aidReason'), dataIndex: 'reason', ellipsis: true },
            {
              title: lt('case.aidDecision'),
              dataIndex: 'decision',
              width: 180,
              render: (v: string, a) =>
                v === 'pending' ? (
                  manage ? (
                    <Button size="small" type="primary" onClick={() => onStart('decide', a.id)}>
                      {lt('case.decide')}
                    </Button>
                  ) : (
                    <Tag color="orange">{ll('aid', v)}</Tag>
                  )
                ) : (
                  <Tooltip title={a.decisionNote ?? undefined}>
                    <Space size={2} wrap>
                      <Tag color={v === 'granted' ? 'green' : 'default'}>{ll('aid', v)}</Tag>
                      <span className="gh-small">{a.decidedOn}</span>
                      {a.lawyerId && <span className="gh-small">{lawyerName.get(a.lawyerId) ?? ''}</span>}
                    </Space>
                  </Tooltip>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export function CaseLawyers({ c, lawyers, assignable, onStart }: { c: Dispute; lawyers: Lawyer[]; assignable: boolean; onStart: (kind: Action, aidId?: number) => void }) {
  const { lt } = useLt();
  return (
    <Card
      className="gh-card"
      title={lt('case.assignments')}
      extra={
        assignable && (
          <Button size="small" className="gh-no-print" onClick={() => onStart('assign')}>
            {lt('case.assign')}
          </Button>
        )
      }
    >
      {c.assignments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space orientation="vertical" size={4}>
          {c.assignments.map((a) => (
            <div key={a.id} className={a.endedOn ? 'gh-muted' : undefined}>
              <Typography.Text strong={!a.endedOn}>{a.name || lawyers.find((l) => l.userId === a.userId)?.name || '—'}</Typography.Text> · {lt('case.assignedOn')} {a.assignedOn}
              {a.endedOn && ` ${lt('case.ended', { d: a.endedOn })}`}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
