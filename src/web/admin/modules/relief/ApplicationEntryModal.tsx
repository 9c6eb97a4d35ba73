/** The dialog that enters an application for a household (on file or not) or a student, its eligibility checked first. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import { api, errorMessage } from '../../lib/api.ts';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { BANK_ACCOUNT_FORMAT, HBASE, idRule, money, type Household } from '../hardship/shared.ts';
import { RBASE, useReliefCodes, type Application, type Campaign, type Check } from './shared.ts';
import { Checks } from './EligibilityChecks.tsx';

/** Enter an application for a household (on file or not) or a student; check eligibility first. */
export function EntryModal({ campaign, open, onClose, onCreated }: { campaign: Campaign | undefined; open: boolean; onClose: () => void; onCreated: (a: Application) => void }) {
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
