/**
 * 消息: the worker's notices — what the union decided about their bookings, legal aid and cases.
 * The same notification routes as the cadres' bell; the unread count is kept live by the server's
 * event stream and refreshed on every page the worker opens.
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../lib/api.ts';

export const NOTIFY = '/api/v1/notifications';

/** The notification routes' wire type, the cadres' bell's own (a type only: no supervision code is loaded). */
export type { Notice } from '../supervision/shared.ts';

/** Where a notice leads inside the portal (a worker cannot open the cadres' pages). */
export const portalLink = (link: string | null): string | null => (link && /^\/portal(\/|$)/.test(link) ? link : null);

const UNREAD_EVENT = 'gp-unread';
const ARRIVED_EVENT = 'gp-notice-arrived';

/** Tells the bell the new unread count after the worker marked notices read. */
export function signalUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(UNREAD_EVENT, { detail: unread }));
}

/** Calls `fn` whenever a notice arrives live (the messages page reloads its list). */
export function useNoticeArrived(fn: () => void): void {
  useEffect(() => {
    window.addEventListener(ARRIVED_EVENT, fn);
    return () => window.removeEventListener(ARRIVED_EVENT, fn);
  }, [fn]);
}

/** The worker's unread count: read on each page, pushed live as notices arrive, set when they mark some read. */
export function useUnread(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    let live = true;
    api
      .get<{ unread: number }>(NOTIFY, { pageSize: 1 })
      .then((r) => live && setUnread(r.unread))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pathname]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    // The browser reconnects by itself when the stream drops (the server asks for a 5 s retry).
    const source = new EventSource(`${NOTIFY}/stream`, { withCredentials: true });
    source.addEventListener('ready', (e) => {
      try {
        setUnread((JSON.parse((e as MessageEvent<string>).data) as { unread: number }).unread);
      } catch {
        /* keep the count we have */
      }
    });
    source.addEventListener('notification', () => {
      setUnread((u) => (u ?? 0) + 1);
      window.dispatchEvent(new Event(ARRIVED_EVENT));
    });
    const onUnread = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    window.addEventListener(UNREAD_EVENT, onUnread);
    return () => {
      source.close();
      window.removeEventListener(UNREAD_EVENT, onUnread);
    };
  }, []);

  return unread;
}
