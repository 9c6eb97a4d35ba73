/** 帮扶活动: the campaigns the user can see, and a new campaign from a template (两节慰问, 金秋助学) or defined by the city. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { today } from '../../lib/time.ts';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage, type PageOf } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope, useUnitQuery } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { fenToYuan, iso, yuanRule, yuanToFen } from '../hardship/shared.ts';
import { useRt } from './i18n.ts';
import { KIND_LABELS, RBASE, stepText, useReliefCodes, type Campaign, type CampaignKind, type ChainStep, type Template } from './shared.ts';

const GRADES = ['deep', 'relative', 'accident', 'not_filed'] as const;
const LEVELS = ['high_school', 'vocational', 'college'] as const;

/** The approval chain from the form's switches: the levels that decide, and a notice before the last one. */
function chainOf(v: { stepGrassroots?: boolean; stepCounty?: boolean; stepCity?: boolean; notice?: boolean; noticeDays?: number }): ChainStep[] {
  const decides: ChainStep[] = [];
  if (v.stepGrassroots) decides.push({ kind: 'decide', level: 'grassroots', label: '基层工会审核' });
  if (v.stepCounty) decides.push({ kind: 'decide', level: 'county', label: '县级工会审核' });
  if (v.stepCity) decides.push({ kind: 'decide', level: 'city', label: '市总工会审批' });
  if (v.notice && decides.length) decides.splice(decides.length - 1, 0, { kind: 'notice', days: v.noticeDays ?? 7, label: '公示' });
  return decides;
}

