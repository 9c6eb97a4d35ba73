/**
 * Messages outside the app — SMS and e-mail — behind one interface. Each channel has a development
 * transport that writes the message to the log, and a real provider chosen by environment variables
 * (read once, when the app starts; the README lists them):
 *
 *   GONGHUI_EMAIL_TRANSPORT  'log' (default) or 'smtp'
 *   GONGHUI_SMTP_URL         smtp(s)://user:password@host:port — the SMTP server (smtp transport)
 *   GONGHUI_EMAIL_FROM       the sender address, e.g. "南平市总工会 <noreply@example.org>"
 *   GONGHUI_SMS_TRANSPORT    'log' (default) or 'http'
 *   GONGHUI_SMS_HTTP_URL     the SMS gateway's endpoint: receives POST {"mobile","text","sign"} as JSON
 *   GONGHUI_SMS_HTTP_TOKEN   sent as "Authorization: Bearer …" to the gateway
 *   GONGHUI_SMS_SIGN         the message signature the carrier requires, e.g. 南平市总工会
 */
import nodemailer from 'nodemailer';

export interface OutboundMessage {
  subject: string;
  text: string;
}

export interface MessageChannel {
  kind: 'email' | 'sms';
  /** Which transport: 'log' or the provider's name. */
  transport: string;
  send(to: string, message: OutboundMessage): Promise<void>;
}

export interface ChannelLog {
  info(obj: Record<string, unknown>, msg: string): void;
}

const consoleLog: ChannelLog = { info: (obj, msg) => console.log(msg, JSON.stringify(obj)) };

/** Writes each message to the log instead of sending it (development and tests). */
export function logChannel(kind: 'email' | 'sms', log: ChannelLog = consoleLog, sent?: { to: string; message: OutboundMessage }[]): MessageChannel {
  return {
    kind,
    transport: 'log',
    async send(to, message) {
      sent?.push({ to, message });
      log.info({ channel: kind, to, subject: message.subject, text: message.text }, `notify: ${kind} (not sent: development transport)`);
    },
  };
}

export function smtpChannel(url: string, from: string): MessageChannel {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'email',
    transport: 'smtp',
    async send(to, message) {
      await transporter.sendMail({ from, to, subject: message.subject, text: message.text });
    },
  };
}

export function httpSmsChannel(url: string, token: string | undefined, sign: string): MessageChannel {
  return {
    kind: 'sms',
    transport: 'http',
    async send(to, message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ mobile: to, text: message.text, sign }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

export interface Channels {
  email: MessageChannel;
  sms: MessageChannel;
}

export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env, log: ChannelLog = consoleLog): Channels {
  const emailKind = env.GONGHUI_EMAIL_TRANSPORT || 'log';
  const smsKind = env.GONGHUI_SMS_TRANSPORT || 'log';
  let email: MessageChannel;
  if (emailKind === 'smtp') {
    if (!env.GONGHUI_SMTP_URL || !env.GONGHUI_EMAIL_FROM) throw new Error('GONGHUI_EMAIL_TRANSPORT=smtp needs GONGHUI_SMTP_URL and GONGHUI_EMAIL_FROM');
    email = smtpChannel(env.GONGHUI_SMTP_URL, env.GONGHUI_EMAIL_FROM);
  } else if (emailKind === 'log') email = logChannel('email', log);
  else throw new Error(`GONGHUI_EMAIL_TRANSPORT must be "log" or "smtp", got "${emailKind}"`);
  let sms: MessageChannel;
  if (smsKind === 'http') {
    if (!env.GONGHUI_SMS_HTTP_URL) throw new Error('GONGHUI_SMS_TRANSPORT=http needs GONGHUI_SMS_HTTP_URL');
    sms = httpSmsChannel(env.GONGHUI_SMS_HTTP_URL, env.GONGHUI_SMS_HTTP_TOKEN, env.GONGHUI_SMS_SIGN || '工会');
  } else if (smsKind === 'log') sms = logChannel('sms', log);
  else throw new Error(`GONGHUI_SMS_TRANSPORT must be "log" or "http", got "${smsKind}"`);
  return { email, sms };
}
