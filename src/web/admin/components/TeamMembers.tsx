/**
 * A service team's card (the lawyers of 三员一代理, the counsellors): the members with availability,
 * units served and login, filters, and the dialog that adds or edits one. What differs between the
 * teams comes in as props: the API path, the role of a linked login, the words, the program's own
 * columns and form fields, and the body fields they make.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Tooltip, type FormInstance, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { notFuture, today } from '../lib/time.ts';
import { api, errorMessage, type PageOf, type Unit, type User } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useScope } from '../lib/scope.tsx';
import { KeywordSearch } from './KeywordSearch.tsx';
import { ActionLink } from './ActionLink.tsx';

export interface TeamMember {
  id: number;
  userId: number | null;
  name: string;
  phone: string | null;
  available: boolean;
  availabilityNote: string | null;
  joinedOn: string;
  unitsServed?: { id: number; name: string }[];
}

/** The team's words, in the page's language. */
export interface TeamWords {
  title: string;
  under: string;
  create: string;
  edit: string;
  created: string;
  saved: string;
  name: string;
  phone: string;
  phoneFormat: string;
  available: string;
  availableYes: string;
  availableNo: string;
  availabilityNote: string;
  units: string;
  account: string;
  accountHint: string;
  linked: string;
  noAccount: string;
  joinedOn: string;
  count: (n: number, available: number) => string;
  /** With a keyword search (and the availability filter). */
  search?: string;
}

export interface TeamMembersProps<M extends TeamMember> {
  /** The list's path; a new member is posted to it, a change patched to `${path}/${id}`. */
  path: string;
  /** The role a linked login must have. */
  loginRole: string;
  manage: boolean;
  words: TeamWords;
  /** Query the list always carries (e.g. the units served). */
  query?: Record<string, string | number | boolean | undefined>;
  /** The program's columns after the name, and after the units served. */
  columns: TableColumnsType<M>;
  trailingColumns?: TableColumnsType<M>;
  /** The program's form fields, beside name and phone; `editing` is null for a new member. */
  fields: (editing: M | null) => ReactNode;
  /** The program's body fields from the form (`creating` adds those set only once). */
  values: (v: Record<string, unknown>, creating: boolean) => Record<string, unknown>;
  formName: string;
  pageSize?: number;
  scrollX?: number;
  modalWidth?: number;
  /** Changes whenever the list should load again. */
  version?: number;
  onLoaded?: (items: M[]) => void;
}

