// RFC 4733 telephone-events: payload codec, a receiver that turns packets into one digit per
// key press, and the sender's packet train.
//
// Payload (RFC 4733 §2.3): event (8 bits) | E (1) | R (1) | volume (6) | duration (16, in
// timestamp units). All packets of one event share the RTP timestamp of its start; the first
// has the marker bit; the end packet (E=1) is usually sent three times.
//
// Receiving (§2.5.2), per packet:
//   1. ignore events above 15 (not DTMF) and packets whose timestamp belongs to an event
//      already ended (redundant end packets, late retransmissions);
//   2. a new timestamp starts a new event: emit 'begin'; if the previous event never got its
//      end packet, end it first with its last known duration;
//   3. the first E=1 packet ends the event: emit 'end' with its duration;
//   4. poll(): an event without packets for END_TIMEOUT_MS is ended (all end packets lost).
import type { DtmfDigit } from './media-endpoint';

export const DTMF_DIGITS = '0123456789*#ABCD';
const END_TIMEOUT_MS = 300;

export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  return { event: payload[0], end: (payload[1] & 0x80) !== 0, volume: payload[1] & 0x3f, duration: (payload[2] << 8) | payload[3] };
}

export function buildTelephoneEvent(e: TelephoneEvent): Buffer {
  const b = Buffer.allocUnsafe(4);
  b[0] = e.event;
  b[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  b.writeUInt16BE(Math.min(0xffff, e.duration), 2);
  return b;
}

export function digitToEvent(digit: string): number {
  const i = DTMF_DIGITS.indexOf(digit.toUpperCase());
  return i;
}

export function eventToDigit(event: number): DtmfDigit | null {
  return event >= 0 && event < 16 ? (DTMF_DIGITS[event] as DtmfDigit) : null;
}

export interface TelephoneEventSink {
  begin(digit: DtmfDigit): void;
  end(digit: DtmfDigit, durationMs: number): void;
}

export class TelephoneEventReceiver {
  private current: { timestamp: number; digit: DtmfDigit; duration: number; lastSeen: number } | null = null;
  /** Timestamps of recently ended events (redundant end packets keep arriving after the end). */
  private ended: number[] = [];

  constructor(private readonly sink: TelephoneEventSink) {}

  handle(timestamp: number, payload: Uint8Array, now = performance.now()): void {
    const te = parseTelephoneEvent(payload);
    if (!te) return;
    const digit = eventToDigit(te.event);
    if (!digit || this.ended.includes(timestamp)) return;
    if (!this.current || this.current.timestamp !== timestamp) {
      if (this.current) this.finish();
      this.current = { timestamp, digit, duration: te.duration, lastSeen: now };
      this.sink.begin(digit);
    }
    this.current.duration = Math.max(this.current.duration, te.duration);
    this.current.lastSeen = now;
    if (te.end) this.finish();
  }

  /** Ends an event whose end packets were all lost. */
  poll(now = performance.now()): void {
    if (this.current && now - this.current.lastSeen > END_TIMEOUT_MS) this.finish();
  }

  get active(): boolean {
    return this.current !== null;
  }

  private finish(): void {
    const c = this.current!;
    this.current = null;
    this.ended.push(c.timestamp);
    if (this.ended.length > 8) this.ended.shift();
    this.sink.end(c.digit, Math.round(c.duration / 8));
  }
}

/**
 * The payloads of one digit, one per 20 ms packet: growing durations, then the end packet
 * three times (§2.5.1.4). All share the event's start timestamp; the first gets the marker.
 */
export function telephoneEventTrain(digit: string, durationMs: number, volume = 10): Buffer[] {
  const event = digitToEvent(digit);
  const total = Math.max(1, Math.round(durationMs / 20)) * 160;
  const out: Buffer[] = [];
  for (let d = 160; d < total; d += 160) out.push(buildTelephoneEvent({ event, end: false, volume, duration: d }));
  for (let i = 0; i < 3; i++) out.push(buildTelephoneEvent({ event, end: true, volume, duration: total }));
  return out;
}
