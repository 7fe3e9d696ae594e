// A pure, copyable call driver for exploring flows: applies abstract actions (finish the
// prompt, fire the next timer, press a key, answer a leg, reply to HTTP…) to transition()
// and keeps what a session would know (timer deadlines, pending request ids).
import { transition, createCallState, type CallContext, type CallEvent, type CallState, type Effect, type LoadedFlow } from '@/flow-runtime/interpreter';

export interface WalkState {
  state: CallState;
  now: number;
  timers: ReadonlyMap<string, number>;
  pending: Readonly<Record<string, string>>;
  flowId: string;
  outputs: readonly string[];
}

export type Action =
  | { kind: 'finishPrompt' }
  | { kind: 'fireTimer' }
  | { kind: 'dtmf'; keys: string }
  | { kind: 'legAnswered'; index: number }
  | { kind: 'legFailed'; index: number; reason: 'busy' | 'no_answer' | 'failed' }
  | { kind: 'legEnded' }
  | { kind: 'httpResponse'; status: number; body: string }
  | { kind: 'httpError'; reason: 'network' | 'timeout' | 'refused' }
  | { kind: 'smsResult'; ok: boolean }
  | { kind: 'callbackCreated'; ok: boolean }
  | { kind: 'recordingFinished'; durationMs: number }
  | { kind: 'flowLoaded'; ok: boolean }
  | { kind: 'queueJoined'; position: number }
  | { kind: 'queueRejected' }
  | { kind: 'queuePosition'; position: number }
  | { kind: 'agentAvailable'; agentId: string }
  | { kind: 'stale'; which: 'timer' | 'prompt' | 'leg' | 'http' }
  | { kind: 'advance'; seconds: number }
  | { kind: 'callerHangup' };

export class Walker {
  constructor(
    readonly flows: ReadonlyMap<string, LoadedFlow>,
    readonly context: CallContext,
  ) {}

  start(flowId: string, at: number, caller: string | null, seed = 1): WalkState {
    const initial: WalkState = { state: createCallState('walk'), now: at, timers: new Map(), pending: {}, flowId, outputs: [] };
    return this.send(initial, { type: 'callStarted', at, callId: 'walk', caller, called: '+33184000000', seed });
  }

  send(walk: WalkState, event: CallEvent): WalkState {
    const flow = this.flows.get(walk.flowId) as LoadedFlow;
    const target = event.type === 'flowLoaded' && event.ok ? (this.flows.get(event.flowId) ?? flow) : flow;
    const [state, effects] = transition(target, walk.state, event, this.context);
    const timers = new Map(walk.timers);
    const pending: Record<string, string> = { ...walk.pending };
    const outputs = [...walk.outputs];
    for (const e of effects) this.observe(e, timers, pending, outputs, event.at);
    return { state, now: event.at, timers, pending, flowId: state.flowId ?? walk.flowId, outputs };
  }

  private observe(e: Effect, timers: Map<string, number>, pending: Record<string, string>, outputs: string[], now: number): void {
    switch (e.type) {
      case 'startTimer':
        timers.set(e.timerId, now + e.ms);
        break;
      case 'cancelTimer':
        timers.delete(e.timerId);
        break;
      case 'httpRequest':
        pending.http = e.requestId;
        break;
      case 'sendSms':
        pending.sms = e.requestId;
        break;
      case 'createCallback':
        pending.callback = e.requestId;
        break;
      case 'record':
        pending.recording = e.recordingId;
        break;
      case 'loadFlow':
        pending.flow = e.flowId;
        break;
      case 'bridge':
        pending.bridged = e.legId;
        break;
      case 'persistEvent':
        if (e.entry.kind === 'output-taken') outputs.push(`${e.entry.nodeId}:${e.entry.output}`);
        break;
      default:
        break;
    }
  }

