/** 基层工会: grassroots unions with their type, chair, members, covered enterprises and 双亮; registration and the details drawer. */
import { useEffect, useMemo, useState } from 'react';
import { textRule } from '../../lib/field-rules.ts';
import { CHAIR_NAME, UNION_NAME } from '../../../../shared/fields.ts';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { today } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useMt } from './i18n.ts';
import { EnterpriseSelect } from './pickers.tsx';
import { UnionDrawer, ShuangliangTags } from './UnionDrawer.tsx';
import { BASE, iso, notFuture, type UnionRow, type UnionType } from './shared.ts';
import { ParamLink } from '../../components/ParamLink.tsx';

export default function UnionsPage() {
  const { t } = useI18n();
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [params, setParams] = useSearchParams();
  const [unionType, setUnionType] = useState<UnionType | undefined>();
  const [shuangliang, setShuangliang] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const newType = Form.useWatch('unionType', form) as UnionType | undefined;
  const writable = can('members.write');
  const raw = params.get('union');
  const drawerId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const setDrawerId = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('union');
      else next.set('union', String(id));
      return next;
    });

  useEffect(() => setPage(1), [scopeId]);
  const filter = useMemo(() => ({ underUnitId: scopeId, unionType, shuangliang, q: q.trim() || undefined }), [scopeId, unionType, shuangliang, q]);

  const { data, loading, reload } = useRemote<PageOf<UnionRow>>(`${BASE}/unions`, { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const ids = Array.isArray(v.enterpriseIds) ? (v.enterpriseIds as number[]) : v.enterpriseIds ? [v.enterpriseIds as number] : [];
      const r = await api.post<{ id: number; name: string }>(`${BASE}/unions`, {
        parentId: v.parentId,
        name: String(v.name).trim(),
        code: v.code ? String(v.code).trim() : null,
        unionType: v.unionType,
        foundedOn: iso(v.foundedOn),
        chairName: v.chairName ? String(v.chairName).trim() : null,
        enterpriseIds: ids,
        signboardShownOn: iso(v.signboardShownOn) ?? null,
        chairShownOn: iso(v.chairShownOn) ?? null,
      });
      setCreating(false);
      message.success(mt('uni.created'));
      reload();
      setDrawerId(r.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<UnionRow>['columns'] = [
    {
      title: mt('uni.name'),
      dataIndex: 'name',
      render: (v: string, u) => (
        <ParamLink name="union" value={u.id}>
          {v}
        </ParamLink>
      ),
    },
    { title: mt('uni.code'), dataIndex: 'code', width: 120, render: (v: string | null) => v ?? '—' },
    { title: mt('uni.type'), dataIndex: 'unionType', width: 130, render: (v: string) => <Tag color={v === 'joint' ? 'blue' : 'default'}>{ml('uni.type', v)}</Tag> },
    { title: mt('uni.chair'), dataIndex: 'chairName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: mt('uni.members'),
      dataIndex: 'memberCount',
      width: 90,
      align: 'right',
      render: (v: number, u) =>
        v >= 25 && !u.committeeFormed ? (
          <Tooltip title={mt('uni.committeeRequired')}>
            <span className="gh-danger">{v}</span>
          </Tooltip>
        ) : (
          v
        ),
    },
    { title: mt('uni.enterpriseCount'), dataIndex: 'enterpriseCount', width: 80, align: 'right' },
    { title: mt('uni.shuangliang'), key: 'sl', width: 260, render: (_v, u) => <ShuangliangTags signboardShownOn={u.signboardShownOn} chairShownOn={u.chairShownOn} /> },
    { title: mt('uni.foundedOn'), dataIndex: 'foundedOn', width: 110 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      className: 'gh-no-print',
      render: (_v, u) => (
        <ParamLink name="union" value={u.id}>
          {t('common.detail')}
        </ParamLink>
      ),
    },
  ];

  const requiredRule = (f: string) => ({ required: true, message: t('common.required', { f }) });

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {mt('uni.title')}
            <Tag color="red">{mt('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          writable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              className="gh-no-print"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ parentId: scopeId, unionType: 'single', foundedOn: today() });
                setCreating(true);
              }}
            >
              {mt('uni.create')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={mt('uni.type')}
            placeholder={mt('uni.type')}
            allowClear
            style={{ width: 170 }}
            value={unionType}
            onChange={(v) => {
              setUnionType(v);
              setPage(1);
            }}
            options={(['single', 'joint'] as const).map((k) => ({ value: k, label: ml('uni.type', k) }))}
          />
          <Select
            aria-label={mt('uni.shuangliang')}
            placeholder={mt('uni.shuangliang')}
            allowClear
            style={{ width: 130 }}
            value={shuangliang === undefined ? undefined : shuangliang ? 'yes' : 'no'}
            onChange={(v?: string) => {
              setShuangliang(v === undefined ? undefined : v === 'yes');
              setPage(1);
            }}
            options={[
              { value: 'yes', label: mt('uni.shuangliangYes') },
              { value: 'no', label: mt('uni.shuangliangNo') },
            ]}
          />
          <KeywordSearch
            placeholder={mt('uni.searchPlaceholder')}
            width={260}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </Space>
        <Table<UnionRow> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total, data.totalCapped)} />
      </Card>
      <Modal
        open={creating}
        title={mt('uni.create')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void create().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={640}
        forceRender
      >
        <Form form={form} name="union-create" layout="vertical">
          <Form.Item label={mt('uni.name')} name="name" rules={[{ ...requiredRule(mt('uni.name')), whitespace: true }, textRule(UNION_NAME)]}>
            <Input maxLength={UNION_NAME.max} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={mt('uni.parent')} name="parentId" rules={[requiredRule(mt('uni.parent'))]}>
                <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={mt('uni.code')} name="code" rules={[{ pattern: /^[0-9A-Za-z-]{1,32}$/, message: t('org.codeRule') }]}>
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={mt('uni.type')} name="unionType" rules={[requiredRule(mt('uni.type'))]}>
            <Radio.Group onChange={() => form.setFieldsValue({ enterpriseIds: undefined })} options={(['single', 'joint'] as const).map((k) => ({ value: k, label: ml('uni.type', k) }))} />
          </Form.Item>
          <Form.Item
            label={mt('uni.enterprises')}
            name="enterpriseIds"
            extra={newType === 'joint' ? mt('uni.jointNeedsTwo') : mt('uni.singleNeedsOne')}
            rules={[
              {
                validator: async (_r, v: number | number[] | undefined) => {
                  const n = Array.isArray(v) ? v.length : v ? 1 : 0;
                  if (newType === 'joint' ? n < 2 : n !== 1) throw new Error(newType === 'joint' ? mt('uni.jointNeedsTwo') : mt('uni.singleNeedsOne'));
                },
              },
            ]}
          >
            <EnterpriseSelect underUnitId={scopeId} uncoveredFirst multiple={newType === 'joint'} placeholder={mt('uni.pickEnterprises')} allowClear />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={mt('uni.foundedOn')} name="foundedOn" rules={[requiredRule(mt('uni.foundedOn'))]}>
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={mt('uni.chair')} name="chairName" rules={[textRule(CHAIR_NAME)]}>
                <Input maxLength={CHAIR_NAME.max} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={mt('uni.signboard')} name="signboardShownOn">
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={mt('uni.chairShown')} name="chairShownOn">
                <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <UnionDrawer unionId={drawerId} onClose={() => setDrawerId(null)} onChanged={() => reload()} />
    </div>
  );
}