export default function CampaignsPage() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const unitQuery = useUnitQuery();
  const navigate = useNavigate();
  const codes = useReliefCodes();
  const { rt, rl } = useRt();
  const [kind, setKind] = useState<CampaignKind | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const subject = Form.useWatch('subject', form) as 'household' | 'student' | undefined;
  const formKind = Form.useWatch('kind', form) as CampaignKind | undefined;
  const chainValues = Form.useWatch([], form) as Parameters<typeof chainOf>[0] | undefined;

  const { data, loading } = useRemote<PageOf<Campaign>>(`${RBASE}/campaigns`, { kind, page, pageSize }, { initial: { items: [], total: 0 } });

  useEffect(() => {
    api
      .get<{ items: Template[] }>(`${RBASE}/templates`)
      .then((r) => setTemplates(r.items))
      .catch(() => setTemplates([]));
  }, []);

  const applyTemplate = (k: CampaignKind) => {
    const t = templates.find((x) => x.kind === k);
    const year = today().year();
    const steps = t?.steps ?? [];
    const levels = new Set(steps.flatMap((s) => (s.kind === 'decide' ? [s.level] : [])));
    const notice = steps.find((s) => s.kind === 'notice') as { days: number } | undefined;
    const sub = t?.subject ?? 'household';
    form.setFieldsValue({
      kind: k,
      subject: sub,
      name: t ? (k === 'festival' ? `${year}年${t.name}` : `${year}年${t.name}`) : '',
      grades: t?.rules.grades ?? ['deep', 'relative', 'accident'],
      allowNotFiled: t?.rules.allowNotFiled ?? true,
      schoolLevels: t?.rules.schoolLevels ?? [...LEVELS],
      excludeFundedElsewhere: t?.rules.excludeFundedElsewhere ?? true,
      stepGrassroots: steps.length ? levels.has('grassroots') : true,
      stepCounty: steps.length ? levels.has('county') : true,
      stepCity: steps.length ? levels.has('city') : true,
      notice: steps.length ? !!notice : true,
      noticeDays: notice?.days ?? 7,
      ...Object.fromEntries(GRADES.map((g) => [`grade_${g}`, t?.standards.byGrade?.[g] !== undefined ? (t.standards.byGrade[g]! / 100).toFixed(2) : undefined])),
      ...Object.fromEntries(
        LEVELS.flatMap((l) => [
          [`school_${l}_filed`, t?.standards.bySchool?.[l] ? (t.standards.bySchool[l]!.filed / 100).toFixed(2) : undefined],
          [`school_${l}_notFiled`, t?.standards.bySchool?.[l] ? (t.standards.bySchool[l]!.notFiled / 100).toFixed(2) : undefined],
        ]),
      ),
    });
  };

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const steps = chainOf(v);
    if (!steps.length) {
      message.error('审批流程须至少有一个审核环节');
      return;
    }
    const standards =
      v.subject === 'household'
        ? { byGrade: Object.fromEntries(GRADES.flatMap((g) => (v[`grade_${g}`] ? [[g, yuanToFen(v[`grade_${g}`])]] : []))) }
        : {
            bySchool: Object.fromEntries(
              LEVELS.flatMap((l) => (v[`school_${l}_filed`] && v[`school_${l}_notFiled`] ? [[l, { filed: yuanToFen(v[`school_${l}_filed`]), notFiled: yuanToFen(v[`school_${l}_notFiled`]) }]] : [])),
            ),
          };
    const rules =
      v.subject === 'household'
        ? { grades: v.grades, allowNotFiled: !!v.allowNotFiled }
        : { schoolLevels: v.schoolLevels, allowNotFiled: !!v.allowNotFiled, excludeFundedElsewhere: !!v.excludeFundedElsewhere };
    setBusy(true);
    try {
      const c = await api.post<Campaign>(`${RBASE}/campaigns`, {
        unitId: v.unitId,
        kind: v.kind,
        name: String(v.name).trim(),
        subject: v.subject,
        periodFrom: iso(v.period[0]),
        periodTo: iso(v.period[1]),
        rules,
        standards,
        steps,
      });
      message.success(`已举办：${c.name}`);
      setCreating(false);
      navigate(`/relief/campaigns/${c.id}${unitQuery}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const standardsText = (c: Campaign) =>
    c.subject === 'household'
      ? Object.entries(c.standards.byGrade ?? {})
          .map(([g, f]) => `${codes.grades[g] ?? g} ¥${fenToYuan(f ?? 0)}`)
          .join('；')
      : Object.entries(c.standards.bySchool ?? {})
          .map(([l, s]) => `${codes.schoolLevels[l] ?? l} 建档 ¥${fenToYuan(s?.filed ?? 0)} / 未建档 ¥${fenToYuan(s?.notFiled ?? 0)}`)
          .join('；');

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={rt('campaigns.title')}
        extra={
          can('relief.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ unitId: unit!.id, period: [today(), today().add(2, 'month')] });
                applyTemplate('festival');
                setCreating(true);
              }}
            >
              {rt('campaigns.create')}
            </Button>
          )
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label="活动类型"
            placeholder={rt('campaigns.kind')}
            allowClear
            style={{ width: 160 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={Object.keys(KIND_LABELS).map((value) => ({ value, label: rl('kind', value) }))}
          />
        </Space>
        <Table<Campaign>
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          pagination={pagination(data.total)}
          columns={[
            { title: rt('col.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/relief/campaigns/${c.id}${unitQuery}`}>{v}</Link> },
            {
              title: rt('col.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: CampaignKind) => <Tag color={k === 'student_aid' ? 'blue' : k === 'festival' ? 'red' : 'default'}>{rl('kind', k)}</Tag>,
            },
            { title: rt('col.period'), width: 220, render: (_: unknown, c) => rt('period', { from: c.periodFrom, to: c.periodTo }) },
            { title: rt('col.standards'), ellipsis: true, render: (_: unknown, c) => standardsText(c) },
            { title: rt('col.status'), dataIndex: 'status', width: 90, render: (s: string) => (s === 'open' ? <Tag color="green">{rl('status', s)}</Tag> : <Tag>{rl('status', 'closed')}</Tag>) },
          ]}
        />
      </Card>
      <Modal title="举办帮扶活动" open={creating} onCancel={() => setCreating(false)} onOk={() => void create()} confirmLoading={busy} width={880} destroyOnHidden okText="举办">
        <Form form={form} layout="vertical" name="campaign">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="kind" label="活动类型" rules={[{ required: true }]}>
                <Select onChange={(k: CampaignKind) => applyTemplate(k)} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="name" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="unitId" label="举办单位" rules={[{ required: true }]}>
                <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="period" label="活动期间" rules={[{ required: true, message: '请选择活动期间' }]}>
                <DatePicker.RangePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="subject" label="帮扶对象" rules={[{ required: true }]}>
                <Select
                  disabled={formKind !== 'custom'}
                  options={[
                    { value: 'household', label: '困难职工家庭' },
                    { value: 'student', label: '学生' },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>适用对象与标准金额（元）</Typography.Text>
          {subject === 'student' ? (
            <>
              <Row gutter={16} style={{ marginTop: 8 }}>
                <Col span={12}>
                  <Form.Item name="schoolLevels" label="资助学段">
                    <Checkbox.Group options={LEVELS.map((l) => ({ value: l, label: codes.schoolLevels[l] ?? l }))} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="allowNotFiled" valuePropName="checked" label=" ">
                    <Checkbox>资助未建档家庭子女</Checkbox>
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="excludeFundedElsewhere" valuePropName="checked" label=" ">
                    <Checkbox>不重复资助已获其他资助者</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                {LEVELS.map((l) => (
                  <Col span={8} key={l}>
                    <Form.Item name={`school_${l}_filed`} label={`${codes.schoolLevels[l]}（建档）`} rules={[yuanRule('标准金额', true)]}>
                      <Input addonAfter="元" inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={`school_${l}_notFiled`} label={`${codes.schoolLevels[l]}（未建档）`} rules={[yuanRule('标准金额', true)]}>
                      <Input addonAfter="元" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </>
          ) : (
            <>
              <Row gutter={16} style={{ marginTop: 8 }}>
                <Col span={14}>
                  <Form.Item name="grades" label="帮扶的困难类别">
                    <Checkbox.Group options={(['deep', 'relative', 'accident'] as const).map((g) => ({ value: g, label: codes.grades[g] ?? g }))} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="allowNotFiled" valuePropName="checked" label=" ">
                    <Checkbox>受理未建档的临时救助对象</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                {GRADES.map((g) => (
                  <Col span={6} key={g}>
                    <Form.Item name={`grade_${g}`} label={codes.grades[g] ?? g} rules={[yuanRule('标准金额', true)]}>
                      <Input addonAfter="元/户" inputMode="decimal" />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </>
          )}
          <Typography.Text strong>审批流程（自下而上）</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }} align="middle">
            <Col>
              <Form.Item name="stepGrassroots" valuePropName="checked" noStyle>
                <Checkbox>基层工会审核</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="stepCounty" valuePropName="checked" noStyle>
                <Checkbox>县级工会审核</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="notice" valuePropName="checked" noStyle>
                <Checkbox>终审前公示</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="noticeDays" noStyle>
                <InputNumber aria-label="公示天数" min={1} max={30} precision={0} addonAfter="天" style={{ width: 110 }} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="stepCity" valuePropName="checked" noStyle>
                <Checkbox>市总工会审批</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} aria-label="审批流程预览">
            流程：{chainValues ? chainOf(chainValues).map(stepText).join(' → ') || '（未选择）' : ''}。申请单位层级以下的环节自动跳过；申请人不能审批本人的申请。
          </Typography.Paragraph>
        </Form>
      </Modal>
    </div>
  );
}
