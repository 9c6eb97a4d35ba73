/** The form fields of each action on a household file: home visit, filing after notice, exit, edit, yearly review, re-entry. */
import { Alert, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { notFuture, useHardshipCodes, type HouseholdFile } from './shared.ts';
import { FinanceRows, MemberRows } from './RegisterDrawer.tsx';

export type Action = 'visit' | 'file' | 'review' | 'exit' | 'reenter' | 'edit' | null;

export function HouseholdActionFields({ action, h }: { action: Action; h: HouseholdFile['household'] | undefined }) {
  const codes = useHardshipCodes();
  return (
    <>
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
    </>
  );
}
