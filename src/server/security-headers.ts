/**
 * The headers every answer carries, in one place. The web app loads nothing from elsewhere: its
 * scripts, fonts and pictures are its own, downloads are blob: links, charts draw on a canvas; the
 * one exception is style, since antd writes its styles into the page as it renders.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A year, the usual HSTS lifetime: once a browser has reached us over TLS it never tries plain HTTP. */
const HSTS = 'max-age=31536000';

/** The API documentation's page sets a policy of its own (hashes of its inline parts). */
const OWN_POLICY = '/api/v1/docs';

/**
 * Over TLS means the connection itself, or a trusted proxy's X-Forwarded-Proto (Fastify's
 * `trustProxy`, GONGHUI_TRUST_PROXY): `req.protocol` says which.
 */
export const overTls = (req: FastifyRequest): boolean => req.protocol === 'https';

export function setSecurityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('x-frame-options', 'DENY');
  if (!req.url.startsWith(OWN_POLICY)) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  if (overTls(req)) reply.header('strict-transport-security', HSTS);
}
