// The drachtio wire protocol between the edge and apps (drachtio-srf) over TCP.
//
// Frame:   <length>#<msgId>|<type>|<token>|...[\r\n<SIP message>]
// <length> counts octets after '#'. Frames are handled as binary (latin1) strings so a SIP body
// with arbitrary octets passes through unchanged; drachtio-srf decodes them as UTF-8 itself.

import { randomUUID } from 'node:crypto';
import { ByteQueue } from './byte-queue';
import { SipEdgeError } from './errors';

/** Longest length prefix accepted (drachtio-server reads at most 5 digits; we allow 8). */
const MAX_LENGTH_DIGITS = 8;
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameDecoder {
  private queue = new ByteQueue();

  /** `maxFrameBytes` may be raised later (e.g. once the app has authenticated). */
  constructor(public maxFrameBytes = MAX_FRAME_BYTES) {}

  append(chunk: Buffer): void {
    this.queue.append(chunk);
  }

  /**
   * The next complete frame, or null until more octets arrive; throws WIRE_PROTOCOL_ERROR on
   * garbage or an oversized frame, detected from its length prefix before its octets arrive.
   * One frame at a time, so the caller can raise `maxFrameBytes` once an app has authenticated.
   * Linear in the octets received, however they are split.
   */
  next(): string | null {
    const head = this.queue.view();
    const hash = head.subarray(0, MAX_LENGTH_DIGITS + 1).indexOf(0x23 /* # */);
    if (hash === -1) {
      if (head.length > MAX_LENGTH_DIGITS) throw badFrame('length prefix too long');
      return null;
    }
    const prefix = head.toString('latin1', 0, hash);
    if (!/^\d{1,8}$/.test(prefix)) throw badFrame(`invalid length prefix "${prefix.slice(0, 20)}"`);
    const length = Number(prefix);
    if (length === 0 || length > this.maxFrameBytes) throw badFrame(`invalid frame length ${length}`);
    if (head.length < hash + 1 + length) return null;
    const frame = head.toString('latin1', hash + 1, hash + 1 + length);
    this.queue.consume(hash + 1 + length);
    return frame;
  }

  /** Appends octets and returns every complete frame (same errors as next()). */
  push(chunk: Buffer): string[] {
    this.append(chunk);
    const frames: string[] = [];
    for (let f = this.next(); f !== null; f = this.next()) frames.push(f);
    return frames;
  }

  /** Frees the buffer (connection closed). */
  clear(): void {
    this.queue.clear();
  }
}

function badFrame(message: string): SipEdgeError {
  return new SipEdgeError('WIRE_PROTOCOL_ERROR', message);
}

export function encodeFrame(payload: string): Buffer {
  const body = Buffer.from(payload, 'latin1');
  return Buffer.concat([Buffer.from(`${body.length}#`, 'latin1'), body]);
}

export interface ParsedFrame {
  msgId: string;
  type: string;
  /** Tokens after the type, up to the first CR. */
  args: string[];
  /** Text after the first CRLF (a SIP message), or '' when there is none. */
  payload: string;
}

export function parseFrame(frame: string): ParsedFrame {
  const cr = frame.indexOf('\r\n');
  const leader = cr === -1 ? frame : frame.slice(0, cr);
  const tokens = leader.split('|');
  if (tokens.length < 2 || !tokens[0]) throw badFrame('frame needs "<msgId>|<type>"');
  return { msgId: tokens[0], type: tokens[1], args: tokens.slice(2), payload: cr === -1 ? '' : frame.slice(cr + 2) };
}

export function newId(): string {
  return randomUUID();
}

/** The time stamp drachtio-server puts in message meta data: HH:MM:SS.micro (UTC). */
export function stackTime(date = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}.${p(date.getUTCMilliseconds() * 1000, 6)}`;
}

/** Meta describing a SIP message as drachtio-server sends it: source|bytes|transport|address|port|time. */
export interface MessageMeta {
  source: 'network' | 'application';
  bytes: number;
  transport: string;
  address: string;
  port: number;
}

export function formatMeta(m: MessageMeta): string {
  return `${m.source}|${m.bytes}|${m.transport}|${m.address}|${m.port}|${stackTime()}`;
}

/** `<uuid>|response|<requestMsgId>|<tokens...>` */
export function responseFrame(requestMsgId: string, tokens: string[], sipMessage?: string): string {
  const leader = `${newId()}|response|${requestMsgId}|${tokens.join('|')}`;
  return sipMessage === undefined ? leader : `${leader}\r\n${sipMessage}`;
}

/** `<uuid>|sip|<meta>|<txnId>|<dialogId>|[<recvAddr>|<recvPort>|]\r\n<SIP message>` */
export function sipFrame(meta: MessageMeta, transactionId: string, dialogId: string, sipMessage: string,
  receivedOn?: { address: string; port: number }): string {
  let leader = `${newId()}|sip|${formatMeta(meta)}|${transactionId}|${dialogId}|`;
  if (receivedOn) leader += `${receivedOn.address}|${receivedOn.port}|`;
  return `${leader}\r\n${sipMessage}`;
}