const trimmed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function TeamMembers<M extends TeamMember>(p: TeamMembersProps<M>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const w = p.words;
  const [available, setAvailable] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [items, setItems] = useState<M[]>([]);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<M | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<{ value: number; label: string }[]>([]);
  const [accounts, setAccounts] = useState<{ value: number; label: string }[]>([]);
  const [form] = Form.useForm();
  const { onLoaded } = p;
  const queryKey = JSON.stringify(p.query ?? {});

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: M[] }>(p.path, { ...(JSON.parse(queryKey) as Record<string, string>), ...(p.words.search ? { q: q.trim() || undefined, available } : {}) })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        onLoaded?.(r.items);
      })
      .catch((e) => live && message.error(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [p.path, p.words.search, queryKey, q, available, version, p.version, message, onLoaded]);

  useEffect(() => {
    if (!editing) return;
    let live = true;
    // The units a member may serve: this unit and the units directly below it.
    if (can('org.read'))
      api
        .get<PageOf<Unit>>('/api/v1/org/units', { parentId: scopeId, pageSize: 500, status: 'active' })
        .then((r) => live && setUnits((u) => merge([{ value: scopeId, label: unit!.name }, ...r.items.map((x) => ({ value: x.id, label: x.name }))], u)))
        .catch(() => live && setUnits((u) => merge([{ value: scopeId, label: unit!.name }], u)));
    if (can('users.read'))
      api
        .get<PageOf<User>>('/api/v1/users', { role: p.loginRole, underUnitId: scopeId, pageSize: 200 })
        .then((r) => live && setAccounts(r.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [editing, scopeId, unit, can, p.loginRole]);

  const start = (m: M | 'new') => {
    form.resetFields();
    if (m === 'new') {
      form.setFieldsValue({ available: true, joinedOn: today(), unitsServed: [scopeId] });
      setUnits([]);
    } else {
      form.setFieldsValue({ ...m, unitsServed: (m.unitsServed ?? []).map((u) => u.id) });
      setUnits((m.unitsServed ?? []).map((s) => ({ value: s.id, label: s.name })));
    }
    setEditing(m);
  };

  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const creating = editing === 'new';
    setBusy(true);
    try {
      const common = {
        ...p.values(v, creating),
        phone: trimmed(v.phone),
        // An explicit null is only sent to unlink a login (the server fails on a null it need not apply).
        ...(v.userId ? { userId: v.userId } : !creating && editing?.userId ? { userId: null } : {}),
        available: !!v.available,
        availabilityNote: trimmed(v.availabilityNote),
        unitsServed: (v.unitsServed as number[] | undefined) ?? [],
      };
      if (creating) {
        await api.post(p.path, { unitId: scopeId, name: String(v.name).trim(), joinedOn: (v.joinedOn as Dayjs).format('YYYY-MM-DD'), ...common });
        message.success(w.created);
      } else if (editing) {
        await api.patch(`${p.path}/${editing.id}`, common);
        message.success(w.saved);
      }
      setEditing(null);
      setVersion((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<M> = [
    { title: w.name, dataIndex: 'name', width: 130 },
    ...p.columns,
    { title: w.phone, dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: w.available,
      dataIndex: 'available',
      width: 110,
      render: (v: boolean, m) => (
        <Tooltip title={m.availabilityNote ?? undefined}>
          <Tag color={v ? 'green' : 'default'}>{v ? w.availableYes : w.availableNo}</Tag>
        </Tooltip>
      ),
    },
    { title: w.units, dataIndex: 'unitsServed', ellipsis: true, render: (v: M['unitsServed']) => (v ?? []).map((u) => u.name).join('、') || '—' },
    ...(p.trailingColumns ?? []),
    { title: w.account, dataIndex: 'userId', width: 90, render: (v: number | null) => (v ? <Tag color="blue">{w.linked}</Tag> : <span className="gh-muted">{w.noAccount}</span>) },
    { title: w.joinedOn, dataIndex: 'joinedOn', width: 105 },
    ...(p.manage ? [{ title: t('common.actions'), key: 'act', width: 80, render: (_: unknown, m: M) => <ActionLink onClick={() => start(m)}>{w.edit}</ActionLink> }] : []),
  ];

  const editingMember = editing === 'new' ? null : editing;
  return (
    <>
      <Card
        className="gh-card"
        title={
          <Space>
            {w.title}
            <Tag color="red">{w.under}</Tag>
          </Space>
        }
        extra={
          p.manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => start('new')} className="gh-no-print">
              {w.create}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {w.search && (
            <>
              <Select
                aria-label={w.available}
                placeholder={w.available}
                allowClear
                style={{ width: 130 }}
                value={available === undefined ? undefined : available ? 'yes' : 'no'}
                onChange={(v?: string) => setAvailable(v === undefined ? undefined : v === 'yes')}
                options={[
                  { value: 'yes', label: w.availableYes },
                  { value: 'no', label: w.availableNo },
                ]}
              />
              <KeywordSearch placeholder={w.search} width={300} value={qInput} onChange={setQInput} onSearch={setQ} />
            </>
          )}
          <span className="gh-muted">{w.count(items.length, items.filter((m) => m.available).length)}</span>
        </Space>
        <Table<M>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={{ pageSize: p.pageSize ?? 20, showTotal: (n) => t('common.total', { n }) }}
          scroll={{ x: p.scrollX ?? 1100 }}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? w.create : editing ? `${w.edit}：${editing.name}` : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={p.modalWidth ?? 640}
        forceRender
      >
        <Form form={form as FormInstance} layout="vertical" name={p.formName}>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item label={w.name} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { f: w.name }) }]}>
                <Input maxLength={50} disabled={editing !== 'new'} />
              </Form.Item>
            </Col>
            {p.fields(editingMember)}
            <Col span={10}>
              <Form.Item label={w.phone} name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: w.phoneFormat }]}>
                <Input maxLength={11} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={w.available} name="available" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label={w.availabilityNote} name="availabilityNote">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={w.units} name="unitsServed">
            <Select mode="multiple" options={units} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label={w.account} name="userId" extra={w.accountHint}>
            <Select allowClear options={accounts} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item label={w.joinedOn} name="joinedOn" rules={[{ required: true, message: t('common.required', { f: w.joinedOn }) }]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** Options first from `a`, then those of `b` not in it (units already served stay choosable). */
function merge(a: { value: number; label: string }[], b: { value: number; label: string }[]) {
  return [...a, ...b.filter((x) => !a.some((y) => y.value === x.value))];
}
