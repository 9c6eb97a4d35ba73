/** 我的: membership, notifications, password and sign-out. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Empty, Spin, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePt } from './i18n.ts';
import type { Membership } from './shared.ts';

interface Notice {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export default function MinePage() {
  const { pt } = usePt();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [me, setMe] = useState<Membership | null>(null);
  const [notices, setNotices] = useState<{ items: Notice[]; unread: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([api.get<Membership>('/api/v1/portal/me'), api.get<{ items: Notice[]; unread: number }>('/api/v1/notifications', { pageSize: 20 })])
      .then(([m, n]) => {
        setMe(m);
        setNotices(n);
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!me || !notices) return <Spin style={{ marginTop: 48 }} />;
  const readAll = async () => {
    await api.post('/api/v1/notifications/read', { all: true });
    load();
  };
  return (
    <>
      <Card className="gp-card-pad" title={pt('me.membership')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: pt('me.name'), children: me.name },
            { key: 'id', label: pt('me.idNumber'), children: me.idMasked },
            { key: 'phone', label: pt('me.phone'), children: me.phone },
            { key: 'union', label: pt('me.union'), children: me.unionName ?? '—' },
            { key: 'enterprise', label: pt('me.enterprise'), children: me.enterpriseName ?? '—' },
            { key: 'joined', label: pt('me.joinedOn'), children: me.joinedOn ?? '—' },
            { key: 'status', label: pt('me.status'), children: <Tag color={me.status === 'member' ? 'green' : 'default'}>{pt(me.status === 'member' ? 'me.member' : 'me.left')}</Tag> },
          ]}
        />
      </Card>
      <Card
        className="gp-card"
        title={
          <span>
            {pt('me.notifications')} <Badge count={notices.unread} />
          </span>
        }
        extra={notices.unread > 0 ? <a onClick={() => void readAll()}>{pt('me.readAll')}</a> : null}
      >
        {notices.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('me.noNotifications')} />
        ) : (
          notices.items.map((n) => (
            <div key={n.id} className="gp-item">
              <div className="gp-item-title">
                {!n.readAt && <Badge status="error" style={{ marginRight: 6 }} />}
                {n.title}
              </div>
              <div className="gp-item-meta">
                <span>{n.body}</span>
                <span>{n.createdAt.slice(0, 10)}</span>
              </div>
            </div>
          ))
        )}
      </Card>
      <Button size="large" block onClick={() => navigate('/password')} style={{ minHeight: 48 }}>
        {pt('me.password')}
      </Button>
      <Button size="large" block danger onClick={() => void logout()} style={{ minHeight: 48 }}>
        {pt('me.logout')}
      </Button>
    </>
  );
}
