/**
 * The supervision schedule, run inside the server process: on start and every few minutes it
 * (1) freezes the month that has just ended, if not yet frozen — and, on its first round after
 * the server starts, any month end missed while it was down (catch-up); (2) checks targets and nudges the
 * units that fell behind, at most once an hour; (3) after 08:00 sends the daily digest. Every step
 * is idempotent (the database remembers what was done), so a restart or a second process repeats
 * nothing. No transaction is held open between steps.
 */
import type { Database } from '../../db/client.ts';
import type { Channels } from '../../engines/notify/channels.ts';
import { sendDailyDigests } from '../../engines/notify/digest.ts';
import { freezeDueMonths, systemCtx } from '../../engines/indicators/snapshots.ts';
import { runAsSystem } from '../../engines/org/scope.ts';
import { todayInShanghai } from '../../engines/time.ts';
import { checkTargetNudges } from './service.ts';
import { dueChecks } from '../../engines/notify/due-checks.ts';
import * as clock from '../../engines/clock.ts';

export interface SchedulerLog {
  info(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface SchedulerOptions {
  channels: Channels;
  log: SchedulerLog;
  /** How often to check (default 5 minutes). */
  intervalMs?: number;
  /** Minimum time between two target checks (default 1 hour). */
  nudgeEveryMs?: number;
  /** Hour (Asia/Shanghai) from which the day's digest goes out (default 8). */
  digestHour?: number;
  now?: () => Date;
}

export interface SupervisionScheduler {
  /** One round of the schedule now (what the timer runs). */
  runOnce(): Promise<{ frozen: number; nudges: number; digests: number }>;
  stop(): Promise<void>;
}

export function startSupervisionScheduler(database: Database, opts: SchedulerOptions): SupervisionScheduler {
  const readClock = opts.now ?? clock.now;
  let lastNudgeCheck = 0;
  let caughtUp = false;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function round() {
    const at = readClock();
    const today = todayInShanghai(at);
    const frozen = await freezeDueMonths(database, today, { catchUp: !caughtUp });
    caughtUp = true;
    for (const f of frozen) opts.log.info({ period: f.period, rows: f.rows, indicators: f.indicators }, 'supervision: month frozen');
    let nudges = 0;
    if (frozen.length || at.getTime() - lastNudgeCheck >= (opts.nudgeEveryMs ?? 3600_000)) {
      lastNudgeCheck = at.getTime();
      const roots = await database.query<{ id: number; path: string }>(`SELECT id, path FROM org_units WHERE parent_id IS NULL ORDER BY id`);
      for (const root of roots) {
        const r = await runAsSystem(database, (db) => checkTargetNudges(systemCtx(db, { id: Number(root.id), path: root.path }), Number(root.id), today));
        nudges += r.raised;
        if (r.raised || r.cleared) opts.log.info({ root: root.id, ...r }, 'supervision: target nudges');
        // What falls due in the programs (reviews, case deadlines): each check in its own transaction.
        for (const check of dueChecks()) {
          const d = await runAsSystem(database, (db) => check.run(systemCtx(db, { id: Number(root.id), path: root.path })));
          nudges += d.raised;
          if (d.raised) opts.log.info({ root: root.id, check: check.name, raised: d.raised }, 'supervision: due reminders');
        }
      }
    }
    let digests = 0;
    const hour = (at.getUTCHours() + 8) % 24;
    if (hour >= (opts.digestHour ?? 8)) digests = (await sendDailyDigests(database, opts.channels, today)).sent;
    return { frozen: frozen.length, nudges, digests };
  }

  function runOnce() {
    if (running) return running as Promise<{ frozen: number; nudges: number; digests: number }>;
    const p = round().finally(() => {
      running = null;
    });
    running = p;
    return p;
  }

  const tick = () => {
    if (stopped) return;
    runOnce().catch((e: unknown) => opts.log.error({ err: String((e as Error)?.stack ?? e) }, 'supervision: scheduled round failed'));
  };
  const first = setTimeout(tick, 1000);
  const timer = setInterval(tick, opts.intervalMs ?? 5 * 60_000);
  timer.unref();
  first.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
