/** One appointment: confirm, reschedule, cancel, complete; follow-ups; and the session notes — editor and text for the assigned counsellor only. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, List, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDateTime, today, todayInShanghai } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useCt } from './i18n.ts';
import { BASE, bookingWindow, METHODS, slotTime, STATUS_COLOR, type Appointment, type Counsellor, type Slot } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

type Action = 'reschedule' | 'cancel' | 'followUp';

export function AppointmentDrawer({ id, counsellors, onClose, onChanged }: { id: number | null; counsellors: Counsellor[]; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { ct, cl } = useCt();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const [a, setA] = useState<Appointment | null>(null);
  const [version, setVersion] = useState(0);
  const [notes, setNotes] = useState<{ id: number; writtenAt: string; body: string }[] | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [form] = Form.useForm();
  const counsellor = a ? counsellors.find((c) => c.id === a.counsellorId) : undefined;
  // Only the counsellor who takes this appointment writes and reads its notes (the server enforces it too).
  const mine = !!a && can('counselling.notes') && !!counsellor && counsellor.userId === me.user.id;
  const writable = can('counselling.write');

  useEffect(() => {
    if (id === null) {
      setA(null);
      setNotes(null);
      return;
    }
    let live = true;
    api
      .get<Appointment>(`${BASE}/appointments/${id}`)
      .then((r) => live && setA(r))
      .catch((e) => live && message.error(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id, version, message]);

  useEffect(() => {
    if (!a || !mine) {
      setNotes(null);
      return;
    }
    let live = true;
    api
      .get<{ items: { id: number; writtenAt: string; body: string }[] }>(`${BASE}/appointments/${a.id}/notes`)
      .then((r) => live && setNotes(r.items))
      .catch((e) => live && message.error(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [a, mine, message]);

  const changed = () => {
    setVersion((n) => n + 1);
    onChanged();
  };
  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await api.post(`${BASE}${path}`, body);
      message.success(done);
      changed();
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const start = (kind: Action) => {
    form.resetFields();
    if (kind === 'followUp') form.setFieldsValue({ method: 'phone', dueOn: today().add(7, 'day') });
    if (kind === 'reschedule') {
      api
        .get<{ items: Slot[] }>(`${BASE}/slots`, { ...bookingWindow(), freeOnly: true })
        .then((r) => setSlots(r.items.filter((s) => !s.taken)))
        .catch((e) => message.error(errorMessage(e)));
    }
    setAction(kind);
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (!a || !action) return;
    const okDone =
      action === 'reschedule'
        ? await run(`/appointments/${a.id}/reschedule`, { slotId: v.slotId }, ct('appt.rescheduled'))
        : action === 'cancel'
          ? await run(`/appointments/${a.id}/cancel`, { reason: String(v.reason).trim() }, ct('appt.cancelled'))
          : await run(`/appointments/${a.id}/follow-ups`, { method: v.method, dueOn: (v.dueOn as Dayjs).format('YYYY-MM-DD') }, ct('fu.saved'));
    if (okDone) setAction(null);
  };

  const saveNote = async () => {
    if (!a || !draft.trim()) return;
    setBusy(true);
    try {
      await api.post(`${BASE}/appointments/${a.id}/notes`, { body: draft.trim() });
      message.success(ct('notes.saved'));
      setDraft('');
      setA({ ...a });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const live = a && (a.status === 'requested' || a.status === 'confirmed');
  const started = a && dayjs(a.startsAt).isBefore(dayjs());
  return (
    <Drawer open={id !== null} onClose={onClose} size={680} title={ct('appt.detail')} destroyOnHidden>
      {!a ? (
        <Skeleton active />
      ) : (
        <>
          {writable && (
            <Space wrap style={{ marginBottom: 12 }}>
              {a.status === 'requested' && (
                <Button type="primary" loading={busy} onClick={() => void run(`/appointments/${a.id}/confirm`, {}, ct('appt.confirmed'))}>
                  {ct('appt.confirm')}
                </Button>
              )}
              {live && <Button onClick={() => start('reschedule')}>{ct('appt.reschedule')}</Button>}
              {live && (
                <Button danger onClick={() => start('cancel')}>
                  {ct('appt.cancel')}
                </Button>
              )}
              {a.status === 'confirmed' && started && (
                <Button loading={busy} onClick={() => void run(`/appointments/${a.id}/complete`, {}, ct('appt.completed'))}>
                  {ct('appt.complete')}
                </Button>
              )}
              {live && started && (
                <Button
                  onClick={() =>
                    modal.confirm({ title: ct('appt.noShow'), okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => run(`/appointments/${a.id}/no-show`, {}, ct('appt.noShow')) })
                  }
                >
                  {ct('appt.noShow')}
                </Button>
              )}
            </Space>
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'status', label: ct('appt.status'), children: <Tag color={STATUS_COLOR[a.status]}>{cl('status', a.status)}</Tag> },
              { key: 'time', label: ct('appt.time'), children: slotTime(a.startsAt, a.endsAt) },
              { key: 'counsellor', label: ct('appt.counsellor'), children: a.counsellorName },
              { key: 'room', label: ct('appt.room'), children: a.roomName },
              { key: 'client', label: ct('appt.client'), children: `${a.clientName}${a.clientPhone ? ` · ${a.clientPhone}` : ''}` },
              { key: 'topic', label: ct('appt.topic'), children: cl('topic', a.topic) },
              { key: 'by', label: ct('appt.requestedBy'), children: `${cl('by', a.requestedBy)} · ${a.unitName}` },
              { key: 'at', label: ct('appt.requestedAt'), children: formatDateTime(a.requestedAt) },
              ...(a.confirmedAt ? [{ key: 'conf', label: ct('appt.confirmedAt'), children: formatDateTime(a.confirmedAt) }] : []),
              ...(a.cancelledAt ? [{ key: 'canc', label: ct('appt.cancelledAt'), children: `${formatDateTime(a.cancelledAt)}：${a.cancelReason ?? ''}` }] : []),
            ]}
          />

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {ct('fu.title')}
          </Typography.Title>
          {(a.followUps ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={a.followUps}
              columns={[
                { title: ct('fu.method'), dataIndex: 'method', render: (v: string) => cl('method', v) },
                { title: ct('fu.dueOn'), dataIndex: 'dueOn' },
                {
                  title: ct('fu.doneOn'),
                  dataIndex: 'doneOn',
                  render: (v: string | null, f) =>
                    v ??
                    (writable ? (
                      <ActionLink onClick={() => void run(`/follow-ups/${f.id}/done`, { doneOn: todayInShanghai() }, ct('fu.marked'))}>{ct('fu.done')}</ActionLink>
                    ) : (
                      <Tag color="orange">{ct('fu.pending')}</Tag>
                    )),
                },
              ]}
            />
          )}
          {a.status !== 'completed' && a.status !== 'cancelled' && a.status !== 'no_show' && <div className="gh-muted gh-small">{ct('fu.afterSession')}</div>}
          {writable && a.status === 'completed' && (
            <Button size="small" style={{ marginTop: 8 }} onClick={() => start('followUp')}>
              {ct('fu.add')}
            </Button>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            <LockOutlined /> {ct('notes.title')}
          </Typography.Title>
          <Alert type="info" showIcon icon={<LockOutlined />} title={ct('notes.sealed')} style={{ marginBottom: 12 }} />
          {!mine && (
            <div className="gh-cs-note-count" role="status">
              {a.noteWritten ? (
                <Tag icon={<LockOutlined />} color="purple">
                  {ct('notes.written', { d: a.noteWrittenAt ? formatDateTime(a.noteWrittenAt) : '' })}
                </Tag>
              ) : (
                <Typography.Text type="secondary">{ct('notes.none')}</Typography.Text>
              )}
              {a.noteWritten && <span className="gh-muted gh-small"> {ct('notes.hidden')}</span>}
            </div>
          )}
          {mine && (
            <section className="gh-cs-notes" aria-label={ct('notes.title')}>
              {notes === null ? (
                <Skeleton active />
              ) : notes.length === 0 ? (
                <Typography.Text type="secondary">{ct('notes.none')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={notes}
                  renderItem={(n) => (
                    <List.Item>
                      <div>
                        <div className="gh-muted gh-small">{ct('notes.writtenAt', { d: formatDateTime(n.writtenAt) })}</div>
                        <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                      </div>
                    </List.Item>
                  )}
                />
              )}
              <Input.TextArea
                aria-label={ct('notes.write')}
                rows={4}
                maxLength={20000}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder={ct('notes.placeholder')}
                style={{ marginTop: 12 }}
              />
              <Space style={{ marginTop: 8 }}>
                <Button type="primary" disabled={!draft.trim()} loading={busy} onClick={() => void saveNote()}>
                  {ct('notes.write')}
                </Button>
                <span className="gh-muted gh-small">{ct('notes.amend')}</span>
              </Space>
            </section>
          )}

          <Modal
            open={action !== null}
            title={action === 'reschedule' ? ct('appt.reschedule') : action === 'cancel' ? ct('appt.cancel') : ct('fu.add')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onOk={() => void submit().catch(() => undefined)}
            onCancel={() => setAction(null)}
            confirmLoading={busy}
            forceRender
          >
            <Form form={form} layout="vertical" name="counselling-action">
              {action === 'reschedule' && (
                <Form.Item label={ct('appt.slot')} name="slotId" extra={ct('appt.rescheduleHint')} rules={[{ required: true, message: t('common.required', { f: ct('appt.slot') }) }]}>
                  <Select options={slots.filter((s) => s.id !== a.slotId).map((s) => ({ value: s.id, label: `${slotTime(s.startsAt, s.endsAt)} · ${s.counsellorName} · ${s.roomName}` }))} />
                </Form.Item>
              )}
              {action === 'cancel' && (
                <Form.Item label={ct('appt.cancelReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('common.required', { f: ct('appt.cancelReason') }) }]}>
                  <Input maxLength={200} />
                </Form.Item>
              )}
              {action === 'followUp' && (
                <>
                  <Form.Item label={ct('fu.method')} name="method" rules={[{ required: true }]}>
                    <Select options={METHODS.map((m) => ({ value: m, label: cl('method', m) }))} />
                  </Form.Item>
                  <Form.Item label={ct('fu.dueOn')} name="dueOn" rules={[{ required: true, message: t('common.required', { f: ct('fu.dueOn') }) }]}>
                    <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(today(), 'day')} style={{ width: '100%' }} />
                  </Form.Item>
                </>
              )}
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}
