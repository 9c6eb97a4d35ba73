/** A user's own sign-ins: the sessions open in their name (each can be ended) and recent logins. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { api, errorMessage } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { formatDateTime } from '../lib/time.ts';

interface OwnSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

interface LoginEvent {
  at: string;
  outcome: 'login' | 'login_failed';
  /** Where the attempt came from. */
  detail: { address?: string } | null;
}

export default function SessionsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const [logins, setLogins] = useState<LoginEvent[] | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, l] = await Promise.all([api.get<{ items: OwnSession[] }>('/api/v1/auth/sessions'), api.get<{ items: LoginEvent[] }>('/api/v1/auth/logins')]);
      setSessions(s.items);
      setLogins(l.items);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);

  const end = async (s: OwnSession) => {
    try {
      await api.del(`/api/v1/auth/sessions/${s.id}`);
      message.success(t('acct.ended'));
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const sessionColumns: TableProps<OwnSession>['columns'] = [
    { title: t('acct.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('acct.lastSeen'), dataIndex: 'lastSeenAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('acct.ip'), dataIndex: 'clientIp', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('acct.agent'), dataIndex: 'userAgent', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'action',
      width: 120,
      render: (_: unknown, s) =>
        s.current ? (
          <Tag color="blue">{t('acct.current')}</Tag>
        ) : (
          <Popconfirm title={t('acct.endConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void end(s)}>
            <Button size="small" danger>
              {t('acct.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const loginColumns: TableProps<LoginEvent>['columns'] = [
    { title: t('acct.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('acct.outcome'),
      dataIndex: 'outcome',
      width: 120,
      render: (v: LoginEvent['outcome']) => (v === 'login' ? <Tag color="success">{t('acct.ok')}</Tag> : <Tag color="error">{t('acct.failed')}</Tag>),
    },
    { title: t('acct.ip'), key: 'address', render: (_: unknown, e) => e.detail?.address ?? '—' },
  ];

  return (
    <div className="gh-page">
      <Card className="gh-card" title={t('acct.sessions')} role="region" aria-label={t('acct.sessions')}>
        <Typography.Paragraph type="secondary">{t('acct.sessionsHint')}</Typography.Paragraph>
        <Table<OwnSession> rowKey="id" size="middle" columns={sessionColumns} dataSource={sessions ?? []} loading={sessions === null} pagination={false} />
      </Card>
      <Card className="gh-card" title={t('acct.logins')} role="region" aria-label={t('acct.logins')} style={{ marginTop: 16 }}>
        <Table<LoginEvent>
          rowKey={(e) => `${e.at}-${e.outcome}`}
          size="middle"
          columns={loginColumns}
          dataSource={logins ?? []}
          loading={logins === null}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
