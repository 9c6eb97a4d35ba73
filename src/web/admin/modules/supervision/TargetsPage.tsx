/** 目标任务: the year's targets of the chosen unit and the units below, progress against target and against today's expected value; set by the level above. */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { AlertOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { inShanghai, today, todayInShanghai } from '../../lib/time.ts';
import { api, errorMessage, type PageOf, type Unit } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { StatusTag } from './GaugeCard.tsx';
import { useSt } from './i18n.ts';
import { RecordsDrawer, type Drill } from './RecordsDrawer.tsx';
import { BASE, fmtShare, fmtValue, send, STATUS_COLOR, useIndicators, type Status, type TargetItem } from './shared.ts';
import { saveXlsx } from './xlsx.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

const SUPERVISED = ['city', 'county', 'township'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface FormValues {
  unitId: number;
  indicatorKey: string;
  target: number;
  baseline?: number | null;
  schedule: 'linear' | 'monthly';
  profile?: (number | null)[];
  note?: string;
}

export default function TargetsPage() {
  const { st } = useSt();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const { items: indicators, thresholds, byKey } = useIndicators();
  const thisYear = today().year();
  const [year, setYear] = useState(thisYear);
  const [indicator, setIndicator] = useState<string | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [below, setBelow] = useState<{ id: number; name: string }[]>([]);
  const [editing, setEditing] = useState<'new' | TargetItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [form] = Form.useForm<FormValues>();
  const schedule = Form.useWatch('schedule', form);
  const formIndicator = Form.useWatch('indicatorKey', form);
  const manage = can('supervision.manage');

  type Targets = { year: number; asOf: string; items: TargetItem[] };
  const { data, loading, reload, setData } = useRemote<Targets>(
    `${BASE}/targets`,
    { unitId: scopeId, year },
    {
      onError: (e) => {
        setData({ year, asOf: '', items: [] });
        message.error(errorMessage(e));
      },
    },
  );

  // The units whose targets this user may set: the chosen unit when it lies below the user's own, and its supervised units below.
  useEffect(() => {
    if (!manage) return;
    let live = true;
    api
      .get<PageOf<Unit>>('/api/v1/org/units', { parentId: scopeId, status: 'active', pageSize: 500 })
      .then((r) => {
        if (!live) return;
        const own = scopeId !== me.unit.id ? [{ id: scopeId, name: unit!.name }] : [];
        setBelow([...own, ...r.items.filter((u) => SUPERVISED.includes(u.kind)).map((u) => ({ id: u.id, name: u.name }))]);
      })
      .catch(() => live && setBelow([]));
    return () => {
      live = false;
    };
  }, [manage, scopeId, me.unit.id, unit]);

  const rows = useMemo(() => {
    const kw = q.trim();
    return (data?.items ?? [])
      .filter((r) => (!indicator || r.indicatorKey === indicator) && (!status || r.progress.status === status) && (!kw || r.unitName.includes(kw)))
      .sort((a, b) => (a.unitId === scopeId ? -1 : b.unitId === scopeId ? 1 : 0));
  }, [data, indicator, status, q, scopeId]);

  const nameOf = (k: string) => byKey(k)?.name ?? k;
  const unitOf = (k: string) => byKey(k)?.unit ?? '';
  const isRate = (k: string | undefined) => !!k && unitOf(k) === '%';
  const editable = (r: TargetItem) => manage && r.unitId !== me.unit.id;

  const openNew = () => {
    form.resetFields();
    form.setFieldsValue({ schedule: 'linear', profile: MONTHS.map((m) => Math.round((m / 12) * 1000) / 10) });
    setEditing('new');
  };
  const openEdit = (r: TargetItem) => {
    const rate = isRate(r.indicatorKey);
    form.resetFields();
    form.setFieldsValue({
      unitId: r.unitId,
      indicatorKey: r.indicatorKey,
      target: rate ? Math.round(r.target * 10000) / 100 : r.target,
      baseline: rate ? Math.round(r.baseline * 10000) / 100 : r.baseline,
      schedule: r.profile ? 'monthly' : 'linear',
      profile: (r.profile ?? MONTHS.map((m) => m / 12)).map((x) => Math.round(x * 1000) / 10),
      note: r.note ?? '',
    });
    setEditing(r);
  };

  const save = async () => {
    const v = await form.validateFields();
    const rate = isRate(v.indicatorKey);
    const scale = (x: number) => (rate ? Math.round(x * 100) / 10000 : x);
    const profile = v.schedule === 'monthly' ? profileShares(v.profile) : null;
    setBusy(true);
    try {
      await send('PUT', `${BASE}/targets`, me.csrfToken, {
        body: {
          unitId: v.unitId,
          year,
          indicatorKey: v.indicatorKey,
          target: scale(v.target),
          baseline: v.baseline === undefined || v.baseline === null ? null : scale(v.baseline),
          profile,
          note: v.note?.trim() || null,
        },
      });
      message.success(st('tgt.saved'));
      setEditing(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (r: TargetItem) => {
    try {
      await send('DELETE', `${BASE}/targets`, me.csrfToken, { query: { unitId: r.unitId, year: r.year, indicatorKey: r.indicatorKey } });
      message.success(st('tgt.deleted'));
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const check = async () => {
    setChecking(true);
    try {
      const r = await api.post<{ raised: number; cleared: number; behind: number }>(`${BASE}/nudges/check`, {});
      message.success(st('tgt.checked', r));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  const exportXlsx = () =>
    void saveXlsx(
      `${unit!.name}${year}年目标任务-${inShanghai().format('YYYYMMDD')}.xlsx`,
      `${year}年目标任务`,
      [st('unit'), st('indicator'), st('tgt.baseline'), st('tgt.target'), st('tgt.actual'), st('tgt.expected'), st('tgt.ofTarget'), st('tgt.attainment'), st('status'), st('tgt.note')],
      rows.map((r) => {
        const u = unitOf(r.indicatorKey);
        return [
          r.unitName,
          nameOf(r.indicatorKey),
          fmtValue(u, r.baseline, lang),
          fmtValue(u, r.target, lang),
          fmtValue(u, r.actual, lang),
          fmtValue(u, r.progress.expected, lang),
          fmtShare(r.progress.ofTarget),
          fmtShare(r.progress.attainment),
          st(`status.${r.progress.status}`),
          r.note ?? '',
        ];
      }),
    ).catch((e) => message.error(errorMessage(e)));

  const columns: TableProps<TargetItem>['columns'] = [
    {
      title: st('unit'),
      dataIndex: 'unitName',
      width: 170,
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.unitId === scopeId && <Tag>{st('tgt.own')}</Tag>}
        </Space>
      ),
    },
    { title: st('indicator'), dataIndex: 'indicatorKey', width: 110, render: (k: string) => nameOf(k) },
    { title: st('status'), key: 'status', width: 100, render: (_v, r) => <StatusTag status={r.progress.status} /> },
    { title: st('tgt.baseline'), dataIndex: 'baseline', align: 'right', width: 100, render: (v: number, r) => fmtValue(unitOf(r.indicatorKey), v, lang) },
    {
      title: st('tgt.target'),
      dataIndex: 'target',
      align: 'right',
      width: 120,
      render: (v: number, r) => (
        <Tooltip title={`${st('tgt.profile')}：${r.profile ? `${st('tgt.profile.monthly')}（${r.profile.map((x) => Math.round(x * 100)).join(' / ')}）` : st('tgt.profile.linear')}`}>
          <span>
            {r.profile && (
              <Tag color="blue" style={{ marginInlineEnd: 4 }}>
                {st('tgt.monthlyShort')}
              </Tag>
            )}
            {fmtValue(unitOf(r.indicatorKey), v, lang)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: st('tgt.actual'),
      dataIndex: 'actual',
      align: 'right',
      width: 110,
      render: (v: number | null, r) => (
        <ActionLink
          className="gh-sv-num"
          aria-label={`${r.unitName} ${nameOf(r.indicatorKey)} ${st('detail')}`}
          onClick={() => setDrill({ indicator: r.indicatorKey, unitId: r.unitId, unitName: r.unitName, asOf: data?.asOf || todayInShanghai() })}
        >
          {fmtValue(unitOf(r.indicatorKey), v, lang)}
        </ActionLink>
      ),
    },
    { title: st('tgt.expected'), key: 'expected', align: 'right', width: 110, render: (_v, r) => fmtValue(unitOf(r.indicatorKey), r.progress.expected, lang) },
    {
      title: st('tgt.ofTarget'),
      key: 'ofTarget',
      width: 160,
      render: (_v, r) => (
        <Progress
          percent={Math.round(Math.min(1, r.progress.ofTarget ?? 0) * 1000) / 10}
          strokeColor={STATUS_COLOR[r.progress.status]}
          size="small"
          format={() => fmtShare(r.progress.ofTarget)}
          aria-label={`${st('tgt.ofTarget')} ${fmtShare(r.progress.ofTarget)}`}
        />
      ),
    },
    {
      title: st('tgt.attainment'),
      key: 'attainment',
      align: 'right',
      width: 100,
      render: (_v, r) => <span style={{ color: STATUS_COLOR[r.progress.status] }}>{fmtShare(r.progress.attainment)}</span>,
    },
    { title: st('tgt.note'), dataIndex: 'note', width: 120, ellipsis: true, render: (v: string | null) => v ?? '—' },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_v: unknown, r: TargetItem) =>
              editable(r) ? (
                <Space size={0}>
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => openEdit(r)}>
                    {st('tgt.edit')}
                  </Button>
                  <Popconfirm
                    title={st('tgt.deleteConfirm', { unit: r.unitName, year: r.year, indicator: nameOf(r.indicatorKey) })}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(r)}
                  >
                    <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                      {st('tgt.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Tooltip title={st('tgt.cannotSetOwn')}>
                  <Typography.Text type="secondary">—</Typography.Text>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  const rate = isRate(formIndicator);
  const required = (f: string) => ({ required: true, message: t('common.required', { f }) });
  const chosen = (f: string) => ({ required: true, message: st('pick', { f }) });

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {st('tgt.title')}
            <Tag color="red">{st('under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Button icon={<DownloadOutlined />} onClick={exportXlsx} disabled={!rows.length}>
              {st('exportXlsx')}
            </Button>
            {manage && (
              <Button icon={<AlertOutlined />} loading={checking} onClick={() => void check()}>
                {st('tgt.check')}
              </Button>
            )}
            {manage && below.length > 0 && (
              <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
                {st('tgt.set')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={st('year')}
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: lang === 'zh' ? `${y}年` : String(y) }))}
          />
          <Select
            aria-label={st('indicator')}
            placeholder={st('indicator')}
            allowClear
            value={indicator}
            onChange={setIndicator}
            style={{ width: 160 }}
            options={indicators.map((i) => ({ value: i.key, label: i.name }))}
          />
          <Select
            aria-label={st('status')}
            placeholder={st('status')}
            allowClear
            value={status}
            onChange={setStatus}
            style={{ width: 130 }}
            options={(['red', 'yellow', 'green'] as const).map((s) => ({ value: s, label: st(`status.${s}`) }))}
          />
          <KeywordSearch placeholder={st('tgt.searchPlaceholder')} value={qInput} onChange={setQInput} onSearch={setQ} />
        </Space>
        <Typography.Paragraph type="secondary" className="gh-small">
          {st('tgt.thresholds', { green: fmtShare(thresholds.green), yellow: fmtShare(thresholds.yellow) })}
          {data?.asOf ? ` · ${st('asOf')} ${data.asOf}` : ''}
        </Typography.Paragraph>
        <Table<TargetItem>
          rowKey={(r) => `${r.unitId}/${r.indicatorKey}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: st('tgt.none') }}
          scroll={{ x: 'max-content' }}
          aria-label={st('tgt.title')}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={`${st('tgt.set')} · ${year}`}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        mask={{ closable: false }}
        width={640}
        forceRender
      >
        <Form form={form} name="target" layout="vertical">
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={st('tgt.unit')} name="unitId" rules={[chosen(st('tgt.unit'))]}>
                <Select
                  aria-label={st('tgt.unit')}
                  disabled={editing !== 'new'}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(editing !== 'new' && editing ? [{ id: editing.unitId, name: editing.unitName }] : below).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={st('indicator')} name="indicatorKey" rules={[chosen(st('indicator'))]}>
                <Select aria-label={st('indicator')} disabled={editing !== 'new'} options={indicators.map((i) => ({ value: i.key, label: i.name }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label={st('tgt.target')}
                name="target"
                extra={rate ? st('tgt.rateHelp') : undefined}
                rules={[required(st('tgt.target')), { type: 'number', min: 0, message: st('tgt.min') }, ...(rate ? [{ type: 'number' as const, max: 100, message: st('tgt.rateMax') }] : [])]}
              >
                <InputNumber aria-label={st('tgt.target')} style={{ width: '100%' }} suffix={rate ? '%' : byKey(formIndicator ?? '')?.unit} step={rate ? 0.5 : 1} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label={st('tgt.baseline')}
                name="baseline"
                extra={st('tgt.baselineHelp')}
                rules={[{ type: 'number', min: 0, message: st('tgt.min') }, ...(rate ? [{ type: 'number' as const, max: 100, message: st('tgt.rateMax') }] : [])]}
              >
                <InputNumber aria-label={st('tgt.baseline')} style={{ width: '100%' }} suffix={rate ? '%' : byKey(formIndicator ?? '')?.unit} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={st('tgt.profile')} name="schedule">
            <Radio.Group
              options={[
                { value: 'linear', label: st('tgt.profile.linear') },
                { value: 'monthly', label: st('tgt.profile.monthly') },
              ]}
            />
          </Form.Item>
          {schedule === 'monthly' && (
            <Form.Item
              label={st('tgt.profileHelp')}
              name="profile"
              validateTrigger={[]}
              rules={[
                {
                  validator: async (_r, v: (number | null)[] | undefined) => {
                    if (!profileShares(v)) throw new Error(st('tgt.profileInvalid'));
                  },
                },
              ]}
            >
              <ProfileInputs />
            </Form.Item>
          )}
          <Form.Item label={st('tgt.note')} name="note" rules={[{ max: 200, message: '≤ 200' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <RecordsDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

/** The twelve percentages as the server's cumulative shares, or null when they are not a valid schedule. */
function profileShares(v: (number | null)[] | undefined): number[] | null {
  const p = (v ?? []).map((x) => (x === null || x === undefined ? NaN : Number(x) / 100));
  const ok = p.length === 12 && p.every((x, i) => Number.isFinite(x) && x >= 0 && x <= 1 && (i === 0 || x >= p[i - 1]!)) && Math.abs(p[11]! - 1) < 1e-9;
  return ok ? p : null;
}

/** Twelve cumulative shares (%), one per month end. */
function ProfileInputs({ value, onChange }: { value?: (number | null)[]; onChange?: (v: (number | null)[]) => void }) {
  const { lang } = useI18n();
  const v = value ?? MONTHS.map(() => null);
  return (
    <Row gutter={[8, 8]}>
      {MONTHS.map((m, i) => (
        <Col key={m} span={6}>
          <InputNumber
            aria-label={lang === 'zh' ? `${m}月` : `Month ${m}`}
            prefix={lang === 'zh' ? `${m}月` : `M${m}`}
            suffix="%"
            min={0}
            max={100}
            style={{ width: '100%' }}
            value={v[i]}
            onChange={(x) => onChange?.(v.map((y, j) => (j === i ? (x ?? null) : y)))}
          />
        </Col>
      ))}
    </Row>
  );
}
