// The in-memory shape of a SIP message, and header access helpers.
//
// Text is held as "binary" strings (latin1: one char per octet) everywhere inside the edge, so
// that octets that are not valid UTF-8 (RFC 4475 puts some in on purpose) survive a round trip
// from the network to an app and back unchanged.

export interface SipHeader {
  /** Lower-case long form, e.g. "call-id" for both "Call-ID" and "i". */
  key: string;
  /** Name as it will be written on the wire. */
  name: string;
  value: string;
}

interface SipMessageBase {
  version: string;
  headers: SipHeader[];
  body: string;
}

export interface SipRequest extends SipMessageBase {
  kind: 'request';
  method: string;
  uri: string;
}

export interface SipResponse extends SipMessageBase {
  kind: 'response';
  status: number;
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;

const COMPACT_FORMS: Record<string, string> = {
  i: 'call-id', m: 'contact', e: 'content-encoding', l: 'content-length', c: 'content-type',
  f: 'from', s: 'subject', k: 'supported', t: 'to', v: 'via', o: 'event', r: 'refer-to',
  b: 'referred-by', u: 'allow-events', x: 'session-expires', y: 'identity', a: 'accept-contact',
  j: 'reject-contact', d: 'request-disposition',
};

const CANONICAL_NAMES: Record<string, string> = {
  'call-id': 'Call-ID', cseq: 'CSeq', via: 'Via', from: 'From', to: 'To', contact: 'Contact',
  'content-length': 'Content-Length', 'content-type': 'Content-Type', 'max-forwards': 'Max-Forwards',
  'record-route': 'Record-Route', route: 'Route', 'www-authenticate': 'WWW-Authenticate',
  'proxy-authenticate': 'Proxy-Authenticate', 'proxy-authorization': 'Proxy-Authorization',
  authorization: 'Authorization', 'user-agent': 'User-Agent', 'refer-to': 'Refer-To',
  'referred-by': 'Referred-By', 'subscription-state': 'Subscription-State', 'allow-events': 'Allow-Events',
  'session-expires': 'Session-Expires', 'min-se': 'Min-SE', 'rseq': 'RSeq', rack: 'RAck',
  'p-asserted-identity': 'P-Asserted-Identity', 'content-disposition': 'Content-Disposition',
  'content-encoding': 'Content-Encoding', 'retry-after': 'Retry-After', 'alert-info': 'Alert-Info',
  'call-info': 'Call-Info', 'error-info': 'Error-Info', 'reply-to': 'Reply-To', 'in-reply-to': 'In-Reply-To',
  'mime-version': 'MIME-Version', 'proxy-require': 'Proxy-Require', 'accept-encoding': 'Accept-Encoding',
  'accept-language': 'Accept-Language', 'sip-etag': 'SIP-ETag', 'sip-if-match': 'SIP-If-Match',
};

/** Lower-case long form of a header name (expands compact forms). */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}

/** The spelling used when the edge writes a header it knows; unknown names keep the app's spelling. */
export function canonicalHeaderName(name: string): string {
  const key = headerKey(name);
  if (CANONICAL_NAMES[key]) return CANONICAL_NAMES[key];
  if (name.length === 1) return key.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  if (name === name.toLowerCase()) {
    return key.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  }
  return name;
}

export function makeHeader(name: string, value: string): SipHeader {
  return { key: headerKey(name), name: canonicalHeaderName(name), value };
}

/** First value of a header (the first header line; not split on commas). */
export function getHeader(msg: SipMessage, name: string): string | undefined {
  const key = headerKey(name);
  for (const h of msg.headers) if (h.key === key) return h.value;
  return undefined;
}

export function getHeaders(msg: SipMessage, name: string): string[] {
  const key = headerKey(name);
  const out: string[] = [];
  for (const h of msg.headers) if (h.key === key) out.push(h.value);
  return out;
}

export function hasHeader(msg: SipMessage, name: string): boolean {
  return getHeader(msg, name) !== undefined;
}

export function removeHeader(msg: SipMessage, name: string): void {
  const key = headerKey(name);
  msg.headers = msg.headers.filter((h) => h.key !== key);
}

export function setHeader(msg: SipMessage, name: string, value: string): void {
  const key = headerKey(name);
  const idx = msg.headers.findIndex((h) => h.key === key);
  const header = makeHeader(name, value);
  if (idx === -1) msg.headers.push(header);
  else {
    msg.headers[idx] = header;
    msg.headers = msg.headers.filter((h, i) => h.key !== key || i === idx);
  }
}

/**
 * Splits a header value on commas that separate list elements, ignoring commas inside quoted
 * strings and <...> (a URI may legally contain commas).
 */
export function splitHeaderList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out;
}

/** All list elements of a multi-valued header across all its header lines (Via, Route, Contact…). */
export function getHeaderList(msg: SipMessage, name: string): string[] {
  return getHeaders(msg, name).flatMap(splitHeaderList);
}
