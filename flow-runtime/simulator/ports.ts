// The simulator's session ports: everything a live call would do outside the interpreter is
// simulated here and never reaches a real system. Prompts finish after a simulated length,
// legs follow `input.answer`, recordings last a few simulated seconds, SMS and callbacks are
// only written to the transcript (answered "ok"), HTTP goes to the simulator's handler.
// Each port result comes back to the session as an event; the simulator counts the results
// in flight so it can wait for them (microtasks only, no real time).
import type { CallContext, HangupCause, LegRequest, LoadedFlow, PlayItem } from '../interpreter';
import { InMemoryQueue } from '../session/in-memory/queue';
import type { CallbackStore, FlowsPort, HttpPort, LegListener, LegsPort, MediaPort, RecordStore, SessionPorts, SmsPort } from '../session/ports';
import type { SimClock } from './clock';
import { promptDurationMs } from './transcript';

/** Simulated ring before the answering leg picks up. */
export const ANSWER_AFTER_MS = 2000;
/** Simulated ring before a busy agent's phone refuses. */
export const BUSY_AFTER_MS = 1000;
/** Simulated length of a voicemail message. */
export const MESSAGE_MS = 10_000;

export interface SimPortsHost {
  clock: SimClock;
  context: CallContext;
  flows: Readonly<Record<string, LoadedFlow>>;
  answer: 'first' | 'nobody' | string;
  talkSeconds: number;
  seed: number;
  /** A port result was produced: its event is on its way to the session. */
  resultSent(): void;
  /** A port method the session called (its effect was counted when processed). */
  portCalled(): void;
  http(request: Parameters<HttpPort['request']>[0]): Promise<{ status: number; body: string }>;
}

type Settle<T> = { resolve: (value: T) => void; reject: (error: unknown) => void };

export class SimPorts {
  readonly queue: InMemoryQueue;
  private readonly legListeners = new Map<string, LegListener>();
  private readonly legTimers = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private callbackSeq = 0;

  constructor(private readonly host: SimPortsHost) {
    this.queue = new InMemoryQueue(host.clock);
    // Agents available now are free in the queue coordinator (strategy "queue").
    for (const agent of Object.values(host.context.agents)) if (agent.status === 'available') this.queue.setAgent(agent.id, 'free');
  }

  /** Resolves or rejects `settle` after `ms` of simulated time (a port timer). */
  private after<T>(key: string | null, ms: number, settle: Settle<T>, outcome: { value: T } | { error: unknown }): void {
    const id = this.host.clock.schedule(
      ms,
      () => {
        if (key !== null) this.pending.delete(key);
        this.host.resultSent();
        if ('value' in outcome) settle.resolve(outcome.value);
        else settle.reject(outcome.error);
      },
      'port',
    );
    if (key !== null) this.pending.set(key, id);
  }

  private cancel(key: string): void {
    const id = this.pending.get(key);
    if (id !== undefined) this.host.clock.clearTimer(id);
    this.pending.delete(key);
  }

  private answers(target: LegRequest['target']): boolean {
    const { answer, context } = this.host;
    if (answer === 'nobody') return false;
    if (target.kind === 'external') return answer === 'first';
    if (answer === 'first') return context.agents[target.agentId]?.status === 'available';
    return target.agentId === answer;
  }

  /** Answers the session's calls; the methods are arrow functions so they can be passed around. */
  ports(): SessionPorts {
    const host = this.host;
    const media: MediaPort = {
      answer: () => undefined,
      play: (_callId, request: { playId: string; items: PlayItem[]; loop: boolean }) => {
        if (request.loop) return new Promise<void>(() => undefined);
        host.portCalled();
        return new Promise<void>((resolve, reject) => this.after(request.playId, promptDurationMs(request.items), { resolve, reject }, { value: undefined }));
      },
      stop: (_callId, playId) => this.cancel(playId),
      collectDigits: () => undefined,
      record: (_callId, request) => {
        host.portCalled();
        const durationMs = Math.min(MESSAGE_MS, request.maxLengthSeconds * 1000);
        return new Promise((resolve, reject) => this.after(request.recordingId, durationMs, { resolve, reject }, { value: { reason: 'silence' as const, durationMs } }));
      },
      stopRecording: (_callId, recordingId) => this.cancel(recordingId),
      bridge: (_callId, legId) => {
        // The conversation lasts talkSeconds, then the agent hangs up.
        const listener = this.legListeners.get(legId);
        if (!listener) return;
        this.legTimers.set(
          legId,
          host.clock.schedule(host.talkSeconds * 1000, () => {
            this.legTimers.delete(legId);
            this.legListeners.delete(legId);
            listener.ended(legId);
          }, 'port'),
        );
      },
      hangup: (_callId: string, _cause: HangupCause) => undefined,
    };
    const legs: LegsPort = {
      ring: (_callId, requests, _callerId, listener) => {
        let answering = false;
        for (const leg of requests) {
          this.legListeners.set(leg.legId, listener);
          const busy = leg.target.kind === 'agent' && host.context.agents[leg.target.agentId]?.status === 'busy';
          if (!answering && !busy && this.answers(leg.target)) {
            answering = true;
            this.legTimers.set(leg.legId, host.clock.schedule(ANSWER_AFTER_MS, () => {
              this.legTimers.delete(leg.legId);
              listener.answered(leg.legId);
            }, 'port'));
          } else if (busy) {
            this.legTimers.set(leg.legId, host.clock.schedule(BUSY_AFTER_MS, () => {
              this.legTimers.delete(leg.legId);
              this.legListeners.delete(leg.legId);
              listener.failed(leg.legId, 'busy');
            }, 'port'));
          }
          // otherwise the leg rings until the step's ring timer gives up
        }
      },
      cancel: (_callId, legIds) => {
        for (const legId of legIds) {
          const timer = this.legTimers.get(legId);
          if (timer !== undefined) host.clock.clearTimer(timer);
          this.legTimers.delete(legId);
          this.legListeners.delete(legId);
        }
      },
    };
    const http: HttpPort = {
      request: (request) => {
        host.portCalled();
        return host.http(request);
      },
    };
    const sms: SmsPort = {
      // never sent: the transcript shows it (from the sendSms effect)
      send: () => {
        host.portCalled();
        return new Promise((resolve, reject) => this.after(null, 500, { resolve, reject }, { value: { ok: true } }));
      },
    };
    const callbacks: CallbackStore = {
      // never created: the transcript shows it (from the createCallback effect)
      create: () => {
        host.portCalled();
        const id = `sim-callback-${++this.callbackSeq}`;
        return new Promise((resolve, reject) => this.after(null, 200, { resolve, reject }, { value: { id } }));
      },
    };
    const records: RecordStore = { appendPath: () => undefined, storeVoicemail: () => undefined, callEnded: () => undefined };
    const flows: FlowsPort = {
      load: (flowId) => {
        host.portCalled();
        const flow = host.flows[flowId] ?? null;
        return new Promise((resolve, reject) => this.after(null, 100, { resolve, reject }, { value: flow }));
      },
    };
    const seed = host.seed;
    return { media, legs, http, sms, callbacks, records, queue: this.queue, flows, clock: host.clock, random: { seed: () => seed } };
  }
}
