/** 律师团队: the workers' legal service team — licence, firm, availability, units served, open cases; add and edit. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Tooltip, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type PageOf, type Unit, type User } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useLt } from './i18n.ts';
import { BASE, type Lawyer } from './shared.ts';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export default function LawyersPage() {
  const { t } = useI18n();
  const { lt } = useLt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [available, setAvailable] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [items, setItems] = useState<Lawyer[]>([]);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Lawyer | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<{ value: number; label: string }[]>([]);
  const [accounts, setAccounts] = useState<{ value: number; label: string }[]>([]);
  const [form] = Form.useForm();
  const manage = can('legal.manage');

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: Lawyer[] }>(`${BASE}/lawyers`, { q: q.trim() || undefined, available, servesUnitId: scopeId })
      .then((r) => live && setItems(r.items))
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q, available, scopeId, version, message]);

  useEffect(() => {
    if (!editing || !can('org.read')) return;
    let live = true;
    // The units a lawyer may serve: this unit and the units directly below it.
    api
      .get<PageOf<Unit>>('/api/v1/org/units', { parentId: scopeId, pageSize: 500, status: 'active' })
      .then((r) => live && setUnits([{ value: scopeId, label: unit!.name }, ...r.items.map((u) => ({ value: u.id, label: u.name }))]))
      .catch(() => live && setUnits([{ value: scopeId, label: unit!.name }]));
    if (can('users.read')) {
      api
        .get<PageOf<User>>('/api/v1/users', { role: 'lawyer', underUnitId: scopeId, pageSize: 200 })
        .then((r) => live && setAccounts(r.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [editing, scopeId, unit, can]);

  const startEdit = (l: Lawyer | 'new') => {
    form.resetFields();
    if (l === 'new') form.setFieldsValue({ available: true, joinedOn: dayjs(), unitsServed: [scopeId] });
    else form.setFieldsValue({ ...l, unitsServed: (l.unitsServed ?? []).map((u) => u.id) });
    if (l !== 'new') setUnits((u) => [...u, ...(l.unitsServed ?? []).filter((s) => !u.some((x) => x.value === s.id)).map((s) => ({ value: s.id, label: s.name }))]);
    setEditing(l);
  };

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const common = {
        firm: String(v.firm).trim(),
        phone: v.phone ? String(v.phone).trim() : null,
        // An explicit null is only sent to unlink a login (the server fails on a null it need not apply).
        ...(v.userId ? { userId: v.userId } : editing !== 'new' && editing?.userId ? { userId: null } : {}),
        available: !!v.available,
        availabilityNote: v.availabilityNote?.trim() || null,
        unitsServed: v.unitsServed ?? [],
      };
      if (editing === 'new') {
        await api.post(`${BASE}/lawyers`, { unitId: scopeId, name: String(v.name).trim(), licenceNo: String(v.licenceNo).trim(), joinedOn: (v.joinedOn as Dayjs).format('YYYY-MM-DD'), ...common });
        message.success(lt('law.created'));
      } else if (editing) {
        await api.patch(`${BASE}/lawyers/${editing.id}`, common);
        message.success(lt('law.saved'));
      }
      setEditing(null);
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Lawyer>['columns'] = [
    { title: lt('law.name'), dataIndex: 'name', width: 130 },
    { title: lt('law.licenceNo'), dataIndex: 'licenceNo', width: 170, render: (v: string) => <span className="gh-ms-mono">{v}</span> },
    { title: lt('law.firm'), dataIndex: 'firm', ellipsis: true },
    { title: lt('law.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: lt('law.available'),
      dataIndex: 'available',
      width: 110,
      render: (v: boolean, l) => (
        <Tooltip title={l.availabilityNote ?? undefined}>
          <Tag color={v ? 'green' : 'default'}>{v ? lt('law.availableYes') : lt('law.availableNo')}</Tag>
        </Tooltip>
      ),
    },
    { title: lt('law.units'), dataIndex: 'unitsServed', ellipsis: true, render: (v: Lawyer['unitsServed']) => (v ?? []).map((u) => u.name).join('、') || '—' },
    { title: lt('law.openCases'), dataIndex: 'openCases', width: 90, align: 'right' },
    { title: lt('law.account'), dataIndex: 'userId', width: 90, render: (v: number | null) => (v ? <Tag color="blue">{lt('law.linked')}</Tag> : <span className="gh-muted">{lt('law.noAccount')}</span>) },
    { title: lt('law.joinedOn'), dataIndex: 'joinedOn', width: 105 },
    ...(manage ? [{ title: t('common.actions'), key: 'act', width: 80, render: (_: unknown, l: Lawyer) => <a onClick={() => startEdit(l)}>{lt('law.edit')}</a> }] : []),
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {lt('law.title')}
            <Tag color="red">{lt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => startEdit('new')} className="gh-no-print">
              {lt('law.create')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={lt('law.available')}
            placeholder={lt('law.available')}
            allowClear
            style={{ width: 130 }}
            value={available === undefined ? undefined : available ? 'yes' : 'no'}
            onChange={(v?: string) => setAvailable(v === undefined ? undefined : v === 'yes')}
            options={[
              { value: 'yes', label: lt('law.availableYes') },
              { value: 'no', label: lt('law.availableNo') },
            ]}
          />
          <KeywordSearch placeholder={lt('law.search')} width={300} value={qInput} onChange={setQInput} onSearch={setQ} />
          <span className="gh-muted">{lt('law.count', { n: items.length, a: items.filter((l) => l.available).length })}</span>
        </Space>
        <Table<Lawyer> rowKey="id" size="middle" columns={columns} dataSource={items} loading={loading} pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }} scroll={{ x: 1100 }} />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? lt('law.create') : editing ? `${lt('law.edit')}：${editing.name}` : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={640}
        forceRender
      >
        <Form form={form} layout="vertical" name="legal-lawyer">
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item label={lt('law.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { f: lt('law.name') }) }]}>
                <Input maxLength={50} disabled={editing !== 'new'} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item
                label={lt('law.licenceNo')}
                name="licenceNo"
                extra={lt('law.licenceRule')}
                rules={[
                  { required: true, message: t('common.required', { f: lt('law.licenceNo') }) },
                  { pattern: /^[0-9A-Za-z]{6,32}$/, message: lt('law.licenceRule') },
                ]}
              >
                <Input maxLength={32} disabled={editing !== 'new'} className="gh-ms-mono" />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item label={lt('law.firm')} name="firm" rules={[{ required: true, whitespace: true, message: t('common.required', { f: lt('law.firm') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label={lt('law.phone')} name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: lt('phone.format') }]}>
                <Input maxLength={11} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={lt('law.available')} name="available" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label={lt('law.availabilityNote')} name="availabilityNote">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={lt('law.units')} name="unitsServed">
            <Select mode="multiple" options={units} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item label={lt('law.account')} name="userId" extra={lt('law.accountHint')}>
            <Select allowClear options={accounts} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item label={lt('law.joinedOn')} name="joinedOn" rules={[{ required: true, message: t('common.required', { f: lt('law.joinedOn') }) }]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
