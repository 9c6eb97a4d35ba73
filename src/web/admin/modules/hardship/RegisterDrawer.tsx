/** 登记困难职工家庭: the worker, household members, incomes and rigid expenses, causes, bank account; the grade computed as it is typed, with the computation shown. */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Divider, Drawer, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { today } from '../../lib/time.ts';
import { api, ApiError, errorMessage } from '../../lib/api.ts';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import {
  BANK_ACCOUNT_FORMAT,
  GRADE_COLORS,
  HBASE,
  idRule,
  iso,
  MOBILE_FORMAT,
  money,
  notFuture,
  SCHOOL_LEVELS,
  useHardshipCodes,
  yuanRule,
  yuanToFen,
  type GradeBasis,
  type Household,
} from './shared.ts';

interface MemberForm {
  name?: string;
  relation?: string;
  idNumber?: string;
  health?: string;
  occupation?: string;
  schoolLevel?: string;
}
interface FinanceForm {
  kind?: 'income' | 'expense';
  category?: string;
  amount?: string;
  hardshipCost?: boolean;
}

const RELATIONS = ['配偶', '子女', '父母', '岳父母/公婆', '兄弟姐妹', '孙子女', '其他'];
const INCOME_CATEGORIES = ['工资性收入', '经营性收入', '财产性收入', '转移性收入（养老金、低保等）', '其他收入'];
const EXPENSE_CATEGORIES = ['医疗支出', '教育支出', '住房支出', '赡养支出', '因灾损失', '其他刚性支出'];

/** The figures the server grades (members, finances in fen); rows still being typed are left out. */
export function figuresOf(members: MemberForm[] | undefined, finances: FinanceForm[] | undefined) {
  return {
    members: (members ?? []).map((m) => ({
      name: m.name?.trim() || '家庭成员',
      relation: m.relation || '其他',
      idNumber: m.idNumber?.trim() ? m.idNumber.trim().toUpperCase() : null,
      health: m.health?.trim() || null,
      occupation: m.occupation?.trim() || null,
      schoolLevel: (m.schoolLevel || null) as 'high_school' | 'vocational' | 'college' | null,
    })),
    finances: (finances ?? [])
      .map((f) => ({
        kind: f.kind ?? 'income',
        category: f.category?.trim() || (f.kind === 'expense' ? '其他刚性支出' : '其他收入'),
        annualFen: yuanToFen(f.amount),
        hardshipCost: f.kind === 'expense' && !!f.hardshipCost,
      }))
      .filter((f): f is { kind: 'income' | 'expense'; category: string; annualFen: number; hardshipCost: boolean } => f.annualFen !== null),
  };
}

/** The computation behind a grade, step by step, as the server wrote it. */
export function GradeBasisView({ basis, title = '认定计算' }: { basis: GradeBasis; title?: string }) {
  const codes = useHardshipCodes();
  return (
    <Card size="small" title={title} aria-label={title} extra={basis.grade ? <Tag color={GRADE_COLORS[basis.grade]}>{codes.grades[basis.grade]}</Tag> : <Tag>不符合认定条件</Tag>}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="家庭年收入">{money(basis.incomeFen)}</Descriptions.Item>
        <Descriptions.Item label="刚性支出">{money(basis.rigidExpenseFen)}</Descriptions.Item>
        <Descriptions.Item label="致困支出">{money(basis.hardshipCostFen)}</Descriptions.Item>
        <Descriptions.Item label="家庭人口">{basis.householdSize} 人</Descriptions.Item>
        <Descriptions.Item label="月人均可支配收入">{money(basis.monthlyPerCapitaFen)}</Descriptions.Item>
        <Descriptions.Item label="低保标准">{money(basis.standard.minimumLivingFen)}/人·月</Descriptions.Item>
      </Descriptions>
      <ol className="gh-hr-steps">
        {basis.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed text, never reordered; lines may repeat
          <li key={i}>{s}</li>
        ))}
      </ol>
    </Card>
  );
}

