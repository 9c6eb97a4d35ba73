/** 心理咨询: the worker's bookings (move or cancel them) and the free times they may book. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../lib/api.ts';
import { usePt } from './i18n.ts';
import { APPT_COLORS, LIVE_APPT, period, TOPICS, type MyAppointment, type OpenSlot } from './shared.ts';

export default function CounsellingPage() {
  const { pt, pl } = usePt();
  const { message, modal } = App.useApp();
  const [slots, setSlots] = useState<OpenSlot[] | null>(null);
  const [mine, setMine] = useState<MyAppointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [booking, setBooking] = useState<OpenSlot | null>(null);
  const [moving, setMoving] = useState<MyAppointment | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ topic: string }>();

  const load = useCallback(() => {
    Promise.all([api.get<{ items: OpenSlot[] }>('/api/v1/portal/slots'), api.get<{ items: MyAppointment[] }>('/api/v1/portal/appointments', { pageSize: 50 })])
      .then(([s, a]) => {
        setSlots(s.items);
        setMine(a.items);
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  const book = async () => {
    if (!booking) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/api/v1/portal/appointments', { slotId: booking.id, topic: v.topic });
      setBooking(null);
      form.resetFields();
      void message.success(pt('c.booked'));
      load();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const moveTo = async (slot: OpenSlot) => {
    if (!moving) return;
    try {
      await api.post(`/api/v1/portal/appointments/${moving.id}/reschedule`, { slotId: slot.id });
      setMoving(null);
      void message.success(pt('c.rescheduled'));
      load();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const cancel = (a: MyAppointment) =>
    modal.confirm({
      title: pt('c.cancelConfirm'),
      content: period(a.startsAt, a.endsAt),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/api/v1/portal/appointments/${a.id}/cancel`, {});
          void message.success(pt('c.cancelled'));
          load();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!slots || !mine) return <Spin style={{ marginTop: 48 }} />;
  const slotRow = (s: OpenSlot, action: React.ReactNode) => (
    <div key={s.id} className="gp-slot">
      <div>
        <div className="gp-item-title">{period(s.startsAt, s.endsAt)}</div>
        <div className="gp-item-meta">
          <span>
            {s.counsellorName}（{s.qualification}）
          </span>
          <span>
            {s.roomName}
            {s.roomAddress ? ` · ${s.roomAddress}` : ''}
          </span>
        </div>
      </div>
      {action}
    </div>
  );
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {pt('c.intro')}
      </Typography.Paragraph>
      {mine.length > 0 && (
        <Card className="gp-card" title={pt('c.mine')}>
          {mine.map((a) => (
            <div key={a.id} className="gp-item">
              <div className="gp-item-title">{period(a.startsAt, a.endsAt)}</div>
              <div className="gp-item-meta">
                <Tag color={APPT_COLORS[a.status]}>{pl('appt', a.status)}</Tag>
                <span>{pt('c.with', { counsellor: a.counsellorName, room: a.roomName })}</span>
                <span>{pl('topic', a.topic)}</span>
              </div>
              {LIVE_APPT.includes(a.status) && (
                <Space style={{ marginTop: 8 }}>
                  <Button size="large" onClick={() => setMoving(a)}>
                    {pt('c.reschedule')}
                  </Button>
                  <Button size="large" danger onClick={() => cancel(a)}>
                    {pt('c.cancel')}
                  </Button>
                </Space>
              )}
            </div>
          ))}
        </Card>
      )}
      <Card className="gp-card" title={pt('c.open')}>
        {slots.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('c.noOpen')} />
        ) : (
          slots.map((s) =>
            slotRow(
              s,
              <Button type="primary" size="large" onClick={() => setBooking(s)} aria-label={`${pt('c.book')} ${period(s.startsAt, s.endsAt)}`}>
                {pt('c.book')}
              </Button>,
            ),
          )
        )}
      </Card>
      <Modal
        open={!!booking}
        title={booking ? pt('c.bookTitle', { time: period(booking.startsAt, booking.endsAt) }) : ''}
        onCancel={() => setBooking(null)}
        onOk={book}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" size="large" initialValues={{ topic: 'work_stress' }}>
          <Form.Item name="topic" label={pt('c.topic')} rules={[{ required: true }]}>
            <Select options={TOPICS.map((v) => ({ value: v, label: pl('topic', v) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!moving} title={pt('c.rescheduleTitle')} onCancel={() => setMoving(null)} footer={null} destroyOnHidden>
        {slots.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('c.noOpen')} />
        ) : (
          slots.map((s) =>
            slotRow(
              s,
              <Button size="large" onClick={() => void moveTo(s)}>
                {pt('c.reschedule')}
              </Button>,
            ),
          )
        )}
      </Modal>
    </>
  );
}
