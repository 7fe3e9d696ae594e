// Frames and parses SIP messages from UDP datagrams and TCP byte streams (RFC 3261 §7, §18.3).
//
// Never throws on input: every outcome is a value, so a hostile packet cannot take the edge down.
// Parsing here is structural (start line, header lines, body framing). Rules about header
// contents that decide between 400/416/420/505 live in request-validator.ts.

import { SipParseError } from './errors';
import { type SipHeader, type SipMessage, headerKey } from './sip-message';

export type ParseOutcome =
  | { type: 'message'; message: SipMessage; consumed: number }
  /** `headers` holds whatever header lines parsed, so a 400 can still be addressed to the sender. */
  | {
    type: 'error'; error: SipParseError; looksLikeRequest: boolean; headers: SipHeader[]; consumed: number;
    /** On a stream, the message boundary is unknown: the connection must be closed. */
    framingLost: boolean;
  }
  /**
   * More octets are needed. `needed`, when known (the head is complete), is the total length of
   * the message so a stream reader can wait for it without parsing again.
   */
  | { type: 'incomplete'; needed?: number }
  /** CRLF keep-alives (RFC 5626 §3.5.1) between messages. */
  | { type: 'keepalive'; consumed: number; pingPong: boolean };

/** Largest header section accepted; a stream that exceeds it without a blank line is garbage. */
export const MAX_HEAD_BYTES = 64 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Longest logical header line (after unfolding) and most header lines in one message. Real SIP
 * headers are well under 2 KiB (RFC 4475's longest torture line is 594 octets); the limits keep
 * every later per-header parse small, whatever a hostile peer sends. Over a limit: 513.
 */
export const MAX_HEADER_LINE_BYTES = 16 * 1024;
export const MAX_HEADERS = 256;

const TOKEN = "[A-Za-z0-9\\-.!%*_+`'~]+";
const REQUEST_LINE_RE = new RegExp(`^(${TOKEN}) ([^ \\t]+) (SIP/\\d+\\.\\d+)$`);
const STATUS_LINE_RE = /^SIP\/(\d+\.\d+) (\d{3}) ([^\r\n]*)$/;
const HEADER_LINE_RE = new RegExp(`^(${TOKEN})[ \\t]*:([\\s\\S]*)$`);

export function parseDatagram(buf: Buffer): ParseOutcome {
  return parse(buf.toString('latin1'), false);
}

export function parseStream(buf: Buffer): ParseOutcome {
  return parse(buf.toString('latin1'), true);
}

/** Parses one message held in a binary (latin1) string. */
export function parseText(text: string, stream = false): ParseOutcome {
  return parse(text, stream);
}

function parse(text: string, stream: boolean): ParseOutcome {
  let start = 0;
  while (text.startsWith('\r\n', start) || text[start] === '\n') start += text[start] === '\n' ? 1 : 2;
  if (start > 0 && start === text.length) {
    return { type: 'keepalive', consumed: start, pingPong: text.slice(0, 4) === '\r\n\r\n' };
  }
  if (start > 0 && stream) return { type: 'keepalive', consumed: start, pingPong: start >= 4 };
  let headEnd = text.indexOf('\r\n\r\n', start);
  let sepLen = 4;
  const lfEnd = text.indexOf('\n\n', start);
  if (lfEnd !== -1 && (headEnd === -1 || lfEnd < headEnd)) {
    headEnd = lfEnd;
    sepLen = 2;
  }
  const fail = (message: string, looksLikeRequest: boolean, headers: SipHeader[], consumed: number, status = 400, framing = false): ParseOutcome =>
    ({
      type: 'error', error: new SipParseError(message, status), looksLikeRequest, headers, consumed,
      framingLost: stream && framing,
    });

  if (headEnd === -1) {
    if (stream && text.length - start < MAX_HEAD_BYTES) return { type: 'incomplete' };
    const firstLine = text.slice(start, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start));
    return fail('no blank line ends the header section', !firstLine.startsWith('SIP/'), [], text.length, 400, true);
  }
  if (headEnd - start > MAX_HEAD_BYTES) return fail('header section too large', true, [], text.length, 513, true);

  const rawLines = text.slice(start, headEnd).split(/\r?\n/);
  const lines: string[] = [];
  const lineLengths: number[] = [];
  for (const line of rawLines) {
    // header folding: a line starting with whitespace continues the previous one (RFC 3261 §7.3.1)
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 1) {
      // a line over the limit is not grown any further: it is refused below anyway
      if (lineLengths[lines.length - 1] <= MAX_HEADER_LINE_BYTES) lines[lines.length - 1] += ' ' + line.trim();
      lineLengths[lines.length - 1] += line.length + 1;
    } else {
      lines.push(line);
      lineLengths.push(line.length);
    }
  }
  const startLine = lines[0] ?? '';
  const looksLikeRequest = !startLine.startsWith('SIP/');

  const headers: SipHeader[] = [];
  let badHeaderLine: string | null = null;
  // limits are checked before any header value is looked at, so no later parse sees a huge value;
  // the short headers are still collected, so the 513 can be addressed to the sender
  let lostLength = false;
  let overLimit: string | null = lines.length - 1 > MAX_HEADERS ? `more than ${MAX_HEADERS} header lines` : null;
  if (startLine.length > MAX_HEADER_LINE_BYTES) overLimit ??= 'start line too long';
  for (let i = 1; i < lines.length && headers.length < MAX_HEADERS; i++) {
    if (lineLengths[i] > MAX_HEADER_LINE_BYTES) {
      overLimit ??= `header line over ${MAX_HEADER_LINE_BYTES} octets (${lines[i].slice(0, 30).replace(/[^\x20-\x7e]/g, '?')}...)`;
      // a Content-Length we refuse to read leaves the body boundary unknown
      if (/^(content-length|l)[ \t]*:/i.test(lines[i].slice(0, 40))) lostLength = true;
      continue;
    }
    const m = HEADER_LINE_RE.exec(lines[i]);
    if (!m) {
      badHeaderLine ??= lines[i];
      continue;
    }
    headers.push({ key: headerKey(m[1]), name: m[1], value: m[2].trim() });
  }

  // Body framing comes first: on a stream, a wrong Content-Length loses the framing entirely.
  const bodyStart = headEnd + sepLen;
  const lengths = headers.filter((h) => h.key === 'content-length').map((h) => h.value);
  let contentLength: number | undefined;
  if (lostLength) return fail(overLimit ?? 'Content-Length too long', looksLikeRequest, headers, text.length, 513, true);
  if (lengths.length > 1) return fail('more than one Content-Length', looksLikeRequest, headers, text.length, 400, true);
  if (lengths.length === 1) {
    if (!/^\d{1,9}$/.test(lengths[0]) || Number(lengths[0]) > MAX_BODY_BYTES) {
      return fail(`invalid Content-Length "${lengths[0].slice(0, 40)}"`, looksLikeRequest, headers, text.length, 400, true);
    }
    contentLength = Number(lengths[0]);
  }
  let body: string;
  let consumed: number;
  if (stream) {
    const len = contentLength ?? 0;
    if (text.length < bodyStart + len) return { type: 'incomplete', needed: bodyStart + len };
    body = text.slice(bodyStart, bodyStart + len);
    consumed = bodyStart + len;
  } else {
    const rest = text.slice(bodyStart);
    if (contentLength !== undefined && contentLength > rest.length) {
      return fail('Content-Length larger than the datagram', looksLikeRequest, headers, text.length);
    }
    // extra octets after Content-Length in a datagram are discarded (RFC 3261 §18.3, RFC 4475 §3.1.1.8)
    body = contentLength === undefined ? rest : rest.slice(0, contentLength);
    consumed = text.length;
  }

  if (overLimit !== null) return fail(overLimit, looksLikeRequest, headers, consumed, 513);
  if (badHeaderLine !== null) {
    return fail(`malformed header line "${badHeaderLine.slice(0, 60)}"`, looksLikeRequest, headers, consumed);
  }

  if (!looksLikeRequest) {
    const m = STATUS_LINE_RE.exec(startLine);
    if (!m) return fail('malformed status line', false, headers, consumed);
    const status = Number(m[2]);
    if (status < 100 || status > 699) return fail(`status code ${status} out of range`, false, headers, consumed);
    return {
      type: 'message', consumed,
      message: { kind: 'response', version: `SIP/${m[1]}`, status, reason: m[3], headers, body },
    };
  }
  const m = REQUEST_LINE_RE.exec(startLine);
  if (!m) return fail('malformed request line', true, headers, consumed);
  return {
    type: 'message', consumed,
    message: { kind: 'request', method: m[1], uri: m[2], version: m[3], headers, body },
  };
}

/** Convenience for tests and tools: parse a whole message or throw its SipParseError. */
export function parseMessageOrThrow(input: string | Buffer): SipMessage {
  const out = typeof input === 'string' ? parse(input, false) : parseDatagram(input);
  if (out.type === 'message') return out.message;
  if (out.type === 'error') throw out.error;
  throw new SipParseError('no message');
}

