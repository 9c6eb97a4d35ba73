/** The drawer of one application: who, the checks, the approval steps with each decision, the postings; decided here. */
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Space, Steps, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { todayInShanghai } from '../../lib/time.ts';
import { Link } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useUnitQuery } from '../../lib/scope.tsx';
import { money, notFuture } from '../hardship/shared.ts';
import { ENTRY_KIND_LABELS, LEVEL_LABELS, RBASE, STATUS_COLORS, STATUS_LABELS, useReliefCodes, type ApplicationDetail } from './shared.ts';
import { Checks, one } from './EligibilityChecks.tsx';

/** One application: who, the checks, the approval steps with each decision, the postings; decide here. */
export function ApplicationDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
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
