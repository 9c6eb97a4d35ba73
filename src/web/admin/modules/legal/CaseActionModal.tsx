/** A case action's dialog: advance, end a stage, record an event, close, assign a lawyer, add a party, request or decide legal aid. */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { notFuture } from '../../lib/time.ts';
import { api, errorMessage } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { idNumberProblem } from '../membership/shared.ts';
import { useLt } from './i18n.ts';
import { BASE, EVENTS, OUTCOMES, RESULTS, ROLES_AT, toFen, type Dispute, type Lawyer, type Stage } from './shared.ts';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export type Action = 'advance' | 'endStage' | 'event' | 'close' | 'assign' | 'party' | 'aid' | 'decide';

/** The dialog of a case action (advance, end a stage, record an event, close, assign a lawyer, add a party, request or decide aid): its form and its saving. */
export function CaseActionModal({
  c,
  current,
  nextStages,
  servingLawyers,
  form,
  action,
  onClose,
  onSaved,
}: {
  c: Dispute;
  current: Dispute['stages'][number];
  nextStages: Stage[];
  servingLawyers: Lawyer[];
  form: FormInstance;
  action: { kind: Action; aidId?: number } | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { lt, ll } = useLt();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const p = `${BASE}/cases/${c.id}`;
      switch (action.kind) {
        case 'advance':
          await api.post(`${p}/stages`, { stage: v.stage, role: v.role, startedOn: iso(v.startedOn), note: v.note?.trim() || null });
          break;
        case 'endStage':
          await api.post(`${p}/stage-outcome`, { outcome: v.outcome, endedOn: iso(v.endedOn), amountFen: toFen(v.amount) ?? 0, note: v.note?.trim() || null });
          break;
        case 'event':
          await api.post(`${p}/events`, { kind: v.kind, occurredOn: iso(v.occurredOn), note: v.note?.trim() || null });
          break;
        case 'close':
          await api.post(`${p}/close`, { result: v.result, closedOn: iso(v.closedOn), note: v.note?.trim() || null });
          break;
        case 'assign':
          await api.post(`${p}/assignments`, { lawyerId: v.lawyerId, assignedOn: iso(v.assignedOn) });
          break;
        case 'party':
          await api.post(`${p}/parties`, { name: String(v.name).trim(), idNumber: String(v.idNumber).toUpperCase(), phone: v.phone || null });
          break;
        case 'aid':
          await api.post(`${p}/aid-requests`, { partyId: v.partyId, requestedOn: iso(v.requestedOn), reason: String(v.reason).trim() });
          break;
        case 'decide':
          await api.post(`${BASE}/aid-requests/${action.aidId}/decision`, {
            decision: v.decision,
            decidedOn: iso(v.decidedOn),
            note: v.note?.trim() || null,
            lawyerId: v.decision === 'granted' ? v.lawyerId : null,
          });
          break;
      }
      message.success(action.kind === 'close' ? lt('case.closedDone') : lt('case.saved'));
      onSaved();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const required = (f: string) => ({ required: true, message: t('common.required', { f }) });

  return (
    <Modal
      open={action !== null}
      title={
        action
          ? {
              advance: lt('case.advance'),
              endStage: `${lt('case.endStage')}：${ll('stage', current.stage)}`,
              event: lt('case.addEvent'),
              close: lt('case.close'),
              assign: lt('case.assign'),
              party: lt('case.addParty'),
              aid: lt('case.requestAid'),
              decide: lt('case.decide'),
            }[action.kind]
          : ''
      }
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      mask={{ closable: false }}
      forceRender
    >
      <Form form={form} layout="vertical" name="legal-case-action">
        {action?.kind === 'advance' && (
          <>
            <Form.Item label={lt('case.nextStage')} name="stage" rules={[required(lt('case.nextStage'))]}>
              <Select options={nextStages.map((s) => ({ value: s, label: ll('stage', s) }))} onChange={(s: Stage) => form.setFieldsValue({ role: ROLES_AT[s][0] })} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.stage !== b.stage}>
              {() => (
                <Form.Item label={lt('case.role')} name="role" rules={[required(lt('case.role'))]}>
                  <Select options={(ROLES_AT[form.getFieldValue('stage') as Stage] ?? []).map((r) => ({ value: r, label: ll('role', r) }))} />
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item label={lt('case.startedOn')} name="startedOn" rules={[required(lt('case.startedOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={lt('case.note')} name="note">
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {action?.kind === 'endStage' && (
          <>
            <Form.Item label={lt('case.outcome')} name="outcome" rules={[required(lt('case.outcome'))]}>
              <Select options={OUTCOMES[current.stage as Stage].map((o) => ({ value: o, label: ll('outcome', o) }))} />
            </Form.Item>
            <Form.Item label={lt('case.endedOn')} name="endedOn" rules={[required(lt('case.endedOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              label={lt('case.amount')}
              name="amount"
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (v && toFen(v) === null) throw new Error(lt('amount.format'));
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix={lt('yuan')} />
            </Form.Item>
            <Form.Item label={lt('case.note')} name="note">
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {action?.kind === 'event' && (
          <>
            <Form.Item label={lt('case.eventKind')} name="kind" rules={[required(lt('case.eventKind'))]}>
              <Select options={EVENTS.map((e) => ({ value: e, label: ll('event', e) }))} />
            </Form.Item>
            <Form.Item label={lt('case.occurredOn')} name="occurredOn" rules={[required(lt('case.occurredOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={lt('case.note')} name="note">
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {action?.kind === 'close' && (
          <>
            <Form.Item label={lt('case.result')} name="result" rules={[required(lt('case.result'))]}>
              <Select options={RESULTS.map((r) => ({ value: r, label: ll('result', r) }))} />
            </Form.Item>
            <Form.Item label={lt('case.closedOn')} name="closedOn" rules={[required(lt('case.closedOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={lt('case.note')} name="note">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            {!current.endedOn && current.stage !== 'intake' && <Alert type="warning" showIcon title={lt('case.needEnd')} />}
          </>
        )}
        {(action?.kind === 'assign' || action?.kind === 'decide') && (
          <>
            {action.kind === 'decide' && (
              <Form.Item label={lt('case.aidDecision')} name="decision" rules={[required(lt('case.aidDecision'))]}>
                <Select options={['granted', 'refused'].map((d) => ({ value: d, label: ll('aid', d) }))} />
              </Form.Item>
            )}
            <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
              {() =>
                action.kind === 'assign' || form.getFieldValue('decision') === 'granted' ? (
                  <Form.Item label={lt('case.aidLawyer')} name="lawyerId" rules={[{ required: true, message: lt('case.aidNeedsLawyer') }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={servingLawyers.map((l) => ({ value: l.id, label: `${l.name}（${l.firm}）` }))} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
            <Form.Item
              label={action.kind === 'assign' ? lt('case.assignedOn') : lt('case.aidDecidedOn')}
              name={action.kind === 'assign' ? 'assignedOn' : 'decidedOn'}
              rules={[required(lt('case.occurredOn'))]}
            >
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            {action.kind === 'decide' && (
              <Form.Item label={lt('case.aidNote')} name="note">
                <Input maxLength={500} />
              </Form.Item>
            )}
          </>
        )}
        {action?.kind === 'party' && (
          <>
            <Form.Item label={lt('intake.workerName')} name="name" rules={[{ ...required(lt('intake.workerName')), whitespace: true }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              label={lt('intake.idNumber')}
              name="idNumber"
              normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
              rules={[
                required(lt('intake.idNumber')),
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v) return;
                    const p = idNumberProblem(v);
                    if (p) throw new Error(lt(p === 'format' ? 'id.format' : p === 'date' ? 'id.date' : 'id.check'));
                  },
                },
              ]}
            >
              <Input maxLength={18} className="gh-ms-mono" autoComplete="off" />
            </Form.Item>
            <Form.Item label={lt('intake.phone')} name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: lt('phone.format') }]}>
              <Input maxLength={11} />
            </Form.Item>
          </>
        )}
        {action?.kind === 'aid' && (
          <>
            <Form.Item label={lt('case.aidParty')} name="partyId" rules={[required(lt('case.aidParty'))]}>
              <Select options={c.parties.map((p) => ({ value: p.id, label: `${p.name}（${p.idMasked}）` }))} />
            </Form.Item>
            <Form.Item label={lt('case.aidRequestedOn')} name="requestedOn" rules={[required(lt('case.aidRequestedOn'))]}>
              <DatePicker disabledDate={notFuture} format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label={lt('case.aidReason')} name="reason" rules={[{ ...required(lt('case.aidReason')), whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
