// One call: a mailbox that processes one event at a time to completion with transition(),
// executes the resulting effects through the ports (the "execute" halves), and turns port
// results into events. Small on purpose: every decision is in the interpreter.
import {
  createCallState,
  redactEffect,
  transition,
  type CallContext,
  type CallEvent,
  type CallState,
  type Effect,
  type LoadedFlow,
  type PathEntry,
} from '../interpreter';
import { SessionStateError } from '../interpreter/errors';
import type { SessionPorts } from './ports';

type Distribute<T> = T extends unknown ? Omit<T, 'at'> : never;
/** An event as sent to the session; the session stamps it with the clock. */
export type SessionEvent = Distribute<CallEvent>;

export interface SessionSnapshot {
  event: CallEvent;
  state: CallState;
  effects: Effect[];
}

export type SessionListener = (snapshot: SessionSnapshot) => void;

export interface CallSessionOptions {
  callId: string;
  flow: LoadedFlow;
  /** The directory snapshot, or a function returning the current one (live presence). */
  context: CallContext | (() => CallContext);
  ports: SessionPorts;
  /** Errors of listeners and ports; they never stop or corrupt the session. Default: console.error. */
  onError?: (error: unknown, where: string) => void;
  /** Keep the path in memory (session.path); on by default, off for large load tests. */
  keepPath?: boolean;
}

export class CallSession {
  readonly callId: string;
  private flow: LoadedFlow;
  private readonly ports: SessionPorts;
  private readonly context: () => CallContext;
  private readonly onError: (error: unknown, where: string) => void;
  private readonly keepPath: boolean;
  private readonly mailbox: CallEvent[] = [];
  private processing = false;
  private readonly timers = new Map<string, unknown>();
  private readonly loadedFlows = new Map<string, LoadedFlow>();
  private readonly listeners = new Set<SessionListener>();
  private resolveDone!: (state: CallState) => void;
  private _state: CallState;
  readonly path: PathEntry[] = [];
  /** Resolves with the final state when the call has ended. */
  readonly done: Promise<CallState>;

