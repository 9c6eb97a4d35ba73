/** A household's file: masked by default; steps home visit → notice → filed; review, exit, re-entry; proofs; the sensitive view with a stated reason. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Radio, Select, Space, Steps, Table, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import { EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatDateTime, today, todayInShanghai } from '../../lib/time.ts';
import { Link } from 'react-router';
import { api, errorMessage, uploadFile } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import {
  ACTION_LABELS,
  downloadFile,
  fenToYuan,
  GRADE_COLORS,
  HBASE,
  INTAKE_LABELS,
  iso,
  notFuture,
  SCHOOL_LEVELS,
  STATUS_COLORS,
  STATUS_LABELS,
  useHardshipCodes,
  type GradeBasis,
  type HouseholdFile,
  type Sensitive,
} from './shared.ts';
import { figuresOf, FinanceRows, GradeBasisView, MemberRows } from './RegisterDrawer.tsx';
import { ActionLink } from '../../components/ActionLink.tsx';

/** Single-line text for the API (it refuses control characters such as line breaks). */
const one = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s*\n\s*/g, '；') : '');

type Action = 'visit' | 'file' | 'review' | 'exit' | 'reenter' | 'edit' | null;

interface AidItem {
  applicationId: number;
  campaignId: number;
  campaignName: string;
  year: number;
  unitName: string;
  name: string;
  schoolLevel: string | null;
  amountFen: number;
  status: 'pending' | 'in_notice' | 'approved' | 'rejected';
  paidOn: string | null;
  payEntryId: number | null;
}
const AID_STATUS: Record<AidItem['status'], string> = { pending: '审批中', in_notice: '公示中', approved: '已批准', rejected: '未通过' };

const STEP_OF: Record<string, number> = { applied: 1, verified: 2, in_notice: 2, filed: 4, not_filed: 3, exited: 4 };

const EDIT_FIELDS: Record<string, string> = {
  mainCause: '主要致困原因',
  secondaryCauses: '次要致困原因',
  bankName: '开户银行',
  bankAccount: '银行账号',
  phone: '联系电话',
  address: '住址',
  health: '健康状况',
  disability: '残疾情况',
  employment: '就业状况',
  employer: '工作单位',
  housing: '住房情况',
  accident: '意外致困',
  members: '家庭成员',
  finances: '收入与支出',
};

function detailText(action: string, d: unknown, exitLabels: Record<string, string>): string {
  if (!d || typeof d !== 'object') return '';
  const x = d as Record<string, unknown>;
  switch (action) {
    case 'visited':
      return `${x.confirmed ? '核实属实' : '核查不属实'}；核查人：${String(x.visitors ?? '')}；${String(x.findings ?? '')}`;
    case 'notice_started':
      return `公示 ${String(x.from)} 至 ${String(x.until)}（${String(x.days)} 天）`;
    case 'filed':
      return `下次复核：${String(x.nextReviewDue ?? '')}`;
    case 'reviewed':
      return `${x.stillInHardship ? '仍属困难' : '已不符合认定条件'}${x.note ? `；${String(x.note)}` : ''}`;
    case 'exited':
      return `${String(x.label ?? exitLabels[String(x.reason)] ?? x.reason)}${x.note ? `；${String(x.note)}` : ''}`;
    case 'objection_upheld':
      return String(x.objection ?? '');
    case 'attachment_added':
      return String(x.fileName ?? '');
    case 'reentered':
      return x.note ? String(x.note) : '';
    case 'edited':
      return `修改：${((x.changed as string[] | undefined) ?? []).map((k) => EDIT_FIELDS[k] ?? k).join('、') || '无变化'}${x.gradeBefore !== x.gradeAfter ? `；等级 ${String(x.gradeBefore ?? '—')} → ${String(x.gradeAfter ?? '—')}` : ''}${x.note ? `；${String(x.note)}` : ''}`;
    default:
      return '';
  }
}

