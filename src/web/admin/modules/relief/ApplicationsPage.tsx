/** 申请与审批: applications of a campaign — enter one (household or student) with the eligibility check and its reasons, the approval steps, decisions with reasons, bulk approval with a preview of what will change. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Steps, Table, Tag, type TableProps } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { todayInShanghai } from '../../lib/time.ts';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage, downloadFile } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { BANK_ACCOUNT_FORMAT, fenToYuan, HBASE, idRule, money, notFuture, type Household } from '../hardship/shared.ts';
import { useRt } from './i18n.ts';
import {
  ENTRY_KIND_LABELS,
  LEVEL_LABELS,
  RBASE,
  STATUS_COLORS,
  STATUS_LABELS,
  useCampaigns,
  useReliefCodes,
  type Application,
  type ApplicationDetail,
  type ApprovalStatus,
  type BulkPreview,
  type Campaign,
  type Check,
} from './shared.ts';
import { ParamLink } from '../../components/ParamLink.tsx';

const one = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s*\n\s*/g, '；') : '');

function Checks({ checks, amountFen }: { checks: Check[]; amountFen?: number }) {
  return (
    <List
      size="small"
      aria-label="资格核对"
      dataSource={checks}
      footer={amountFen !== undefined ? <strong>标准金额：{money(amountFen)}</strong> : undefined}
      renderItem={(c) => (
        <List.Item>
          <Space>
            {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#c8102e" />}
            <span>{c.reason}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** One application: who, the checks, the approval steps with each decision, the postings; decide here. */
function ApplicationDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const codes = useReliefCodes();
  const unitQuery = useUnitQuery();
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [objecting, setObjecting] = useState(false);
  const [postedOn, setPostedOn] = useState<Dayjs | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    if (id === null) return;
    let live = true;
    api
      .get<ApplicationDetail>(`${RBASE}/applications/${id}`)
      .then((r) => {
        if (!live) return;
        setDetail(r);
        setPostedOn(r.noticeFrom ? dayjs(r.noticeFrom) : null);
      })
      .catch((e) => live && message.error(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id, tick, message]);

  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await api.post(`${RBASE}/applications/${id}/${path}`, body);
      message.success(done);
      setRejecting(false);
      setObjecting(false);
      setTick((n) => n + 1);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const a = detail?.application;
  const current = detail ? detail.steps.findIndex((s) => !s.decision) : -1;
  const status = a?.status ?? 'pending';
  return (
    <Drawer title={a ? `帮扶申请：${a.name}` : '帮扶申请'} open={id !== null} onClose={onClose} width={880} loading={!detail}>
      {a && detail && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Tag color={STATUS_COLORS[status]} aria-label="审批状态">
              {STATUS_LABELS[status]}
            </Tag>
            <span>当前环节：{detail.currentLabel}</span>
            {detail.noticeUntil && (
              <output className="gh-muted" aria-label="公示期">
                公示期 {detail.noticeFrom} 至 {detail.noticeUntil}
              </output>
            )}
            {a.paidOn && <Tag color="green">已于 {a.paidOn} 发放</Tag>}
          </Space>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="姓名">
              {a.householdId ? <Link to={`/hardship/households${unitQuery ? `${unitQuery}&` : '?'}household=${a.householdId}`}>{a.name}</Link> : a.name}
            </Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span className="gh-hr-mono">{a.idMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label="填报工会">{a.unitName ?? a.unitId}</Descriptions.Item>
            <Descriptions.Item label="建档情况">{a.archived ? `已建档（${codes.grades[a.grade ?? ''] ?? a.grade}）` : '未建档'}</Descriptions.Item>
            {a.schoolLevel ? (
              <>
                <Descriptions.Item label="学校">{a.school ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="学段">{codes.schoolLevels[a.schoolLevel] ?? a.schoolLevel}</Descriptions.Item>
                <Descriptions.Item label="监护人">{a.guardianName ?? '—'}</Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label="家庭人口">{a.people} 人</Descriptions.Item>
            )}
            <Descriptions.Item label="金额">{money(a.amountFen)}</Descriptions.Item>
            <Descriptions.Item label="收款账户">
              {a.bankName ?? ''} <span className="gh-hr-mono">{a.bankAccountMasked ?? '（缺少账号）'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="发放批次">{a.batchId ? `第 ${a.batchId} 批` : '—'}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title="资格核对">
            <Checks checks={a.eligibility} />
          </Card>
          <Card size="small" title="审批进程">
            <Steps
              direction="vertical"
              size="small"
              current={current < 0 ? detail.steps.length : current}
              status={status === 'rejected' ? 'error' : status === 'approved' ? 'finish' : 'process'}
              items={detail.steps.map((s) => ({
                title: s.label,
                description: s.decision ? (
                  <span>
                    {s.decision.kind === 'approve' ? '同意' : s.decision.kind === 'reject' ? '不同意' : s.decision.kind === 'skip' ? '跳过' : '公示期满'} · {s.decision.decidedByName} ·{' '}
                    {s.decision.decidedOn}
                    {s.decision.reason ? ` · ${s.decision.reason}` : ''}
                  </span>
                ) : s.level ? (
                  `由${LEVEL_LABELS[s.level]}审核`
                ) : undefined,
              }))}
            />
            {can('relief.approve') && status === 'pending' && (
              <Space className="gh-no-print">
                <Button type="primary" loading={busy} onClick={() => void act('decision', { decision: 'approve', reason: null }, '已同意')}>
                  同意
                </Button>
                <Button
                  danger
                  onClick={() => {
                    form.resetFields();
                    setRejecting(true);
                  }}
                >
                  不同意
                </Button>
                <span className="gh-muted">申请人不能审批本人的申请；须由下一级先审核。</span>
              </Space>
            )}
            {can('relief.approve') && status === 'in_notice' && (
              <Space className="gh-no-print" wrap style={{ marginBottom: 8 }}>
                <span>公示名单张贴于</span>
                <DatePicker aria-label="公示张贴日期" value={postedOn} onChange={setPostedOn} disabledDate={notFuture} allowClear={false} />
                <Button
                  loading={busy}
                  disabled={!postedOn || postedOn.format('YYYY-MM-DD') === detail.noticeFrom}
                  onClick={() => void act('notice-posted', { postedOn: postedOn!.format('YYYY-MM-DD') }, '已登记张贴日期')}
                >
                  登记张贴日期
                </Button>
                <span className="gh-muted">公示期自张贴之日起算，期满且无异议成立即可结束公示。</span>
              </Space>
            )}
            {can('relief.approve') && status === 'in_notice' && (
              <Space className="gh-no-print">
                <Button
                  type="primary"
                  loading={busy}
                  disabled={!!detail.noticeUntil && todayInShanghai() < detail.noticeUntil}
                  onClick={() => void act('notice-end', { objection: null }, '公示期满，无异议')}
                >
                  公示期满，无异议
                </Button>
                <Button
                  danger
                  onClick={() => {
                    form.resetFields();
                    setObjecting(true);
                  }}
                >
                  异议成立
                </Button>
              </Space>
            )}
          </Card>
          <Card size="small" title="记账（本申请的每一笔资金）">
            <Table
              size="small"
              rowKey={(e) => `${e.fundId}-${e.id}`}
              pagination={false}
              dataSource={detail.postings}
              locale={{ emptyText: '尚未记账（终审通过后核定资金，确认发放后记支付）' }}
              columns={[
                { title: '日期', dataIndex: 'postedOn' },
                { title: '类型', dataIndex: 'kind', render: (k: string) => ENTRY_KIND_LABELS[k] ?? k },
                { title: '摘要', dataIndex: 'memo' },
                { title: '经办', dataIndex: 'postedByName' },
              ]}
            />
          </Card>
        </Space>
      )}
      <Modal
        title={objecting ? '公示异议成立' : '不同意（退回）'}
        open={rejecting || objecting}
        onCancel={() => {
          setRejecting(false);
          setObjecting(false);
        }}
        confirmLoading={busy}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          if (objecting) await act('notice-end', { objection: one(v.reason) }, '异议成立，申请不予通过');
          else await act('decision', { decision: 'reject', reason: one(v.reason) }, '已退回');
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="reject">
          <Form.Item name="reason" label={objecting ? '异议内容' : '理由'} rules={[{ required: true, whitespace: true, message: '不同意须说明理由' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** Enter an application for a household (on file or not) or a student; check eligibility first. */
function EntryModal({ campaign, open, onClose, onCreated }: { campaign: Campaign | undefined; open: boolean; onClose: () => void; onCreated: (a: Application) => void }) {
  const { message } = App.useApp();
  const { unit } = useScope();
  const codes = useReliefCodes();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<{ eligible: boolean; checks: Check[]; amountFen: number; name: string; idMasked: string } | null>(null);
  const [options, setOptions] = useState<Household[]>([]);
  const mode = Form.useWatch('mode', form) as 'file' | 'person' | undefined;
  const student = campaign?.subject === 'student';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ unitId: unit!.id, mode: 'file', people: 1, fundedElsewhere: false });
    setCheck(null);
  }, [open, form, unit]);

  const search = async (q: string) => {
    try {
      const r = await api.get<{ items: Household[] }>(`${HBASE}/households`, { underUnitId: unit!.id, q: q.trim() || undefined, pageSize: 20 });
      setOptions(r.items);
    } catch {
      setOptions([]);
    }
  };

  const body = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return null;
    const s = (k: string) => (typeof v[k] === 'string' && v[k].trim() ? (v[k] as string).trim() : null);
    const base = { unitId: v.unitId, bankName: s('bankName'), bankAccount: s('bankAccount')?.replace(/\s+/g, '') ?? null };
    if (student)
      return {
        ...base,
        householdId: v.householdId ?? null,
        name: s('name'),
        idNumber: s('idNumber')?.toUpperCase() ?? null,
        school: s('school'),
        schoolLevel: v.schoolLevel,
        guardianName: s('guardianName'),
        fundedElsewhere: !!v.fundedElsewhere,
      };
    if (v.mode === 'file') return { ...base, householdId: v.householdId };
    return { ...base, name: s('name'), idNumber: s('idNumber')?.toUpperCase() ?? null, people: v.people };
  };

  const runCheck = async () => {
    if (!campaign) return;
    const b = await body();
    if (!b) return;
    setBusy(true);
    try {
      setCheck(await api.post(`${RBASE}/campaigns/${campaign.id}/eligibility`, b));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!campaign) return;
    const b = await body();
    if (!b) return;
    setBusy(true);
    try {
      const a = await api.post<Application>(`${RBASE}/campaigns/${campaign.id}/applications`, b);
      message.success(`已提交：${a.name}，${money(a.amountFen)}`);
      onCreated(a);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`填报帮扶申请${campaign ? `：${campaign.name}` : ''}`}
      open={open}
      onCancel={onClose}
      width={820}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button loading={busy} onClick={() => void runCheck()}>
            核对资格
          </Button>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            提交申请
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" name="application" onValuesChange={() => setCheck(null)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="unitId" label="填报工会" rules={[{ required: true }]}>
              <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
            </Form.Item>
          </Col>
          {!student && (
            <Col span={12}>
              <Form.Item name="mode" label="帮扶对象">
                <Radio.Group
                  options={[
                    { value: 'file', label: '已登记的困难职工家庭' },
                    { value: 'person', label: '未建档职工（临时救助）' },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        {(student || mode === 'file') && (
          <Form.Item name="householdId" label={student ? '所在困难职工家庭（可不选，按身份证号自动查找）' : '困难职工家庭'} rules={student ? [] : [{ required: true, message: '请选择家庭' }]}>
            <Select
              showSearch
              allowClear
              filterOption={false}
              onSearch={(q) => void search(q)}
              onFocus={() => void search('')}
              placeholder="输入姓名、工作单位或身份证号查找"
              options={options.map((h) => ({ value: h.id, label: `${h.workerName}（${h.idMasked}，${h.unitName ?? ''}）` }))}
            />
          </Form.Item>
        )}
        {(student || mode === 'person') && (
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="name" label={student ? '学生姓名' : '职工姓名'} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="idNumber" label={student ? '学生身份证号' : '职工身份证号'} rules={[idRule()]}>
                <Input maxLength={18} />
              </Form.Item>
            </Col>
            {!student && (
              <Col span={6}>
                <Form.Item name="people" label="家庭人口">
                  <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {student && (
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="schoolLevel" label="就读学段" rules={[{ required: true, message: '请选择学段' }]}>
                <Select options={Object.entries(codes.schoolLevels).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="school" label="学校">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="guardianName" label="监护人">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="fundedElsewhere" valuePropName="checked">
                <Checkbox>已获其他渠道资助</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="bankName" label="开户银行">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="bankAccount"
              label="收款账号（已建档家庭可不填，使用档案中的账号）"
              rules={[
                {
                  validator: async (_: unknown, v?: string) => {
                    if (v && !BANK_ACCOUNT_FORMAT.test(v.replace(/\s+/g, ''))) throw new Error('银行账号应为 12 至 30 位数字');
                  },
                },
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {check && (
        <Alert
          type={check.eligible ? 'success' : 'error'}
          showIcon
          message={check.eligible ? `${check.name}（${check.idMasked}）符合条件，标准金额 ${money(check.amountFen)}` : `${check.name}（${check.idMasked}）不符合条件`}
          description={<Checks checks={check.checks} />}
        />
      )}
    </Modal>
  );
}

export default function ApplicationsPage() {
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const codes = useReliefCodes();
  const { rt, rl } = useRt();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaignParam = params.get('campaign');
  const campaignId = campaignParam && /^\d+$/.test(campaignParam) ? Number(campaignParam) : campaigns[0]?.id;
  const campaign = campaigns.find((c) => c.id === campaignId);
  const [status, setStatus] = useState<ApprovalStatus | undefined>();
  const [paid, setPaid] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [selected, setSelected] = useState<number[]>([]);
  const [entering, setEntering] = useState(false);
  const [preview, setPreview] = useState<{ decision: 'approve' | 'reject'; reason: string | null; result: BulkPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [askReason, setAskReason] = useState(false);
  const [reasonForm] = Form.useForm();
  const rawApp = params.get('application');
  const openId = rawApp && /^\d+$/.test(rawApp) ? Number(rawApp) : null;
  const setParam = (k: string, v: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v === null) next.delete(k);
      else next.set(k, v);
      return next;
    });

  const filter = useMemo(() => ({ campaignId, underUnitId: unit!.id, status, paid, q: q.trim() || undefined }), [campaignId, unit, status, paid, q]);
  const {
    data,
    loading,
    version,
    reload: changed,
  } = useRemote<{ items: Application[]; total: number; amountFen: number }>(
    campaignId ? `${RBASE}/applications` : null,
    { ...filter, page, pageSize },
    { initial: { items: [], total: 0, amountFen: 0 } },
  );
  useEffect(() => setSelected([]), [filter, version]);

  const startBulk = async (decision: 'approve' | 'reject', reason: string | null = null) => {
    if (decision === 'reject' && !reason) {
      reasonForm.resetFields();
      setAskReason(true);
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<BulkPreview>(`${RBASE}/decisions/preview`, { applicationIds: selected, decision, reason });
      setPreview({ decision, reason, result });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const applyBulk = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await api.post<{ decided: number; refused: number }>(`${RBASE}/decisions`, { applicationIds: selected, decision: preview.decision, reason: preview.reason });
      modal.success({ title: '批量审批完成', content: `已处理 ${r.decided} 份，未处理 ${r.refused} 份。` });
      setPreview(null);
      changed();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Application>['columns'] = [
    { title: rt('acol.id'), dataIndex: 'id', width: 70 },
    {
      title: rt('acol.name'),
      dataIndex: 'name',
      width: 100,
      render: (v: string, a) => (
        <ParamLink name="application" value={a.id}>
          {v}
        </ParamLink>
      ),
    },
    { title: rt('acol.idNumber'), dataIndex: 'idMasked', width: 190, render: (v: string) => <span className="gh-hr-mono">{v}</span> },
    { title: rt('acol.union'), dataIndex: 'unitName', ellipsis: true },
    {
      title: campaign?.subject === 'student' ? rt('acol.level') : rt('acol.grade'),
      width: 110,
      render: (_: unknown, a) => (a.schoolLevel ? codes.schoolLevels[a.schoolLevel] : a.archived ? codes.grades[a.grade ?? ''] : rt('acol.notFiled')),
    },
    { title: rt('acol.people'), dataIndex: 'people', width: 60, align: 'right' },
    { title: rt('acol.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (v: number) => fenToYuan(v) },
    { title: rt('acol.status'), dataIndex: 'status', width: 100, render: (s?: ApprovalStatus) => (s ? <Tag color={STATUS_COLORS[s]}>{rl('astatus', s)}</Tag> : null) },
    { title: rt('acol.paid'), dataIndex: 'paidOn', width: 110, render: (v: string | null, a) => v ?? (a.batchId ? rt('acol.inBatch', { n: a.batchId }) : '—') },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {rt('apps.title')}
            <Tag color="red">{rt('apps.scope', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          <Space className="gh-no-print">
            <Button
              icon={<DownloadOutlined />}
              disabled={!campaignId}
              onClick={() => void downloadFile(`${RBASE}/applications/export.xlsx`, filter, '帮扶申请.xlsx').catch((e) => message.error(errorMessage(e)))}
            >
              {rt('apps.export')}
            </Button>
            {can('relief.write') && (
              <Button type="primary" icon={<PlusOutlined />} disabled={campaign?.status !== 'open'} onClick={() => setEntering(true)}>
                {rt('apps.enter')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="帮扶活动"
            placeholder={rt('apps.campaign')}
            style={{ width: 280 }}
            value={campaignId}
            onChange={(v: number) => {
              setParam('campaign', String(v));
              setPage(1);
            }}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            aria-label="审批状态"
            placeholder={rt('apps.status')}
            allowClear
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.keys(STATUS_LABELS).map((value) => ({ value, label: rl('astatus', value) }))}
          />
          <Select
            aria-label="发放情况"
            placeholder={rt('apps.paid')}
            allowClear
            style={{ width: 120 }}
            value={paid === undefined ? undefined : paid ? 'y' : 'n'}
            onChange={(v?: string) => {
              setPaid(v === undefined ? undefined : v === 'y');
              setPage(1);
            }}
            options={[
              { value: 'y', label: rt('apps.paidYes') },
              { value: 'n', label: rt('apps.paidNo') },
            ]}
          />
          <KeywordSearch
            placeholder={rt('apps.keyword')}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
          {campaign && (
            <Link to={`/relief/campaigns/${campaign.id}`} className="gh-small">
              {rt('apps.summary')}
            </Link>
          )}
        </Space>
        {can('relief.approve') && (
          <Space style={{ marginBottom: 12 }} className="gh-no-print">
            <span className="gh-muted">{rt('apps.selected', { n: selected.length })}</span>
            <Button disabled={!selected.length} loading={busy} onClick={() => void startBulk('approve')}>
              批量同意
            </Button>
            <Button danger disabled={!selected.length} loading={busy} onClick={() => void startBulk('reject')}>
              批量不同意
            </Button>
            <span className="gh-muted">以 {me.unit.name} 的层级审批；执行前先预览每份申请将如何变化。</span>
          </Space>
        )}
        <Table<Application>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          rowSelection={can('relief.approve') ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
          pagination={pagination(data.total)}
          footer={() => `本页筛选条件下共 ${data.total} 份，合计 ${money(data.amountFen)}`}
        />
      </Card>
      <EntryModal
        campaign={campaign}
        open={entering}
        onClose={() => setEntering(false)}
        onCreated={(a) => {
          setEntering(false);
          changed();
          setParam('application', String(a.id));
        }}
      />
      <ApplicationDrawer id={openId} onClose={() => setParam('application', null)} onChanged={changed} />
      <Modal
        title="批量不同意：理由"
        open={askReason}
        onCancel={() => setAskReason(false)}
        onOk={async () => {
          const v = await reasonForm.validateFields().catch(() => null);
          if (!v) return;
          setAskReason(false);
          await startBulk('reject', one(v.reason));
        }}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" name="bulk_reason">
          <Form.Item name="reason" label="理由（对所选申请一并适用）" rules={[{ required: true, whitespace: true, message: '不同意须说明理由' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={preview?.decision === 'reject' ? '批量不同意：预览' : '批量同意：预览'}
        open={preview !== null}
        onCancel={() => setPreview(null)}
        onOk={() => void applyBulk()}
        okText={`执行（${preview?.result.willDecide ?? 0} 份）`}
        okButtonProps={{ disabled: !preview?.result.willDecide || preview.result.pools.some((p) => !p.enough) }}
        confirmLoading={busy}
        width={900}
        destroyOnHidden
      >
        {preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type={preview.result.refused ? 'warning' : 'info'}
              showIcon
              message={`将处理 ${preview.result.willDecide} 份，不能处理 ${preview.result.refused} 份；终审通过将核定资金 ${money(preview.result.commitFen)}。`}
            />
            {preview.result.pools.length > 0 && (
              <Table
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={preview.result.pools}
                columns={[
                  { title: '付款单位', dataIndex: 'unitName' },
                  { title: '资金池余额（元）', dataIndex: 'availableFen', align: 'right', render: (v: number) => fenToYuan(v) },
                  { title: '本次需核定（元）', dataIndex: 'neededFen', align: 'right', render: (v: number) => fenToYuan(v) },
                  { title: '是否足够', dataIndex: 'enough', render: (v: boolean) => (v ? <Tag color="green">足够</Tag> : <Tag color="red">不足，整批不能执行</Tag>) },
                ]}
              />
            )}
            <Table
              size="small"
              rowKey="requestId"
              pagination={false}
              aria-label="批量审批预览"
              dataSource={preview.result.items}
              columns={[
                { title: '申请', dataIndex: 'applicationId', width: 70 },
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '金额（元）', dataIndex: 'amountFen', align: 'right', width: 110, render: (v?: number) => fenToYuan(v ?? 0) },
                { title: '现环节', render: (_: unknown, o) => o.from.label },
                { title: '处理后', render: (_: unknown, o) => (o.ok ? <span>→ {o.to?.label}</span> : <span className="gh-danger">不能处理：{o.message}</span>) },
              ]}
            />
          </Space>
        )}
      </Modal>
    </div>
  );
}
