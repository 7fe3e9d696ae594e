// What a call session needs from the outside world. The real SIP / media / database
// adapters come in later issues; in-memory/ has the implementations the tests use.
import type { CallOutcome, EndReason, HangupCause, HttpHeader, LegRequest, LoadedFlow, PathEntry, PlayItem } from '../interpreter';

export interface Clock {
  now(): number;
  setTimer(ms: number, fire: () => void): unknown;
  clearTimer(handle: unknown): void;
}

export interface Random {
  /** A 32-bit integer seeding the call's PRNG (split step). */
  seed(): number;
}

export interface MediaPort {
  answer(callId: string): void;
  /** Resolves when the items have been played (never for a loop until stopped; then it may stay pending). */
  play(callId: string, request: { playId: string; items: PlayItem[]; loop: boolean; bargeIn: boolean }): Promise<void>;
  stop(callId: string, playId: string): void;
  /** The step now expects digits (flush earlier ones, detect up to maxDigits). DTMF comes back through session.send(). */
  collectDigits(callId: string, request: { maxDigits: number; terminator: string | null }): void;
  /** Records until a finish key, silence or the maximum length. */
  record(
    callId: string,
    request: { recordingId: string; maxLengthSeconds: number; finishKeys: string[]; silenceSeconds: number },
  ): Promise<{ reason: 'key' | 'silence' | 'max-length'; durationMs: number }>;
  stopRecording(callId: string, recordingId: string): void;
  bridge(callId: string, legId: string): void;
  hangup(callId: string, cause: HangupCause): void;
}

export interface LegListener {
  ringing(legId: string): void;
  answered(legId: string): void;
  failed(legId: string, reason: 'busy' | 'no_answer' | 'failed'): void;
  /** A bridged leg hung up. */
  ended(legId: string): void;
}

export interface LegsPort {
  ring(callId: string, legs: LegRequest[], callerId: string | null, listener: LegListener): void;
  /** Stops ringing legs, or hangs up an answered one. */
  cancel(callId: string, legIds: string[]): void;
}

export interface HttpPort {
  /**
   * Rejects with { reason: 'timeout' } when timeoutMs passes, { reason: 'refused', message } when
   * the outbound policy refuses (address, scheme, size); any other rejection is a network error.
   * A rejection's `message` is written to the call's path.
   */
  request(request: { method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs: number }): Promise<{ status: number; body: string }>;
}

export interface SmsPort {
  send(request: { to: string; fromNumberId: string | null; text: string }): Promise<{ ok: boolean }>;
}

export interface CallbackStore {
  create(request: {
    callId: string;
    groupId: string;
    number: string;
    earliestAt: number;
    maxAttempts: number;
    retryIntervalMinutes: number;
  }): Promise<{ id: string }>;
}

export interface RecordStore {
  appendPath(callId: string, entry: PathEntry): void;
  storeVoicemail(
    callId: string,
    request: { recordingId: string; mailbox: { kind: 'agent'; agentId: string } | { kind: 'group'; groupId: string }; caller: string | null; durationMs: number },
  ): void | Promise<void>;
  callEnded(callId: string, outcome: CallOutcome | null, reason: EndReason): void;
}

export interface QueuePort {
  join(
    callId: string,
    request: { queueId: string; maxQueueSize: number; agentIds: string[] },
    deliver: (event: import('../interpreter').CallEvent) => void,
  ): void;
  leave(callId: string, queueId: string): void;
  offerResult(callId: string, request: { queueId: string; offerId: string; agentId: string; accepted: boolean; outcome: string }): void;
}

export interface FlowsPort {
  /** The published flow with this id, loaded with loadFlow(); null when there is none. */
  load(flowId: string): Promise<LoadedFlow | null>;
}

export interface SessionPorts {
  media: MediaPort;
  legs: LegsPort;
  http: HttpPort;
  sms: SmsPort;
  callbacks: CallbackStore;
  records: RecordStore;
  queue: QueuePort;
  flows: FlowsPort;
  clock: Clock;
  random: Random;
}
