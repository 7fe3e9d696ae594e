// The interpreter: transition(flow, state, event, context) → [state, effects], pure.
//
// 1. An ended call ignores every event; callStarted starts an idle call at the flow's entry.
// 2. Events that belong to no one are dropped: timers, plays and legs the state does not hold.
//    A prompt's guard timer firing counts as that prompt finishing.
// 3. callerHangup ends the call with its outcome (cancelled while legs ring, answered when
//    bridged, abandoned otherwise unless the step says hanging up is its normal end).
// 4. Other events go to the current step's handler (registry.ts), which may leave by an output.
// 5. While a step left, the next node is entered; each entry counts a step and the loop guard
//    sends runaway calls to settings.maxStepsNode, then to a built-in apology and hang-up.
// 6. Any exception inside is caught: the call ends through the built-in error node.
import type { FlowNode } from '@/schemas';
import { EMPTY_CONTEXT, type CallContext } from './context';
import type { LoadedFlow } from './load-flow';
import { PHRASES } from './phrases';
import { STEP_HANDLERS } from './registry';
import { StepRun, type StepHandler } from './step-run';
import { OPEN_POLICY } from './transfer-policy';
import type { CallEvent, CallState, Effect } from './types';

/** Steps a call may still take after the loop guard sent it to settings.maxStepsNode. */
export const LOOP_GUARD_EXTRA_STEPS = 100;

export const LOOP_GUARD_NODE = '__loop_guard__';
export const ERROR_NODE = '__internal_error__';

const SYNTHETIC_NODES: Record<string, FlowNode> = {
  [LOOP_GUARD_NODE]: {
    id: LOOP_GUARD_NODE,
    type: 'hangup',
    position: { x: 0, y: 0 },
    label: 'Loop guard',
    config: { prompt: { kind: 'tts', text: PHRASES.loopGuard }, cause: 'normal' },
  },
  [ERROR_NODE]: {
    id: ERROR_NODE,
    type: 'hangup',
    position: { x: 0, y: 0 },
    label: 'Internal error',
    config: { prompt: { kind: 'tts', text: PHRASES.internalError }, cause: 'normal' },
  },
};

/** The state of a call that has not started yet. */
export function createCallState(callId: string): CallState {
  return {
    callId,
    status: 'idle',
    flowId: null,
    caller: null,
    called: '',
    language: 'fr',
    startedAt: 0,
    now: 0,
    rng: 0,
    steps: 0,
    loopGuard: 'armed',
    answered: false,
    step: null,
    variables: {},
    sensitive: [],
    policy: OPEN_POLICY,
    timers: [],
    playing: null,
    legs: [],
    bridgedLeg: null,
    queueId: null,
    lastAgentOutcome: null,
    outcome: null,
    endReason: null,
  };
}

/** Prefix of the built-in voicemail step a cold transfer to a group falls back to (id + group id). */
export const TRANSFER_VOICEMAIL_NODE = '__transfer_voicemail__:';

/** The group's mailbox after a cold transfer nobody answered: greeting, beep, message, thanks. */
function transferVoicemailNode(id: string): FlowNode {
  return {
    id,
    type: 'voicemail',
    position: { x: 0, y: 0 },
    label: 'Transfer voicemail',
    config: {
      mailbox: { kind: 'group', groupId: id.slice(TRANSFER_VOICEMAIL_NODE.length) },
      greeting: { kind: 'tts', text: PHRASES.transferVoicemail },
      beep: true,
      afterRecording: 'hangup',
    },
  } as FlowNode;
}

function nodeById(flow: LoadedFlow, id: string): FlowNode | undefined {
  return flow.nodes.get(id) ?? SYNTHETIC_NODES[id] ?? (id.startsWith(TRANSFER_VOICEMAIL_NODE) ? transferVoicemailNode(id) : undefined);
}

function handlerOf(node: FlowNode): StepHandler {
  return STEP_HANDLERS[node.type] as unknown as StepHandler;
}

export function transition(
  flow: LoadedFlow,
  state: CallState,
  event: CallEvent,
  context: CallContext = EMPTY_CONTEXT,
): [CallState, Effect[]] {
  if (state.status === 'ended') return [state, []];
  if (event.type === 'callStarted' ? state.status !== 'idle' : state.status === 'idle') return [state, []];
  try {
    return run(flow, state, event, context);
  } catch (error) {
    return failSafely(flow, state, event, context, error);
  }
}

