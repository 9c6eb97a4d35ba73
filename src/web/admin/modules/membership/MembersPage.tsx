/** 会员: members in the chosen unit's subtree (ID numbers masked), filters and export, enrolment, and the details drawer. */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Table, Tag, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { inShanghai, today } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useExport, useRemote } from '../../lib/remote.ts';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useScope } from '../../lib/scope.tsx';
import { useMt } from './i18n.ts';
import { EnterpriseSelect, UnionSelect } from './pickers.tsx';
import { MemberDrawer, StatusTag } from './MemberDrawer.tsx';
import { BASE, idNumberProblem, iso, joinDateRule, MOBILE_FORMAT, notFuture, type Member } from './shared.ts';
import { textRule } from '../../lib/field-rules.ts';
import { PERSON_NAME } from '../../../../shared/fields.ts';
import { ParamLink } from '../../components/ParamLink.tsx';

export default function MembersPage() {
  const { t } = useI18n();
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<'active' | 'former' | undefined>();
  const [migrant, setMigrant] = useState<boolean | undefined>();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { exporting, download } = useExport();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const newUnion = Form.useWatch('unionUnitId', form) as number | undefined;
  const writable = can('members.write');
  const raw = params.get('person');
  const personId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const setPersonId = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('person');
      else next.set('person', String(id));
      return next;
    });

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(() => ({ underUnitId: scopeId, status, migrantWorker: migrant, asOf: iso(asOf), q: q.trim() || undefined }), [scopeId, status, migrant, asOf, q]);

  const { data, loading, reload } = useRemote<PageOf<Member>>(`${BASE}/members`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const exportXlsx = () => download(`${BASE}/members/export.xlsx`, filter, `members-${inShanghai().format('YYYYMMDD')}.xlsx`);

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<{ personId: number }>(`${BASE}/members`, {
        idNumber: String(v.idNumber).trim().toUpperCase(),
        name: String(v.name).trim(),
        phone: v.phone ? String(v.phone).trim() : null,
        migrantWorker: !!v.migrantWorker,
        unionUnitId: v.unionUnitId,
        enterpriseId: v.enterpriseId ?? null,
        joinedOn: iso(v.joinedOn),
      });
      setCreating(false);
      message.success(mt('mem.created'));
      reload();
      setPersonId(r.personId);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Member>['columns'] = [
    {
      title: mt('mem.name'),
      dataIndex: 'name',
      width: 100,
      render: (v: string, m) => (
        <ParamLink name="person" value={m.personId}>
          {v}
        </ParamLink>
      ),
    },
    { title: mt('mem.id'), dataIndex: 'idMasked', width: 190, render: (v: string) => <span className="gh-ms-mono">{v}</span> },
    { title: mt('mem.gender'), dataIndex: 'gender', width: 60, render: (v: string) => ml('mem.gender', v) },
    { title: mt('mem.birthYear'), dataIndex: 'birthYear', width: 90 },
    { title: mt('mem.union'), dataIndex: 'unionName', ellipsis: true },
    { title: mt('mem.employer'), dataIndex: 'enterpriseName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: mt('mem.migrant'), dataIndex: 'migrantWorker', width: 80, render: (v: boolean) => (v ? <Tag color="orange">{mt('mem.migrant')}</Tag> : null) },
    { title: mt('mem.status'), dataIndex: 'status', width: 80, render: (_v: string, m) => <StatusTag m={m} /> },
    { title: mt('mem.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    { title: mt('mem.leftOn'), dataIndex: 'leftOn', width: 110, render: (v: string | null) => v ?? '—' },
  ];

  const requiredRule = (f: string) => ({ required: true, message: t('common.required', { f }) });

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {mt('mem.title')}
            <Tag color="red">{mt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting}>
              {mt('exportXlsx')}
            </Button>
            {writable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ joinedOn: today(), migrantWorker: false });
                  setCreating(true);
                }}
              >
                {mt('mem.create')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={mt('mem.status')}
            placeholder={mt('mem.status')}
            allowClear
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['active', 'former'] as const).map((s) => ({ value: s, label: ml('mem.status', s) }))}
          />
          <Select
            aria-label={mt('mem.migrant')}
            placeholder={mt('mem.migrant')}
            allowClear
            style={{ width: 120 }}
            value={migrant === undefined ? undefined : migrant ? 'yes' : 'no'}
            onChange={(v?: string) => {
              setMigrant(v === undefined ? undefined : v === 'yes');
              setPage(1);
            }}
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
            ]}
          />
          <Space size={4}>
            <label htmlFor="gh-ms-members-asof" className="gh-small">
              {mt('asOf')}
            </label>
            <DatePicker
              id="gh-ms-members-asof"
              value={asOf}
              format="YYYY-MM-DD"
              onChange={(d) => {
                setAsOf(d);
                setPage(1);
              }}
              disabledDate={notFuture}
            />
          </Space>
          <KeywordSearch
            placeholder={mt('mem.searchPlaceholder')}
            width={300}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </Space>
        <Table<Member> rowKey={(m) => `${m.personId}-${m.joinedOn}`} size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total, data.totalCapped)} />
      </Card>
      <Modal
        open={creating}
        title={mt('mem.create')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void create().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={600}
        forceRender
      >
        <Form form={form} name="member-create" layout="vertical">
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item
                label={mt('mem.id')}
                name="idNumber"
                extra={mt('mem.idRule')}
                normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
                rules={[
                  requiredRule(mt('mem.id')),
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (!v) return;
                      const p = idNumberProblem(v);
                      if (p === 'format') throw new Error(mt('mem.idFormat'));
                      if (p === 'date') throw new Error(mt('mem.idDate'));
                      if (p === 'check') throw new Error(mt('mem.idCheck'));
                    },
                  },
                ]}
              >
                <Input maxLength={18} autoComplete="off" className="gh-ms-mono" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label={mt('mem.name')} name="name" rules={[{ ...requiredRule(mt('mem.name')), whitespace: true }, textRule(PERSON_NAME)]}>
                <Input maxLength={PERSON_NAME.max} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item label={mt('mem.phone')} name="phone" rules={[{ pattern: MOBILE_FORMAT, message: mt('mem.phoneRule') }]}>
                <Input maxLength={11} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label={mt('mem.migrant')} name="migrantWorker" valuePropName="checked">
                <Checkbox>{mt('mem.migrant')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={mt('mem.union')} name="unionUnitId" rules={[requiredRule(mt('mem.union'))]}>
            <UnionSelect underUnitId={scopeId} onChange={() => form.setFieldsValue({ enterpriseId: undefined })} />
          </Form.Item>
          <Form.Item label={mt('mem.employer')} name="enterpriseId" extra={mt('mem.employerHint')}>
            <EnterpriseSelect underUnitId={scopeId} unionId={newUnion} allowClear />
          </Form.Item>
          <Form.Item label={mt('mem.joinedOn')} name="joinedOn" dependencies={['idNumber']} rules={[requiredRule(mt('mem.joinedOn')), joinDateRule(() => form.getFieldValue('idNumber'))]}>
            <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <MemberDrawer personId={personId} onClose={() => setPersonId(null)} onChanged={() => reload()} />
    </div>
  );
}
