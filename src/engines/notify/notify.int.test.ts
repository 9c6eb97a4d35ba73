import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { asUser, buildTwoCounties, buildUser } from '../../test/factories.ts';
import { buildUnionWithEnterprise } from '../../programs/membership/testing.ts';
import { DomainError } from '../errors.ts';
import { channelsFromEnv, logChannel, type OutboundMessage } from './channels.ts';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { sendDailyDigests } from './digest.ts';
import { clearNudge, raiseNudge, raiseNudges, setContacts } from './service.ts';
import { startSupervisionScheduler } from '../../programs/supervision/scheduler.ts';
import '../../programs/index.ts'; // every program's indicators and due checks, as the app registers them
import { registerDueCheck } from './due-checks.ts';

let database: TestDatabase;
let t: Awaited<ReturnType<typeof buildTwoCounties>>;
let admin: { userId: number; username: string; role: 'county_admin'; unitId: number };
const sent: { to: string; message: OutboundMessage }[] = [];
const quiet = { info: () => undefined, error: () => undefined };
const channels = { email: logChannel('email', quiet, sent), sms: logChannel('sms', quiet, sent) };

beforeAll(async () => {
  database = await createTestDatabase();
  t = await buildTwoCounties(database);
  const u = await buildUser(database, { unitId: t.a.id, role: 'county_admin', displayName: '甲县管理员' });
  admin = { userId: u.id, username: u.username, role: 'county_admin', unitId: t.a.id };
  await buildUnionWithEnterprise(database, { rootUnitId: t.city.id, parentId: t.aTown.id, name: '甲县一厂' });
});
afterAll(() => database.destroy());

describe('contacts', () => {
  it('are checked before a digest channel is turned on', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => 'NO_ERROR',
        (e) => (e instanceof DomainError ? e.code : Promise.reject(e)),
      );
    expect(await code(asUser(database, admin, (ctx) => setContacts(ctx, { email: null, mobile: '12345', digestByEmail: false, digestBySms: false })))).toBe('NOTIFY_MOBILE_INVALID');
    expect(await code(asUser(database, admin, (ctx) => setContacts(ctx, { email: null, mobile: null, digestByEmail: true, digestBySms: false })))).toBe('NOTIFY_CONTACT_MISSING');
    await asUser(database, admin, (ctx) => setContacts(ctx, { email: 'jia@example.org', mobile: '13800000000', digestByEmail: true, digestBySms: true }));
  });
});

describe('the daily digest', () => {
  it('goes out once a day per channel, listing the unread notifications', async () => {
    const r = await asUser(database, admin, (ctx) =>
      raiseNudge(ctx, { unitId: t.a.id, causeKey: 'contract.renewal:7', kind: 'due', title: '集体合同续签到期', body: '请于30日内完成续签。', link: '/governance/contracts/7' }),
    );
    expect(r).toEqual({ raised: true, notified: 1 });
    // Raised again while open: nothing new.
    expect(await asUser(database, admin, (ctx) => raiseNudge(ctx, { unitId: t.a.id, causeKey: 'contract.renewal:7', kind: 'due', title: 'x', body: 'x' }))).toEqual({ raised: false, notified: 0 });
    expect(await sendDailyDigests(database, channels, '2026-03-02')).toEqual({ sent: 2, failed: 0 });
    expect(sent.map((s) => s.to).sort()).toEqual(['13800000000', 'jia@example.org']);
    expect(sent.find((s) => s.to === 'jia@example.org')!.message.text).toContain('· 集体合同续签到期');
    expect(await sendDailyDigests(database, channels, '2026-03-02')).toEqual({ sent: 0, failed: 0 });
    expect(sent).toHaveLength(2);
    // A failing provider is recorded, not retried the same day.
    const failing = { ...channels, sms: { kind: 'sms' as const, transport: 'test', send: () => Promise.reject(new Error('gateway down')) } };
    expect(await sendDailyDigests(database, failing, '2026-03-03')).toEqual({ sent: 1, failed: 1 });
    const [row] = await database.query<{ status: string; error: string }>(`SELECT status, error FROM notification_deliveries WHERE channel = 'sms' AND digest_day = '2026-03-03'`);
    expect(row).toEqual({ status: 'failed', error: 'gateway down' });
  });

  it('a cleared cause nudges again when raised anew', async () => {
    expect(await asUser(database, admin, (ctx) => clearNudge(ctx, t.a.id, 'contract.renewal:7'))).toBe(true);
    expect(await asUser(database, admin, (ctx) => raiseNudge(ctx, { unitId: t.a.id, causeKey: 'contract.renewal:7', kind: 'due', title: '集体合同续签到期', body: '…' }))).toEqual({
      raised: true,
      notified: 1,
    });
    const [c] = await database.query<{ times: number }>(`SELECT times FROM notification_causes WHERE cause_key = 'contract.renewal:7'`);
    expect(c!.times).toBe(2);
  });
});