export function HouseholdDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged?: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const codes = useHardshipCodes();
  const [file, setFile] = useState<HouseholdFile | null>(null);
  const [aid, setAid] = useState<{ items: AidItem[]; paidFen: number; paidCount: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [action, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [revealOpen, setRevealOpen] = useState(false);
  const [sensitive, setSensitive] = useState<Sensitive | null>(null);
  const [noticePostedOn, setNoticePostedOn] = useState<Dayjs | null>(() => today());
  const [reviewResult, setReviewResult] = useState<{ basis: GradeBasis; still: boolean } | null>(null);
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm();
  const writable = can('hardship.write');

  useEffect(() => {
    setSensitive(null);
    setReviewResult(null);
  }, [id]);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setLoading(true);
    api
      .get<HouseholdFile>(`${HBASE}/households/${id}`, { purpose: '查阅困难职工档案' })
      .then(async (r) => {
        if (!live) return;
        setFile(r);
        setError(null);
        // The file does not carry its union's name; the unit record does (in scope by construction).
        if (!r.household.unitName) {
          const u = await api.get<{ name: string }>(`/api/v1/org/units/${r.household.unitId}`).catch(() => null);
          if (live && u) setFile({ ...r, household: { ...r.household, unitName: u.name } });
        }
      })
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    api
      .get<{ items: AidItem[]; paidFen: number; paidCount: number }>(`${HBASE}/households/${id}/aid`, { purpose: '查阅困难职工档案' })
      .then((r) => live && setAid(r))
      .catch(() => live && setAid(null));
    return () => {
      live = false;
    };
  }, [id, tick]);

  const reload = useCallback(() => {
    setTick((n) => n + 1);
    onChanged?.();
  }, [onChanged]);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setAction(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const h = file?.household;
  const todayOn = todayInShanghai();
  const noticeOver = !!h?.noticeUntil && todayOn >= h.noticeUntil;

  const open = (a: Action) => {
    form.resetFields();
    if (a === 'visit') form.setFieldsValue({ visitedOn: today(), confirmed: true, visitors: me.user.displayName });
    if (a === 'review') form.setFieldsValue({ reviewedOn: today(), finances: [{ kind: 'income', category: '工资性收入' }], members: undefined });
    if (a === 'exit') form.setFieldsValue({ on: today(), reason: 'recovered' });
    if (a === 'reenter') form.setFieldsValue({ on: today(), finances: [{ kind: 'income', category: '工资性收入' }] });
    setAction(a);
  };

  /** The edit form starts from the file as it stands: its figures and full ID numbers are a logged sensitive view. */
  const openEdit = async () => {
    if (!h || !file) return;
    setBusy(true);
    try {
      const full = await api.post<Sensitive>(`${HBASE}/households/${h.id}/sensitive`, { reason: '修改档案信息' });
      form.resetFields();
      form.setFieldsValue({
        mainCause: h.mainCause,
        secondaryCauses: h.secondaryCauses,
        phone: h.phone ?? '',
        address: h.address ?? '',
        employer: h.employer ?? '',
        bankName: h.bankName ?? '',
        bankAccount: '',
        accident: h.accident,
        members: full.members.map((m) => {
          const shown = file.members.find((x) => x.seq === m.seq);
          return { name: m.name, relation: m.relation, idNumber: m.idNumber ?? '', health: shown?.health ?? '', occupation: shown?.occupation ?? '', schoolLevel: shown?.schoolLevel ?? undefined };
        }),
        finances: full.finances.map((f) => ({ kind: f.kind, category: f.category, amount: fenToYuan(f.annualFen).replace(/,/g, ''), hardshipCost: f.hardshipCost })),
      });
      setAction('edit');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submitAction = async () => {
    if (!h) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (action === 'visit')
      return run(
        () => api.post(`${HBASE}/households/${h.id}/visit`, { visitedOn: iso(v.visitedOn), visitors: String(v.visitors).trim(), findings: one(v.findings), confirmed: v.confirmed }),
        '已记录入户核查',
      );
    if (action === 'file') return run(() => api.post(`${HBASE}/households/${h.id}/file`, { objection: one(v.objection) || null }), one(v.objection) ? '异议成立，不予建档' : '已建档');
    if (action === 'edit') {
      const f = figuresOf(v.members, v.finances);
      const text = (x: unknown) => (typeof x === 'string' ? x.trim() : '') || null;
      const body = {
        members: f.members,
        finances: f.finances,
        accident: !!v.accident,
        mainCause: v.mainCause,
        secondaryCauses: v.secondaryCauses ?? [],
        phone: text(v.phone),
        address: text(v.address),
        employer: text(v.employer),
        bankName: text(v.bankName),
        ...(v.removeBank ? { bankAccount: null } : text(v.bankAccount) ? { bankAccount: String(v.bankAccount).replace(/\s+/g, '') } : {}),
        note: one(v.note) || undefined,
      };
      return run(() => api.put(`${HBASE}/households/${h.id}`, body), '已保存修改，等级已按新情况重新认定');
    }
    if (action === 'exit') return run(() => api.post(`${HBASE}/households/${h.id}/exit`, { reason: v.reason, on: iso(v.on), note: one(v.note) || undefined }), '已退出档案');
    if (action === 'review' || action === 'reenter') {
      const f = figuresOf(v.members, v.finances);
      const body = { finances: f.finances, ...(v.replaceMembers ? { members: f.members } : {}), accident: !!v.accident, note: one(v.note) || undefined };
      if (action === 'reenter') return run(() => api.post(`${HBASE}/households/${h.id}/reenter`, { ...body, on: iso(v.on) }), '已返困，重新进入核查');
      setBusy(true);
      try {
        const r = await api.post<{ gradeBasis: GradeBasis; stillInHardship: boolean }>(`${HBASE}/households/${h.id}/review`, { ...body, reviewedOn: iso(v.reviewedOn) });
        setReviewResult({ basis: r.gradeBasis, still: r.stillInHardship });
        message.success(r.stillInHardship ? '复核完成：仍属困难' : '复核完成：已不符合认定条件，可办理脱困退出');
        setAction(null);
        reload();
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        setBusy(false);
      }
    }
  };

  const reveal = async () => {
    if (!h) return;
    const v = await revealForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await api.post<Sensitive>(`${HBASE}/households/${h.id}/sensitive`, { reason: one(v.reason) });
      setSensitive(r);
      setRevealOpen(false);
      message.success('已显示敏感信息，本次查看已记入审计日志');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (f: File) => {
    if (!h) return;
    try {
      await uploadFile(`${HBASE}/households/${h.id}/attachments`, f);
      message.success(`已上传：${f.name}`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const actionTitle = { visit: '入户核查', file: '公示期满：建档', review: '年度复核', exit: '退出档案', reenter: '返困', edit: '修改档案信息' } as const;

  return (
    <Drawer title={h ? `困难职工档案：${h.workerName}` : '困难职工档案'} open={id !== null} onClose={onClose} width={960} loading={loading && !file}>
      {error && <Alert type="error" showIcon message={error} />}
      {h && file && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Steps
            size="small"
            current={STEP_OF[h.status] ?? 0}
            status={h.status === 'not_filed' ? 'error' : undefined}
            items={[
              { title: '登记申请', description: h.appliedOn },
              { title: '入户核查' },
              { title: '公示', description: h.noticeFrom ? `${h.noticeFrom} 至 ${h.noticeUntil ?? ''}` : undefined },
              { title: h.status === 'not_filed' ? '不予建档' : '建档', description: h.filedOn ?? undefined },
            ]}
          />
          <Space wrap>
            <span>状态：</span>
            <Tag color={STATUS_COLORS[h.status]} aria-label="档案状态">
              {STATUS_LABELS[h.status]}
            </Tag>
            {h.grade ? <Tag color={GRADE_COLORS[h.grade]}>{codes.grades[h.grade]}</Tag> : <Tag>未认定等级</Tag>}
            <Tag>{INTAKE_LABELS[h.intake] ?? h.intake}</Tag>
            {h.status === 'in_notice' && <span className="gh-muted">公示期至 {h.noticeUntil} 届满</span>}
            {h.status === 'filed' && h.nextReviewDue && (
              <span className={h.nextReviewDue <= todayOn ? 'gh-danger' : 'gh-muted'}>
                下次复核：{h.nextReviewDue}
                {h.nextReviewDue <= todayOn ? '（已到期）' : ''}
              </span>
            )}
          </Space>
          {writable && (
            <Space wrap className="gh-no-print">
              {h.status === 'applied' && (
                <Button type="primary" onClick={() => open('visit')}>
                  入户核查
                </Button>
              )}
              {h.status === 'verified' && (
                // The notice runs from the day the list went up on the board, which may be before it is recorded here.
                <Space.Compact>
                  <DatePicker aria-label="公示张贴日期" value={noticePostedOn} onChange={setNoticePostedOn} disabledDate={notFuture} allowClear={false} />
                  <Button type="primary" loading={busy} onClick={() => void run(() => api.post(`${HBASE}/households/${h.id}/notice`, { postedOn: iso(noticePostedOn) ?? todayOn }), '已开始公示')}>
                    开始公示
                  </Button>
                </Space.Compact>
              )}
              {h.status === 'in_notice' && (
                <Tooltip title={noticeOver ? undefined : `公示期至 ${h.noticeUntil} 届满后方可建档`}>
                  <Button type="primary" disabled={!noticeOver} onClick={() => open('file')}>
                    公示期满，建档
                  </Button>
                </Tooltip>
              )}
              {h.status === 'filed' && (
                <>
                  <Button type="primary" onClick={() => open('review')}>
                    年度复核
                  </Button>
                  <Button danger onClick={() => open('exit')}>
                    退出档案
                  </Button>
                </>
              )}
              {(h.status === 'exited' || h.status === 'not_filed') && h.exitReason !== 'deceased' && <Button onClick={() => open('reenter')}>返困</Button>}
              {h.status !== 'exited' && can('hardship.sensitive') && (
                <Button loading={busy && action === null} onClick={() => void openEdit()}>
                  修改档案信息
                </Button>
              )}
            </Space>
          )}
          {reviewResult && <GradeBasisView basis={reviewResult.basis} title={`复核结果：${reviewResult.still ? '仍属困难' : '已不符合认定条件'}`} />}
          <Descriptions size="small" bordered column={3} title="职工本人">
            <Descriptions.Item label="姓名">{h.workerName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span className="gh-hr-mono">{sensitive ? sensitive.idNumber : h.idMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label="性别">{h.gender === 'male' ? '男' : '女'}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{h.birthDate}</Descriptions.Item>
            <Descriptions.Item label="民族">{h.ethnicity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="手机号">{h.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="所属工会">{h.unitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{h.employer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="就业状况">{h.employment ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="健康状况">{h.health ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="残疾情况">{h.disability ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="住房情况">{h.housing ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="家庭住址" span={2}>
              {h.address ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="农民工">{h.migrantWorker ? `是（${h.employedSince ?? '未填'}起就业）` : '否'}</Descriptions.Item>
            <Descriptions.Item label="主要致困原因">{codes.causes[h.mainCause] ?? h.mainCause}</Descriptions.Item>
            <Descriptions.Item label="次要原因" span={2}>
              {h.secondaryCauses.length ? h.secondaryCauses.map((c) => codes.causes[c] ?? c).join('、') : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="开户银行">{(sensitive ? sensitive.bankName : h.bankName) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="银行账号" span={2}>
              <span className="gh-hr-mono">{(sensitive ? sensitive.bankAccount : h.bankAccountMasked) ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>

          <Card
            size="small"
            title="敏感信息"
            extra={
              can('hardship.sensitive') && !sensitive ? (
                <Button
                  icon={<EyeOutlined />}
                  onClick={() => {
                    revealForm.resetFields();
                    setRevealOpen(true);
                  }}
                >
                  查看完整信息
                </Button>
              ) : null
            }
          >
            {sensitive ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Alert type="warning" showIcon message="以下为完整的身份证号、银行账号与收支明细，本次查看已连同用途记入审计日志。请勿截屏、外传。" />
                <Table
                  size="small"
                  rowKey="seq"
                  pagination={false}
                  aria-label="收支明细"
                  dataSource={sensitive.finances}
                  columns={[
                    { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'income' ? '收入' : '支出') },
                    { title: '项目', dataIndex: 'category' },
                    { title: '年金额（元）', dataIndex: 'annualFen', align: 'right', render: (v: number) => fenToYuan(v) },
                    { title: '致困支出', dataIndex: 'hardshipCost', render: (v: boolean) => (v ? '是' : '') },
                  ]}
                />
                {sensitive.gradeBasis && <GradeBasisView basis={sensitive.gradeBasis} />}
              </Space>
            ) : (
              <Typography.Text type="secondary">完整身份证号、银行账号、家庭收支与认定计算默认不显示；查看须说明用途，并记入审计日志。</Typography.Text>
            )}
          </Card>

          <Card size="small" title={`家庭成员（共 ${h.householdSize} 人，含职工本人）`}>
            <Table
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={file.members}
              locale={{ emptyText: '无其他家庭成员' }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '关系', dataIndex: 'relation' },
                {
                  title: '身份证号',
                  dataIndex: 'idMasked',
                  render: (v: string | null, m) => <span className="gh-hr-mono">{sensitive?.members.find((x) => x.seq === m.seq)?.idNumber ?? v ?? '—'}</span>,
                },
                { title: '出生日期', dataIndex: 'birthDate', render: (v: string | null) => v ?? '—' },
                { title: '健康状况', dataIndex: 'health', render: (v: string | null) => v ?? '—' },
                { title: '职业/就学', dataIndex: 'occupation', render: (v: string | null) => v ?? '—' },
                { title: '在读学段', dataIndex: 'schoolLevel', render: (v: string | null) => (v ? (SCHOOL_LEVELS[v] ?? v) : '—') },
              ]}
            />
          </Card>

          <Card
            size="small"
            title="证明材料"
            extra={
              writable ? (
                <Upload
                  accept=".pdf,.jpg,.jpeg,.png"
                  showUploadList={false}
                  beforeUpload={(f) => {
                    void upload(f);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />}>上传证明材料</Button>
                </Upload>
              ) : null
            }
          >
            {file.attachments.length ? (
              <Space direction="vertical">
                {file.attachments.map((a) => (
                  <Space key={a.id}>
                    <PaperClipOutlined />
                    <ActionLink onClick={() => void downloadFile(`${HBASE}/attachments/${a.id}`, undefined, a.fileName).catch((e) => message.error(errorMessage(e)))}>{a.fileName}</ActionLink>
                    <span className="gh-muted">
                      {(a.size / 1024).toFixed(0)} KB · {formatDateTime(a.uploadedAt)}
                    </span>
                  </Space>
                ))}
              </Space>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无证明材料（PDF、JPG、PNG，10 MB 以内）" />
            )}
          </Card>

          <Card size="small" title={aid ? `历年帮扶（已发放 ${aid.paidCount} 笔，合计 ¥${fenToYuan(aid.paidFen)}）` : '历年帮扶'}>
            <Table<AidItem>
              size="small"
              rowKey="applicationId"
              pagination={false}
              aria-label="历年帮扶"
              dataSource={aid?.items ?? []}
              locale={{ emptyText: '尚无帮扶记录' }}
              columns={[
                { title: '年度', dataIndex: 'year', width: 70 },
                { title: '帮扶活动', dataIndex: 'campaignName', ellipsis: true },
                { title: '对象', dataIndex: 'name', width: 90, render: (v: string, a) => (a.schoolLevel ? `${v}（${SCHOOL_LEVELS[a.schoolLevel] ?? a.schoolLevel}）` : v) },
                { title: '填报工会', dataIndex: 'unitName', ellipsis: true },
                { title: '金额（元）', dataIndex: 'amountFen', align: 'right', width: 110, render: (v: number) => fenToYuan(v) },
                { title: '审批', dataIndex: 'status', width: 80, render: (v: AidItem['status']) => AID_STATUS[v] },
                { title: '发放日期', dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
                {
                  title: '申请',
                  width: 80,
                  render: (_: unknown, a) => <Link to={`/relief/applications?campaign=${a.campaignId}&application=${a.applicationId}`}>审批记录</Link>,
                },
              ]}
            />
          </Card>

          <Card size="small" title="档案经历">
            <Timeline
              items={file.history.map((e) => ({
                children: (
                  <div>
                    <strong>{ACTION_LABELS[e.action] ?? e.action}</strong>{' '}
                    <span className="gh-muted">
                      {e.onDate} · {e.actorName}
                    </span>
                    <div className="gh-small">{detailText(e.action, e.details, codes.exitReasons)}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      )}

      <Modal
        title={action ? actionTitle[action] : ''}
        open={action !== null}
        onCancel={() => setAction(null)}
        onOk={() => void submitAction()}
        confirmLoading={busy}
        width={action === 'review' || action === 'reenter' || action === 'edit' ? 900 : 560}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name={`hh_${action ?? 'none'}`}>
          {action === 'visit' && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message="入户核查须由建档人以外的人员进行。" />
              <Form.Item name="visitedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
                <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} />
              </Form.Item>
              <Form.Item name="visitors" label="核查人员" rules={[{ required: true, whitespace: true, message: '请填写核查人员' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="findings" label="核查情况" rules={[{ required: true, whitespace: true, message: '请填写核查情况' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="confirmed" label="核查结论">
                <Radio.Group
                  options={[
                    { value: true, label: '情况属实' },
                    { value: false, label: '情况不属实，不予建档' },
                  ]}
                />
              </Form.Item>
            </>
          )}
          {action === 'file' && (
            <>
              <Typography.Paragraph>
                公示期 {h?.noticeFrom} 至 {h?.noticeUntil}。无异议即建档；如有异议且经核实成立，请填写异议内容，该户不予建档。
              </Typography.Paragraph>
              <Form.Item name="objection" label="成立的异议（无异议不填）">
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          )}
          {action === 'exit' && (
            <>
              <Form.Item name="reason" label="退出原因" rules={[{ required: true }]}>
                <Select options={Object.entries(codes.exitReasons).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="on" label="退出日期" rules={[{ required: true }]}>
                <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} />
              </Form.Item>
              <Form.Item name="note" label="说明">
                <Input.TextArea rows={2} maxLength={500} placeholder="如：连续六个月人均收入高于低保标准" />
              </Form.Item>
            </>
          )}
          {action === 'edit' && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message="保存后按现行标准重新认定等级；修改内容记入档案经历与审计日志。" />
              <Space wrap align="start">
                <Form.Item name="mainCause" label="主要致困原因" rules={[{ required: true, message: '请选择主要致困原因' }]}>
                  <Select style={{ width: 200 }} options={Object.entries(codes.causes).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name="secondaryCauses" label="次要致困原因（至多三项）" rules={[{ type: 'array', max: 3, message: '次要原因至多三项' }]}>
                  <Select mode="multiple" style={{ width: 360 }} options={Object.entries(codes.causes).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </Space>
              <Space wrap align="start">
                <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号码不正确' }]}>
                  <Input maxLength={11} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name="address" label="住址">
                  <Input maxLength={200} style={{ width: 320 }} />
                </Form.Item>
                <Form.Item name="employer" label="工作单位">
                  <Input maxLength={100} style={{ width: 240 }} />
                </Form.Item>
              </Space>
              <Space wrap align="start">
                <Form.Item name="bankName" label="开户银行">
                  <Input maxLength={50} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="bankAccount" label={`新银行账号（现为 ${h?.bankAccountMasked ?? '无'}，不改则留空）`} rules={[{ pattern: /^\d{12,30}$/, message: '银行账号应为 12 至 30 位数字' }]}>
                  <Input maxLength={30} style={{ width: 280 }} />
                </Form.Item>
                <Form.Item name="removeBank" valuePropName="checked" label=" ">
                  <Checkbox>删除银行账号</Checkbox>
                </Form.Item>
              </Space>
              <Typography.Text strong>家庭收入与刚性支出（元）</Typography.Text>
              <FinanceRows />
              <Typography.Text strong>家庭成员（不含职工本人）</Typography.Text>
              <MemberRows />
              <Form.Item name="accident" valuePropName="checked">
                <Checkbox>遭遇重大灾害、伤病或致残</Checkbox>
              </Form.Item>
              <Form.Item name="note" label="修改原因">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {(action === 'review' || action === 'reenter') && (
            <>
              <Form.Item name={action === 'review' ? 'reviewedOn' : 'on'} label={action === 'review' ? '复核日期' : '返困日期'} rules={[{ required: true }]}>
                <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} />
              </Form.Item>
              <Typography.Text strong>本年度家庭收入与刚性支出（元）</Typography.Text>
              <FinanceRows />
              <Form.Item name="replaceMembers" valuePropName="checked" style={{ marginTop: 12 }}>
                <Checkbox>家庭成员有变化（按下列名单更新）</Checkbox>
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => (getFieldValue('replaceMembers') ? <MemberRows /> : null)}
              </Form.Item>
              <Form.Item name="accident" valuePropName="checked">
                <Checkbox>本年度遭遇重大灾害、伤病或致残</Checkbox>
              </Form.Item>
              <Form.Item name="note" label="说明">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>

      <Modal title="查看敏感信息" open={revealOpen} onCancel={() => setRevealOpen(false)} onOk={() => void reveal()} okText="确认查看" confirmLoading={busy} destroyOnHidden>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`将显示 ${h?.workerName ?? ''} 的完整身份证号、银行账号、家庭收支与认定计算。查看人、时间与用途将记入审计日志。`} />
        <Form form={revealForm} layout="vertical" name="reveal">
          <Form.Item
            name="reason"
            label="查看用途"
            rules={[
              { required: true, whitespace: true, message: '请说明查看用途' },
              { min: 2, message: '用途至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} placeholder="如：核对两节慰问发放账号" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
