/** 企业: enterprises in the chosen unit's subtree, whether a union covers them, registration and headcounts. */
import { useEffect, useMemo, useState } from 'react';
import { textRule } from '../../lib/field-rules.ts';
import { ENTERPRISE_NAME } from '../../../../shared/fields.ts';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { inShanghai, today } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useExport, useRemote } from '../../lib/remote.ts';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useMt } from './i18n.ts';
import { BASE, CREDIT_CODE_FORMAT, iso, notFuture, useCodeLists, type Enterprise } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

export default function EnterprisesPage() {
  const { t } = useI18n();
  const { mt } = useMt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const codes = useCodeLists();
  const [params] = useSearchParams();
  const [industry, setIndustry] = useState<string | undefined>();
  const [covered, setCovered] = useState<boolean | undefined>();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { exporting, download } = useExport();
  const [creating, setCreating] = useState(false);
  const [headcountFor, setHeadcountFor] = useState<Enterprise | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [hcForm] = Form.useForm();
  const writable = can('members.write');

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(() => ({ underUnitId: scopeId, industry, covered, q: q.trim() || undefined }), [scopeId, industry, covered, q]);

  const { data, loading, reload } = useRemote<PageOf<Enterprise>>(`${BASE}/enterprises`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const exportXlsx = () => download(`${BASE}/enterprises/export.xlsx`, filter, `enterprises-${inShanghai().format('YYYYMMDD')}.xlsx`);

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post<Enterprise>(`${BASE}/enterprises`, {
        unitId: v.unitId,
        creditCode: String(v.creditCode).trim().toUpperCase(),
        name: String(v.name).trim(),
        industry: v.industry,
        ownership: v.ownership,
        divisionCode: v.divisionCode ? String(v.divisionCode) : null,
        aboveScale: !!v.aboveScale,
        registeredOn: iso(v.registeredOn),
        address: v.address ? String(v.address).trim() : null,
        employees: v.employees,
        employeesAsOf: iso(v.employeesAsOf),
      });
      setCreating(false);
      message.success(mt('ent.created'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const recordHeadcount = async () => {
    const v = await hcForm.validateFields();
    setBusy(true);
    try {
      await api.post(`${BASE}/enterprises/${headcountFor!.id}/headcounts`, { asOf: iso(v.asOf), employees: v.employees });
      setHeadcountFor(null);
      message.success(mt('ent.headcountDone'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Enterprise>['columns'] = [
    { title: mt('ent.name'), dataIndex: 'name' },
    { title: mt('ent.creditCode'), dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="gh-ms-mono">{v}</span> },
    { title: mt('ent.industry'), dataIndex: 'industry', width: 170, ellipsis: true, render: (v: string) => `${v} ${codes.labelOf('industry', v)}` },
    { title: mt('ent.ownership'), dataIndex: 'ownership', width: 130, render: (v: string) => codes.labelOf('ownership', v) },
    { title: mt('ent.employees'), dataIndex: 'employees', width: 90, align: 'right', render: (v: number | null | undefined) => v ?? '—' },
    {
      title: mt('ent.union'),
      dataIndex: 'unionName',
      render: (v: string | null | undefined) => (v ? v : <Tag color="orange">{mt('ent.coveredNo')}</Tag>),
    },
    { title: mt('ent.registeredOn'), dataIndex: 'registeredOn', width: 110 },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            className: 'gh-no-print',
            render: (_v: unknown, e: Enterprise) => (
              <ActionLink
                onClick={() => {
                  hcForm.resetFields();
                  hcForm.setFieldsValue({ asOf: today(), employees: e.employees ?? undefined });
                  setHeadcountFor(e);
                }}
              >
                {mt('ent.headcount')}
              </ActionLink>
            ),
          },
        ]
      : []),
  ];

  const requiredRule = (f: string) => ({ required: true, message: t('common.required', { f }) });

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {mt('ent.title')}
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
                  form.setFieldsValue({ unitId: scopeId, employeesAsOf: today(), aboveScale: false });
                  setCreating(true);
                }}
              >
                {mt('ent.create')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={mt('ent.industry')}
            placeholder={mt('ent.industry')}
            allowClear
            style={{ width: 240 }}
            value={industry}
            onChange={(v) => {
              setIndustry(v);
              setPage(1);
            }}
            options={codes.industry.map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))}
          />
          <Select
            aria-label={mt('ent.covered')}
            placeholder={mt('ent.covered')}
            allowClear
            style={{ width: 130 }}
            value={covered === undefined ? undefined : covered ? 'yes' : 'no'}
            onChange={(v?: string) => {
              setCovered(v === undefined ? undefined : v === 'yes');
              setPage(1);
            }}
            options={[
              { value: 'yes', label: mt('ent.coveredYes') },
              { value: 'no', label: mt('ent.coveredNo') },
            ]}
          />
          <KeywordSearch
            placeholder={mt('ent.searchPlaceholder')}
            width={280}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </Space>
        <Table<Enterprise> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total, data.totalCapped)} />
      </Card>
      <Modal
        open={creating}
        title={mt('ent.create')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void create().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={640}
        forceRender
      >
        <Form form={form} name="enterprise-create" layout="vertical">
          <Form.Item label={mt('ent.name')} name="name" rules={[{ ...requiredRule(mt('ent.name')), whitespace: true }, textRule(ENTERPRISE_NAME)]}>
            <Input maxLength={ENTERPRISE_NAME.max} />
          </Form.Item>
          <Form.Item
            label={mt('ent.creditCode')}
            name="creditCode"
            extra={mt('ent.creditCodeRule')}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            rules={[requiredRule(mt('ent.creditCode')), { pattern: CREDIT_CODE_FORMAT, message: mt('ent.creditCodeRule') }]}
          >
            <Input maxLength={18} autoComplete="off" className="gh-ms-mono" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item label={mt('ent.industry')} name="industry" rules={[requiredRule(mt('ent.industry'))]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={codes.industry.map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label={mt('ent.ownership')} name="ownership" rules={[requiredRule(mt('ent.ownership'))]}>
                <Select options={codes.ownership.map((c) => ({ value: c.code, label: c.label }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={mt('ent.unit')} name="unitId" rules={[requiredRule(mt('ent.unit'))]}>
            <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label={mt('ent.registeredOn')} name="registeredOn" rules={[requiredRule(mt('ent.registeredOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={mt('ent.employees')} name="employees" rules={[requiredRule(mt('ent.employees'))]}>
                <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label={mt('ent.employeesAsOf')} name="employeesAsOf">
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={mt('ent.division')} name="divisionCode" rules={[{ pattern: /^\d{6}$/, message: mt('ent.divisionRule') }]}>
                <Input maxLength={6} placeholder="350702" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={mt('ent.aboveScale')} name="aboveScale" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={mt('ent.address')} name="address" rules={[{ max: 200, message: '≤ 200' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={headcountFor !== null}
        title={headcountFor ? `${mt('ent.headcount')}：${headcountFor.name}` : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void recordHeadcount().catch(() => undefined)}
        onCancel={() => setHeadcountFor(null)}
        confirmLoading={busy}
        forceRender
      >
        <Form form={hcForm} name="enterprise-headcount" layout="vertical">
          <Form.Item label={mt('ent.employeesAsOf')} name="asOf" rules={[requiredRule(mt('ent.employeesAsOf'))]}>
            <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={mt('ent.employees')} name="employees" rules={[requiredRule(mt('ent.employees'))]}>
            <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