describe('many nudges at once', () => {
  it("raise each open cause once, notify each unit's cadres, and agree with raising them one by one", async () => {
    const townClerk = await buildUser(database, { unitId: t.aTown.id, role: 'county_admin', displayName: '城关镇干事' });
    const nudge = (unitId: number, causeKey: string) => ({ unitId, causeKey, kind: 'due', title: `复核提醒 ${causeKey}`, body: '请按时复核。', link: '/hardship/households' });
    // One cause already open: raising it again in the batch does nothing.
    await asUser(database, admin, (ctx) => raiseNudge(ctx, nudge(t.a.id, 'batch.review:1')));
    const r = await asUser(database, admin, (ctx) =>
      raiseNudges(ctx, [nudge(t.a.id, 'batch.review:1'), nudge(t.a.id, 'batch.review:2'), nudge(t.aTown.id, 'batch.review:2'), nudge(t.a.id, 'batch.review:2'), nudge(t.aUnion.id, 'batch.review:3')]),
    );
    expect(r.map((x) => [x.unitId, x.causeKey, x.raised, x.notified])).toEqual([
      [t.a.id, 'batch.review:1', false, 0],
      [t.a.id, 'batch.review:2', true, 1],
      [t.aTown.id, 'batch.review:2', true, 1],
      [t.a.id, 'batch.review:2', false, 0],
      // A unit with no cadre: the cause is open, nobody is told.
      [t.aUnion.id, 'batch.review:3', true, 0],
    ]);
    const rows = await database.query<{ user_id: number; cause_key: string; title: string }>(
      `SELECT user_id, cause_key, title FROM notifications WHERE cause_key LIKE 'batch.review:%' ORDER BY cause_key, user_id`,
    );
    expect(rows).toEqual([
      { user_id: admin.userId, cause_key: 'batch.review:1', title: '复核提醒 batch.review:1' },
      ...[admin.userId, townClerk.id].sort((x, y) => x - y).map((user_id) => ({ user_id, cause_key: 'batch.review:2', title: '复核提醒 batch.review:2' })),
    ]);
    // Cleared, then raised again in a batch: nudges again.
    await asUser(database, admin, (ctx) => clearNudge(ctx, t.a.id, 'batch.review:1'));
    const again = await asUser(database, admin, (ctx) => raiseNudges(ctx, [nudge(t.a.id, 'batch.review:1')]));
    expect(again).toEqual([{ unitId: t.a.id, causeKey: 'batch.review:1', raised: true, notified: 1 }]);
    expect(await asUser(database, admin, (ctx) => raiseNudges(ctx, []))).toEqual([]);
  });
});

