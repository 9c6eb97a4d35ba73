/** 用户管理: accounts in the chosen unit's subtree; new account, password reset, disable/enable. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { api, errorMessage, type PageOf, type Role, type UnitKind, type User } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { KeywordSearch } from '../../components/KeywordSearch.tsx';
import { useScope } from '../../lib/scope.tsx';
import { grantableRoles, ROLES } from '../../lib/org.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { ActionLink } from '../../components/ActionLink.tsx';

function PasswordModal({ shown, onClose }: { shown: { name: string; username: string; password: string } | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!shown) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.password);
      message.success(t('common.copied'));
    } catch {
      message.info(shown.password);
    }
  };
  return (
    <Modal
      open
      title={t('users.passwordTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('users.passwordHint', { name: shown.name })} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={shown.password} aria-label={t('users.passwordTitle')} className="gh-password" />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('common.copy')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('users.username')}：{shown.username}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function UsersPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const { unit } = useScope();
  const scopeId = unit!.id;
  const [role, setRole] = useState<Role | undefined>();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ name: string; username: string; password: string } | null>(null);
  const [form] = Form.useForm();
  const [newUnitKind, setNewUnitKind] = useState<UnitKind | undefined>();
  const writable = can('users.write');

  useEffect(() => setPage(1), [scopeId]);

  const filter = useMemo(() => ({ underUnitId: scopeId, role, q: q.trim() || undefined }), [scopeId, role, q]);
  const { data, loading, reload } = useRemote<PageOf<User>>('/api/v1/users', { ...filter, page, pageSize }, { initial: { items: [], total: 0 } });

  const act = async (u: User, what: 'reset-password' | 'disable' | 'enable') => {
    try {
      if (what === 'reset-password') {
        const r = await api.post<{ user: User; initialPassword: string }>(`/api/v1/users/${u.id}/reset-password`);
        setShown({ name: u.displayName, username: u.username, password: r.initialPassword });
      } else {
        await api.post<User>(`/api/v1/users/${u.id}/${what}`);
        message.success(t('users.done'));
      }
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api.post<{ user: User; initialPassword: string }>('/api/v1/users', {
        username: String(v.username).trim(),
        displayName: String(v.displayName).trim(),
        unitId: v.unitId,
        role: v.role,
      });
      setCreating(false);
      form.resetFields();
      message.success(t('users.created'));
      setShown({ name: r.user.displayName, username: r.user.username, password: r.initialPassword });
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<User>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', width: 170 },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.unit'), dataIndex: 'unitName', render: (v: string | undefined, u) => v ?? `#${u.unitId}` },
    { title: t('users.role'), dataIndex: 'role', width: 150, render: (v: string) => label('role', v) },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_v, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.normal')}</Tag>}
          {u.locked && <Tag color="orange">{t('users.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="blue">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            className: 'gh-no-print',
            render: (_v: unknown, u: User) =>
              u.id === me.user.id ? null : (
                <Space size={12}>
                  <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => act(u, 'reset-password')}>
                    <ActionLink>{t('users.reset')}</ActionLink>
                  </Popconfirm>
                  {u.disabled ? (
                    <ActionLink onClick={() => void act(u, 'enable')}>{t('users.enable')}</ActionLink>
                  ) : (
                    <Popconfirm title={t('users.disableConfirm', { name: u.displayName })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => act(u, 'disable')}>
                      <ActionLink className="gh-danger">{t('users.disable')}</ActionLink>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {t('users.title')}
            <Tag color="red">{t('org.under', { name: unit!.name })}</Tag>
          </Space>
        }
        extra={
          writable && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ unitId: scopeId });
                setNewUnitKind(unit!.kind);
                setCreating(true);
              }}
            >
              {t('users.create')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }} className="gh-no-print">
          <Select
            aria-label={t('users.role')}
            placeholder={t('users.role')}
            allowClear
            style={{ width: 200 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
          />
          <KeywordSearch
            placeholder={t('users.searchPlaceholder')}
            width={240}
            value={qInput}
            onChange={setQInput}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
          />
        </Space>
        <Table<User> rowKey="id" size="middle" columns={columns} dataSource={data.items} loading={loading} pagination={pagination(data.total)} />
      </Card>
      <Modal
        open={creating}
        title={t('users.create')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={() => void create().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        mask={{ closable: false }}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label={t('users.username')}
            name="username"
            extra={t('users.usernameRule')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { f: t('users.username') }) },
              { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t('users.usernameRule') },
            ]}
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('users.displayName')}
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: t('common.required', { f: t('users.displayName') }) },
              { max: 50, message: '≤ 50' },
            ]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={t('users.unit')} name="unitId" rules={[{ required: true, message: t('common.required', { f: t('users.unit') }) }]}>
            <UnitTreeSelect
              rootId={me.unit.id}
              rootName={me.unit.name}
              rootKind={me.unit.kind as UnitKind}
              valueLabel={unit!.name}
              onChange={(_id, _name, kind) => {
                setNewUnitKind(kind);
                const role = form.getFieldValue('role') as Role | undefined;
                if (role && !grantableRoles(me.user.role, kind).includes(role)) form.setFieldsValue({ role: undefined });
              }}
            />
          </Form.Item>
          <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('common.required', { f: t('users.role') }) }]}>
            <Select options={grantableRoles(me.user.role, newUnitKind).map((r) => ({ value: r, label: label('role', r) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <PasswordModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