  constructor(options: CallSessionOptions) {
    this.callId = options.callId;
    this.flow = options.flow;
    this.ports = options.ports;
    const context = options.context;
    this.context = typeof context === 'function' ? context : () => context;
    this.onError = options.onError ?? ((error, where) => console.error(`[call ${options.callId}] ${where}:`, error));
    this.keepPath = options.keepPath ?? true;
    this._state = createCallState(options.callId);
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get state(): CallState {
    return this._state;
  }

  get ended(): boolean {
    return this._state.status === 'ended';
  }

  start(call: { caller: string | null; called: string; language?: 'fr' | 'en' }): void {
    if (this._state.status !== 'idle' || this.mailbox.some((e) => e.type === 'callStarted')) throw new SessionStateError('the session has already started');
    this.send({ type: 'callStarted', callId: this.callId, seed: this.ports.random.seed(), ...call });
  }

  /**
   * A cold transfer into another flow (calls/call-control, which loaded and checked it): the
   * bridged party is released and the call continues at that flow's entry.
   */
  transferToFlow(flowId: string, flow: LoadedFlow): void {
    if (this.ended) return;
    this.loadedFlows.set(flowId, flow);
    this.send({ type: 'bridgeTransferred', to: { kind: 'flow', flowId } });
  }

  /** Queues an event (DTMF from media, caller hang-up, …); it is processed after the current one. */
  send(event: SessionEvent): void {
    if (this.ended) return;
    this.mailbox.push({ ...event, at: this.ports.clock.now() } as CallEvent);
    if (!this.processing) this.drain();
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private drain(): void {
    this.processing = true;
    try {
      while (this.mailbox.length > 0) {
        const event = this.mailbox.shift() as CallEvent;
        const loaded = event.type === 'flowLoaded' && event.ok ? event.flowId : event.type === 'bridgeTransferred' && event.to.kind === 'flow' ? event.to.flowId : null;
        const flow = loaded !== null ? (this.loadedFlows.get(loaded) ?? this.flow) : this.flow;
        const [state, effects] = transition(flow, this._state, event, this.context());
        this._state = state;
        if (flow !== this.flow && state.flowId === flow.id) this.flow = flow;
        for (const effect of effects) this.execute(effect);
        for (const listener of this.listeners) {
          try {
            listener({ event, state, effects });
          } catch (error) {
            this.onError(error, 'listener');
          }
        }
        if (state.status === 'ended') {
          this.mailbox.length = 0;
          this.resolveDone(state);
        }
      }
    } finally {
      this.processing = false;
    }
  }

  /** Runs a port call; a synchronous throw is reported, never propagated into the mailbox. */
  private guard(where: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.onError(error, where);
    }
  }

  /** Runs an asynchronous port call and feeds its result (or failure) back as an event. */
  private later<T>(where: string, call: () => Promise<T>, ok: (value: T) => SessionEvent, failed: (error: unknown) => SessionEvent | null): void {
    Promise.resolve()
      .then(call)
      .then(
        (value) => this.send(ok(value)),
        (error) => {
          const event = failed(error);
          if (event) this.send(event);
          else this.onError(error, where);
        },
      )
      .catch((error) => this.onError(error, where));
  }

  private execute(effect: Effect): void {
    const { media, legs, http, sms, callbacks, records, queue, flows, clock } = this.ports;
    const id = this.callId;
    switch (effect.type) {
      case 'answer':
        return this.guard('media.answer', () => media.answer(id));
      case 'play': {
        const { playId } = effect;
        if (effect.loop) return this.guard('media.play', () => void media.play(id, effect).catch((e) => this.onError(e, 'media.play')));
        return this.later('media.play', () => media.play(id, effect), () => ({ type: 'promptFinished', playId }), () => ({ type: 'promptFinished', playId }));
      }
      case 'stopPlayback':
        return this.guard('media.stop', () => media.stop(id, effect.playId));
      case 'collectDigits':
        return this.guard('media.collectDigits', () => media.collectDigits(id, effect));
      case 'startTimer': {
        const previous = this.timers.get(effect.timerId);
        if (previous !== undefined) clock.clearTimer(previous);
        const { timerId } = effect;
        this.timers.set(
          timerId,
          clock.setTimer(effect.ms, () => {
            this.timers.delete(timerId);
            this.send({ type: 'timerFired', timerId });
          }),
        );
        return;
      }
      case 'cancelTimer': {
        const handle = this.timers.get(effect.timerId);
        if (handle !== undefined) clock.clearTimer(handle);
        this.timers.delete(effect.timerId);
        return;
      }
      case 'ringLegs':
        return this.guard('legs.ring', () =>
          legs.ring(id, effect.legs, effect.callerId, {
            ringing: (legId) => this.send({ type: 'legRinging', legId }),
            answered: (legId) => this.send({ type: 'legAnswered', legId }),
            failed: (legId, reason) => this.send({ type: 'legFailed', legId, reason }),
            ended: (legId) => this.send({ type: 'legEnded', legId }),
          }),
        );
      case 'cancelLegs':
        return this.guard('legs.cancel', () => legs.cancel(id, effect.legIds));
      case 'bridge':
        return this.guard('media.bridge', () => media.bridge(id, effect.legId));
      case 'record': {
        const { recordingId } = effect;
        return this.later(
          'media.record',
          () => media.record(id, effect),
          (r) => ({ type: 'recordingFinished', recordingId, reason: r.reason, durationMs: r.durationMs }),
          () => ({ type: 'recordingFinished', recordingId, reason: 'failed', durationMs: 0 }),
        );
      }
      case 'stopRecording':
        return this.guard('media.stopRecording', () => media.stopRecording(id, effect.recordingId));
      case 'storeVoicemail': {
        const { recordingId, mailbox, caller, durationMs } = effect;
        return this.guard(
          'records.storeVoicemail',
          () => void Promise.resolve(records.storeVoicemail(id, { recordingId, mailbox, caller, durationMs })).catch((e) => this.onError(e, 'records.storeVoicemail')),
        );
      }
      case 'httpRequest': {
        const { requestId } = effect;
        return this.later(
          'http.request',
          () => http.request(effect),
          (r) => ({ type: 'httpResponse', requestId, status: r.status, body: r.body }),
          (e) => {
            const { reason, message } = (e ?? {}) as { reason?: string; message?: unknown };
            const detail = typeof message === 'string' ? message.slice(0, 300) : undefined;
            return { type: 'httpError', requestId, reason: reason === 'timeout' ? 'timeout' : reason === 'refused' ? 'refused' : 'network', ...(detail ? { detail } : {}) };
          },
        );
      }
      case 'sendSms': {
        const { requestId } = effect;
        return this.later('sms.send', () => sms.send(effect), (r) => ({ type: 'smsResult', requestId, ok: r.ok }), () => ({ type: 'smsResult', requestId, ok: false }));
      }
      case 'createCallback': {
        const { requestId, ...request } = effect;
        return this.later(
          'callbacks.create',
          () => callbacks.create({ ...request, callId: id }),
          (r) => ({ type: 'callbackCreated', requestId, ok: true, callbackId: r.id }),
          () => ({ type: 'callbackCreated', requestId, ok: false }),
        );
      }
      case 'queueJoin':
        return this.guard('queue.join', () => queue.join(id, effect, (event) => this.send(event as SessionEvent)));
      case 'queueLeave':
        return this.guard('queue.leave', () => queue.leave(id, effect.queueId));
      case 'queueOfferResult':
        return this.guard('queue.offerResult', () => queue.offerResult(id, effect));
      case 'loadFlow': {
        const { flowId } = effect;
        return this.later(
          'flows.load',
          () => flows.load(flowId),
          (flow) => {
            if (flow) this.loadedFlows.set(flowId, flow);
            return { type: 'flowLoaded', flowId, ok: flow !== null };
          },
          () => ({ type: 'flowLoaded', flowId, ok: false }),
        );
      }
      case 'hangup':
        return this.guard('media.hangup', () => media.hangup(id, effect.cause));
      case 'persistEvent':
        if (this.keepPath) this.path.push(effect.entry);
        return this.guard('records.appendPath', () => records.appendPath(id, effect.entry));
      case 'callEnded':
        for (const handle of this.timers.values()) clock.clearTimer(handle);
        this.timers.clear();
        this.loadedFlows.clear();
        return this.guard('records.callEnded', () => records.callEnded(id, effect.outcome, effect.reason));
      default: {
        const never: never = effect;
        this.onError(new Error(`unknown effect ${JSON.stringify(redactEffect(never as Effect))}`), 'execute');
      }
    }
  }
}
