/**
 * Live push: each open event stream (Server-Sent Events) subscribes here for its user. One poller
 * per process reads the recent notifications of the connected users only — one indexed query every
 * couple of seconds whatever the number of connections — so a notification reaches the browser
 * once its transaction has committed, from any process on the same database. A write that raises a
 * notification kicks the poller so it arrives within a fraction of a second.
 */
import type { Database } from '../../db/client.ts';
import * as clock from '../clock.ts';

export interface LiveNotification {
  id: number;
  unitId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
}

interface Subscription {
  userId: number;
  since: number;
  sent: Set<number>;
  send: (n: LiveNotification) => void;
  end: () => void;
}

const hubs = new Set<NotificationHub>();

/** Asks every hub in this process to look for new notifications soon (called after raising one). */
export function kickLiveHubs(): void {
  for (const h of hubs) h.kick();
}

export class NotificationHub {
  private subs = new Set<Subscription>();
  private timer: NodeJS.Timeout | null = null;
  private kicked: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly opts: { pollMs?: number } = {},
  ) {
    hubs.add(this);
  }

  get connections(): number {
    return this.subs.size;
  }

  /** Streams a user's new notifications to `send` until the returned function is called. */
  subscribe(userId: number, send: (n: LiveNotification) => void, end: () => void): () => void {
    const sub: Subscription = { userId, since: clock.nowMs() - 5000, sent: new Set(), send, end };
    this.subs.add(sub);
    if (!this.timer && !this.closed) this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 2000);
    return () => {
      this.subs.delete(sub);
      if (!this.subs.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  kick(): void {
    if (this.kicked || !this.subs.size || this.closed) return;
    this.kicked = setTimeout(() => {
      this.kicked = null;
      void this.poll();
    }, 250);
  }

  async poll(): Promise<void> {
    if (this.polling || !this.subs.size || this.closed) return;
    this.polling = true;
    try {
      const users = [...new Set([...this.subs].map((s) => s.userId))];
      const rows = await this.database.query<{ id: number; user_id: number; unit_id: number; kind: string; title: string; body: string; link: string | null; created_at: string | Date }>(
        `SELECT id, user_id, unit_id, kind, title, body, link, created_at FROM notifications
          WHERE user_id IN (SELECT jsonb_array_elements_text($1::jsonb)::int) AND created_at > clock_now() - interval '2 minutes' AND read_at IS NULL
          ORDER BY id`,
        [JSON.stringify(users)],
      );
      for (const sub of this.subs) {
        for (const r of rows) {
          const created = new Date(r.created_at);
          if (Number(r.user_id) !== sub.userId || sub.sent.has(Number(r.id)) || created.getTime() < sub.since) continue;
          sub.sent.add(Number(r.id));
          sub.send({ id: Number(r.id), unitId: Number(r.unit_id), kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: created.toISOString() });
        }
        if (sub.sent.size > 500) sub.sent = new Set([...sub.sent].slice(-200));
      }
    } catch {
      // The database is closing or busy: the next tick tries again.
    } finally {
      this.polling = false;
    }
  }

  /** Ends every open stream (server shutdown). */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.kicked) clearTimeout(this.kicked);
    this.timer = null;
    for (const s of [...this.subs]) s.end();
    this.subs.clear();
    hubs.delete(this);
  }
}
