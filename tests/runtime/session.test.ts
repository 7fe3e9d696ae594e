// CallSession with in-memory ports: effects executed, results fed back one event at a time.
import { describe, expect, it } from 'vitest';
import { InvalidFlowError, loadFlow } from '@/flow-runtime/interpreter';
import { CallSession } from '@/flow-runtime/session';
import { createInMemoryPorts } from '@/flow-runtime/session/in-memory';
import { validateFlow } from '@/schemas';
import { loadBadFlows } from '@/tests/fixtures';
import { FIXTURE_REFERENCES } from '@/tests/fixtures/references';
import { fixtureContext } from './support/context';
import { fixtureFlow, startSession } from './support/session';

describe('loadFlow', () => {
  // Fixtures whose one problem is a warning describe flows that are valid and do run.
  const withErrors = loadBadFlows().filter(
    (f) => !validateFlow(f.flow, { references: f.useReferences ? FIXTURE_REFERENCES : undefined }).ok,
  );
  it('has bad fixtures with errors to refuse', () => expect(withErrors.length).toBeGreaterThan(20));
  it.each(withErrors.map((f) => [f.name, f] as const))(
    'refuses the invalid flow %s with a typed error',
    (_name, fixture) => {
      let error: unknown;
      try {
        loadFlow(fixture.flow, { references: fixture.useReferences ? FIXTURE_REFERENCES : undefined });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidFlowError);
      expect((error as InvalidFlowError).code).toBe('flow.invalid');
      expect((error as InvalidFlowError).problems.some((p) => p.code === fixture.expected.code)).toBe(true);
    },
  );
});

