// Every fixture flow walked along every path (bounded breadth-first exploration of the events
// a call can receive), asserting that no path leaves a caller without a way out:
// - every state of a running call holds at least one timer (every wait has a timeout);
// - from every state, a caller who does nothing, with ports that never answer, reaches the
//   end (or an agent) by timers alone;
// - a caller hang-up in every state ends the call with a valid outcome and releases everything;
// - no state is reached through an internal error;
// - every edge of every flow is followed by some path (with the times, presences and callers tried).
import { describe, expect, it } from 'vitest';
import type { AgentPresence, CallOutcome, LoadedFlow } from '@/flow-runtime/interpreter';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext, T_CLOSED, T_HOLIDAY, T_OPEN } from './support/context';
import { fixtureFlow } from './support/session';
import { stateKey, Walker, type Action, type WalkState } from './support/walker';

const ACTIONS: Action[] = [
  { kind: 'finishPrompt' },
  { kind: 'fireTimer' },
  { kind: 'dtmf', keys: '1' },
  { kind: 'dtmf', keys: '2' },
  { kind: 'dtmf', keys: '3' },
  { kind: 'dtmf', keys: '9' },
  { kind: 'dtmf', keys: '#' },
  { kind: 'dtmf', keys: '12345678#' },
  { kind: 'dtmf', keys: '0145454545#' },
  { kind: 'legAnswered', index: 0 },
  { kind: 'legFailed', index: 0, reason: 'busy' },
  { kind: 'legFailed', index: 0, reason: 'no_answer' },
  { kind: 'legEnded' },
  { kind: 'httpResponse', status: 200, body: '{"status":"shipped","customer":{"id":"c1","tier":"gold","balance":-5}}' },
  { kind: 'httpResponse', status: 200, body: '{"status":"pending","customer":{"id":"c2","tier":"silver","balance":-5}}' },
  { kind: 'httpResponse', status: 200, body: '{"customer":{"tier":"silver","balance":10}}' },
  { kind: 'httpResponse', status: 503, body: '' },
  { kind: 'httpResponse', status: 404, body: '' },
  { kind: 'httpError', reason: 'timeout' },
  { kind: 'smsResult', ok: true },
  { kind: 'smsResult', ok: false },
  { kind: 'callbackCreated', ok: true },
  { kind: 'callbackCreated', ok: false },
  { kind: 'recordingFinished', durationMs: 4000 },
  { kind: 'flowLoaded', ok: true },
  { kind: 'flowLoaded', ok: false },
  { kind: 'queueJoined', position: 2 },
  { kind: 'queueRejected' },
  { kind: 'agentAvailable', agentId: 'agt_hugo' },
];

const OUTCOMES: Array<CallOutcome | null> = ['abandoned', 'cancelled', 'no_answer', 'busy', 'answered', null];

const SCENARIOS: Array<{ at: number; presence: Record<string, AgentPresence>; caller: string | null }> = [
  { at: T_OPEN, presence: {}, caller: '+33145454545' },
  { at: T_OPEN, presence: {}, caller: null },
  { at: T_OPEN, presence: {}, caller: '+33612345678' },
  { at: T_OPEN, presence: { agt_marie: 'busy', agt_lucas: 'busy', agt_sophie: 'busy', agt_hugo: 'busy' }, caller: '+33145454545' },
  { at: T_OPEN, presence: { agt_marie: 'offline', agt_lucas: 'offline', agt_sophie: 'offline', agt_hugo: 'offline' }, caller: '+33145454545' },
  { at: T_CLOSED, presence: {}, caller: '+33145454545' },
  { at: T_HOLIDAY, presence: {}, caller: '+33145454545' },
];

const MAX_STATES = 1500;

function explore(walker: Walker, start: WalkState, taken: Set<string>): { states: number; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue: WalkState[] = [start];
  let states = 0;
  while (queue.length > 0 && states < MAX_STATES) {
    const walk = queue.shift() as WalkState;
    const key = stateKey(walk);
    if (seen.has(key)) continue;
    seen.add(key);
    states += 1;
    for (const o of walk.outputs) taken.add(o);
    const where = `${walk.flowId}/${walk.state.step?.nodeId ?? walk.state.status} after ${walk.outputs.join(' → ')}`;
    if (walk.state.endReason === 'internal-error') problems.push(`internal error at ${where}`);
    if (walk.state.status === 'running' && walk.state.timers.length === 0) problems.push(`no timer (no way out) at ${where}`);
    if (walk.state.status === 'ended') {
      if (walk.state.timers.length > 0 || walk.state.legs.length > 0 || walk.state.queueId !== null) problems.push(`ended holding resources at ${where}`);
      continue;
    }
    const drained = walker.drainSilently(walk);
    if (drained.events < 0) problems.push(`silent caller never leaves ${where}`);
    const hung = walker.apply(walk, { kind: 'callerHangup' });
    if (!hung || hung.state.status !== 'ended' || !OUTCOMES.includes(hung.state.outcome) || hung.state.timers.length > 0 || hung.state.legs.length > 0) {
      problems.push(`caller hang-up does not end cleanly at ${where}`);
    } else if (walk.state.legs.length > 0 && walk.state.status === 'running' && hung.state.outcome !== 'cancelled') {
      problems.push(`hang-up while legs ring is not cancelled at ${where}`);
    }
    if (walk.state.status === 'bridged') {
      const ended = walker.apply(walk, { kind: 'legEnded' });
      if (ended && ended.state.outcome !== 'answered') problems.push(`bridged call not answered at ${where}`);
      continue;
    }
    for (const action of ACTIONS) {
      const next = walker.apply(walk, action);
      if (!next || next.state === walk.state) continue;
      for (const o of next.outputs) taken.add(o);
      queue.push(next);
    }
  }
  return { states, problems };
}

const fixtures = loadGoodFlows().map((f) => f.name);

describe('every fixture flow, every path', () => {
  const flows = new Map<string, LoadedFlow>(fixtures.map((name) => [name, fixtureFlow(name)]));
  // all-steps redirects to flow_astreinte: let it be the demo flow.
  flows.set('flow_astreinte', { ...fixtureFlow('demo'), id: 'flow_astreinte' });

  it.each(fixtures)('%s: no caller left without a way out, every edge followed', (name) => {
    const flow = flows.get(name) as LoadedFlow;
    const taken = new Set<string>();
    const problems: string[] = [];
    let states = 0;
    for (const scenario of SCENARIOS) {
      const walker = new Walker(flows, fixtureContext(scenario.presence));
      for (const seed of flow.doc.nodes.some((n) => n.type === 'split') ? [1, 2, 3, 5, 8] : [1]) {
        const result = explore(walker, walker.start(name, scenario.at, scenario.caller, seed), taken);
        states += result.states;
        problems.push(...result.problems);
      }
    }
    expect([...new Set(problems)].slice(0, 10)).toEqual([]);
    const edges = flow.doc.edges.map((e) => `${e.source}:${e.sourceOutput}`);
    expect(edges.filter((e) => !taken.has(e))).toEqual([]);
    expect(states).toBeGreaterThan(10);
  }, 120_000);
});
