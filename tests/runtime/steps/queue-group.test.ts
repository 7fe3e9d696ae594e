// g(queue-group grp_support: lucas, sophie, hugo) ──no_answer|busy|timeout|full|unavailable──> bye nodes
import { describe, expect, it } from 'vitest';
import { fixtureContext } from '../support/context';
import { buildFlow, bye, TestCall } from '../support/call';

const OUTPUTS = ['no_answer', 'busy', 'timeout', 'full', 'unavailable'];
function groupFlow(config: Record<string, unknown>) {
  return buildFlow(
    [{ id: 'g', type: 'queue-group', config: { groupId: 'grp_support', ...config } }, ...OUTPUTS.map((o) => bye(o))],
    OUTPUTS.map((o) => ['g', o, o] as [string, string, string]),
  );
}

const agentsRung = (call: TestCall) =>
  call.of('ringLegs').flatMap((r) => r.legs.map((l) => (l.target.kind === 'agent' ? `${l.target.agentId}@${l.ringSeconds}` : l.target.number)));

describe('queue-group simultaneous', () => {
  it('rings every available member; first answer is bridged, the others stop', () => {
    const call = new TestCall(groupFlow({ strategy: 'simultaneous', ringTimeSeconds: 15 })).start();
    expect(agentsRung(call)).toEqual(['agt_lucas@15', 'agt_sophie@15', 'agt_hugo@15']);
    expect(call.lastPlayText()).toBe('tone:ringback');
    const [, sophie] = call.state.legs;
    call.send({ type: 'legAnswered', legId: sophie });
    expect(call.state.status).toBe('bridged');
    expect(call.of('bridge')).toEqual([{ type: 'bridge', legId: sophie }]);
    expect(call.of('cancelLegs')[0]).toMatchObject({ reason: 'answered-elsewhere' });
    expect(call.of('cancelLegs')[0].legIds).toHaveLength(2);
    call.send({ type: 'legEnded', legId: sophie });
    expect(call.state.outcome).toBe('answered');
    expect(call.of('hangup')).toHaveLength(1);
  });

  it('nobody answers within the ring time → no_answer', () => {
    const call = new TestCall(groupFlow({ strategy: 'simultaneous', ringTimeSeconds: 15 })).start().advance(15);
    expect(call.taken()).toEqual(['g:no_answer']);
    expect(call.path().filter((p) => p.kind === 'leg' && p.data?.outcome === 'no_answer')).toHaveLength(3);
  });

  it('every leg busy → busy', () => {
    const call = new TestCall(groupFlow({ strategy: 'simultaneous' })).start();
    for (const legId of [...call.state.legs]) call.send({ type: 'legFailed', legId, reason: 'busy' });
    expect(call.taken()).toEqual(['g:busy']);
  });

  it('skips busy members; nobody free → busy; everybody offline → unavailable', () => {
    const someBusy = new TestCall(groupFlow({}), fixtureContext({ agt_lucas: 'busy', agt_hugo: 'paused' })).start();
    expect(agentsRung(someBusy)).toEqual(['agt_sophie@20']);
    const allBusy = new TestCall(groupFlow({}), fixtureContext({ agt_lucas: 'busy', agt_sophie: 'busy', agt_hugo: 'offline' })).start();
    expect(allBusy.taken()).toEqual(['g:busy']);
    const offline = new TestCall(groupFlow({}), fixtureContext({ agt_lucas: 'offline', agt_sophie: 'paused', agt_hugo: 'offline' })).start();
    expect(offline.taken()).toEqual(['g:unavailable']);
  });

  it('without skipBusy, busy members are rung too (offline ones never)', () => {
    const call = new TestCall(groupFlow({ skipBusy: false }), fixtureContext({ agt_lucas: 'busy', agt_hugo: 'offline' })).start();
    expect(agentsRung(call)).toEqual(['agt_lucas@20', 'agt_sophie@20']);
  });

  it('maxWaitSeconds shorter than the ring time → timeout', () => {
    const call = new TestCall(groupFlow({ ringTimeSeconds: 60, maxWaitSeconds: 30 })).start().advance(30);
    expect(call.taken()).toEqual(['g:timeout']);
  });
});