function run(flow: LoadedFlow, input: CallState, event: CallEvent, context: CallContext): [CallState, Effect[]] {
  const state: CallState = { ...input, now: Math.max(input.now, event.at) };
  const effects: Effect[] = [];

  if (event.type === 'callStarted') {
    Object.assign(state, {
      status: 'running',
      callId: event.callId,
      flowId: flow.id,
      caller: event.caller,
      called: event.called,
      language: event.language ?? flow.language,
      startedAt: event.at,
      rng: event.seed | 0,
      policy: { ...OPEN_POLICY, homeCountryCode: context.homeCountryCode },
    } satisfies Partial<CallState>);
    effects.push({
      type: 'persistEvent',
      entry: { at: event.at, kind: 'call-started', data: { caller: event.caller, called: event.called, flowId: flow.id, language: state.language } },
    });
    enterNodes(flow, state, context, effects, flow.entry);
    return [state, effects];
  }

  if (state.status === 'bridged' && event.type === 'bridgeTransferred') {
    // The bridged party is released; the call runs again, in the target flow or the group's mailbox.
    const runner = new StepRun(flow, context, state, SYNTHETIC_NODES[ERROR_NODE] as never);
    if (state.bridgedLeg) runner.emit({ type: 'cancelLegs', legIds: [state.bridgedLeg], reason: 'step-left' });
    effects.push(...runner.effects);
    Object.assign(state, { status: 'running', bridgedLeg: null, step: null } satisfies Partial<CallState>);
    if (event.to.kind === 'flow') {
      effects.push({ type: 'persistEvent', entry: { at: state.now, kind: 'flow-entered', data: { flowId: flow.id, by: 'transfer' } } });
      state.flowId = flow.id;
      enterNodes(flow, state, context, effects, flow.entry);
    } else {
      enterNodes(flow, state, context, effects, `${TRANSFER_VOICEMAIL_NODE}${event.to.groupId}`);
    }
    return [state, effects];
  }

  if (state.status === 'bridged') {
    if (event.type === 'callerHangup' || (event.type === 'legEnded' && event.legId === state.bridgedLeg)) {
      const runner = new StepRun(flow, context, state, SYNTHETIC_NODES[ERROR_NODE] as never);
      if (event.type === 'callerHangup' && state.bridgedLeg) runner.emit({ type: 'cancelLegs', legIds: [state.bridgedLeg], reason: 'caller-hangup' });
      if (event.type === 'legEnded') runner.emit({ type: 'hangup', cause: 'normal' });
      runner.end('answered', event.type === 'callerHangup' ? 'caller-hangup' : 'bridge-ended');
      effects.push(...runner.effects);
    }
    return [state, effects];
  }

  const step = state.step;
  if (step && event.type === 'flowLoaded' && event.ok && step.data.awaitingFlow === event.flowId) {
    // The session passed the loaded flow as `flow`: the call continues at its entry. The
    // redirect node belongs to the previous flow, so the output is recorded here.
    const runner = new StepRun(flow, context, state, SYNTHETIC_NODES[ERROR_NODE] as never);
    runner.releaseStep();
    effects.push(...runner.effects, {
      type: 'persistEvent',
      entry: { at: state.now, kind: 'output-taken', nodeId: step.nodeId, nodeType: step.type, output: 'flow', data: { flowId: event.flowId } },
    });
    effects.push({ type: 'persistEvent', entry: { at: state.now, kind: 'flow-entered', data: { flowId: flow.id } } });
    state.step = null;
    state.flowId = flow.id;
    enterNodes(flow, state, context, effects, flow.entry);
    return [state, effects];
  }
  const node = step ? nodeById(flow, step.nodeId) : undefined;
  if (!step || !node) return [input, []];
  const handler = handlerOf(node);
  const runner = new StepRun(flow, context, state, node as never);

  let routed: CallEvent | null = event;
  switch (event.type) {
    case 'timerFired': {
      if (!state.timers.includes(event.timerId)) return [input, []];
      state.timers = state.timers.filter((t) => t !== event.timerId);
      if (state.playing !== null && event.timerId === `${state.playing}:guard`) {
        routed = { type: 'promptFinished', at: event.at, playId: state.playing };
        state.playing = null;
      }
      break;
    }
    case 'promptFinished':
      if (event.playId !== state.playing) return [input, []];
      state.playing = null;
      runner.emit({ type: 'cancelTimer', timerId: `${event.playId}:guard` });
      state.timers = state.timers.filter((t) => t !== `${event.playId}:guard`);
      break;
    case 'legRinging':
    case 'legAnswered':
    case 'legFailed':
      if (!state.legs.includes(event.legId)) {
        // An answer arriving after the leg was given up: hang that leg up.
        if (event.type === 'legAnswered') runner.emit({ type: 'cancelLegs', legIds: [event.legId], reason: 'step-left' });
        return [input, runner.effects];
      }
      break;
    case 'legEnded':
      return [input, []];
    case 'callerHangup': {
      const completed = handler.onCallerHangup?.(runner) === 'completed';
      const ringing = state.legs.length > 0;
      if (ringing) runner.cancelLegs(state.legs, 'caller-hangup', 'cancelled');
      if (state.queueId !== null) {
        runner.emit({ type: 'queueLeave', queueId: state.queueId, reason: 'caller-hangup' });
        state.queueId = null;
      }
      runner.end(ringing ? 'cancelled' : completed ? state.lastAgentOutcome : 'abandoned', 'caller-hangup');
      return [state, runner.effects];
    }
    default:
      break;
  }

  if (routed) handler.on?.(runner, routed);
  effects.push(...runner.effects);
  if (runner.next !== null && state.status === 'running') enterNodes(flow, state, context, effects, runner.next);
  return [state, effects];
}

