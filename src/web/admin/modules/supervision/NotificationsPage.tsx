/** 消息提醒: the user's notifications (new ones appear live), what to do about each, marking read; where the daily digest goes. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Segmented, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CheckOutlined, SaveOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePaging } from '../../lib/paging.ts';
import { useRemote } from '../../lib/remote.ts';
import { useSt } from './i18n.ts';
import { appLink, NOTICE_EVENT, NOTIFY, send, signalNotifications, type Notice } from './shared.ts';

interface Contacts {
  email: string | null;
  mobile: string | null;
  digestByEmail: boolean;
  digestBySms: boolean;
}

export default function NotificationsPage() {
  const { st, sl } = useSt();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const manage = can('notifications.manage');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [form] = Form.useForm<Contacts>();
  const [saving, setSaving] = useState(false);

  const { data, loading, reload } = useRemote<{ items: Notice[]; total: number; unread: number }>(
    NOTIFY,
    { unreadOnly: unreadOnly || undefined, page, pageSize },
    { initial: { items: [], total: 0, unread: 0 } },
  );

  // A notification pushed to the bell shows here too, without reloading the page.
  useEffect(() => {
    const onSignal = (e: Event) => {
      const d = (e as CustomEvent<{ arrived?: Notice }>).detail;
      if (d?.arrived) reload();
    };
    window.addEventListener(NOTICE_EVENT, onSignal);
    return () => window.removeEventListener(NOTICE_EVENT, onSignal);
  }, []);

  useEffect(() => {
    api
      .get<Contacts>(`${NOTIFY}/contacts`)
      .then((c) => form.setFieldsValue({ ...c, email: c.email ?? '', mobile: c.mobile ?? '' }))
      .catch(() => undefined);
  }, [form]);

  const markRead = async (ids: number[] | 'all') => {
    try {
      const r = await api.post<{ marked: number; unread: number }>(`${NOTIFY}/read`, ids === 'all' ? { all: true } : { ids });
      signalNotifications({ unread: r.unread });
      message.success(st('ntf.marked'));
      setSelected([]);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const saveContacts = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = { email: v.email?.trim() || null, mobile: v.mobile?.trim() || null, digestByEmail: !!v.digestByEmail, digestBySms: !!v.digestBySms };
      const r = await send<Contacts>('PUT', `${NOTIFY}/contacts`, me.csrfToken, { body });
      form.setFieldsValue({ ...r, email: r.email ?? '', mobile: r.mobile ?? '' });
      message.success(st('ntf.digestSaved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableProps<Notice>['columns'] = [
    { title: t('common.status'), dataIndex: 'readAt', width: 80, render: (v: string | null) => (v ? <Tag>{st('ntf.read')}</Tag> : <Tag color="red">{st('ntf.new')}</Tag>) },
    { title: st('ntf.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: st('ntf.kind'), dataIndex: 'kind', width: 100, render: (v: string) => <Tag>{sl('ntf.kind', v)}</Tag> },
    {
      title: st('ntf.content'),
      dataIndex: 'title',
      render: (v: string, n) => (
        <div>
          <div className={n.readAt ? undefined : 'gh-sv-notice-unread'}>{v}</div>
          <Typography.Text type="secondary" className="gh-small">
            {n.body}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_v, n) => {
        const to = appLink(n.link);
        return (
          <Space size={0}>
            {to && (
              <Button
                size="small"
                type="link"
                onClick={() => {
                  if (manage && !n.readAt) void markRead([n.id]);
                  navigate(to);
                }}
              >
                {st('ntf.go')}
              </Button>
            )}
            {manage && !n.readAt && (
              <Button size="small" type="link" icon={<CheckOutlined />} onClick={() => void markRead([n.id])}>
                {st('ntf.markRead')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div className="gh-page">
      <Card
        className="gh-card"
        title={
          <Space>
            {st('ntf.title')}
            {data.unread > 0 && <Tag color="red">{st('ntf.unread', { n: data.unread })}</Tag>}
          </Space>
        }
        extra={
          manage && (
            <Space className="gh-no-print">
              <Button icon={<CheckOutlined />} disabled={!selected.length} onClick={() => void markRead(selected)}>
                {st('ntf.markRead')}
              </Button>
              <Button disabled={!data.unread} onClick={() => void markRead('all')}>
                {st('ntf.markAll')}
              </Button>
            </Space>
          )
        }
      >
        <Segmented
          aria-label={st('ntf.unreadOnly')}
          style={{ marginBottom: 12 }}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: st('ntf.unreadOnly') },
          ]}
        />
        <Table<Notice>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          pagination={pagination(data.total)}
          locale={{ emptyText: st('ntf.empty') }}
          aria-label={st('ntf.title')}
          {...(manage ? { rowSelection: { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (n: Notice) => ({ disabled: !!n.readAt }) } } : {})}
        />
      </Card>
      <Card className="gh-card" title={st('ntf.digest')}>
        <Form form={form} name="digest" layout="vertical" disabled={!manage} initialValues={{ email: '', mobile: '', digestByEmail: false, digestBySms: false }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={st('ntf.email')} name="email" rules={[{ type: 'email', message: st('ntf.emailRule') }]}>
                <Input maxLength={200} autoComplete="email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={st('ntf.mobile')} name="mobile" rules={[{ pattern: /^1[3-9]\d{9}$/, message: st('ntf.mobileRule') }]}>
                <Input maxLength={11} autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label=" " colon={false}>
                <Space>
                  <Form.Item
                    name="digestByEmail"
                    valuePropName="checked"
                    noStyle
                    dependencies={['email']}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_r, v: boolean) => {
                          if (v && !String(getFieldValue('email') ?? '').trim()) throw new Error(st('ntf.needEmail'));
                        },
                      }),
                    ]}
                  >
                    <Checkbox>{st('ntf.byEmail')}</Checkbox>
                  </Form.Item>
                  <Form.Item
                    name="digestBySms"
                    valuePropName="checked"
                    noStyle
                    dependencies={['mobile']}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_r, v: boolean) => {
                          if (v && !String(getFieldValue('mobile') ?? '').trim()) throw new Error(st('ntf.needMobile'));
                        },
                      }),
                    ]}
                  >
                    <Checkbox>{st('ntf.bySms')}</Checkbox>
                  </Form.Item>
                </Space>
              </Form.Item>
            </Col>
          </Row>
          {manage && (
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void saveContacts().catch(() => undefined)}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
