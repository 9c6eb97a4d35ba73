/** 案件: one labour dispute — deadlines first, the stages with the union's role, events, workers, legal aid, lawyers, documents, closing. */
import { useCallback, useEffect, useState } from 'react';
import { Card, Col, Form, Row, Skeleton } from 'antd';
import { today } from '../../lib/time.ts';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { NotFound } from '../../components/Results.tsx';
import { useLt } from './i18n.ts';
import { BASE, NEXT, OUTCOMES, RESULT_FOR, ROLES_AT, type Dispute, type Lawyer, type Stage } from './shared.ts';
import { CaseActionModal, type Action } from './CaseActionModal.tsx';
import { CaseDeadlines } from './CaseDeadlines.tsx';
import { CaseDocuments } from './CaseDocuments.tsx';
import { CaseEvents } from './CaseEvents.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { CaseAid, CaseLawyers, CaseParties } from './CasePeople.tsx';
import { CaseStages } from './CaseStages.tsx';

export default function CasePage() {
  const { id: rawId } = useParams();
  const id = rawId && /^\d+$/.test(rawId) ? Number(rawId) : null;
  const { t } = useI18n();
  const { lt } = useLt();
  const { can } = useAuth();
  const [c, setC] = useState<Dispute | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [lawyers, setLawyers] = useState<Lawyer[]>([]);
  const [action, setAction] = useState<{ kind: Action; aidId?: number } | null>(null);
  const [form] = Form.useForm();
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api
      .get<Dispute>(`${BASE}/cases/${id}`)
      .then((r) => {
        if (!live) return;
        setC(r);
        setError(null);
      })
      .catch((e) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', errorMessage(e))));
    return () => {
      live = false;
    };
  }, [id, version]);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: Lawyer[] }>(`${BASE}/lawyers`)
      .then((r) => live && setLawyers(r.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [version]);

  const current = c ? c.stages[c.stages.length - 1] : undefined;
  const open = c?.status === 'open';
  const writable = can('legal.write') && open;
  const manage = can('legal.manage') && open;
  const servingLawyers = lawyers.filter((l) => l.userId && l.available);

  if (id === null) return <NotFound />;
  if (error) return <NotFound title={error.status === 404 ? undefined : t('result.error')} subTitle={error.message} />;
  if (!c || !current)
    return (
      <div className="gh-page">
        <Card className="gh-card">
          <Skeleton active />
        </Card>
      </div>
    );

  const start = (kind: Action, aidId?: number) => {
    form.resetFields();
    const day = today();
    if (kind === 'advance') {
      const next = NEXT[current.stage as Stage][0];
      form.setFieldsValue({ stage: next, role: next ? ROLES_AT[next][0] : undefined, startedOn: day });
    } else if (kind === 'endStage') form.setFieldsValue({ outcome: OUTCOMES[current.stage as Stage][0], endedOn: day });
    else if (kind === 'event') form.setFieldsValue({ occurredOn: day });
    else if (kind === 'close') form.setFieldsValue({ result: (current.outcome && RESULT_FOR[current.outcome]) || undefined, closedOn: day });
    else if (kind === 'assign') form.setFieldsValue({ assignedOn: day });
    else if (kind === 'aid') form.setFieldsValue({ requestedOn: day, partyId: c.parties[0]?.id });
    else if (kind === 'decide') form.setFieldsValue({ decision: 'granted', decidedOn: day });
    setAction({ kind, ...(aidId ? { aidId } : {}) });
  };

  const passed = new Set(c.stages.map((s) => s.stage));
  const nextStages = NEXT[current.stage as Stage].filter((s) => !passed.has(s));

  return (
    <div className="gh-page gh-lg-case">
      <div className="gh-print-only gh-lg-print-title">{lt('case.printTitle')}</div>
      <CaseHeader c={c} current={current} writable={writable} nextStages={nextStages} onStart={start} />
      <CaseDeadlines c={c} />
      <CaseStages c={c} current={current} open={open} writable={writable} nextStages={nextStages} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <CaseEvents c={c} />
        </Col>
        <Col xs={24} xl={12}>
          <CaseParties c={c} manage={manage} onStart={start} />
          <CaseAid c={c} manage={manage} lawyers={lawyers} onStart={start} />
          <CaseLawyers c={c} lawyers={lawyers} assignable={can('cases.assign') && open} onStart={start} />
          <CaseDocuments c={c} onChanged={reload} />
        </Col>
      </Row>
      <CaseActionModal
        c={c}
        current={current}
        nextStages={nextStages}
        servingLawyers={servingLawyers}
        form={form}
        action={action}
        onClose={() => setAction(null)}
        onSaved={() => {
          setAction(null);
          reload();
        }}
      />
    </div>
  );
}
