// Writes SIP messages to the wire. Content-Length is always recomputed from the body, because
// apps (and drachtio-srf) count UTF-16 units, not octets.

import type { SipMessage } from './sip-message';

export function serialize(msg: SipMessage): string {
  let s = msg.kind === 'request'
    ? `${msg.method} ${msg.uri} ${msg.version}\r\n`
    : `${msg.version} ${msg.status} ${msg.reason}\r\n`;
  for (const h of msg.headers) {
    if (h.key === 'content-length') continue;
    s += `${h.name}: ${h.value}\r\n`;
  }
  s += `Content-Length: ${msg.body.length}\r\n\r\n`;
  return s + msg.body;
}

export function toWire(msg: SipMessage): Buffer {
  return Buffer.from(serialize(msg), 'latin1');
}

/** One-line summary for logs, e.g. "INVITE sip:bob@x" or "200 OK (INVITE)". */
export function summarize(msg: SipMessage): string {
  if (msg.kind === 'request') return `${msg.method} ${msg.uri}`;
  const cseq = msg.headers.find((h) => h.key === 'cseq')?.value ?? '';
  return `${msg.status} ${msg.reason} (${cseq})`;
}
