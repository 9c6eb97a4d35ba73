/** The org write actions as modal forms: new sub-unit, rename, move, close, reopen. */
import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { notFuture, today } from '../../lib/time.ts';
import { api, errorMessage, type Unit, type UnitDetail, type UnitKind } from '../../lib/api.ts';
import { useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { CHILD_KINDS } from '../../lib/org.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';

export type OrgAction =
  | { kind: 'create'; parent: { id: number; name: string; kind: UnitKind } }
  | { kind: 'rename'; unit: Unit }
  | { kind: 'move'; unit: Unit }
  | { kind: 'close'; unit: Unit }
  | { kind: 'reopen'; unit: Unit };

const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function EffectiveDate({ name = 'effectiveOn' }: { name?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('common.effectiveOn')}
      name={name}
      extra={t('common.effectiveOnHelp')}
      rules={[
        { required: true, message: t('common.required', { f: t('common.effectiveOn') }) },
        {
          validator: async (_r, v: Dayjs | undefined) => {
            if (v && notFuture(v)) throw new Error(t('common.effectiveOnHelp'));
          },
        },
      ]}
    >
      <DatePicker disabledDate={notFuture} style={{ width: '100%' }} format="YYYY-MM-DD" />
    </Form.Item>
  );
}

export function OrgActionModal({ action, onClose, onDone }: { action: OrgAction | null; onClose: () => void; onDone: (changed?: Unit) => void }) {
  if (!action) return null;
  return <ActionForm action={action} onClose={onClose} onDone={onDone} />;
}

function ActionForm({ action, onClose, onDone }: { action: OrgAction; onClose: () => void; onDone: (changed?: Unit) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [parent, setParent] = useState<{ id: number; name: string; kind: UnitKind } | null>(action.kind === 'create' ? action.parent : null);
  const [initialValues] = useState<Record<string, unknown>>(() => {
    const v: Record<string, unknown> = { effectiveOn: today() };
    if (action.kind === 'create') {
      const kinds = CHILD_KINDS[action.parent.kind];
      v.parentId = action.parent.id;
      v.kind = kinds.length === 1 ? kinds[0] : undefined;
    }
    if (action.kind === 'rename') v.name = action.unit.name;
    return v;
  });

  const titles = { create: t('org.create'), rename: t('org.rename'), move: t('org.move'), close: t('org.close'), reopen: t('org.reopen') };
  const childKinds = parent ? CHILD_KINDS[parent.kind] : [];

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      let changed: Unit | undefined;
      switch (action.kind) {
        case 'create':
          changed = await api.post<Unit>('/api/v1/org/units', {
            parentId: v.parentId,
            name: String(v.name).trim(),
            kind: v.kind,
            ...(v.code ? { code: String(v.code).trim() } : {}),
            openedOn: iso(v.effectiveOn),
          });
          message.success(t('org.created'));
          break;
        case 'rename':
          changed = await api.patch<Unit>(`/api/v1/org/units/${action.unit.id}`, { name: String(v.name).trim(), effectiveOn: iso(v.effectiveOn) });
          message.success(t('org.renamed'));
          break;
        case 'move':
          changed = await api.post<Unit>(`/api/v1/org/units/${action.unit.id}/move`, { newParentId: v.newParentId, effectiveOn: iso(v.effectiveOn) });
          message.success(t('org.moved'));
          break;
        case 'close':
        case 'reopen':
          changed = await api.post<Unit>(`/api/v1/org/units/${action.unit.id}/${action.kind}`, { reason: String(v.reason).trim(), effectiveOn: iso(v.effectiveOn) });
          message.success(t(action.kind === 'close' ? 'org.closed' : 'org.reopened'));
          break;
      }
      onDone(changed);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const onParentChange = async (id: number) => {
    try {
      const u = await api.get<UnitDetail>(`/api/v1/org/units/${id}`);
      setParent({ id: u.id, name: u.name, kind: u.kind });
      const kinds = CHILD_KINDS[u.kind];
      form.setFieldsValue({ kind: kinds.length === 1 ? kinds[0] : undefined });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={'unit' in action ? `${titles[action.kind]}：${action.unit.name}` : titles[action.kind]}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" requiredMark initialValues={initialValues}>
        {action.kind === 'create' && (
          <>
            <Form.Item label={t('org.parent')} name="parentId" rules={[{ required: true, message: t('common.required', { f: t('org.parent') }) }]}>
              <UnitTreeSelect rootId={me.unit.id} rootName={me.unit.name} valueLabel={parent?.name} onChange={(id) => void onParentChange(id)} />
            </Form.Item>
            <Form.Item
              label={t('org.name')}
              name="name"
              rules={[
                { required: true, whitespace: true, message: t('common.required', { f: t('org.name') }) },
                { max: 100, message: '≤ 100' },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label={t('org.kind')}
              name="kind"
              rules={[{ required: true, message: t('common.required', { f: t('org.kind') }) }]}
              extra={childKinds.length === 0 ? t('org.noChildKind') : undefined}
            >
              <Select options={childKinds.map((k) => ({ value: k, label: label('kind', k) }))} />
            </Form.Item>
            <Form.Item label={t('org.code')} name="code" rules={[{ pattern: /^[0-9A-Za-z-]{1,32}$/, message: t('org.codeRule') }]} extra={t('org.codeRule')}>
              <Input maxLength={32} />
            </Form.Item>
            <EffectiveDate />
          </>
        )}
        {action.kind === 'rename' && (
          <>
            <Form.Item
              label={t('org.newName')}
              name="name"
              rules={[
                { required: true, whitespace: true, message: t('common.required', { f: t('org.newName') }) },
                { max: 100, message: '≤ 100' },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <EffectiveDate />
          </>
        )}
        {action.kind === 'move' && (
          <>
            <Form.Item label={t('org.newParent')} name="newParentId" rules={[{ required: true, message: t('common.required', { f: t('org.newParent') }) }]}>
              <UnitTreeSelect rootId={me.unit.id} rootName={me.unit.name} />
            </Form.Item>
            <EffectiveDate />
          </>
        )}
        {(action.kind === 'close' || action.kind === 'reopen') && (
          <>
            <Form.Item
              label={t('common.reason')}
              name="reason"
              rules={[
                { required: true, whitespace: true, message: t('common.required', { f: t('common.reason') }) },
                { max: 500, message: '≤ 500' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
            <EffectiveDate />
          </>
        )}
      </Form>
    </Modal>
  );
}
