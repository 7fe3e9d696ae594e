// resolveTarget (flow-runtime/calls/call-control/targets.ts) without SIP: what each kind of
// cold-transfer target leads to for the call's organisation, and the statuses answered when not.
import { describe, expect, it } from 'vitest';
import { resolveTarget, strategyInFlow, type ResolveContext, type TargetLookup } from '@/flow-runtime/calls/call-control/targets';
import type { AgentDirectory } from '@/flow-runtime/agents/agent-directory';
import { OPEN_POLICY, tightenPolicy } from '@/flow-runtime/interpreter/transfer-policy';
import { buildFlow, bye } from './support/call';

const sav = buildFlow([bye('x')], [], { id: 'flow_sav' });
const lookup: TargetLookup = {
  agent: async (id) => id.startsWith('agt_'),
  extension: async (e) => (e === '201' ? 'agt_ines' : null),
  group: async (id) => (id === 'grp_sales' ? { id, name: 'Ventes', ringTimeSeconds: 15 } : null),
  flow: async (id) => (id === 'flow_sav' ? sav : null),
  contact: async (id) => (id === 'ct_martin' ? { id, name: 'Cabinet Martin', number: '+33123456789' } : id === 'ct_voyance' ? { id, name: 'Voyance', number: '+33899123456' } : id === 'ct_empty' ? { id, name: 'Sans numéro', number: null } : null),
  ownNumber: async (e164) => (e164 === '+33199000081' ? { flowId: 'flow_sav' } : e164 === '+33199000082' ? { flowId: null } : null),
};
const directory = {
  groupMembers: async () => [
    { agentId: 'agt_ines', available: true, ringTimeSeconds: 10 },
    { agentId: 'agt_jules', available: false, ringTimeSeconds: 15 },
    { agentId: 'agt_kim', available: true, ringTimeSeconds: 15 },
  ],
} as unknown as AgentDirectory;
const premium = tightenPolicy(OPEN_POLICY, { allExternal: false, presets: ['premium-rate'], patterns: [], homeCountryCode: '33' });
const ctx = (over: Partial<ResolveContext> = {}): ResolveContext => ({ lookup, directory, policy: premium, hasTrunk: true, flowStrategy: () => null, ...over });

describe('resolveTarget', () => {
  it('agents by id or extension; an unknown extension is read as a number', async () => {
    expect(await resolveTarget({ kind: 'agent', agentId: 'agt_x' }, ctx())).toEqual({ kind: 'agent', agentId: 'agt_x' });
    expect(await resolveTarget({ kind: 'extension', extension: '201' }, ctx())).toEqual({ kind: 'agent', agentId: 'agt_ines' });
    expect(await resolveTarget({ kind: 'agent', agentId: 'other_org_agent' }, ctx())).toMatchObject({ ok: false, status: 404 });
  });

  it('group: its available members in order with their ring times; strategy from the command, the flow, else simultaneous', async () => {
    const g = await resolveTarget({ kind: 'group', groupId: 'grp_sales' }, ctx());
    expect(g).toEqual({
      kind: 'group', groupId: 'grp_sales', name: 'Ventes', strategy: 'simultaneous', ringMs: 15_000,
      members: [{ agentId: 'agt_ines', ringMs: 10_000 }, { agentId: 'agt_kim', ringMs: 15_000 }],
    });
    expect(await resolveTarget({ kind: 'group', groupId: 'grp_sales' }, ctx({ flowStrategy: () => 'cascade' }))).toMatchObject({ strategy: 'cascade' });
    expect(await resolveTarget({ kind: 'group', groupId: 'grp_sales', strategy: 'simultaneous' }, ctx({ flowStrategy: () => 'cascade' }))).toMatchObject({ strategy: 'simultaneous' });
    expect(await resolveTarget({ kind: 'group', groupId: 'grp_other_org' }, ctx())).toEqual({ ok: false, status: 404, reason: 'Not Found' });
  });

  it('flow: published flow of the organisation, else 404', async () => {
    expect(await resolveTarget({ kind: 'flow', flowId: 'flow_sav' }, ctx())).toMatchObject({ kind: 'flow', flowId: 'flow_sav', flow: sav });
    expect(await resolveTarget({ kind: 'flow', flowId: 'flow_elsewhere' }, ctx())).toMatchObject({ ok: false, status: 404 });
  });

  it('contact: its number under the policy (403 forbidden), 404 unknown or without number', async () => {
    expect(await resolveTarget({ kind: 'contact', contactId: 'ct_martin' }, ctx())).toEqual({ kind: 'number', number: '+33123456789', contact: { contactId: 'ct_martin', name: 'Cabinet Martin' } });
    expect(await resolveTarget({ kind: 'contact', contactId: 'ct_voyance' }, ctx())).toMatchObject({ ok: false, status: 403 });
    expect(await resolveTarget({ kind: 'contact', contactId: 'ct_empty' }, ctx())).toMatchObject({ ok: false, status: 404 });
    expect(await resolveTarget({ kind: 'contact', contactId: 'ct_other_org' }, ctx())).toMatchObject({ ok: false, status: 404 });
  });

  it('number: one of our own numbers → its flow (also without a trunk); else policy, then trunk', async () => {
    expect(await resolveTarget({ kind: 'number', number: '01 99 00 00 81' }, ctx({ hasTrunk: false }))).toMatchObject({ kind: 'flow', flowId: 'flow_sav', number: '+33199000081' });
    expect(await resolveTarget({ kind: 'number', number: '+33199000082' }, ctx())).toMatchObject({ ok: false, status: 404 });
    expect(await resolveTarget({ kind: 'number', number: '0899123456' }, ctx())).toMatchObject({ ok: false, status: 403 });
    expect(await resolveTarget({ kind: 'number', number: '0123456789' }, ctx({ hasTrunk: false }))).toMatchObject({ ok: false, status: 503 });
    expect(await resolveTarget({ kind: 'number', number: '0123456789' }, ctx())).toEqual({ kind: 'number', number: '+33123456789', contact: null });
  });
});

describe('strategyInFlow', () => {
  it('reads the queue-group step of that group', () => {
    const flow = buildFlow([
      { id: 'g', type: 'queue-group', config: { groupId: 'grp_support', strategy: 'cascade' } }, bye('n'),
    ], [['g', 'no_answer', 'n']]);
    expect(strategyInFlow(flow, 'grp_support')).toBe('cascade');
    expect(strategyInFlow(flow, 'grp_sales')).toBeNull();
  });
});
