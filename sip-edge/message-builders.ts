// Builders for the messages the edge writes itself: responses it answers without an app,
// and the identifiers (tags, branches, Call-IDs) it generates.

import { randomFillSync } from 'node:crypto';
import { type SipHeader, type SipRequest, type SipResponse, makeHeader } from './sip-message';

// Identifiers are cut from a pool of random octets refilled 4 KiB at a time (the same CSPRNG):
// a call makes several tags and branches, and one randomBytes() call per identifier showed in
// the edge's profile under load (issue 18).
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(octets: number): string {
  if (used + octets > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + octets);
  used += octets;
  return hex;
}

export function newTag(): string {
  return randomHex(6);
}

export function newBranch(): string {
  return `z9hG4bK${randomHex(8)}`;
}

export function newCallId(host: string): string {
  return `${randomHex(12)}@${host}`;
}

/** Adds `;tag=` to a To header value that has none (RFC 3261 §8.2.6.2). */
export function withTag(value: string, tag: string): string {
  return /;\s*tag\s*=/i.test(value) ? value : `${value};tag=${tag}`;
}

/**
 * A response to `headers` of a request (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq are
 * copied; To gets `toTag` unless it has one or the status is 100.
 */
export function buildResponseFromHeaders(requestHeaders: SipHeader[], status: number, reason: string,
  toTag: string | undefined, extra: Array<[string, string]> = []): SipResponse {
  const headers: SipHeader[] = [];
  for (const h of requestHeaders) {
    if (h.key === 'via' || h.key === 'from' || h.key === 'call-id' || h.key === 'cseq') headers.push(makeHeader(h.name, h.value));
    else if (h.key === 'to') {
      headers.push(makeHeader('To', status > 100 && toTag ? withTag(h.value, toTag) : h.value));
    }
  }
  for (const [name, value] of extra) headers.push(makeHeader(name, value));
  return { kind: 'response', version: 'SIP/2.0', status, reason, headers, body: '' };
}

export function buildResponse(req: SipRequest, status: number, reason: string, toTag?: string,
  extra: Array<[string, string]> = []): SipResponse {
  return buildResponseFromHeaders(req.headers, status, reason, toTag, extra);
}

export const REASON_PHRASES: Record<number, string> = {
  100: 'Trying', 180: 'Ringing', 183: 'Session Progress', 200: 'OK', 202: 'Accepted',
  400: 'Bad Request', 404: 'Not Found', 408: 'Request Timeout', 415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme', 420: 'Bad Extension', 480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist', 487: 'Request Terminated', 500: 'Server Internal Error',
  501: 'Not Implemented', 503: 'Service Unavailable', 505: 'Version Not Supported', 513: 'Message Too Large',
};