describe('CallSession', () => {
  it('runs the demo flow: welcome, menu 2, info, goodbye, hang-up', async () => {
    const { session, ports } = startSession(fixtureFlow('demo'));
    await ports.clock.advance(2000); // welcome finished, menu prompt playing
    session.send({ type: 'dtmf', key: '2' });
    await ports.clock.advance(10_000);
    expect(session.ended).toBe(true);
    const final = await session.done;
    expect(final.endReason).toBe('flow-hangup');
    expect(final.outcome).toBeNull();
    expect(ports.media.hangups).toEqual([{ callId: 'call-1', cause: 'normal' }]);
    expect(session.path.filter((p) => p.kind === 'output-taken').map((p) => `${p.nodeId}:${p.output}`)).toEqual(['welcome:next', 'menu:2', 'info:next']);
    expect(ports.records.endings.get('call-1')).toEqual({ outcome: null, reason: 'flow-hangup' });
    expect(ports.clock.pendingTimers).toBe(0);
  });

  it('bridges the first agent to answer and ends answered when the caller hangs up', async () => {
    const { session, ports } = startSession(fixtureFlow('demo'), {
      legs: (t) => (t.kind === 'agent' && t.agentId === 'agt_lucas' ? { afterMs: 4000, result: 'answer' } : null),
    });
    await ports.clock.advance(2000);
    session.send({ type: 'dtmf', key: '1' });
    await ports.clock.advance(5000);
    expect(session.state.status).toBe('bridged');
    expect(ports.legs.rung.map((r) => r.leg.target)).toEqual([
      { kind: 'agent', agentId: 'agt_marie' },
      { kind: 'agent', agentId: 'agt_lucas' },
    ]);
    expect(ports.legs.cancelled).toHaveLength(1); // Marie's leg stops ringing
    session.send({ type: 'callerHangup' });
    expect((await session.done).outcome).toBe('answered');
  });

  it('a cold transfer to a flow while bridged: the agent leg is released, the call goes on in that flow', async () => {
    const { session, ports } = startSession(fixtureFlow('demo'), {
      legs: (t) => (t.kind === 'agent' && t.agentId === 'agt_lucas' ? { afterMs: 1000, result: 'answer' } : null),
    });
    await ports.clock.advance(2000);
    session.send({ type: 'dtmf', key: '1' });
    await ports.clock.advance(2000);
    expect(session.state.status).toBe('bridged');
    const leg = session.state.bridgedLeg;
    const cancelledBefore = ports.legs.cancelled.length;
    session.transferToFlow('flow_sav', { ...fixtureFlow('demo'), id: 'flow_sav' });
    expect(ports.legs.cancelled.length).toBe(cancelledBefore + 1);
    expect(JSON.stringify(ports.legs.cancelled.at(-1))).toContain(String(leg));
    expect(session.state).toMatchObject({ status: 'running', flowId: 'flow_sav', bridgedLeg: null });
    expect(session.state.step?.nodeId).toBe('welcome');
    session.send({ type: 'callerHangup' });
    expect((await session.done).outcome).toBe('answered');
  });

  it('caller hanging up while agents ring is cancelled, and the legs are cancelled', async () => {
    const { session, ports } = startSession(fixtureFlow('demo'));
    await ports.clock.advance(2000);
    session.send({ type: 'dtmf', key: '1' });
    await ports.clock.advance(3000);
    session.send({ type: 'callerHangup' });
    const final = await session.done;
    expect(final.outcome).toBe('cancelled');
    expect(ports.legs.cancelled).toHaveLength(2);
    expect(session.path.filter((p) => p.kind === 'leg' && p.data?.outcome === 'cancelled')).toHaveLength(2);
  });

  it('no answer from the group → voicemail → message stored, outcome no_answer', async () => {
    const { session, ports } = startSession(fixtureFlow('demo'), { recordMs: 8000 });
    await ports.clock.advance(2000);
    session.send({ type: 'dtmf', key: '1' });
    await ports.clock.advance(20_000 + 2000 + 2000 + 8000 + 2000);
    const final = await session.done;
    expect(ports.records.voicemails).toEqual([
      { callId: 'call-1', recordingId: expect.any(String), mailbox: { kind: 'group', groupId: 'grp_accueil' }, caller: '+33612345678', durationMs: 8000 },
    ]);
    expect(final.outcome).toBe('no_answer');
  });

  it('a throwing listener is reported and does not corrupt the session', async () => {
    const errors: unknown[] = [];
    const ports = createInMemoryPorts();
    const session = new CallSession({ callId: 'c', flow: fixtureFlow('demo'), context: fixtureContext(), ports, onError: (e) => errors.push(e) });
    session.subscribe(() => {
      throw new Error('listener bug');
    });
    session.start({ caller: '+33612345678', called: '+33184000000' });
    await ports.clock.advance(2000);
    session.send({ type: 'dtmf', key: '2' });
    await ports.clock.advance(10_000);
    expect(session.ended).toBe(true);
    expect(errors.length).toBeGreaterThan(3);
  });

  it('a failing port becomes a failure event: HTTP down → error output', async () => {
    const ports = createInMemoryPorts();
    ports.http.request = () => {
      throw new Error('socket refused');
    };
    const { session } = startSession(fixtureFlow('http-condition'), { ports });
    await ports.clock.advance(100);
    expect(session.path.some((p) => p.nodeId === 'lookup' && p.output === 'error')).toBe(true);
  });

  it('cannot be started twice', () => {
    const { session } = startSession(fixtureFlow('demo'));
    expect(() => session.start({ caller: null, called: '+33184000000' })).toThrow(/already started/);
  });

  it('redirect to another flow continues at its entry, keeping variables and the step count', async () => {
    const all = fixtureFlow('all-steps');
    const ports = createInMemoryPorts();
    ports.flows.flows.set('flow_astreinte', fixtureFlow('demo'));
    // filter → policy → welcome → hours → menu 2 → split (seed picks b for some seeds) → redirect
    for (let seed = 1; seed < 40; seed++) {
      const p = createInMemoryPorts();
      p.flows.flows.set('flow_astreinte', { ...fixtureFlow('demo'), id: 'flow_astreinte' });
      p.random.seed = () => seed;
      const { session } = startSession(all, { ports: p, caller: '+33145454545' });
      await p.clock.advance(2000);
      session.send({ type: 'dtmf', key: '2' });
      await p.clock.advance(10);
      if (session.path.some((x) => x.nodeId === 'split' && x.output === 'b')) {
        expect(session.state.flowId).toBe('flow_astreinte');
        expect(session.state.step?.nodeId).toBe('welcome');
        expect(session.path.some((x) => x.kind === 'flow-entered')).toBe(true);
        return;
      }
    }
    throw new Error('no seed took the redirect branch');
  });
});
