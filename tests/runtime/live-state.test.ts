// The browser-side reducer of live events (app/lib/realtime/live-state.ts).
import { describe, expect, it } from 'vitest';
import { applyLiveEvent, fromSync } from '@/app/lib/realtime/live-state';

const call = (callId: string, agents: string[], state = 'ringing') => ({ callId, state, agents: agents.map((agentId) => ({ agentId, role: 'ringing' })) });

describe('live state reducer', () => {
  it("an agent's view: sync, updates, a call transferred away, the end, its status", () => {
    let s = fromSync({ status: { status: 'available' }, calls: [call('c1', ['A']), call('c2', ['B'])] }, 'A');
    expect(Object.keys(s.calls)).toEqual(['c1']);
    s = applyLiveEvent(s, { t: 'call.updated', d: call('c1', ['A'], 'talking') }, 'A');
    expect(s.calls.c1.state).toBe('talking');
    s = applyLiveEvent(s, { t: 'call.updated', d: call('c3', ['A', 'B']) }, 'A');
    expect(Object.keys(s.calls).sort()).toEqual(['c1', 'c3']);
    // another agent answered c3: A no longer sees it
    s = applyLiveEvent(s, { t: 'call.updated', d: call('c3', ['B'], 'talking') }, 'A');
    expect(Object.keys(s.calls)).toEqual(['c1']);
    s = applyLiveEvent(s, { t: 'call.ended', d: { callId: 'c1', outcome: 'answered' } }, 'A');
    expect(s.calls).toEqual({});
    s = applyLiveEvent(s, { t: 'agent.status', d: { agentId: 'B', status: { status: 'paused' } } }, 'A');
    expect(s.status).toEqual({ status: 'available' });
    s = applyLiveEvent(s, { t: 'agent.status', d: { agentId: 'A', status: { status: 'wrap_up' } } }, 'A');
    expect(s.status).toEqual({ status: 'wrap_up' });
  });

  it("a supervisor's view keeps every call", () => {
    let s = fromSync({ status: null, calls: [call('c1', ['A']), call('c2', [])] }, null);
    s = applyLiveEvent(s, { t: 'call.updated', d: call('c1', [], 'ivr') }, null);
    expect(Object.keys(s.calls).sort()).toEqual(['c1', 'c2']);
    expect(applyLiveEvent(s, { t: 'something.else', d: {} }, null)).toBe(s);
  });
});