describe('the supervision schedule', () => {
  it('freezes the month just ended once, however often it runs', async () => {
    const now = () => new Date('2026-03-05T02:00:00Z'); // 10:00 in Shanghai
    const s = startSupervisionScheduler(database, { channels, log: quiet, now, intervalMs: 3600_000 });
    try {
      const first = await s.runOnce();
      expect(first.frozen).toBe(1);
      const second = await s.runOnce();
      expect(second.frozen).toBe(0);
      const [n] = await database.query<{ n: number; periods: number }>(`SELECT count(*)::int AS n, count(DISTINCT period)::int AS periods FROM indicator_snapshots`);
      expect(n!.periods).toBe(1);
      const [p] = await database.query<{ period: string }>(`SELECT DISTINCT period::text AS period FROM indicator_snapshots`);
      expect(p!.period).toBe('2026-02-28');
    } finally {
      await s.stop();
    }
  });

  it('runs every program’s due checks for the tree, and each cause nudges once', async () => {
    const seen: number[] = [];
    registerDueCheck({
      name: 'test.contract-renewals',
      run: async (ctx) => {
        seen.push(ctx.scope.unitId);
        const r = await raiseNudge(ctx, { unitId: t.a.id, causeKey: 'test.renewal:42', kind: 'due', title: '集体合同即将到期', body: '请在到期前完成续签。', link: '/' });
        return { raised: r.raised ? 1 : 0 };
      },
    });
    const now = () => new Date('2026-03-06T02:00:00Z');
    for (const expected of [1, 0]) {
      const s = startSupervisionScheduler(database, { channels, log: quiet, now, intervalMs: 3600_000 });
      try {
        const r = await s.runOnce();
        expect(r.nudges).toBeGreaterThanOrEqual(expected);
        const [c] = await database.query<{ times: number }>(`SELECT times FROM notification_causes WHERE cause_key = 'test.renewal:42'`);
        expect(c!.times).toBe(1);
      } finally {
        await s.stop();
      }
    }
    // It ran for the root of the tree, seeing the whole tree.
    expect(seen).toEqual([t.city.id, t.city.id]);
  });

  it('catches up at start on the month ends missed while it was down, once, each as of its own month end', async () => {
    // Frozen so far: February. The server comes back on 3 June: March, April and May are missed.
    const now = () => new Date('2026-06-03T02:00:00Z');
    const s = startSupervisionScheduler(database, { channels, log: quiet, now, intervalMs: 3600_000 });
    try {
      expect((await s.runOnce()).frozen).toBe(3);
      expect((await s.runOnce()).frozen).toBe(0);
    } finally {
      await s.stop();
    }
    const periods = await database.query<{ period: string; as_of: string }>(`SELECT DISTINCT period::text AS period, as_of::text AS as_of FROM indicator_snapshots ORDER BY 1`);
    expect(periods.map((p) => p.period)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(periods.every((p) => p.as_of === p.period)).toBe(true);
    // A later start with nothing missed freezes only what has newly ended.
    const later = startSupervisionScheduler(database, { channels, log: quiet, now: () => new Date('2026-07-01T02:00:00Z'), intervalMs: 3600_000 });
    try {
      expect((await later.runOnce()).frozen).toBe(1);
    } finally {
      await later.stop();
    }
  });
});

describe('SMS and e-mail channels', () => {
  it('use the log transport by default and refuse an incomplete provider configuration', () => {
    const c = channelsFromEnv({}, quiet);
    expect([c.email.transport, c.sms.transport]).toEqual(['log', 'log']);
    expect(() => channelsFromEnv({ GONGHUI_SMS_TRANSPORT: 'http' }, quiet)).toThrow(/GONGHUI_SMS_HTTP_URL/);
    expect(() => channelsFromEnv({ GONGHUI_EMAIL_TRANSPORT: 'smtp' }, quiet)).toThrow(/GONGHUI_SMTP_URL/);
    expect(() => channelsFromEnv({ GONGHUI_EMAIL_TRANSPORT: 'pigeon' }, quiet)).toThrow(/"log" or "smtp"/);
  });

  it('send an SMS to the configured gateway, signed and with its token; a gateway error is an error', async () => {
    const received: { auth: string | undefined; body: unknown }[] = [];
    let status = 200;
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.statusCode = status;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      const { sms } = channelsFromEnv({ GONGHUI_SMS_TRANSPORT: 'http', GONGHUI_SMS_HTTP_URL: url, GONGHUI_SMS_HTTP_TOKEN: 'tok-1', GONGHUI_SMS_SIGN: '南平市总工会' }, quiet);
      await sms.send('13800000000', { subject: '工作提醒摘要', text: '您有2条未读的工作提醒' });
      expect(received).toEqual([{ auth: 'Bearer tok-1', body: { mobile: '13800000000', text: '您有2条未读的工作提醒', sign: '南平市总工会' } }]);
      status = 503;
      await expect(sms.send('13800000000', { subject: 'x', text: 'x' })).rejects.toThrow(/503/);
    } finally {
      server.close();
    }
  });

  it('send an e-mail through the configured SMTP server, from the configured sender', async () => {
    const session: string[] = [];
    let data = '';
    const server = createTcpServer((socket) => {
      let inData = false;
      let buffer = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const nextEnd = () => (inData ? buffer.indexOf('\r\n.\r\n') : buffer.indexOf('\r\n'));
        for (let i = nextEnd(); i >= 0; i = nextEnd()) {
          if (inData) {
            data = buffer.slice(0, i);
            buffer = buffer.slice(i + 5);
            inData = false;
            socket.write('250 queued\r\n');
            continue;
          }
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          session.push(line);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
          else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const { email } = channelsFromEnv({ GONGHUI_EMAIL_TRANSPORT: 'smtp', GONGHUI_SMTP_URL: `smtp://127.0.0.1:${port}`, GONGHUI_EMAIL_FROM: 'noreply@example.org' }, quiet);
      expect(email.transport).toBe('smtp');
      await email.send('jia@example.org', { subject: '工作提醒摘要（2026-03-02）', text: '甲县管理员您好' });
      expect(session).toContain('MAIL FROM:<noreply@example.org>');
      expect(session).toContain('RCPT TO:<jia@example.org>');
      expect(data).toMatch(/^To: jia@example.org$/m);
      // The subject is MIME-encoded and may be folded over several words.
      const header = data.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      const subject = /^Subject: (.*)$/m.exec(header)?.[1] ?? '';
      const decoded = [...subject.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64')).reduce((a, b) => Buffer.concat([a, b]), Buffer.alloc(0));
      expect(decoded.toString('utf8')).toBe('工作提醒摘要（2026-03-02）');
    } finally {
      server.close();
    }
  });
});