/** Enters `target` and every node reached at once after it (variable, condition…), under the loop guard. */
function enterNodes(flow: LoadedFlow, state: CallState, context: CallContext, effects: Effect[], target: string): void {
  let next: string | null = target;
  while (next !== null && state.status === 'running') {
    state.steps += 1;
    if (state.loopGuard === 'armed' && state.steps > flow.maxSteps) {
      state.loopGuard = flow.maxStepsNode && flow.nodes.has(flow.maxStepsNode) ? 'tripped' : 'final';
      next = state.loopGuard === 'tripped' ? (flow.maxStepsNode as string) : LOOP_GUARD_NODE;
      effects.push({ type: 'persistEvent', entry: { at: state.now, kind: 'loop-guard', data: { steps: state.steps - 1, goTo: next } } });
    } else if (state.loopGuard === 'tripped' && state.steps > flow.maxSteps + LOOP_GUARD_EXTRA_STEPS) {
      state.loopGuard = 'final';
      next = LOOP_GUARD_NODE;
      effects.push({ type: 'persistEvent', entry: { at: state.now, kind: 'loop-guard', data: { steps: state.steps - 1, goTo: next } } });
    }
    const node = nodeById(flow, next);
    if (!node) throw new Error(`node "${next}" does not exist`);
    state.step = { nodeId: node.id, type: node.type, visit: state.steps, data: {} };
    const runner = new StepRun(flow, context, state, node as never);
    runner.persist('node-entered', node.label ? { label: node.label } : undefined);
    handlerOf(node).enter(runner);
    effects.push(...runner.effects);
    next = runner.next;
  }
}

/** Ends the call through the built-in error node (apology, hang-up) after an unexpected exception. */
function failSafely(flow: LoadedFlow, input: CallState, event: CallEvent, context: CallContext, error: unknown): [CallState, Effect[]] {
  const message = error instanceof Error ? error.message : String(error);
  const state: CallState = { ...input, now: Math.max(input.now, event.at) };
  if (state.status === 'idle') Object.assign(state, { status: 'running', callId: event.type === 'callStarted' ? event.callId : state.callId });
  const effects: Effect[] = [{ type: 'persistEvent', entry: { at: state.now, kind: 'warning', nodeId: input.step?.nodeId, data: { message: `internal error: ${message}` } } }];
  const runner = new StepRun(flow, context, state, SYNTHETIC_NODES[ERROR_NODE] as never);
  if (event.type === 'callerHangup' || input.step?.nodeId === ERROR_NODE) {
    runner.releaseStep();
    if (event.type !== 'callerHangup') runner.emit({ type: 'hangup', cause: 'normal' });
    runner.end(event.type === 'callerHangup' ? 'abandoned' : input.lastAgentOutcome, 'internal-error');
    return [state, [...effects, ...runner.effects]];
  }
  try {
    runner.releaseStep();
    effects.push(...runner.effects);
    state.step = null;
    enterNodes(flow, state, context, effects, ERROR_NODE);
    return [state, effects];
  } catch {
    const last = new StepRun(flow, context, { ...state, timers: [], legs: [], playing: null, queueId: null }, SYNTHETIC_NODES[ERROR_NODE] as never);
    last.emit({ type: 'hangup', cause: 'normal' });
    last.end(input.lastAgentOutcome, 'internal-error');
    return [last.state, [...effects, ...last.effects]];
  }
}
