/** 预约: the appointments of the chosen unit's subtree (a counsellor's own only), filters, paging, requests and the details drawer. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type PageOf, type UnitKind } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useCt } from './i18n.ts';
import { AppointmentDrawer } from './AppointmentDrawer.tsx';
import { BASE, bookingWindow, REQUESTERS, slotTime, STATUS_COLOR, STATUSES, TOPICS, type Appointment, type Counsellor, type Slot } from './shared.ts';
import { ParamLink } from '../../components/ParamLink.tsx';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export default function AppointmentsPage() {
  const { t } = useI18n();
  const { ct, cl } = useCt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string | undefined>();
  const [counsellorId, setCounsellorId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { page, pageSize, setPage, pagination } = usePaging();
  const [requesting, setRequesting] = useState(false);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const raw = params.get('appointment');
  const openId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const setOpenId = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('appointment');
      else next.set('appointment', String(id));
      return next;
    });

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(() => ({ underUnitId: scopeId, status, counsellorId, from: iso(range?.[0]), to: iso(range?.[1]) }), [scopeId, status, counsellorId, range]);
  const { data, loading, reload } = useRemote<PageOf<Appointment>>(`${BASE}/appointments`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });
  // Without the counsellors the filter and the drawer simply offer none.
  const counsellors = useRemote<{ items: Counsellor[] }>(`${BASE}/counsellors`, undefined, { onError: () => {} }).data?.items ?? [];

  const startRequest = () => {
    form.resetFields();
    form.setFieldsValue({ unitId: scopeId, requestedBy: 'union', topic: 'work_stress' });
    setSlots(null);
    api
      .get<{ items: Slot[] }>(`${BASE}/slots`, { ...bookingWindow(), freeOnly: true })
      .then((r) => setSlots(r.items.filter((s) => !s.taken)))
      .catch((e) => {
        setSlots([]);
        message.error(errorMessage(e));
      });
    setRequesting(true);
  };
  const request = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const a = await api.post<Appointment>(`${BASE}/appointments`, {
        slotId: v.slotId,
        unitId: v.unitId,
        requestedBy: v.requestedBy,
        clientName: String(v.clientName).trim(),
        clientPhone: v.clientPhone ? String(v.clientPhone).trim() : null,
        topic: v.topic,
      });
      message.success(ct('appt.requested'));
      setRequesting(false);
      reload();
      setOpenId(a.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Appointment>['columns'] = [
    {
      title: ct('appt.time'),
      dataIndex: 'startsAt',
      width: 200,
      render: (_v: string, a) => (
        <ParamLink name="appointment" value={a.id}>
          {slotTime(a.startsAt, a.endsAt)}
        </ParamLink>
      ),
    },
    {
      title: ct('appt.client'),
      dataIndex: 'clientName',
      width: 100,
      render: (v: string, a) => (
        <ParamLink name="appointment" value={a.id}>
          {v}
        </ParamLink>
      ),
    },
    { title: ct('appt.topic'), dataIndex: 'topic', width: 100, render: (v: string) => cl('topic', v) },
    { title: ct('appt.counsellor'), dataIndex: 'counsellorName', width: 100 },
    { title: ct('appt.room'), dataIndex: 'roomName', ellipsis: true },
    { title: ct('appt.requestedBy'), dataIndex: 'requestedBy', width: 120, render: (v: string) => cl('by', v) },
    { title: ct('appt.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={STATUS_COLOR[v]}>{cl('status', v)}</Tag> },
    { title: ct('appt.unit'), dataIndex: 'unitName', width: 160, ellipsis: true },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {ct('appt.title')}
            <Tag color="red">{ct('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          can('counselling.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={startRequest}>
              {ct('appt.request')}
            </Button>
          )
        }
      >
        {me.user.role === 'counsellor' && <Alert type="info" showIcon title={ct('appt.mine')} style={{ marginBottom: 12 }} />}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={ct('appt.status')}
            placeholder={ct('appt.status')}
            allowClear
            style={{ width: 110 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: cl('status', s) }))}
          />
          <Select
            aria-label={ct('appt.counsellor')}
            placeholder={ct('appt.counsellor')}
            allowClear
            style={{ width: 140 }}
            value={counsellorId}
            onChange={(v) => {
              setCounsellorId(v);
              setPage(1);
            }}
            options={counsellors.map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <DatePicker.RangePicker
            aria-label={ct('appt.range')}
            value={range}
            onChange={(v) => {
              setRange(v as [Dayjs | null, Dayjs | null] | null);
              setPage(1);
            }}
          />
        </Space>
        <Table<Appointment> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} scroll={{ x: 1000 }} />
      </Card>
      <Modal
        open={requesting}
        title={ct('appt.request')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void request().catch(() => undefined)}
        onCancel={() => setRequesting(false)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={620}
        forceRender
      >
        <Form form={form} layout="vertical" name="counselling-request">
          <Form.Item
            label={ct('appt.slot')}
            name="slotId"
            extra={slots && slots.length === 0 ? ct('appt.noSlot') : ct('appt.slotHint')}
            rules={[{ required: true, message: t('common.required', { f: ct('appt.slot') }) }]}
          >
            <Select
              loading={slots === null}
              options={(slots ?? []).map((s) => ({ value: s.id, label: `${slotTime(s.startsAt, s.endsAt)} · ${s.counsellorName} · ${s.roomName}` }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item label={ct('appt.requestedBy')} name="requestedBy" rules={[{ required: true }]}>
            <Select options={REQUESTERS.map((r) => ({ value: r, label: cl('by', r) }))} />
          </Form.Item>
          <Form.Item label={ct('appt.unit')} name="unitId" rules={[{ required: true, message: t('common.required', { f: ct('appt.unit') }) }]}>
            <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind as UnitKind} valueLabel={unit!.name} ariaLabel={ct('appt.unit')} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={ct('appt.client')} name="clientName" rules={[{ required: true, whitespace: true, message: t('common.required', { f: ct('appt.client') }) }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={ct('appt.phone')} name="clientPhone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: ct('phone.format') }]}>
                <Input maxLength={11} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={ct('appt.topic')} name="topic" rules={[{ required: true }]}>
            <Select options={TOPICS.map((r) => ({ value: r, label: cl('topic', r) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <AppointmentDrawer id={openId} counsellors={counsellors} onClose={() => setOpenId(null)} onChanged={() => reload()} />
    </div>
  );
}
