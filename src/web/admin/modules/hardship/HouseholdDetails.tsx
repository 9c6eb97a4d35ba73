/** A household's particulars: the worker, the sensitive view opened with a stated reason, and the family members. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { fenToYuan, HBASE, SCHOOL_LEVELS, useHardshipCodes, type HouseholdFile, type Sensitive } from './shared.ts';
import { GradeBasisView } from './RegisterDrawer.tsx';
import { one } from './oneLine.ts';

/** Masked by default; the full ID numbers, bank account and finances show after a reason is given (and logged). */
export function HouseholdDetails({ h, file }: { h: HouseholdFile['household']; file: HouseholdFile }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const codes = useHardshipCodes();
  const [busy, setBusy] = useState(false);
  const [revealOpen, setRevealOpen] = useState(false);
  const [sensitive, setSensitive] = useState<Sensitive | null>(null);
  const [revealForm] = Form.useForm();

  const reveal = async () => {
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

  return (
    <>
      {/* Spaced as the drawer spaces its own sections. */}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions size="small" bordered column={3} title="职工本人">
          <Descriptions.Item label="姓名">{h.workerName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">
            <span className="gh-hr-mono">{sensitive ? sensitive.idNumber : h.idMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label="性别">{h.gender === 'male' ? '男' : '女'}</Descriptions.Item>
          <Descriptions.Item label="出生年份">{h.birthYear}</Descriptions.Item>
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
              { title: '出生年份', dataIndex: 'birthYear', render: (v: number | null) => v ?? '—' },
              { title: '健康状况', dataIndex: 'health', render: (v: string | null) => v ?? '—' },
              { title: '职业/就学', dataIndex: 'occupation', render: (v: string | null) => v ?? '—' },
              { title: '在读学段', dataIndex: 'schoolLevel', render: (v: string | null) => (v ? (SCHOOL_LEVELS[v] ?? v) : '—') },
            ]}
          />
        </Card>
      </Space>
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
    </>
  );
}
