/** A member's details and membership history (join, transfer, leave), with transfer, leave and the logged full-ID view. */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { today } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useRemote } from '../../lib/remote.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useMt } from './i18n.ts';
import { EnterpriseSelect, UnionSelect } from './pickers.tsx';
import { BASE, iso, LEAVE_REASONS, type Member } from './shared.ts';

type Action = 'transfer' | 'leave' | 'reveal';

export function StatusTag({ m }: { m: Pick<Member, 'status'> }) {
  const { ml } = useMt();
  return <Tag color={m.status === 'active' ? 'green' : 'default'}>{ml('mem.status', m.status)}</Tag>;
}

export function MemberDrawer({ personId, onClose, onChanged }: { personId: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { mt, ml } = useMt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const [action, setAction] = useState<Action | null>(null);
  const [revealed, setRevealed] = useState<{ idNumber: string; phone: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const toUnion = Form.useWatch('toUnionUnitId', form) as number | undefined;

  // The drawer says why it could not load, in place of the record.
  const remote = useRemote<{ current: Member; periods: Member[] }>(personId === null ? null : `${BASE}/members/${personId}`, undefined, { onError: () => {} });
  const data = remote.data;
  const error = remote.error ? errorMessage(remote.error) : null;

  const m = data?.current;
  const active = m?.status === 'active';
  const notBefore = (d: Dayjs) => d.isAfter(today(), 'day') || (!!m && d.isBefore(dayjs(m.joinedOn), 'day'));

  const begin = (a: Action) => {
    form.resetFields();
    form.setFieldsValue(a === 'reveal' ? {} : { on: today() });
    setRevealed(null);
    setAction(a);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (action === 'transfer') {
        await api.post(`${BASE}/members/${personId}/transfer`, { toUnionUnitId: v.toUnionUnitId, enterpriseId: v.enterpriseId ?? null, on: iso(v.on) });
        message.success(mt('mem.transferred'));
      } else if (action === 'leave') {
        await api.post(`${BASE}/members/${personId}/leave`, { on: iso(v.on), reason: v.reason });
        message.success(mt('mem.left'));
      } else if (action === 'reveal') {
        setRevealed(await api.post<{ idNumber: string; phone: string | null }>(`${BASE}/members/${personId}/reveal-id`, { reason: String(v.reason).trim() }));
        return;
      }
      setAction(null);
      remote.reload();
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const periods = data ? [...data.periods].reverse() : [];
  const title = action === 'transfer' ? mt('mem.transfer') : action === 'leave' ? mt('mem.leave') : mt('mem.reveal');

  return (
    <Drawer open={personId !== null} onClose={onClose} title={m ? `${m.name}` : mt('mem.detail')} size={600} destroyOnHidden>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!m && !error && <Skeleton active />}
      {m && (
        <>
          <Space wrap style={{ marginBottom: 16 }} className="gh-no-print">
            {can('members.write') && active && (
              <>
                <Button type="primary" onClick={() => begin('transfer')}>
                  {mt('mem.transfer')}
                </Button>
                <Button danger onClick={() => begin('leave')}>
                  {mt('mem.leave')}
                </Button>
              </>
            )}
            {can('members.sensitive') && (
              <Button icon={<EyeOutlined />} onClick={() => begin('reveal')}>
                {mt('mem.reveal')}
              </Button>
            )}
          </Space>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: mt('mem.name'), children: m.name },
              { key: 'id', label: mt('mem.id'), children: <span className="gh-ms-mono">{m.idMasked}</span> },
              { key: 'gender', label: mt('mem.gender'), children: ml('mem.gender', m.gender) },
              { key: 'birth', label: mt('mem.birthYear'), children: m.birthYear },
              { key: 'phone', label: mt('mem.phone'), children: m.phone ?? '—' },
              { key: 'migrant', label: mt('mem.migrant'), children: m.migrantWorker ? <Tag color="orange">{mt('mem.migrant')}</Tag> : t('common.no') },
              { key: 'status', label: mt('mem.status'), children: <StatusTag m={m} /> },
              { key: 'union', label: mt('mem.union'), children: m.unionName },
              { key: 'employer', label: mt('mem.employer'), children: m.enterpriseName ?? '—' },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {mt('mem.history')}
          </Typography.Title>
          <Timeline
            aria-label={mt('mem.history')}
            items={periods.map((p, i) => {
              const first = i === periods.length - 1;
              return {
                key: `${p.joinedOn}-${i}`,
                color: p.status === 'active' ? 'red' : 'gray',
                title: mt('mem.period', { from: p.joinedOn, to: p.leftOn ?? mt('mem.now') }),
                content: (
                  <div>
                    <Space size={6} wrap>
                      <Tag>{first ? mt('mem.event.join') : mt('mem.event.transferIn')}</Tag>
                      <Typography.Text strong>{p.unionName}</Typography.Text>
                      {p.enterpriseName && <span className="gh-small">{p.enterpriseName}</span>}
                    </Space>
                    {p.leftOn && p.leaveReason && (
                      <div className="gh-muted">
                        {mt('mem.leftOn')} {p.leftOn}：{ml('mem.reason', p.leaveReason)}
                      </div>
                    )}
                  </div>
                ),
              };
            })}
          />
        </>
      )}
      <Modal
        open={action !== null}
        title={m ? `${title}：${m.name}` : title}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => (revealed ? setAction(null) : void submit().catch(() => undefined))}
        onCancel={() => setAction(null)}
        cancelButtonProps={{ style: revealed ? { display: 'none' } : undefined }}
        confirmLoading={busy}
        mask={{ closable: false }}
        forceRender
      >
        {revealed ? (
          <>
            <Alert type="warning" showIcon title={mt('mem.revealedHint')} style={{ marginBottom: 12 }} />
            <Typography.Text type="secondary">{mt('mem.revealed')}</Typography.Text>
            <div className="gh-ms-idnumber">
              <output aria-label={mt('mem.revealed')}>{revealed.idNumber}</output>
            </div>
            {revealed.phone && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{mt('mem.phone')}：</Typography.Text>
                <output aria-label={mt('mem.phone')}>{revealed.phone}</output>
              </div>
            )}
          </>
        ) : (
          <Form form={form} name="member-action" layout="vertical">
            {action === 'transfer' && (
              <>
                <Form.Item label={mt('mem.transferTo')} name="toUnionUnitId" rules={[{ required: true, message: t('common.required', { f: mt('mem.transferTo') }) }]}>
                  <UnionSelect underUnitId={me.unit.id} exclude={m?.unionUnitId} onChange={() => form.setFieldsValue({ enterpriseId: undefined })} />
                </Form.Item>
                <Form.Item label={mt('mem.employer')} name="enterpriseId" extra={mt('mem.employerHint')}>
                  <EnterpriseSelect underUnitId={me.unit.id} unionId={toUnion} allowClear />
                </Form.Item>
              </>
            )}
            {action === 'leave' && (
              <Form.Item label={mt('mem.leaveReason')} name="reason" rules={[{ required: true, message: t('common.required', { f: mt('mem.leaveReason') }) }]}>
                <Select options={LEAVE_REASONS.map((r) => ({ value: r, label: ml('mem.reason', r) }))} />
              </Form.Item>
            )}
            {(action === 'transfer' || action === 'leave') && (
              <Form.Item label={action === 'transfer' ? mt('mem.transferOn') : mt('mem.leaveOn')} name="on" rules={[{ required: true, message: t('common.required', { f: t('common.effectiveOn') }) }]}>
                <DatePicker disabledDate={notBefore} format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            )}
            {action === 'reveal' && (
              <Form.Item
                label={mt('mem.revealReason')}
                name="reason"
                extra={mt('mem.revealHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { f: mt('mem.revealReason') }) },
                  { min: 2, max: 200, message: mt('mem.revealHelp') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={200} />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </Drawer>
  );
}
