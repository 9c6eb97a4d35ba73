/** 资金发放: payment batches — gather the approved applications of a paying unit, download the bank transfer file, confirm payment (each application paid once). */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime, inShanghai, today } from '../../lib/time.ts';
import { useSearchParams } from 'react-router';
import { api, errorMessage, type PageOf, downloadFile } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { fenToYuan, iso, money, notFuture } from '../hardship/shared.ts';
import { RBASE, STATUS_COLORS, STATUS_LABELS, useCampaigns, type Application, type Batch } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

export default function BatchesPage() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const { unit } = useScope();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const raw = params.get('campaign');
  const campaignId = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState<Batch | null>(null);
  const [viewing, setViewing] = useState<{ batch: Batch; applications: Application[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [batchApps, setBatchApps] = useState<Application[]>([]);
  const [form] = Form.useForm();
  const canPay = can('funds.pay');

  const { data, loading, reload } = useRemote<PageOf<Batch>>(`${RBASE}/batches`, { campaignId, page, pageSize }, { initial: { items: [], total: 0 } });

  const open = async (b: Batch) => {
    try {
      setViewing(await api.get<{ batch: Batch; applications: Application[] }>(`${RBASE}/batches/${b.id}`));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const b = await api.post<Batch>(`${RBASE}/campaigns/${v.campaignId}/batches`, { unitId: v.unitId });
      message.success(`已生成第 ${b.id} 批：${b.count} 份，${money(b.totalFen)}`);
      setCreating(false);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!confirming) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const b = await api.post<Batch>(`${RBASE}/batches/${confirming.id}/confirm`, { paidOn: iso(v.paidOn), bankReference: v.bankReference?.trim() || null, failedApplicationIds: v.failed ?? [] });
      message.success(`第 ${b.id} 批已确认发放：${b.count} 份，${money(b.totalFen)}`);
      setConfirming(null);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const bankFile = async (b: Batch) => {
    try {
      await downloadFile(`${RBASE}/batches/${b.id}/bank-file.xlsx`, undefined, `代发文件-批次${b.id}.xlsx`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const campaignName = (id: number) => campaigns.find((c) => c.id === id)?.name ?? `活动 ${id}`;

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title="资金发放批次"
        extra={
          canPay && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ campaignId: campaignId ?? campaigns[0]?.id, unitId: unit!.id });
                setCreating(true);
              }}
            >
              生成发放批次
            </Button>
          )
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label="帮扶活动"
            placeholder="全部活动"
            allowClear
            style={{ width: 280 }}
            value={campaignId}
            onChange={(v?: number) => {
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                if (v === undefined) next.delete('campaign');
                else next.set('campaign', String(v));
                return next;
              });
              setPage(1);
            }}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Space>
        <Table<Batch>
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          pagination={pagination(data.total)}
          columns={[
            { title: '批次', dataIndex: 'id', width: 70, render: (v: number, b) => <ActionLink onClick={() => void open(b)}>第 {v} 批</ActionLink> },
            { title: '帮扶活动', dataIndex: 'campaignId', ellipsis: true, render: (id: number) => campaignName(id) },
            { title: '发放单位', dataIndex: 'unitName', ellipsis: true },
            { title: '笔数', dataIndex: 'count', width: 70, align: 'right' },
            { title: '金额（元）', dataIndex: 'totalFen', width: 120, align: 'right', render: (v: number) => fenToYuan(v) },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: string) => (s === 'paid' ? <Tag color="green">已发放</Tag> : <Tag color="gold">待发放</Tag>) },
            { title: '生成时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: '代发文件', dataIndex: 'exportedAt', width: 150, render: (v: string | null) => (v ? `已下载 ${inShanghai(v).format('MM-DD HH:mm')}` : '未下载') },
            { title: '发放日期', dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '银行回单号', dataIndex: 'bankReference', width: 130, render: (v: string | null) => v ?? '—' },
            {
              title: '操作',
              width: 220,
              render: (_: unknown, b) =>
                canPay && (
                  <Space>
                    <Button size="small" icon={<DownloadOutlined />} aria-label={`下载第 ${b.id} 批代发文件`} onClick={() => void bankFile(b)}>
                      代发文件
                    </Button>
                    {b.status !== 'paid' && (
                      <Button
                        size="small"
                        type="primary"
                        aria-label={`确认第 ${b.id} 批已发放`}
                        onClick={() => {
                          form.resetFields();
                          form.setFieldsValue({ paidOn: today(), failed: [] });
                          setBatchApps([]);
                          void api
                            .get<{ batch: Batch; applications: Application[] }>(`${RBASE}/batches/${b.id}`)
                            .then((r) => setBatchApps(r.applications))
                            .catch(() => undefined);
                          setConfirming(b);
                        }}
                      >
                        确认发放
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>

      <Modal title="生成发放批次" open={creating} onCancel={() => setCreating(false)} onOk={() => void create()} confirmLoading={busy} okText="生成" destroyOnHidden>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="把发放单位辖区内已审批通过、尚未编入批次的申请编成一批；同一申请只会编入一个批次。" />
        <Form form={form} layout="vertical" name="batch">
          <Form.Item name="campaignId" label="帮扶活动" rules={[{ required: true, message: '请选择活动' }]}>
            <Select options={campaigns.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="unitId" label="发放单位" rules={[{ required: true }]}>
            <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind} valueLabel={unit!.name} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={confirming ? `确认第 ${confirming.id} 批已发放` : ''}
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        onOk={() => void confirm()}
        confirmLoading={busy}
        okText="确认发放"
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`凭银行回单确认：本批 ${confirming?.count ?? 0} 笔，${money(confirming?.totalFen ?? 0)}。每份申请只记一次支付；退票的申请移出本批，下次再发。`}
        />
        <Form form={form} layout="vertical" name="confirm">
          <Form.Item name="paidOn" label="发放日期" rules={[{ required: true, message: '请选择发放日期' }]}>
            <DatePicker format="YYYY-MM-DD" disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="bankReference" label="银行回单号">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="failed" label="退票的申请（没有则不选）">
            <Select mode="multiple" allowClear options={batchApps.map((a) => ({ value: a.id, label: `${a.id} ${a.name} ${fenToYuan(a.amountFen)} 元` }))} />
          </Form.Item>
        </Form>
      </Modal>

      <Drawer title={viewing ? `第 ${viewing.batch.id} 批发放明细` : ''} open={viewing !== null} onClose={() => setViewing(null)} width={860}>
        {viewing && (
          <Table<Application>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={viewing.applications}
            columns={[
              { title: '申请', dataIndex: 'id', width: 70 },
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号', dataIndex: 'idMasked', render: (v: string) => <span className="gh-hr-mono">{v}</span> },
              { title: '收款账号', dataIndex: 'bankAccountMasked', render: (v: string | null, a) => `${a.bankName ?? ''} ${v ?? '（缺少账号）'}` },
              { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (v: number) => fenToYuan(v) },
              { title: '状态', dataIndex: 'status', render: (s?: Application['status']) => (s ? <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag> : null) },
              { title: '发放日期', dataIndex: 'paidOn', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Drawer>
    </div>
  );
}
