/** The events timeline and the facts of a case. */
import { Card, Timeline, Typography } from 'antd';
import { useLt } from './i18n.ts';
import { STAGES, type Dispute } from './shared.ts';

/** The case's events on a timeline, and the facts as told. */
export function CaseEvents({ c }: { c: Dispute }) {
  const { lt, ll } = useLt();
  const eventLabel = (kind: string) => {
    const m = /^(.*)_(started|ended)$/.exec(kind);
    if (m && (STAGES as readonly string[]).includes(m[1]!)) return lt(m[2] === 'started' ? 'event.started' : 'event.ended', { stage: ll('stage', m[1]) });
    return ll('event', kind);
  };
  return (
    <>
      <Card className="gh-card" title={lt('case.events')}>
        <Timeline
          aria-label={lt('case.events')}
          items={c.events.map((e) => ({
            key: e.id,
            color: e.kind.endsWith('_ended') ? 'green' : e.kind.endsWith('_started') ? 'blue' : 'gray',
            title: e.occurredOn,
            content: (
              <span>
                {eventLabel(e.kind)}
                {e.note ? <span className="gh-muted">（{e.note}）</span> : null}
              </span>
            ),
          }))}
        />
      </Card>
      <Card className="gh-card" title={lt('case.facts')}>
        {c.facts ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.facts}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{lt('case.noFacts')}</Typography.Text>
        )}
      </Card>
    </>
  );
}
