/** 申请与审批: applications of a campaign — enter one (household or student) with the eligibility check and its reasons, the approval steps, decisions with reasons, bulk approval with a preview of what will change. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage, downloadFile } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useScope } from '../../lib/scope.tsx';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { fenToYuan, money } from '../hardship/shared.ts';
import { useRt } from './i18n.ts';
import { RBASE, STATUS_COLORS, STATUS_LABELS, useCampaigns, useReliefCodes, type Application, type ApprovalStatus, type BulkPreview } from './shared.ts';
import { ParamLink } from '../../components/ParamLink.tsx';
import { ApplicationDrawer } from './ApplicationDrawer.tsx';
import { EntryModal } from './ApplicationEntryModal.tsx';
import { one } from './EligibilityChecks.tsx';

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
