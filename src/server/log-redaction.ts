/**
 * What the server log may say of a request: its method and path, with the values that could
 * identify a person taken out — the query parameters that carry a search, an ID number or a phone
 * number, and any long run of digits wherever it stands (an ID number in a path, a bank account).
 */
const SENSITIVE_PARAMS = new Set(['q', 'idnumber', 'id_number', 'phone', 'mobile', 'bankaccount', 'account', 'code', 'password', 'token']);

/** Six or more digits (an ID number, a phone, a bank account; ID numbers may end in X). */
const LONG_DIGITS = /\d{6,}[Xx]?/g;

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const pathPart = (at < 0 ? url : url.slice(0, at)).replace(LONG_DIGITS, '***');
  if (at < 0) return pathPart;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      if (eq < 0) return pair.replace(LONG_DIGITS, '***');
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // a malformed key is still a key
      }
      return SENSITIVE_PARAMS.has(name.toLowerCase()) ? `${key}=***` : `${key}=${pair.slice(eq + 1).replace(LONG_DIGITS, '***')}`;
    })
    .join('&');
  return `${pathPart}?${query}`;
}

/** The request as the log shows it (Fastify's `req` serializer). */
export function redactedRequest(req: { method?: string; url?: string; ip?: string; id?: string }) {
  return { method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip, reqId: req.id };
}