/** Rows of incomes and rigid expenses, amounts in yuan. */
export function FinanceRows({ name = 'finances' }: { name?: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8 }}>
                <Select
                  aria-label={`收支${i + 1} 类型`}
                  style={{ width: 90 }}
                  options={[
                    { value: 'income', label: '收入' },
                    { value: 'expense', label: '支出' },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue([name, field.name, 'kind']) as string | undefined;
                  return (
                    <Form.Item name={[field.name, 'category']} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请填写项目' }]}>
                      <Select aria-label={`收支${i + 1} 项目`} style={{ width: 220 }} options={(kind === 'expense' ? EXPENSE_CATEGORIES : INCOME_CATEGORIES).map((c) => ({ value: c, label: c }))} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Form.Item name={[field.name, 'amount']} style={{ marginBottom: 8 }} rules={[yuanRule('年金额')]}>
                <Input aria-label={`收支${i + 1} 年金额（元）`} addonAfter="元/年" style={{ width: 200 }} inputMode="decimal" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue([name, field.name, 'kind']) === 'expense' ? (
                    <Form.Item name={[field.name, 'hardshipCost']} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Checkbox aria-label={`收支${i + 1} 致困支出`}>因病、因灾等致困支出</Checkbox>
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Button type="text" aria-label={`删除收支${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'income', category: '工资性收入' })}>
              添加收入
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'expense', category: '医疗支出', hardshipCost: false })}>
              添加支出
            </Button>
          </Space>
        </>
      )}
    </Form.List>
  );
}

/** Household members other than the worker. */
export function MemberRows({ name = 'members' }: { name?: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请填写姓名' }]}>
                <Input aria-label={`成员${i + 1} 姓名`} placeholder="姓名" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'relation']} style={{ marginBottom: 8 }} rules={[{ required: true, message: '请选择关系' }]}>
                <Select aria-label={`成员${i + 1} 关系`} placeholder="与职工关系" style={{ width: 130 }} options={RELATIONS.map((r) => ({ value: r, label: r }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'idNumber']} style={{ marginBottom: 8 }} rules={[idRule(true)]}>
                <Input aria-label={`成员${i + 1} 身份证号`} placeholder="身份证号（可不填）" style={{ width: 200 }} maxLength={18} />
              </Form.Item>
              <Form.Item name={[field.name, 'health']} style={{ marginBottom: 8 }}>
                <Input aria-label={`成员${i + 1} 健康状况`} placeholder="健康状况" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'occupation']} style={{ marginBottom: 8 }}>
                <Input aria-label={`成员${i + 1} 职业或就学`} placeholder="职业/就学" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'schoolLevel']} style={{ marginBottom: 8 }}>
                <Select
                  aria-label={`成员${i + 1} 在读学段`}
                  placeholder="在读学段"
                  allowClear
                  style={{ width: 140 }}
                  options={Object.entries(SCHOOL_LEVELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Button type="text" aria-label={`删除成员${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ relation: '配偶' })}>
            添加家庭成员
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Grades the figures on the server as they are typed (nothing stored). */
export function useGradePreview(unitId: number | undefined, watched: unknown) {
  const [basis, setBasis] = useState<GradeBasis | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify([unitId, watched]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!unitId) return;
    if (timer.current) clearTimeout(timer.current);
    let live = true;
    timer.current = setTimeout(() => {
      const v = (watched ?? {}) as { members?: MemberForm[]; finances?: FinanceForm[]; accident?: boolean; migrantWorker?: boolean; employedSince?: dayjs.Dayjs | null };
      const f = figuresOf(v.members, v.finances);
      api
        .post<GradeBasis>(`${HBASE}/grade-preview`, {
          unitId,
          members: f.members.map((m) => ({ ...m, idNumber: null })),
          finances: f.finances,
          accident: !!v.accident,
          migrantWorker: !!v.migrantWorker,
          employedSince: iso(v.employedSince ?? null) ?? null,
        })
        .then((b) => {
          if (!live) return;
          setBasis(b);
          setProblem(null);
        })
        .catch((e) => {
          if (!live) return;
          setBasis(null);
          setProblem(errorMessage(e));
        });
    }, 350);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { basis, problem };
}

export function RegisterDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (h: Household) => void }) {
  const { message } = App.useApp();
  const { unit } = useScope();
  const codes = useHardshipCodes();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const mainCause = Form.useWatch('mainCause', form) as string | undefined;
  const migrant = Form.useWatch('migrantWorker', form) as boolean | undefined;
  const { basis, problem } = useGradePreview(
    open ? unitId : undefined,
    values ? { members: values.members, finances: values.finances, accident: values.accident, migrantWorker: values.migrantWorker, employedSince: values.employedSince } : null,
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setServerError(null);
    form.setFieldsValue({
      unitId: unit!.id,
      intake: 'new',
      appliedOn: today(),
      migrantWorker: false,
      accident: false,
      members: [],
      finances: [
        { kind: 'income', category: '工资性收入' },
        { kind: 'expense', category: '医疗支出', hardshipCost: false },
      ],
    });
  }, [open, form, unit]);

  const submit = async () => {
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      setServerError('请按提示改正标红的内容');
      return;
    }
    const f = figuresOf(v.members as MemberForm[], v.finances as FinanceForm[]);
    const s = (k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : null);
    setBusy(true);
    setServerError(null);
    try {
      const r = await api.post<{ household: Household; gradeBasis: GradeBasis }>(`${HBASE}/households`, {
        unitId: v.unitId,
        intake: v.intake,
        workerName: String(v.workerName).trim(),
        idNumber: String(v.idNumber).trim().toUpperCase(),
        ethnicity: s('ethnicity'),
        health: s('health'),
        disability: s('disability'),
        employment: s('employment'),
        employer: s('employer'),
        industry: s('industry'),
        housing: s('housing'),
        phone: s('phone'),
        address: s('address'),
        migrantWorker: !!v.migrantWorker,
        employedSince: iso(v.employedSince as dayjs.Dayjs | null) ?? null,
        mainCause: v.mainCause,
        secondaryCauses: (v.secondaryCauses as string[] | undefined) ?? [],
        bankName: s('bankName'),
        bankAccount: s('bankAccount')?.replace(/\s+/g, '') ?? null,
        accident: !!v.accident,
        appliedOn: iso(v.appliedOn as dayjs.Dayjs),
        members: f.members,
        finances: f.finances,
      });
      message.success(`已登记：${r.household.workerName}（${r.gradeBasis.grade ? codes.grades[r.gradeBasis.grade] : '暂不符合认定条件'}）`);
      onCreated(r.household);
    } catch (e) {
      const msg = errorMessage(e);
      setServerError(msg);
      if (e instanceof ApiError && /身份证/.test(msg)) form.setFields([{ name: 'idNumber', errors: [msg] }]);
      if (e instanceof ApiError && /银行账号/.test(msg)) form.setFields([{ name: 'bankAccount', errors: [msg] }]);
      if (e instanceof ApiError && /手机/.test(msg)) form.setFields([{ name: 'phone', errors: [msg] }]);
    } finally {
      setBusy(false);
    }
  };

  const causeOptions = Object.entries(codes.causes).map(([value, label]) => ({ value, label }));

  return (
    <Drawer
      title="登记困难职工家庭"
      open={open}
      onClose={onClose}
      width={1080}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            提交登记
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" name="register" requiredMark>
        <Typography.Title level={5}>职工本人</Typography.Title>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="unitId" label="所属工会" rules={[{ required: true, message: '请选择所属工会' }]}>
              <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="workerName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="idNumber" label="身份证号" rules={[idRule()]} validateTrigger={['onChange', 'onBlur']} extra="性别与出生日期由身份证号得出">
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="intake" label="建档类别">
              <Select
                options={[
                  { value: 'new', label: '增量' },
                  { value: 'existing', label: '存量' },
                  { value: 'returned', label: '返困' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="ethnicity" label="民族">
              <Input maxLength={20} placeholder="汉族" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="phone" label="手机号" rules={[{ pattern: MOBILE_FORMAT, message: '手机号应为 11 位，以 13–19 开头' }]}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="health" label="健康状况">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="disability" label="残疾情况">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="employment" label="就业状况">
              <Select allowClear options={['在岗', '下岗', '失业', '退休', '灵活就业', '其他'].map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="employer" label="工作单位">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="industry" label="行业">
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="housing" label="住房情况">
              <Select allowClear options={['自有住房', '租房', '公租房/廉租房', '借住', '无房'].map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="address" label="家庭住址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请选择申请日期' }]}>
              <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="migrantWorker" label="农民工" valuePropName="checked">
              <Checkbox>是农民工</Checkbox>
            </Form.Item>
          </Col>
          {migrant && (
            <Col span={5}>
              <Form.Item name="employedSince" label="连续就业起始日期" rules={[{ required: true, message: '农民工须填写就业起始日期' }]}>
                <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider />
        <Typography.Title level={5}>致困原因</Typography.Title>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="mainCause" label="主要致困原因" rules={[{ required: true, message: '请选择主要致困原因' }]}>
              <Select options={causeOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="secondaryCauses"
              label="次要原因（至多三项）"
              rules={[
                {
                  validator: async (_: unknown, v?: string[]) => {
                    if (v && v.length > 3) throw new Error('次要原因至多三项');
                  },
                },
              ]}
            >
              <Select mode="multiple" allowClear options={causeOptions.filter((o) => o.value !== mainCause)} maxCount={3} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="accident" label="意外事故" valuePropName="checked">
              <Checkbox>本年度遭遇重大灾害、伤病或致残</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>家庭成员（不含职工本人）</Typography.Title>
        <MemberRows />
        <Divider />
        <Typography.Title level={5}>家庭年收入与刚性支出</Typography.Title>
        <Typography.Paragraph type="secondary">金额按元填写（最多两位小数），系统按分保存和计算。</Typography.Paragraph>
        <FinanceRows />
        <div style={{ marginTop: 16 }} aria-live="polite">
          {basis ? <GradeBasisView basis={basis} title="困难等级试算" /> : problem ? <Alert type="warning" showIcon message="暂不能试算困难等级" description={problem} /> : null}
        </div>
        <Divider />
        <Typography.Title level={5}>收款银行账户</Typography.Title>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="bankName" label="开户银行">
              <Input maxLength={50} placeholder="如：中国农业银行南平分行" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="bankAccount"
              label="银行账号"
              rules={[
                {
                  validator: async (_: unknown, v?: string) => {
                    if (v && !BANK_ACCOUNT_FORMAT.test(v.replace(/\s+/g, ''))) throw new Error('银行账号应为 12 至 30 位数字');
                  },
                },
              ]}
              extra="加密保存，列表与导出中只显示末四位"
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        {serverError && <Alert type="error" showIcon message={serverError} style={{ marginTop: 8 }} />}
      </Form>
    </Drawer>
  );
}
