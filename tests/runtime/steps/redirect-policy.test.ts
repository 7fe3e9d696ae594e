// policy(forbidden-transfer) ──next──> r(redirect) ──no_answer|busy|failed|forbidden──> bye nodes
import { describe, expect, it } from 'vitest';
import { forbiddenReason, matchesPreset, OPEN_POLICY, tightenPolicy } from '@/flow-runtime/interpreter';
import { fixtureContext } from '../support/context';
import { buildFlow, bye, TestCall } from '../support/call';

function redirectFlow(target: Record<string, unknown>, policy?: Record<string, unknown>) {
  const outputs = target.kind === 'flow' ? ['failed'] : target.kind === 'external' ? ['no_answer', 'busy', 'failed', 'forbidden'] : ['no_answer', 'busy', 'failed'];
  const nodes = [
    ...(policy ? [{ id: 'policy', type: 'forbidden-transfer' as const, config: policy }] : []),
    { id: 'r', type: 'redirect' as const, config: { target, ringTimeoutSeconds: 25 } },
    ...outputs.map((o) => bye(o)),
  ];
  return buildFlow(nodes, [...(policy ? ([['policy', 'next', 'r']] as Array<[string, string, string]>) : []), ...outputs.map((o) => ['r', o, o] as [string, string, string])]);
}

describe('redirect', () => {
  it('agent: rings, answer → bridged; no answer within the ring timeout → no_answer', () => {
    const answered = new TestCall(redirectFlow({ kind: 'agent', agentId: 'agt_marie' })).start();
    expect(answered.of('ringLegs')[0].legs).toEqual([{ legId: expect.any(String), target: { kind: 'agent', agentId: 'agt_marie' }, ringSeconds: 25 }]);
    answered.send({ type: 'legAnswered', legId: answered.state.legs[0] });
    expect(answered.state.status).toBe('bridged');
    const missed = new TestCall(redirectFlow({ kind: 'agent', agentId: 'agt_marie' })).start().advance(25);
    expect(missed.taken()).toEqual(['r:no_answer']);
  });

  it.each([
    ['busy', 'r:busy'],
    ['offline', 'r:failed'],
    ['paused', 'r:failed'],
  ] as const)('agent %s → %s', (status, output) => {
    expect(new TestCall(redirectFlow({ kind: 'agent', agentId: 'agt_marie' }), fixtureContext({ agt_marie: status })).start().taken()).toEqual([output]);
  });

  it('leg busy → busy; leg failed → failed', () => {
    const busy = new TestCall(redirectFlow({ kind: 'agent', agentId: 'agt_marie' })).start();
    busy.send({ type: 'legFailed', legId: busy.state.legs[0], reason: 'busy' });
    expect(busy.taken()).toEqual(['r:busy']);
    const failed = new TestCall(redirectFlow({ kind: 'external', number: '+33145454545' })).start();
    failed.send({ type: 'legFailed', legId: failed.state.legs[0], reason: 'failed' });
    expect(failed.taken()).toEqual(['r:failed']);
  });

  it('group: all available members at once; nobody available → busy / failed', () => {
    const call = new TestCall(redirectFlow({ kind: 'group', groupId: 'grp_ventes' }), fixtureContext({ agt_sophie: 'paused' })).start();
    expect(call.of('ringLegs')[0].legs.map((l) => l.target)).toEqual([{ kind: 'agent', agentId: 'agt_marie' }]);
    expect(new TestCall(redirectFlow({ kind: 'group', groupId: 'grp_ventes' }), fixtureContext({ agt_marie: 'busy', agt_sophie: 'offline' })).start().taken()).toEqual(['r:busy']);
    expect(new TestCall(redirectFlow({ kind: 'group', groupId: 'grp_ventes' }), fixtureContext({ agt_marie: 'offline', agt_sophie: 'offline' })).start().taken()).toEqual(['r:failed']);
  });

  it('flow: asks for the flow; unavailable or not loaded within 10 s → failed', () => {
    const call = new TestCall(redirectFlow({ kind: 'flow', flowId: 'flow_astreinte' })).start();
    expect(call.of('loadFlow')).toEqual([{ type: 'loadFlow', flowId: 'flow_astreinte' }]);
    call.send({ type: 'flowLoaded', flowId: 'flow_astreinte', ok: false });
    expect(call.taken()).toEqual(['r:failed']);
    expect(new TestCall(redirectFlow({ kind: 'flow', flowId: 'flow_astreinte' })).start().advance(10).taken()).toEqual(['r:failed']);
  });

  it('external: allowed numbers ring; forbidden ones leave by forbidden without ringing', () => {
    const policy = { mode: 'lists', presets: ['premium-rate', 'international'], patterns: ['+3336*'], forbiddenListIds: ['fbl_surtaxes'] };
    const ok = new TestCall(redirectFlow({ kind: 'external', number: '+33145454545' }, policy)).start();
    expect(ok.of('ringLegs')).toHaveLength(1);
    for (const number of ['+33899123456', '+441234567890', '+33361000000', '+33812345678']) {
      const call = new TestCall(redirectFlow({ kind: 'external', number }, policy)).start();
      expect(call.of('ringLegs')).toHaveLength(0);
      expect(call.taken()).toEqual(['policy:next', 'r:forbidden']);
    }
    const all = new TestCall(redirectFlow({ kind: 'external', number: '+33145454545' }, { mode: 'all-external' })).start();
    expect(all.taken()).toEqual(['policy:next', 'r:forbidden']);
  });

  it('caller hangs up while the target rings → cancelled', () => {
    const call = new TestCall(redirectFlow({ kind: 'external', number: '+33145454545' })).start().hangup();
    expect(call.state.outcome).toBe('cancelled');
  });
});

describe('transfer policy presets (French numbering)', () => {
  it.each([
    ['premium-rate', '+33899123456', true],
    ['premium-rate', '+33812345678', true],
    ['premium-rate', '+33825123456', true],
    ['premium-rate', '+33800123456', false],
    ['premium-rate', '+33118218', true],
    ['mobile', '+33612345678', true],
    ['mobile', '0712345678', true],
    ['mobile', '+33145454545', false],
    ['international', '+441234567890', true],
    ['international', '+33145454545', false],
    ['international', '+262262123456', false],
    ['short-codes', '3949', true],
    ['short-codes', '15', true],
    ['short-codes', '+333949', true],
    ['short-codes', '+33145454545', false],
  ])('%s matches %s: %s', (preset, number, expected) => {
    expect(matchesPreset(preset, number, '33')).toBe(expected);
  });

  it('policies only ever tighten', () => {
    const a = tightenPolicy(OPEN_POLICY, { allExternal: false, presets: ['mobile'], patterns: ['+3389*'], homeCountryCode: '33' });
    const b = tightenPolicy(a, { allExternal: false, presets: ['international'], patterns: [], homeCountryCode: '33' });
    expect(forbiddenReason(b, '+33612345678')).toBe('mobile');
    expect(forbiddenReason(b, '+3212345678')).toBe('international');
    expect(forbiddenReason(b, '+33891000000')).toBe('pattern');
    expect(forbiddenReason(b, '+33145454545')).toBeNull();
  });
});
