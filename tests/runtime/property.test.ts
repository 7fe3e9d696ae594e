// Property: whatever events arrive, in whatever order (stale ids, duplicates, events meant
// for other steps), the interpreter never throws, never fails internally, never ends a call
// holding timers or legs, and a call left alone always ends by its timers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentPresence, LoadedFlow } from '@/flow-runtime/interpreter';
import { loadGoodFlows } from '@/tests/fixtures';
import { fixtureContext, T_CLOSED, T_HOLIDAY, T_OPEN } from './support/context';
import { fixtureFlow } from './support/session';
import { Walker, type Action } from './support/walker';

const names = loadGoodFlows().map((f) => f.name);
const flows = new Map<string, LoadedFlow>(names.map((n) => [n, fixtureFlow(n)]));
flows.set('flow_astreinte', { ...fixtureFlow('demo'), id: 'flow_astreinte' });

const key = fc.constantFrom('0', '1', '2', '3', '5', '9', '*', '#');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ kind: 'finishPrompt' }),
  fc.constant<Action>({ kind: 'fireTimer' }),
  fc.array(key, { minLength: 1, maxLength: 12 }).map<Action>((keys) => ({ kind: 'dtmf', keys: keys.join('') })),
  fc.nat(3).map<Action>((index) => ({ kind: 'legAnswered', index })),
  fc.tuple(fc.nat(3), fc.constantFrom('busy' as const, 'no_answer' as const, 'failed' as const)).map<Action>(([index, reason]) => ({ kind: 'legFailed', index, reason })),
  fc.constant<Action>({ kind: 'legEnded' }),
  fc.tuple(fc.constantFrom(200, 201, 302, 404, 500, 503), fc.constantFrom('{}', '{"customer":{"tier":"gold","balance":-1}}', 'not json', '[1,2]', '{"status":"shipped"}')).map<Action>(
    ([status, body]) => ({ kind: 'httpResponse', status, body }),
  ),
  fc.constantFrom<Action>({ kind: 'httpError', reason: 'network' }, { kind: 'httpError', reason: 'timeout' }, { kind: 'httpError', reason: 'refused' }),
  fc.boolean().map<Action>((ok) => ({ kind: 'smsResult', ok })),
  fc.boolean().map<Action>((ok) => ({ kind: 'callbackCreated', ok })),
  fc.nat(200_000).map<Action>((durationMs) => ({ kind: 'recordingFinished', durationMs })),
  fc.boolean().map<Action>((ok) => ({ kind: 'flowLoaded', ok })),
  fc.integer({ min: 1, max: 30 }).map<Action>((position) => ({ kind: 'queueJoined', position })),
  fc.integer({ min: 1, max: 30 }).map<Action>((position) => ({ kind: 'queuePosition', position })),
  fc.constant<Action>({ kind: 'queueRejected' }),
  fc.constantFrom('agt_hugo', 'agt_lucas', 'agt_unknown').map<Action>((agentId) => ({ kind: 'agentAvailable', agentId })),
  fc.constantFrom<Action>({ kind: 'stale', which: 'timer' }, { kind: 'stale', which: 'prompt' }, { kind: 'stale', which: 'leg' }, { kind: 'stale', which: 'http' }),
  fc.integer({ min: 1, max: 400 }).map<Action>((seconds) => ({ kind: 'advance', seconds })),
  fc.constant<Action>({ kind: 'callerHangup' }),
);

const presence = fc.dictionary(fc.constantFrom('agt_marie', 'agt_lucas', 'agt_sophie', 'agt_hugo'), fc.constantFrom<AgentPresence>('available', 'busy', 'paused', 'offline'));

describe('interpreter properties', () => {
  it('never throws, never fails internally, and every call ends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(T_OPEN, T_CLOSED, T_HOLIDAY),
        fc.constantFrom('+33145454545', '+33612345678', null, '0899123456'),
        presence,
        fc.integer(),
        fc.array(action, { maxLength: 40 }),
        (name, at, caller, agents, seed, actions) => {
          const walker = new Walker(flows, fixtureContext(agents as Record<string, AgentPresence>));
          let walk = walker.start(name, at, caller, seed);
          for (const a of actions) {
            walk = walker.apply(walk, a) ?? walk;
            expect(walk.state.endReason).not.toBe('internal-error');
            if (walk.state.status === 'ended') {
              expect(walk.state.timers).toEqual([]);
              expect(walk.state.legs).toEqual([]);
              expect(walk.state.queueId).toBeNull();
            } else if (walk.state.status === 'running') {
              expect(walk.state.timers.length).toBeGreaterThan(0);
            }
          }
          const { events, end } = walker.drainSilently(walk, 1000);
          expect(events).toBeGreaterThanOrEqual(0);
          const final = end.state.status === 'bridged' ? walker.apply(end, { kind: 'callerHangup' })! : end;
          expect(final.state.status).toBe('ended');
        },
      ),
      { numRuns: 400, seed: 20250114 },
    );
  });
});
