/** 我要维权: the worker's disputes, filing a new one, and one case with its progress and legal aid. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Spin, Steps, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../lib/api.ts';
import { NotFound } from '../../components/Results.tsx';
import { usePt } from './i18n.ts';
import { DISPUTE_TYPES, STAGE_COLORS, yuan, type CaseDetail, type CaseItem } from './shared.ts';

export function RightsPage() {
  const { pt, pl } = usePt();
  const navigate = useNavigate();
  const [items, setItems] = useState<CaseItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<{ items: CaseItem[] }>('/api/v1/portal/cases', { pageSize: 100 })
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorMessage(e)));
  }, []);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <>
      <Button type="primary" size="large" block icon={<PlusOutlined />} onClick={() => navigate('/portal/rights/new')} style={{ minHeight: 48 }}>
        {pt('rights.new')}
      </Button>
      <Card className="gp-card" title={pt('rights.title')}>
        {!items ? (
          <Spin style={{ margin: 24 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('rights.empty')} />
        ) : (
          items.map((c) => (
            <button key={c.id} type="button" className="gp-item" onClick={() => navigate(`/portal/cases/${c.id}`)}>
              <div className="gp-item-title">{c.title}</div>
              <div className="gp-item-meta">
                <Tag color={c.status === 'closed' ? 'default' : STAGE_COLORS[c.stage]}>{c.status === 'closed' ? pl('status', 'closed') : pl('stage', c.stage)}</Tag>
                <span>{c.ref}</span>
                <span>{pt('rights.claimed', { v: yuan(c.claimedFen) })}</span>
                {c.status === 'open' && c.nextDueOn && <span>{pt('rights.nextDue', { d: c.nextDueOn })}</span>}
                {c.result && <span>{pl('result', c.result)}</span>}
              </div>
            </button>
          ))
        )}
      </Card>
    </>
  );
}

interface DisputeForm {
  disputeType: string;
  employerName: string;
  employerCreditCode?: string;
  claimedYuan: number;
  knewOn?: Dayjs | null;
  facts: string;
}

export function NewDisputePage() {
  const { pt, pl } = usePt();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFinish = async (v: DisputeForm) => {
    setBusy(true);
    setError(null);
    try {
      const c = await api.post<CaseDetail>('/api/v1/portal/cases', {
        disputeType: v.disputeType,
        employerName: v.employerName.trim(),
        employerCreditCode: v.employerCreditCode?.trim() || null,
        claimedFen: Math.round((v.claimedYuan ?? 0) * 100),
        knewOn: v.knewOn ? v.knewOn.format('YYYY-MM-DD') : null,
        facts: v.facts.trim(),
      });
      void message.success(pt('form.done', { ref: c.ref }));
      navigate(`/portal/cases/${c.id}`, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="gp-card-pad" title={pt('form.title')}>
      <Typography.Paragraph type="secondary">{pt('form.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form<DisputeForm> layout="vertical" size="large" className="gp-form" requiredMark={false} onFinish={onFinish} initialValues={{ claimedYuan: 0 }}>
        <Form.Item name="disputeType" label={pt('form.type')} rules={[{ required: true, message: pt('form.typeRequired') }]}>
          <Select options={DISPUTE_TYPES.map((v) => ({ value: v, label: pl('type', v) }))} />
        </Form.Item>
        <Form.Item name="employerName" label={pt('form.employer')} rules={[{ required: true, whitespace: true, message: pt('form.employerRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="employerCreditCode" label={pt('form.creditCode')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="claimedYuan" label={pt('form.claimed')} rules={[{ required: true, message: pt('form.claimedRequired') }]}>
          <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="knewOn" label={pt('form.knewOn')}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="facts" label={pt('form.facts')} rules={[{ required: true, whitespace: true, message: pt('form.factsRequired') }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder={pt('form.factsPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          {pt('form.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function CasePage() {
  const { pt, pl } = usePt();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [c, setC] = useState<CaseDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const load = useCallback(() => {
    api
      .get<CaseDetail>(`/api/v1/portal/cases/${id}`)
      .then(setC)
      .catch((e) => (e instanceof ApiError && e.status === 404 ? setMissing(true) : setError(errorMessage(e))));
  }, [id]);
  useEffect(load, [load]);

  if (missing) return <NotFound />;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!c) return <Spin style={{ marginTop: 48 }} />;
  const pendingAid = c.aidRequests.some((a) => a.decision === 'pending');
  const askAid = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setC(await api.post<CaseDetail>(`/api/v1/portal/cases/${c.id}/aid`, { reason: v.reason.trim() }));
      setAsking(false);
      form.resetFields();
      void message.success(pt('case.aidSent'));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="link" icon={<LeftOutlined />} onClick={() => navigate('/portal/rights')} style={{ alignSelf: 'flex-start', paddingLeft: 0 }}>
        {pt('case.back')}
      </Button>
      <Card className="gp-card-pad" title={c.title}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'ref', label: pt('case.ref'), children: c.ref },
            { key: 'status', label: pt('case.status'), children: <Tag color={c.status === 'closed' ? 'default' : 'processing'}>{pl('status', c.status)}</Tag> },
            { key: 'stage', label: pt('case.stage'), children: pl('stage', c.stage) },
            { key: 'unit', label: pt('case.unit'), children: c.unitName },
            { key: 'opened', label: pt('case.openedOn'), children: c.openedOn },
            { key: 'type', label: pt('case.type'), children: pl('type', c.disputeType) },
            { key: 'employer', label: pt('case.employer'), children: c.employerName },
            { key: 'claimed', label: pt('case.claimed'), children: pt('yuan', { v: yuan(c.claimedFen) }) },
            ...(c.recoveredFen ? [{ key: 'recovered', label: pt('case.recovered'), children: pt('yuan', { v: yuan(c.recoveredFen) }) }] : []),
            ...(c.result ? [{ key: 'result', label: pt('case.result'), children: `${pl('result', c.result)}${c.closedOn ? `（${c.closedOn}）` : ''}` }] : []),
          ]}
        />
      </Card>
      <Card className="gp-card-pad" title={pt('case.progress')}>
        <Steps
          direction="vertical"
          size="small"
          current={c.stages.length - 1}
          items={c.stages.map((s) => ({
            title: pl('stage', s.stage),
            description: `${s.startedOn}${s.endedOn ? ` — ${s.endedOn}` : ''}${s.amountFen ? ` · ${pt('yuan', { v: yuan(s.amountFen) })}` : ''}`,
          }))}
        />
      </Card>
      <Card className="gp-card" title={pt('case.deadlines')}>
        {c.deadlines.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('case.noDeadlines')} />
        ) : (
          c.deadlines.map((d) => (
            <div key={d.key} className="gp-item">
              <div className="gp-item-title">{d.label}</div>
              <div className="gp-item-meta">
                <span>{d.dueOn}</span>
                <Tag color={d.state === 'overdue' ? 'red' : d.state === 'due_soon' ? 'orange' : d.state === 'met' ? 'green' : 'default'}>{pl('deadline', d.state)}</Tag>
              </div>
            </div>
          ))
        )}
      </Card>
      <Card className="gp-card" title={pt('case.aid')}>
        {c.aidRequests.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('case.noAid')} />
        ) : (
          c.aidRequests.map((a) => (
            <div key={a.id} className="gp-item">
              <div className="gp-item-title">
                <Tag color={a.decision === 'granted' ? 'green' : a.decision === 'refused' ? 'red' : 'gold'}>{pl('aid', a.decision)}</Tag>
                {pt('case.requestedOn', { d: a.requestedOn })}
              </div>
              <div className="gp-item-meta">
                <span>{a.reason}</span>
                {a.lawyerName && <span>{pt('case.aidLawyer', { name: a.lawyerName })}</span>}
                {a.decisionNote && <span>{a.decisionNote}</span>}
              </div>
            </div>
          ))
        )}
        {c.status === 'open' && !pendingAid && (
          <div style={{ padding: 16 }}>
            <Button size="large" block onClick={() => setAsking(true)} style={{ minHeight: 48 }}>
              {pt('case.askAid')}
            </Button>
          </div>
        )}
      </Card>
      {c.facts && (
        <Card className="gp-card-pad" title={pt('case.facts')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.facts}</Typography.Paragraph>
        </Card>
      )}
      <Modal open={asking} title={pt('case.askAid')} onCancel={() => setAsking(false)} onOk={askAid} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" size="large">
          <Form.Item name="reason" label={pt('case.aidReason')} rules={[{ required: true, whitespace: true, message: pt('case.aidReasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} placeholder={pt('case.aidReasonHint')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
