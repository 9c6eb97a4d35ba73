/** 我的: membership, the way to the worker's messages, password and sign-out. */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Spin, Tag } from 'antd';
import { BellOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { usePt } from './i18n.ts';
import type { Membership } from './shared.ts';

export default function MinePage({ unread }: { unread: number }) {
  const { pt } = usePt();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [me, setMe] = useState<Membership | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Membership>('/api/v1/portal/me')
      .then(setMe)
      .catch((e) => setError(errorMessage(e)));
  }, []);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!me) return <Spin style={{ marginTop: 48 }} />;
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
      <button type="button" className="gp-entry" onClick={() => navigate('/portal/messages')}>
        <BellOutlined style={{ color: '#c8102e', fontSize: 20 }} />
        <span>{pt('msg.title')}</span>
        <Badge count={unread} />
        <RightOutlined className="gp-entry-go" />
      </button>
      <Button size="large" block onClick={() => navigate('/password')} style={{ minHeight: 48 }}>
        {pt('me.password')}
      </Button>
      <Button size="large" block danger onClick={() => void logout()} style={{ minHeight: 48 }}>
        {pt('me.logout')}
      </Button>
    </>
  );
}
