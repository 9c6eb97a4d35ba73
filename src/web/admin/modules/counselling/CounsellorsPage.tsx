/** 咨询师与时段: the counsellors' team (qualification, availability, units served), the rooms, and the bookable slots per counsellor and room. */
import { useEffect, useState } from 'react';
import { TeamMembers } from '../../components/TeamMembers.tsx';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, TimePicker, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiDays, shanghaiInstant, today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { useCt } from './i18n.ts';
import { BASE, slotTime, type Counsellor, type Room, type Slot } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

type Editing = { kind: 'room' } | { kind: 'slot' };

export default function CounsellorsPage() {
  const { t } = useI18n();
  const { ct } = useCt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [counsellors, setCounsellors] = useState<Counsellor[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [slotRange, setSlotRange] = useState<[Dayjs, Dayjs]>(() => [today(), today().add(14, 'day')]);
  const [slotCounsellor, setSlotCounsellor] = useState<number | undefined>();
  const [_loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const manage = can('counselling.manage');
  const write = can('counselling.write');
  const own = counsellors.find((c) => c.userId === me.user.id);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: Room[] }>(`${BASE}/rooms`)
      .then((r) => live && setRooms(r.items))
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [version, message]);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: Slot[] }>(`${BASE}/slots`, { ...shanghaiDays(slotRange[0], slotRange[1]), counsellorId: slotCounsellor })
      .then((r) => live && setSlots(r.items))
      .catch((e) => live && message.error(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [slotRange, slotCounsellor, version, message]);
  const start = (e: Editing) => {
    form.resetFields();
    if (e.kind === 'slot') form.setFieldsValue({ counsellorId: own?.id, roomId: rooms[0]?.id, date: today().add(1, 'day'), start: dayjs('09:00', 'HH:mm'), end: dayjs('10:00', 'HH:mm') });
    setEditing(e);
  };

  const save = async () => {
    const v = await form.validateFields();
    if (!editing) return;
    setBusy(true);
    try {
      if (editing.kind === 'room') {
        await api.post(`${BASE}/rooms`, { unitId: scopeId, name: String(v.name).trim(), address: v.address?.trim() || null });
        message.success(ct('room.created'));
      } else {
        const day = (v.date as Dayjs).format('YYYY-MM-DD');
        const at = (tm: Dayjs) => shanghaiInstant(day, tm.format('HH:mm'));
        await api.post(`${BASE}/slots`, { counsellorId: v.counsellorId, roomId: v.roomId, startsAt: at(v.start as Dayjs), endsAt: at(v.end as Dayjs) });
        message.success(ct('slot.created'));
      }
      setEditing(null);
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (s: Slot) => {
    try {
      await api.post(`${BASE}/slots/${s.id}/withdraw`, {});
      message.success(ct('slot.withdrawn'));
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const sColumns: TableProps<Slot>['columns'] = [
    { title: ct('appt.time'), dataIndex: 'startsAt', render: (_v: string, s) => slotTime(s.startsAt, s.endsAt) },
    { title: ct('appt.counsellor'), dataIndex: 'counsellorName', width: 150 },
    { title: ct('appt.room'), dataIndex: 'roomName', ellipsis: true },
    { title: ct('appt.status'), dataIndex: 'taken', width: 90, render: (v: boolean) => (v ? <Tag color="blue">{ct('slot.taken')}</Tag> : <Tag color="green">{ct('slot.free')}</Tag>) },
    ...(write
      ? [
          {
            title: t('common.actions'),
            key: 'act',
            width: 80,
            render: (_: unknown, s: Slot) =>
              !s.taken && (
                <Popconfirm title={ct('slot.withdraw')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => withdraw(s)}>
                  <ActionLink>{ct('slot.withdraw')}</ActionLink>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="gh-page">
      <TeamMembers<Counsellor>
        loginRole="counsellor"
        path={`${BASE}/counsellors`}
        manage={manage}
        formName="counselling-team"
        pageSize={10}
        scrollX={1000}
        modalWidth={600}
        version={version}
        onLoaded={setCounsellors}
        words={{
          title: ct('c.title'),
          under: ct('under', { name: unit!.name }),
          create: ct('c.create'),
          edit: ct('c.edit'),
          created: ct('c.created'),
          saved: ct('c.saved'),
          name: ct('c.name'),
          phone: ct('c.phone'),
          phoneFormat: ct('phone.format'),
          available: ct('c.available'),
          availableYes: ct('c.availableYes'),
          availableNo: ct('c.availableNo'),
          availabilityNote: ct('c.availabilityNote'),
          units: ct('c.units'),
          account: ct('c.account'),
          accountHint: ct('c.accountHint'),
          linked: ct('c.linked'),
          noAccount: ct('c.noAccount'),
          joinedOn: ct('c.joinedOn'),
          count: (n, a) => ct('c.count', { n, a }),
        }}
        columns={[
          { title: ct('c.qualification'), dataIndex: 'qualification', width: 170 },
          { title: ct('c.qualificationNo'), dataIndex: 'qualificationNo', width: 140, render: (v: string | null) => v ?? '—' },
        ]}
        fields={() => (
          <>
            <Col span={14}>
              <Form.Item label={ct('c.qualification')} name="qualification" rules={[{ required: true, whitespace: true, message: t('common.required', { f: ct('c.qualification') }) }]}>
                <Input maxLength={100} placeholder="国家二级心理咨询师" />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item label={ct('c.qualificationNo')} name="qualificationNo">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </>
        )}
        values={(v) => ({ qualification: String(v.qualification).trim(), qualificationNo: typeof v.qualificationNo === 'string' && v.qualificationNo.trim() ? v.qualificationNo.trim() : null })}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            className="gh-card"
            title={ct('slot.title')}
            extra={
              write && (
                <Button icon={<PlusOutlined />} onClick={() => start({ kind: 'slot' })} disabled={rooms.length === 0}>
                  {ct('slot.create')}
                </Button>
              )
            }
          >
            <Space wrap style={{ marginBottom: 12 }}>
              <DatePicker.RangePicker aria-label={ct('slot.range')} value={slotRange} allowClear={false} onChange={(v) => v?.[0] && v[1] && setSlotRange([v[0], v[1]])} />
              <Select
                aria-label={ct('appt.counsellor')}
                placeholder={ct('appt.counsellor')}
                allowClear
                style={{ width: 140 }}
                value={slotCounsellor}
                onChange={setSlotCounsellor}
                options={counsellors.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Space>
            <Table<Slot> rowKey="id" size="small" columns={sColumns} dataSource={slots} pagination={{ pageSize: 10 }} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            className="gh-card"
            title={ct('room.title')}
            extra={
              manage && (
                <Button icon={<PlusOutlined />} onClick={() => start({ kind: 'room' })}>
                  {ct('room.create')}
                </Button>
              )
            }
          >
            <Table<Room>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rooms}
              columns={[
                { title: ct('room.name'), dataIndex: 'name' },
                { title: ct('room.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={editing?.kind === 'room' ? ct('room.create') : ct('slot.create')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={560}
        forceRender
      >
        <Form form={form} layout="vertical" name="counselling-rooms-slots">
          {editing?.kind === 'room' && (
            <>
              <Form.Item label={ct('room.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { f: ct('room.name') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label={ct('room.address')} name="address">
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {editing?.kind === 'slot' && (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item label={ct('appt.counsellor')} name="counsellorId" rules={[{ required: true, message: t('common.required', { f: ct('appt.counsellor') }) }]}>
                  <Select options={counsellors.filter((c) => c.available).map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={ct('appt.room')} name="roomId" rules={[{ required: true, message: t('common.required', { f: ct('appt.room') }) }]}>
                  <Select options={rooms.map((r) => ({ value: r.id, label: r.name }))} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item label={ct('slot.date')} name="date" rules={[{ required: true, message: t('common.required', { f: ct('slot.date') }) }]}>
                  <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(today(), 'day')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item label={ct('slot.start')} name="start" rules={[{ required: true, message: t('common.required', { f: ct('slot.start') }) }]}>
                  <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item
                  label={ct('slot.end')}
                  name="end"
                  dependencies={['start']}
                  rules={[
                    { required: true, message: t('common.required', { f: ct('slot.end') }) },
                    ({ getFieldValue }) => ({
                      validator: async (_r, v: Dayjs | undefined) => {
                        const s = getFieldValue('start') as Dayjs | undefined;
                        if (v && s && v.format('HH:mm') <= s.format('HH:mm')) throw new Error(ct('slot.endAfterStart'));
                      },
                    }),
                  ]}
                >
                  <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Form>
      </Modal>
    </div>
  );
}