  /** Applies an action; returns null when it makes no sense in this state. */
  apply(walk: WalkState, action: Action): WalkState | null {
    const { state, now } = walk;
    const at = now;
    switch (action.kind) {
      case 'finishPrompt':
        return state.playing ? this.send(walk, { type: 'promptFinished', at, playId: state.playing }) : null;
      case 'fireTimer': {
        let next: [string, number] | null = null;
        for (const entry of walk.timers) if (!next || entry[1] < next[1]) next = entry;
        if (!next) return null;
        const timers = new Map(walk.timers);
        timers.delete(next[0]);
        return this.send({ ...walk, timers }, { type: 'timerFired', at: Math.max(now, next[1]), timerId: next[0] });
      }
      case 'dtmf': {
        let w = walk;
        for (const key of action.keys) w = this.send(w, { type: 'dtmf', at, key });
        return w;
      }
      case 'legAnswered':
      case 'legFailed': {
        const legId = state.legs[action.index % Math.max(1, state.legs.length)];
        if (!legId) return null;
        return this.send(walk, action.kind === 'legAnswered' ? { type: 'legAnswered', at, legId } : { type: 'legFailed', at, legId, reason: action.reason });
      }
      case 'legEnded':
        return walk.pending.bridged ? this.send(walk, { type: 'legEnded', at, legId: walk.pending.bridged }) : null;
      case 'httpResponse':
        return walk.pending.http ? this.send(walk, { type: 'httpResponse', at, requestId: walk.pending.http, status: action.status, body: action.body }) : null;
      case 'httpError':
        return walk.pending.http ? this.send(walk, { type: 'httpError', at, requestId: walk.pending.http, reason: action.reason }) : null;
      case 'smsResult':
        return walk.pending.sms ? this.send(walk, { type: 'smsResult', at, requestId: walk.pending.sms, ok: action.ok }) : null;
      case 'callbackCreated':
        return walk.pending.callback ? this.send(walk, { type: 'callbackCreated', at, requestId: walk.pending.callback, ok: action.ok, callbackId: 'cb' }) : null;
      case 'recordingFinished':
        return walk.pending.recording ? this.send(walk, { type: 'recordingFinished', at, recordingId: walk.pending.recording, reason: 'silence', durationMs: action.durationMs }) : null;
      case 'flowLoaded':
        return walk.pending.flow ? this.send(walk, { type: 'flowLoaded', at, flowId: walk.pending.flow, ok: action.ok && this.flows.has(walk.pending.flow) }) : null;
      case 'queueJoined':
        return state.queueId ? this.send(walk, { type: 'queueJoined', at, queueId: state.queueId, position: action.position }) : null;
      case 'queuePosition':
        return state.queueId ? this.send(walk, { type: 'queuePosition', at, queueId: state.queueId, position: action.position }) : null;
      case 'queueRejected':
        return state.queueId ? this.send(walk, { type: 'queueRejected', at, queueId: state.queueId, reason: 'full' }) : null;
      case 'agentAvailable':
        return state.queueId ? this.send(walk, { type: 'agentAvailable', at, queueId: state.queueId, agentId: action.agentId, offerId: `o${now}` }) : null;
      case 'stale':
        switch (action.which) {
          case 'timer':
            return this.send(walk, { type: 'timerFired', at, timerId: '0:t:old' });
          case 'prompt':
            return this.send(walk, { type: 'promptFinished', at, playId: '0:p1' });
          case 'leg':
            return this.send(walk, { type: 'legAnswered', at, legId: 'nobody' });
          case 'http':
            return this.send(walk, { type: 'httpResponse', at, requestId: 'old', status: 200, body: '{}' });
        }
        return null;
      case 'advance': {
        // Time passes: fire every timer due in that time.
        let w: WalkState = walk;
        const target = now + action.seconds * 1000;
        for (let i = 0; i < 1000; i++) {
          let next: [string, number] | null = null;
          for (const entry of w.timers) if (entry[1] <= target && (!next || entry[1] < next[1])) next = entry;
          if (!next) break;
          const timers = new Map(w.timers);
          timers.delete(next[0]);
          w = this.send({ ...w, timers }, { type: 'timerFired', at: next[1], timerId: next[0] });
        }
        return { ...w, now: Math.max(w.now, target) };
      }
      case 'callerHangup':
        return this.send(walk, { type: 'callerHangup', at });
    }
  }

  /**
   * The caller does nothing and no port ever answers: only timers fire. Returns the number of
   * events until the call ends (a bridged call counts as ended: it is with an agent), or -1
   * when it is still running after `limit` events.
   */
  drainSilently(walk: WalkState, limit = 500): { events: number; end: WalkState } {
    let w = walk;
    for (let i = 0; i <= limit; i++) {
      if (w.state.status === 'ended' || w.state.status === 'bridged') return { events: i, end: w };
      const next = this.apply(w, { kind: 'fireTimer' });
      if (!next) return { events: -1, end: w };
      w = next;
    }
    return { events: -1, end: w };
  }
}

export function stateKey(walk: WalkState): string {
  const { state } = walk;
  const data = (state.step?.data ?? {}) as Record<string, unknown>;
  const small = [data.phase, data.attempt, data.round, data.index, Math.min(Number(data.rang ?? 0), 2), typeof data.digits === 'string' ? data.digits.length > 0 : '', data.offer ? 1 : 0];
  return [state.status, walk.flowId, state.step?.nodeId, small.join(','), state.legs.length, state.timers.length, state.playing !== null, state.queueId, state.loopGuard].join('|');
}
