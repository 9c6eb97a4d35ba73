/**
 * The daily digest: once a day, each user who asked for it gets one e-mail and/or SMS listing their
 * unread notifications of the last day. A delivery row per user, channel and day is written before
 * sending (unique), so a digest goes out at most once however often the schedule runs.
 */
import type { Database } from '../../db/client.ts';
import { todayInShanghai, type IsoDate } from '../time.ts';
import type { Channels } from './channels.ts';

export interface DigestResult {
  sent: number;
  failed: number;
}

export async function sendDailyDigests(database: Database, channels: Channels, today: IsoDate = todayInShanghai()): Promise<DigestResult> {
  const due = await database.query<{ user_id: number; display_name: string; email: string | null; mobile: string | null; by_email: boolean; by_sms: boolean; n: number; titles: string[] }>(
    `SELECT u.id AS user_id, u.display_name, c.email, c.mobile, c.digest_by_email AS by_email, c.digest_by_sms AS by_sms,
            count(n.id)::int AS n, (array_agg(n.title ORDER BY n.id DESC))[1:5] AS titles
       FROM notification_contacts c JOIN users u ON u.id = c.user_id AND NOT u.disabled
       JOIN notifications n ON n.user_id = u.id AND n.read_at IS NULL AND n.created_at > clock_now() - interval '1 day'
      WHERE c.digest_by_email OR c.digest_by_sms
      GROUP BY u.id, u.display_name, c.email, c.mobile, c.digest_by_email, c.digest_by_sms`,
  );
  const result: DigestResult = { sent: 0, failed: 0 };
  for (const d of due) {
    const plan: ['email' | 'sms', string | null][] = [];
    if (d.by_email) plan.push(['email', d.email]);
    if (d.by_sms) plan.push(['sms', d.mobile]);
    for (const [channel, to] of plan) {
      if (!to) continue;
      const claimed = await database.query<{ id: number }>(
        `INSERT INTO notification_deliveries (user_id, channel, digest_day, notifications, status) VALUES ($1, $2, $3::date, $4, 'sent')
         ON CONFLICT (user_id, channel, digest_day) DO NOTHING RETURNING id`,
        [d.user_id, channel, today, d.n],
      );
      if (!claimed.length) continue;
      const titles = (d.titles ?? []).map((t) => `· ${t}`).join('\n');
      const text =
        channel === 'sms'
          ? `${d.display_name}您好：您有${d.n}条未读的工作提醒，请登录工会工作平台查看处理。`
          : `${d.display_name}您好：\n\n您有 ${d.n} 条未读的工作提醒：\n${titles}${d.n > 5 ? '\n……' : ''}\n\n请登录工会工作平台查看并处理。`;
      try {
        await channels[channel].send(to, { subject: `工作提醒摘要（${today}）`, text });
        result.sent++;
      } catch (e) {
        result.failed++;
        await database.query(`UPDATE notification_deliveries SET status = 'failed', error = $2 WHERE id = $1`, [claimed[0]!.id, String((e as Error).message).slice(0, 500)]);
      }
    }
  }
  return result;
}
