/** 受理劳动争议: source, workers (one or many, ID numbers checked as typed), employer by credit code, type, amounts in yuan sent as fen. */
import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { notFuture, today } from '../../lib/time.ts';
import { api, errorMessage, type UnitKind } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useScope } from '../../lib/scope.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { idNumberProblem } from '../membership/shared.ts';
import { useLt } from './i18n.ts';
import { BASE, CHANNELS, creditCodeProblem, DISPUTE_TYPES, toFen } from './shared.ts';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

interface WorkerForm {
  name?: string;
  idNumber?: string;
  phone?: string;
  migrantWorker?: boolean;
}

export function IntakeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: number, ref: string) => void }) {
  const { t } = useI18n();
  const { lt, ll } = useLt();
  const { message } = App.useApp();
  const { unit } = useScope();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const required = (f: string) => ({ required: true, message: t('common.required', { f }) });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ unitId: unit!.id, openedOn: today(), channel: 'station', workers: [{}] });
  }, [open, form, unit]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const workers = (v.workers as WorkerForm[]).map((w) => ({
        name: String(w.name).trim(),
        idNumber: String(w.idNumber).trim().toUpperCase(),
        phone: w.phone ? String(w.phone).trim() : null,
        migrantWorker: !!w.migrantWorker,
      }));
      const r = await api.post<{ id: number; ref: string }>(`${BASE}/cases`, {
        unitId: v.unitId,
        channel: v.channel,
        channelNote: v.channelNote?.trim() || null,
        disputeType: v.disputeType,
        claimedFen: toFen(v.claimed) ?? 0,
        employerName: String(v.employerName).trim(),
        employerCreditCode: v.employerCreditCode ? String(v.employerCreditCode).trim().toUpperCase() : null,
        facts: v.facts?.trim() || null,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        openedOn: iso(v.openedOn),
        knewOn: iso(v.knewOn) ?? null,
        workers,
      });
      message.success(lt('intake.done', { ref: r.ref }));
      onDone(r.id, r.ref);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={lt('intake.title')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      mask={{ closable: false }}
      width={820}
      forceRender
    >
      <Form form={form} name="legal-intake" layout="vertical" requiredMark>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={lt('intake.unit')} name="unitId" rules={[required(lt('intake.unit'))]}>
              <UnitTreeSelect rootId={unit!.id} rootName={unit!.name} rootKind={unit!.kind as UnitKind} valueLabel={unit!.name} ariaLabel={lt('intake.unit')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={lt('intake.channel')} name="channel" rules={[required(lt('intake.channel'))]}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: ll('channel', c) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={lt('intake.type')} name="disputeType" rules={[required(lt('intake.type'))]}>
              <Select options={DISPUTE_TYPES.map((c) => ({ value: c, label: ll('type', c) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{lt('intake.workers')}</Typography.Text>
        <div className="gh-muted" style={{ marginBottom: 8 }}>
          {lt('intake.workersHint')}
        </div>
        <Form.List name="workers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" className="gh-lg-worker" aria-label={`${lt('intake.workers')} ${i + 1}`} role="group">
                  <Col span={5}>
                    <Form.Item label={i === 0 ? lt('intake.workerName') : undefined} name={[f.name, 'name']} rules={[{ ...required(lt('intake.workerName')), whitespace: true }]}>
                      <Input maxLength={50} aria-label={`${lt('intake.workerName')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      label={i === 0 ? lt('intake.idNumber') : undefined}
                      name={[f.name, 'idNumber']}
                      normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
                      validateTrigger={['onChange', 'onBlur']}
                      rules={[
                        required(lt('intake.idNumber')),
                        {
                          validator: async (_r, v: string | undefined) => {
                            if (!v) return;
                            if (v.length < 18) {
                              if (!/^\d{0,17}[\dX]?$/.test(v)) throw new Error(lt('id.format'));
                              return;
                            }
                            const p = idNumberProblem(v);
                            if (p === 'format') throw new Error(lt('id.format'));
                            if (p === 'date') throw new Error(lt('id.date'));
                            if (p === 'check') throw new Error(lt('id.check'));
                            const all = (form.getFieldValue('workers') as WorkerForm[]).map((w) => w?.idNumber);
                            if (all.filter((x) => x === v).length > 1) throw new Error(lt('intake.dupId'));
                          },
                        },
                        { len: 18, message: lt('id.format'), validateTrigger: 'onBlur' },
                      ]}
                    >
                      <Input maxLength={18} autoComplete="off" className="gh-ms-mono" aria-label={`${lt('intake.idNumber')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label={i === 0 ? lt('intake.phone') : undefined} name={[f.name, 'phone']} rules={[{ pattern: /^1[3-9]\d{9}$/, message: lt('phone.format') }]}>
                      <Input maxLength={11} autoComplete="off" aria-label={`${lt('intake.phone')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item label={i === 0 ? ' ' : undefined} name={[f.name, 'migrantWorker']} valuePropName="checked">
                      <Checkbox>{lt('intake.migrant')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label={i === 0 ? ' ' : undefined}>
                      <Button icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={`${lt('intake.removeWorker')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }} disabled={fields.length >= 500}>
                {lt('intake.addWorker')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={lt('intake.employerName')} name="employerName" rules={[{ ...required(lt('intake.employerName')), whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={lt('intake.creditCode')}
              name="employerCreditCode"
              extra={lt('intake.creditCodeHint')}
              normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v) return;
                    const p = creditCodeProblem(v);
                    if (p === 'format') throw new Error(lt('cc.format'));
                    if (p === 'check') throw new Error(lt('cc.check'));
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" className="gh-ms-mono" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={lt('intake.claimed')}
              name="claimed"
              rules={[
                required(lt('intake.claimed')),
                {
                  validator: async (_r, v: string | undefined) => {
                    if (v && toFen(v) === null) throw new Error(lt('amount.format'));
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix={lt('yuan')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={lt('intake.openedOn')} name="openedOn" rules={[required(lt('intake.openedOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={lt('intake.knewOn')} name="knewOn" extra={lt('intake.knewOnHint')}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={lt('intake.title2')} name="title" extra={lt('intake.title2Hint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={lt('intake.facts')} name="facts" extra={lt('intake.factsHint')}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={lt('intake.channelNote')} name="channelNote">
          <Input maxLength={200} />
        </Form.Item>
        <Space />
      </Form>
    </Modal>
  );
}
