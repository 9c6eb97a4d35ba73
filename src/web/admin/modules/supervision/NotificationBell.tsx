/**
 * The bell in the header: the unread count, kept live by the server's event stream (reconnecting
 * when it drops), a pop-up for each new notification, and a dropdown of the latest with links to
 * what to do and a mark-read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Dropdown, Empty, Spin, Tag, Tooltip } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { inShanghai, nowIso } from '../../lib/time.ts';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useSt } from './i18n.ts';
import { appLink, NOTICE_EVENT, NOTIFY, signalNotifications, type Notice } from './shared.ts';

const RETRY_MS = [2000, 5000, 10000, 30000, 60000];

/** Subscribes to the stream; returns the unread count, whether it is connected, and a setter for local changes. */
function useLiveUnread(onArrive: (n: Notice) => void) {
  const [unread, setUnread] = useState<number | null>(null);
  const [online, setOnline] = useState(true);
  const arriveRef = useRef(onArrive);
  arriveRef.current = onArrive;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;
    const connect = () => {
      if (stopped) return;
      source = new EventSource(`${NOTIFY}/stream`, { withCredentials: true });
      source.addEventListener('ready', (e) => {
        attempt = 0;
        setOnline(true);
        try {
          const d = JSON.parse((e as MessageEvent<string>).data) as { unread: number };
          setUnread(d.unread);
        } catch {
          /* keep the count we have */
        }
      });
      source.addEventListener('notification', (e) => {
        try {
          const n = JSON.parse((e as MessageEvent<string>).data) as Notice;
          setUnread((u) => (u ?? 0) + 1);
          arriveRef.current({ ...n, readAt: null });
        } catch {
          /* not ours */
        }
      });
      source.onerror = () => {
        // The browser retries by itself while the stream is CONNECTING; a CLOSED stream (refused, signed out) we reopen with a back-off.
        setOnline(false);
        if (source && source.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]!;
          timer = setTimeout(connect, wait);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, []);

  useEffect(() => {
    const onSignal = (e: Event) => {
      const d = (e as CustomEvent<{ unread?: number }>).detail;
      if (typeof d?.unread === 'number') setUnread(d.unread);
    };
    window.addEventListener(NOTICE_EVENT, onSignal);
    return () => window.removeEventListener(NOTICE_EVENT, onSignal);
  }, []);

  return { unread, setUnread, online };
}

export function NotificationBell() {
  const { can } = useAuth();
  if (!can('notifications.read')) return null;
  return <Bell />;
}

function Bell() {
  const { st, sl } = useSt();
  const { can } = useAuth();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notice[] | null>(null);
  const [loading, setLoading] = useState(false);
  const manage = can('notifications.manage');

  const go = useCallback(
    (n: Notice) => {
      const to = appLink(n.link);
      setOpen(false);
      if (to) navigate(to);
    },
    [navigate],
  );

  // Pop-ups still on screen; opening the list closes them (they would cover its first items).
  const popups = useRef(new Set<string>());
  // While the list is open a new notice joins it at the top instead of popping up over it.
  const listOpen = useRef(false);
  listOpen.current = open;
  const { unread, setUnread, online } = useLiveUnread((n) => {
    setItems((list) => (list ? [n, ...list.filter((x) => x.id !== n.id)].slice(0, 8) : list));
    signalNotifications({ arrived: n });
    if (listOpen.current) return;
    const to = appLink(n.link);
    const key = `notice-${n.id}`;
    popups.current.add(key);
    notification.info({
      key,
      onClose: () => popups.current.delete(key),
      title: n.title,
      description: n.body,
      placement: 'topRight',
      duration: 10,
      icon: <BellOutlined style={{ color: '#c8102e' }} />,
      ...(to
        ? {
            actions: (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  notification.destroy(`notice-${n.id}`);
                  navigate(to);
                }}
              >
                {st('ntf.go')}
              </Button>
            ),
          }
        : {}),
    });
  });

  // A list fetched before a mark-read answers with the item still unread: every mark-read starts a
  // new generation, and a fetch from an older one is dropped rather than undo what was just marked.
  const generation = useRef(0);
  const load = useCallback(async () => {
    const asked = ++generation.current;
    setLoading(true);
    try {
      const r = await api.get<{ items: Notice[]; total: number; unread: number }>(NOTIFY, { pageSize: 8 });
      if (asked !== generation.current) return;
      setItems(r.items);
      setUnread(r.unread);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [message, setUnread]);

  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!open) return;
    for (const key of popups.current) notification.destroy(key);
    popups.current.clear();
    void loadRef.current();
  }, [open]);

  const markRead = async (ids: number[] | 'all') => {
    generation.current++;
    try {
      const r = await api.post<{ marked: number; unread: number }>(`${NOTIFY}/read`, ids === 'all' ? { all: true } : { ids });
      setUnread(r.unread);
      signalNotifications({ unread: r.unread });
      const now = nowIso();
      setItems((list) => list?.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) ?? list);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const panel = (
    <div className="gh-sv-bell-list" role="dialog" aria-label={st('ntf.title')}>
      <div className="gh-sv-bell-head">
        <span>
          {st('ntf.title')}
          {unread ? (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {st('ntf.unread', { n: unread })}
            </Tag>
          ) : null}
        </span>
        {manage && !!unread && (
          <Button size="small" type="link" onClick={() => void markRead('all')}>
            {st('ntf.markAll')}
          </Button>
        )}
      </div>
      {loading && !items ? (
        <div className="gh-loading" style={{ minHeight: 120 }}>
          <Spin />
        </div>
      ) : !items?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={st('ntf.empty')} style={{ padding: 16 }} />
      ) : (
        items.map((n) => (
          <article key={n.id} className={`gh-sv-bell-item${n.readAt ? '' : ' gh-sv-unread'}`} aria-label={n.title} data-notification-id={n.id}>
            <div className="gh-sv-bell-item-title">
              {!n.readAt && <Badge status="error" style={{ marginInlineEnd: 6 }} />}
              {n.title}
            </div>
            <div className="gh-sv-bell-item-body">{n.body}</div>
            <div className="gh-small" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <span>
                <Tag style={{ marginInlineEnd: 6 }}>{sl('ntf.kind', n.kind)}</Tag>
                {inShanghai(n.createdAt).format('MM-DD HH:mm')}
              </span>
              <span>
                {appLink(n.link) && (
                  <Button size="small" type="link" onClick={() => go(n)}>
                    {st('ntf.go')}
                  </Button>
                )}
                {manage && !n.readAt && (
                  <Button size="small" type="link" icon={<CheckOutlined />} onClick={() => void markRead([n.id])}>
                    {st('ntf.markRead')}
                  </Button>
                )}
              </span>
            </div>
          </article>
        ))
      )}
      {can('supervision.read') && (
        <div className="gh-sv-bell-foot">
          <Button
            type="link"
            onClick={() => {
              setOpen(false);
              navigate('/supervision/notifications');
            }}
          >
            {st('ntf.all')}
          </Button>
        </div>
      )}
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Tooltip title={online ? undefined : st('ntf.offline')}>
        <Button
          type="text"
          className="gh-header-btn"
          aria-label={`${st('ntf.bell')}${unread ? ` ${st('ntf.unread', { n: unread })}` : ''}`}
          data-testid="notification-bell"
          data-state={online && unread !== null ? 'live' : 'connecting'}
          data-unread={unread ?? 0}
        >
          <Badge count={unread ?? 0} size="small" overflowCount={99} offset={[4, -2]} data-testid="notification-count">
            <BellOutlined style={{ color: '#fff', fontSize: 18, opacity: online ? 1 : 0.6 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Dropdown>
  );
}
