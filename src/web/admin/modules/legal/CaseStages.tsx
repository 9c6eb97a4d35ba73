/** The stages card of a case: the procedure's steps and a table of each stage's role, dates, outcome and amount. */
import { Card, Steps, Table, Tag } from 'antd';
import { useLt } from './i18n.ts';
import { STAGES, yuan, type Dispute, type Stage } from './shared.ts';

/** The case's stages: where it stands in the procedure, and each stage's role, dates, outcome and amount. */
export function CaseStages({ c, current, open, writable, nextStages }: { c: Dispute; current: Dispute['stages'][number]; open: boolean; writable: boolean; nextStages: Stage[] }) {
  const { lt, ll } = useLt();
  const stageIndex = (s: string) => STAGES.indexOf(s as Stage);
  const passed = new Set(c.stages.map((s) => s.stage));
  const stepItems = STAGES.map((s) => {
    const row = c.stages.find((x) => x.stage === s);
    const status: 'finish' | 'process' | 'wait' = row ? (row === current && !row.endedOn && open ? 'process' : 'finish') : 'wait';
    return {
      title: ll('stage', s),
      status,
      disabled: !row && stageIndex(s) < stageIndex(current.stage),
      content: row ? (
        <div className="gh-small">
          <div>{ll('role', row.role)}</div>
          <div className="gh-muted">
            {row.startedOn}
            {row.endedOn ? ` ~ ${row.endedOn}` : ''}
          </div>
          {row.outcome && (
            <Tag color={row.outcome === 'agreement' || row.outcome === 'award' || row.outcome === 'judgment' || row.outcome === 'mediated' ? 'green' : undefined}>{ll('outcome', row.outcome)}</Tag>
          )}
        </div>
      ) : !passed.has(s) && stageIndex(s) < stageIndex(current.stage) ? (
        <span className="gh-muted gh-small">—</span>
      ) : null,
    };
  });
  const currentIndex = stageIndex(current.stage);
  return (
    <Card className="gh-card" title={lt('case.stages')}>
      <Steps current={currentIndex} items={stepItems} size="small" aria-label={lt('case.stages')} />
      {writable && current.endedOn && nextStages.length === 0 && (
        <div className="gh-muted" style={{ marginTop: 8 }}>
          {lt('case.lastStage')}
        </div>
      )}
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="seq"
        pagination={false}
        dataSource={c.stages}
        columns={[
          { title: lt('case.stageCol'), dataIndex: 'stage', width: 80, render: (v: string) => ll('stage', v) },
          { title: lt('case.role'), dataIndex: 'role', width: 200, render: (v: string) => ll('role', v) },
          { title: lt('case.startedOn'), dataIndex: 'startedOn', width: 110 },
          { title: lt('case.endedOn'), dataIndex: 'endedOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: lt('case.outcome'), dataIndex: 'outcome', width: 140, render: (v: string | null) => (v ? ll('outcome', v) : '—') },
          { title: lt('case.amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
          { title: lt('case.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
