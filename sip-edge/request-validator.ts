// Decides whether an incoming request may be handed to an app, or which error the edge itself
// answers, following RFC 3261 §8.2 and the per-message guidance of RFC 4475.

import { isToken, parseCSeq, parseNameAddr, parseSipUri, parseVia } from './header-values';
import { type SipRequest, getHeaderList, getHeaders } from './sip-message';

export interface Rejection {
  status: number;
  reason: string;
  headers?: Array<[string, string]>;
}

/** Headers that may appear only once (RFC 3261 §7.3.1: only comma-list headers may repeat). */
const SINGLE_VALUED = ['call-id', 'cseq', 'from', 'to', 'max-forwards', 'content-type', 'expires'];

/** Option tags the edge implements for Require (RFC 3261 §8.2.2.3). */
const SUPPORTED_EXTENSIONS = new Set<string>();

/** Methods that may carry an SDP offer/answer the edge forwards as-is. */
const SDP_TYPES = /^(application\/sdp|multipart\/(mixed|alternative|related))\s*(;|$)/i;

export function validateRequest(req: SipRequest): Rejection | null {
  if (req.version !== 'SIP/2.0') return { status: 505, reason: 'Version Not Supported' };

  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (getHeaders(req, name).length === 0) return { status: 400, reason: `Missing ${name} header` };
  }
  for (const key of SINGLE_VALUED) {
    if (getHeaders(req, key).length > 1) return { status: 400, reason: `Multiple ${key} headers` };
  }

  const vias = getHeaderList(req, 'via');
  for (const v of vias) if (!parseVia(v)) return { status: 400, reason: 'Malformed Via header' };

  const cseq = parseCSeq(getHeaders(req, 'cseq')[0]);
  if (!cseq) return { status: 400, reason: 'Malformed CSeq header' };
  if (cseq.method !== req.method) return { status: 400, reason: 'CSeq method does not match request line' };

  for (const name of ['from', 'to']) {
    if (!parseNameAddr(getHeaders(req, name)[0])) return { status: 400, reason: `Malformed ${name} header` };
  }
  if (!getHeaders(req, 'call-id')[0]) return { status: 400, reason: 'Empty Call-ID' };
  const contacts = getHeaderList(req, 'contact');
  for (const c of contacts) {
    if (c !== '*' && !parseNameAddr(c)) return { status: 400, reason: 'Malformed Contact header' };
  }
  for (const r of getHeaderList(req, 'record-route').concat(getHeaderList(req, 'route'))) {
    if (!parseNameAddr(r)) return { status: 400, reason: 'Malformed Route or Record-Route header' };
  }

  const maxForwards = getHeaders(req, 'max-forwards')[0];
  if (maxForwards !== undefined && (!/^\d{1,10}$/.test(maxForwards) || Number(maxForwards) > 255)) {
    return { status: 400, reason: 'Malformed Max-Forwards header' };
  }
  const expires = getHeaders(req, 'expires')[0];
  if (expires !== undefined && (!/^\d{1,10}$/.test(expires) || Number(expires) > 2 ** 32 - 1)) {
    return { status: 400, reason: 'Malformed Expires header' };
  }

  // Request-URI: a SIP URI may not carry headers (RFC 3261 §19.1.5); other schemes are 416
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(req.uri)?.[1]?.toLowerCase();
  if (!scheme || /[<>"]/.test(req.uri)) return { status: 400, reason: 'Malformed Request-URI' };
  if (scheme === 'sip' || scheme === 'sips') {
    const uri = parseSipUri(req.uri);
    if (!uri) return { status: 400, reason: 'Malformed Request-URI' };
    if (uri.headers !== undefined) return { status: 400, reason: 'Request-URI must not contain headers' };
  } else if (scheme !== 'tel') {
    return { status: 416, reason: 'Unsupported URI Scheme' };
  }

  if (req.method !== 'ACK' && req.method !== 'CANCEL') {
    const required = getHeaderList(req, 'require').filter(Boolean);
    const unsupported = required.filter((tag) => !SUPPORTED_EXTENSIONS.has(tag.toLowerCase()));
    if (unsupported.length > 0) {
      return { status: 420, reason: 'Bad Extension', headers: [['Unsupported', unsupported.join(', ')]] };
    }
  }

  if (req.method === 'INVITE') {
    const contentType = getHeaders(req, 'content-type')[0];
    if (req.body.length > 0 && contentType && !SDP_TYPES.test(contentType)) {
      return { status: 415, reason: 'Unsupported Media Type', headers: [['Accept', 'application/sdp']] };
    }
    const accept = getHeaderList(req, 'accept').map((a) => a.split(';')[0].trim().toLowerCase());
    if (accept.length > 0 && !accept.some((a) => a === 'application/sdp' || a === 'application/*' || a === '*/*')) {
      return { status: 406, reason: 'Not Acceptable', headers: [['Accept', 'application/sdp']] };
    }
  }
  if (!isToken(req.method)) return { status: 400, reason: 'Malformed method' };
  return null;
}
