/** 我的消息: the worker's notices, newest first; tapping one marks it read and opens the page it is about. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Spin } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { usePt } from './i18n.ts';
import { NOTIFY, portalLink, signalUnread, useNoticeArrived, type Notice } from './messages.ts';
import { when } from './shared.ts';
import { nowIso } from '../../lib/time.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

const PAGE = 20;

export default function MessagesPage() {
  const { pt } = usePt();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [data, setData] = useState<{ items: Notice[]; total: number; unread: number } | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .get<{ items: Notice[]; total: number; unread: number }>(NOTIFY, { pageSize: shown })
      .then((r) => {
        setData(r);
        signalUnread(r.unread);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [shown]);
  useEffect(load, [load]);
  useNoticeArrived(load);

  const markRead = async (ids: number[] | 'all') => {
    const r = await api.post<{ marked: number; unread: number }>(`${NOTIFY}/read`, ids === 'all' ? { all: true } : { ids });
    signalUnread(r.unread);
    const now = nowIso();
    setData((d) => d && { ...d, unread: r.unread, items: d.items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) });
  };

  const open = async (n: Notice) => {
    try {
      if (!n.readAt) await markRead([n.id]);
      const to = portalLink(n.link);
      if (to) navigate(to);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Spin style={{ marginTop: 48 }} />;
  return (
    <Card
      className="gp-card"
      title={
        <span>
          {pt('msg.title')} {data.unread > 0 && <Badge count={data.unread} />}
        </span>
      }
      extra={data.unread > 0 ? <ActionLink onClick={() => void markRead('all').catch((e) => message.error(errorMessage(e)))}>{pt('me.readAll')}</ActionLink> : null}
    >
      {data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pt('msg.empty')} />
      ) : (
        <>
          {data.items.map((n) => (
            <button key={n.id} type="button" className={`gp-item gp-notice${n.readAt ? '' : ' gp-unread'}`} onClick={() => void open(n)}>
              <div className="gp-item-title">
                {!n.readAt && <Badge status="error" style={{ marginRight: 6 }} />}
                {n.title}
                {portalLink(n.link) && <RightOutlined className="gp-notice-go" />}
              </div>
              <div className="gp-notice-body">{n.body}</div>
              <div className="gp-item-meta">
                <span>{when(n.createdAt)}</span>
                {!n.readAt && <span className="gp-unread-tag">{pt('msg.unread')}</span>}
              </div>
            </button>
          ))}
          {data.total > data.items.length && (
            <Button type="link" block onClick={() => setShown((s) => s + PAGE)} style={{ minHeight: 48 }}>
              {pt('msg.more')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