describe('queue-group cascade', () => {
  it('rings members one after the other with their own ring time, for each round', () => {
    const context = fixtureContext();
    const support = context.groups.grp_support;
    const groups = { ...context.groups, grp_support: { ...support, members: support.members.map((m) => (m.agentId === 'agt_sophie' ? { ...m, ringTimeSeconds: 10 } : m)) } };
    const call = new TestCall(groupFlow({ strategy: 'cascade', ringTimeSeconds: 20, cascadeRounds: 2, maxWaitSeconds: 600 }), { ...context, groups }).start();
    expect(agentsRung(call)).toEqual(['agt_lucas@20']);
    call.advance(20);
    expect(agentsRung(call)).toEqual(['agt_lucas@20', 'agt_sophie@10']);
    call.send({ type: 'legFailed', legId: call.state.legs[0], reason: 'busy' });
    expect(agentsRung(call)).toEqual(['agt_lucas@20', 'agt_sophie@10', 'agt_hugo@20']);
    call.advance(20);
    expect(agentsRung(call)).toHaveLength(4); // second round starts again with Lucas
    call.advance(20).advance(10).advance(20);
    expect(call.taken()).toEqual(['g:no_answer']);
    expect(call.state.lastAgentOutcome).toBe('no_answer');
  });

  it('an answer during the cascade is bridged', () => {
    const call = new TestCall(groupFlow({ strategy: 'cascade' })).start().advance(20);
    call.send({ type: 'legAnswered', legId: call.state.legs[0] });
    expect(call.state.status).toBe('bridged');
    expect(call.path().some((p) => p.kind === 'leg' && p.data?.outcome === 'answered')).toBe(true);
  });

  it('all members busy when their turn comes → busy', () => {
    const call = new TestCall(groupFlow({ strategy: 'cascade', skipBusy: false })).start();
    for (let i = 0; i < 3; i++) call.send({ type: 'legFailed', legId: call.state.legs[0], reason: 'busy' });
    expect(call.taken()).toEqual(['g:busy']);
  });

  it('caller hangs up while a member rings → cancelled', () => {
    const call = new TestCall(groupFlow({ strategy: 'cascade' })).start().advance(5).hangup();
    expect(call.state.outcome).toBe('cancelled');
    expect(call.of('cancelLegs').at(-1)).toMatchObject({ reason: 'caller-hangup' });
  });
});

describe('queue-group queue', () => {
  const queueFlow = groupFlow({ strategy: 'queue', holdMusicSoundId: 'snd_hold_music', announceIntervalSeconds: 30, maxWaitSeconds: 120, maxQueueSize: 5 });

  it('joins the queue with hold music, announces the position, offers the agent the coordinator picks', () => {
    const call = new TestCall(queueFlow).start();
    expect(call.of('queueJoin')).toEqual([{ type: 'queueJoin', queueId: 'grp_support', maxQueueSize: 5, agentIds: ['agt_lucas', 'agt_sophie', 'agt_hugo'] }]);
    expect(call.lastPlayText()).toBe('sound:snd_hold_music');
    call.send({ type: 'queueJoined', queueId: 'grp_support', position: 3 });
    expect(call.lastPlayText()).toBe('Vous êtes le 3e appel en attente.');
    call.finishPrompt();
    expect(call.lastPlayText()).toBe('sound:snd_hold_music');
    call.send({ type: 'queuePosition', queueId: 'grp_support', position: 1 });
    call.advance(30);
    expect(call.lastPlayText()).toBe('Vous êtes le prochain appel en attente.');
    call.send({ type: 'agentAvailable', queueId: 'grp_support', agentId: 'agt_hugo', offerId: 'o1' });
    expect(agentsRung(call)).toEqual(['agt_hugo@20']);
    call.advance(20); // Hugo lets it ring
    expect(call.of('queueOfferResult')).toEqual([{ type: 'queueOfferResult', queueId: 'grp_support', offerId: 'o1', agentId: 'agt_hugo', accepted: false, outcome: 'no_answer' }]);
    expect(call.taken()).toEqual([]); // still waiting
    call.send({ type: 'agentAvailable', queueId: 'grp_support', agentId: 'agt_lucas', offerId: 'o2' });
    call.send({ type: 'legAnswered', legId: call.state.legs[0] });
    expect(call.of('queueOfferResult').at(-1)).toMatchObject({ accepted: true, agentId: 'agt_lucas' });
    expect(call.of('queueLeave')).toEqual([{ type: 'queueLeave', queueId: 'grp_support', reason: 'answered' }]);
    expect(call.state.status).toBe('bridged');
  });

  it('maximum wait → timeout; queue full → full; nobody logged in → unavailable', () => {
    const waited = new TestCall(queueFlow).start().advance(120);
    expect(waited.taken()).toEqual(['g:timeout']);
    expect(waited.of('queueLeave')).toEqual([{ type: 'queueLeave', queueId: 'grp_support', reason: 'timeout' }]);
    const full = new TestCall(queueFlow).start().send({ type: 'queueRejected', queueId: 'grp_support', reason: 'full' });
    expect(full.taken()).toEqual(['g:full']);
    const nobody = new TestCall(queueFlow, fixtureContext({ agt_lucas: 'offline', agt_sophie: 'offline', agt_hugo: 'offline' })).start();
    expect(nobody.taken()).toEqual(['g:unavailable']);
  });

  it('caller hangs up while waiting → abandoned and leaves the queue; while an agent rings → cancelled', () => {
    const waiting = new TestCall(queueFlow).start().advance(40).hangup();
    expect(waiting.state.outcome).toBe('abandoned');
    expect(waiting.of('queueLeave')).toEqual([{ type: 'queueLeave', queueId: 'grp_support', reason: 'caller-hangup' }]);
    const ringing = new TestCall(queueFlow).start().send({ type: 'agentAvailable', queueId: 'grp_support', agentId: 'agt_hugo', offerId: 'o1' }).hangup();
    expect(ringing.state.outcome).toBe('cancelled');
    expect(ringing.of('queueOfferResult')).toEqual([{ type: 'queueOfferResult', queueId: 'grp_support', offerId: 'o1', agentId: 'agt_hugo', accepted: false, outcome: 'cancelled' }]);
  });
});
