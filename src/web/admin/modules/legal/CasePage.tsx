/** 案件: one labour dispute — deadlines first, the stages with the union's role, events, workers, legal aid, lawyers, documents, closing. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Skeleton, Space, Steps, Table, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatDateTime, notFuture, today } from '../../lib/time.ts';
import { Link, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useUnitQuery } from '../../lib/scope.tsx';
import { NotFound } from '../../components/Results.tsx';
import { downloadFile, idNumberProblem, uploadFile } from '../membership/shared.ts';
import { useLt } from './i18n.ts';
import { BASE, DEADLINE_COLOR, EVENTS, NEXT, OUTCOMES, RESULT_FOR, RESULTS, ROLES_AT, STAGES, toFen, yuan, type Deadline, type Dispute, type Lawyer, type Stage } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
type Action = 'advance' | 'endStage' | 'event' | 'close' | 'assign' | 'party' | 'aid' | 'decide';

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

export default function CasePage() {
  const { id: rawId } = useParams();
  const id = rawId && /^\d+$/.test(rawId) ? Number(rawId) : null;
  const { t } = useI18n();
  const { lt, ll } = useLt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const unitQuery = useUnitQuery();
  const [c, setC] = useState<Dispute | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const [lawyers, setLawyers] = useState<Lawyer[]>([]);
  const [action, setAction] = useState<{ kind: Action; aidId?: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
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
  const lawyerName = useMemo(() => new Map(lawyers.map((l) => [l.id, l.name])), [lawyers]);
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

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const p = `${BASE}/cases/${c.id}`;
      switch (action.kind) {
        case 'advance':
          await api.post(`${p}/stages`, { stage: v.stage, role: v.role, startedOn: iso(v.startedOn), note: v.note?.trim() || null });
          break;
        case 'endStage':
          await api.post(`${p}/stage-outcome`, { outcome: v.outcome, endedOn: iso(v.endedOn), amountFen: toFen(v.amount) ?? 0, note: v.note?.trim() || null });
          break;
        case 'event':
          await api.post(`${p}/events`, { kind: v.kind, occurredOn: iso(v.occurredOn), note: v.note?.trim() || null });
          break;
        case 'close':
          await api.post(`${p}/close`, { result: v.result, closedOn: iso(v.closedOn), note: v.note?.trim() || null });
          break;
        case 'assign':
          await api.post(`${p}/assignments`, { lawyerId: v.lawyerId, assignedOn: iso(v.assignedOn) });
          break;
        case 'party':
          await api.post(`${p}/parties`, { name: String(v.name).trim(), idNumber: String(v.idNumber).toUpperCase(), phone: v.phone || null });
          break;
        case 'aid':
          await api.post(`${p}/aid-requests`, { partyId: v.partyId, requestedOn: iso(v.requestedOn), reason: String(v.reason).trim() });
          break;
        case 'decide':
          await api.post(`${BASE}/aid-requests/${action.aidId}/decision`, {
            decision: v.decision,
            decidedOn: iso(v.decidedOn),
            note: v.note?.trim() || null,
            lawyerId: v.decision === 'granted' ? v.lawyerId : null,
          });
          break;
      }
      message.success(action.kind === 'close' ? lt('case.closedDone') : lt('case.saved'));
      setAction(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    if (file.size > 20 * 1024 * 1024) {
      message.error(lt('case.tooLarge'));
      return;
    }
    setUploading(true);
    try {
      await uploadFile(`${BASE}/cases/${c.id}/documents`, undefined, file, me.csrfToken);
      message.success(lt('case.uploaded', { name: file.name }));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const required = (f: string) => ({ required: true, message: t('common.required', { f }) });
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
  const nextStages = NEXT[current.stage as Stage].filter((s) => !passed.has(s));
  const eventLabel = (kind: string) => {
    const m = /^(.*)_(started|ended)$/.exec(kind);
    if (m && (STAGES as readonly string[]).includes(m[1]!)) return lt(m[2] === 'started' ? 'event.started' : 'event.ended', { stage: ll('stage', m[1]) });
    return ll('event', kind);
  };
  const overdue = c.deadlines.filter((d) => d.state === 'overdue').length;
  const soon = c.deadlines.filter((d) => d.state === 'due_soon').length;

  return (
    <div className="gh-page gh-lg-case">
      <div className="gh-print-only gh-lg-print-title">{lt('case.printTitle')}</div>
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
              <Button type="primary" onClick={() => start('endStage')}>
                {lt('case.endStage')}
              </Button>
            )}
            {writable && nextStages.length > 0 && (current.endedOn || current.stage === 'intake') && (
              <Button type="primary" onClick={() => start('advance')}>
                {lt('case.advance')}
              </Button>
            )}
            {writable && <Button onClick={() => start('event')}>{lt('case.addEvent')}</Button>}
            {writable && (
              <Button danger onClick={() => start('close')}>
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

      <Row gutter={16}>
        <Col xs={24} xl={12}>
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
        </Col>
        <Col xs={24} xl={12}>
          <Card
            className="gh-card"
            title={`${lt('case.parties')}（${c.parties.length}）`}
            extra={
              manage && (
                <Button size="small" className="gh-no-print" onClick={() => start('party')}>
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
          <Card
            className="gh-card"
            title={lt('case.aid')}
            extra={
              manage &&
              c.parties.length > 0 && (
                <Button size="small" className="gh-no-print" onClick={() => start('aid')}>
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
                          <Button size="small" type="primary" onClick={() => start('decide', a.id)}>
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
          <Card
            className="gh-card"
            title={lt('case.assignments')}
            extra={
              can('cases.assign') &&
              open && (
                <Button size="small" className="gh-no-print" onClick={() => start('assign')}>
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
          <Card
            className="gh-card"
            title={lt('case.documents')}
            extra={
              can('legal.write') && (
                <Upload
                  showUploadList={false}
                  beforeUpload={(f) => {
                    void upload(f);
                    return false;
                  }}
                  className="gh-no-print"
                >
                  <Button size="small" icon={<UploadOutlined />} loading={uploading}>
                    {lt('case.upload')}
                  </Button>
                </Upload>
              )
            }
          >
            {c.documents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.documents}
                columns={[
                  {
                    title: lt('case.docName'),
                    dataIndex: 'fileName',
                    ellipsis: true,
                    render: (v: string, d) => (
                      <ActionLink onClick={() => void downloadFile(`/api/v1/cases/documents/${d.id}/file`, undefined, v).catch((e) => message.error(errorMessage(e)))}>
                        <DownloadOutlined /> {v}
                      </ActionLink>
                    ),
                  },
                  { title: lt('case.docStage'), dataIndex: 'stageSeq', width: 70, render: (v: number | null) => ll('stage', c.stages.find((s) => s.seq === v)?.stage) },
                  {
                    title: lt('case.docSize'),
                    dataIndex: 'size',
                    width: 90,
                    align: 'right',
                    render: (v: number) => (v >= 1048576 ? `${(v / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(v / 1024))} KB`),
                  },
                  { title: lt('case.docAt'), dataIndex: 'uploadedAt', width: 140, render: (v: string) => formatDateTime(v) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Modal
        open={action !== null}
        title={
          action
            ? {
                advance: lt('case.advance'),
                endStage: `${lt('case.endStage')}：${ll('stage', current.stage)}`,
                event: lt('case.addEvent'),
                close: lt('case.close'),
                assign: lt('case.assign'),
                party: lt('case.addParty'),
                aid: lt('case.requestAid'),
                decide: lt('case.decide'),
              }[action.kind]
            : ''
        }
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setAction(null)}
        confirmLoading={busy}
        mask={{ closable: false }}
        forceRender
      >
        <Form form={form} layout="vertical" name="legal-case-action">
          {action?.kind === 'advance' && (
            <>
              <Form.Item label={lt('case.nextStage')} name="stage" rules={[required(lt('case.nextStage'))]}>
                <Select options={nextStages.map((s) => ({ value: s, label: ll('stage', s) }))} onChange={(s: Stage) => form.setFieldsValue({ role: ROLES_AT[s][0] })} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.stage !== b.stage}>
                {() => (
                  <Form.Item label={lt('case.role')} name="role" rules={[required(lt('case.role'))]}>
                    <Select options={(ROLES_AT[form.getFieldValue('stage') as Stage] ?? []).map((r) => ({ value: r, label: ll('role', r) }))} />
                  </Form.Item>
                )}
              </Form.Item>
              <Form.Item label={lt('case.startedOn')} name="startedOn" rules={[required(lt('case.startedOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label={lt('case.note')} name="note">
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {action?.kind === 'endStage' && (
            <>
              <Form.Item label={lt('case.outcome')} name="outcome" rules={[required(lt('case.outcome'))]}>
                <Select options={OUTCOMES[current.stage as Stage].map((o) => ({ value: o, label: ll('outcome', o) }))} />
              </Form.Item>
              <Form.Item label={lt('case.endedOn')} name="endedOn" rules={[required(lt('case.endedOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                label={lt('case.amount')}
                name="amount"
                rules={[
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (v && toFen(v) === null) throw new Error(lt('amount.format'));
                    },
                  },
                ]}
              >
                <Input inputMode="decimal" suffix={lt('yuan')} />
              </Form.Item>
              <Form.Item label={lt('case.note')} name="note">
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {action?.kind === 'event' && (
            <>
              <Form.Item label={lt('case.eventKind')} name="kind" rules={[required(lt('case.eventKind'))]}>
                <Select options={EVENTS.map((e) => ({ value: e, label: ll('event', e) }))} />
              </Form.Item>
              <Form.Item label={lt('case.occurredOn')} name="occurredOn" rules={[required(lt('case.occurredOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label={lt('case.note')} name="note">
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {action?.kind === 'close' && (
            <>
              <Form.Item label={lt('case.result')} name="result" rules={[required(lt('case.result'))]}>
                <Select options={RESULTS.map((r) => ({ value: r, label: ll('result', r) }))} />
              </Form.Item>
              <Form.Item label={lt('case.closedOn')} name="closedOn" rules={[required(lt('case.closedOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label={lt('case.note')} name="note">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              {!current.endedOn && current.stage !== 'intake' && <Alert type="warning" showIcon title={lt('case.needEnd')} />}
            </>
          )}
          {(action?.kind === 'assign' || action?.kind === 'decide') && (
            <>
              {action.kind === 'decide' && (
                <Form.Item label={lt('case.aidDecision')} name="decision" rules={[required(lt('case.aidDecision'))]}>
                  <Select options={['granted', 'refused'].map((d) => ({ value: d, label: ll('aid', d) }))} />
                </Form.Item>
              )}
              <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
                {() =>
                  action.kind === 'assign' || form.getFieldValue('decision') === 'granted' ? (
                    <Form.Item label={lt('case.aidLawyer')} name="lawyerId" rules={[{ required: true, message: lt('case.aidNeedsLawyer') }]}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={servingLawyers.map((l) => ({ value: l.id, label: `${l.name}（${l.firm}）` }))} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Form.Item
                label={action.kind === 'assign' ? lt('case.assignedOn') : lt('case.aidDecidedOn')}
                name={action.kind === 'assign' ? 'assignedOn' : 'decidedOn'}
                rules={[required(lt('case.occurredOn'))]}
              >
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              {action.kind === 'decide' && (
                <Form.Item label={lt('case.aidNote')} name="note">
                  <Input maxLength={500} />
                </Form.Item>
              )}
            </>
          )}
          {action?.kind === 'party' && (
            <>
              <Form.Item label={lt('intake.workerName')} name="name" rules={[{ ...required(lt('intake.workerName')), whitespace: true }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                label={lt('intake.idNumber')}
                name="idNumber"
                normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
                rules={[
                  required(lt('intake.idNumber')),
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (!v) return;
                      const p = idNumberProblem(v);
                      if (p) throw new Error(lt(p === 'format' ? 'id.format' : p === 'date' ? 'id.date' : 'id.check'));
                    },
                  },
                ]}
              >
                <Input maxLength={18} className="gh-ms-mono" autoComplete="off" />
              </Form.Item>
              <Form.Item label={lt('intake.phone')} name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: lt('phone.format') }]}>
                <Input maxLength={11} />
              </Form.Item>
            </>
          )}
          {action?.kind === 'aid' && (
            <>
              <Form.Item label={lt('case.aidParty')} name="partyId" rules={[required(lt('case.aidParty'))]}>
                <Select options={c.parties.map((p) => ({ value: p.id, label: `${p.name}（${p.idMasked}）` }))} />
              </Form.Item>
              <Form.Item label={lt('case.aidRequestedOn')} name="requestedOn" rules={[required(lt('case.aidRequestedOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label={lt('case.aidReason')} name="reason" rules={[{ ...required(lt('case.aidReason')), whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
