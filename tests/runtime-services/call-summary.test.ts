// The Call summary columns (issue 15, C0) from what is recorded about a call
// (flow-runtime/records/call-summary.ts): the cases the SIPp tests of tests/calls/call-summary.test.ts
// do not place — warm and attended transfers, a conference, a transfer into a flow or a group's
// mailbox, a second queue after an agent answered — and how the CallRecorder writes them (with the
// end, and a voicemail stored after the end).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallSummary } from '@/flow-runtime/records/call-summary';
import { CallRecorder } from '@/flow-runtime/records/call-recorder';
import type { PrismaClient } from '@/prisma/client';

const t0 = Date.parse('2026-12-07T09:00:00.000Z');
const at = (s: number) => new Date(t0 + s * 1000);

/** A flow call: menu, queue group offered at 5 s, hugo's leg rung, answered at 12 s. */
function answeredByHugo(): CallSummary {
  const s = new CallSummary();
  s.observe({ kind: 'node-entered', nodeId: 'menu', at: at(0) });
  s.observe({ kind: 'key', nodeId: 'menu', data: { key: '2', accepted: true }, at: at(4) });
  s.observe({ kind: 'node-entered', nodeId: 'agents', at: at(5) });
  s.observe({ kind: 'queue', nodeId: 'agents', data: { event: 'offered', groupId: 'g-support', strategy: 'simultaneous' }, at: at(5) });
  s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: '3:leg0', event: 'ringing', agentId: 'hugo' }, at: at(5) });
  s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: '3:leg1', event: 'ringing', agentId: 'ines' }, at: at(5) });
  s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: '3:leg1', outcome: 'cancelled' }, at: at(12) });
  s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: '3:leg0', outcome: 'answered' }, at: at(12) });
  return s;
}

describe('CallSummary', () => {
  it('an agent answered after the queue: wait to the answer, talk to the end, the group and the agent', () => {
    expect(answeredByHugo().finish(at(72))).toEqual({
      groupId: 'g-support', agentId: 'hugo', agentIds: ['hugo'], queuedAt: at(5).toISOString(), agentAnsweredAt: at(12).toISOString(),
      waitMs: 7000, talkMs: 60_000, transferCount: 0, endNodeId: 'agents',
    });
  });

  it('nobody answered: the wait runs to the end, no talk', () => {
    const s = new CallSummary();
    s.observe({ kind: 'node-entered', nodeId: 'agents', at: at(1) });
    s.observe({ kind: 'queue', nodeId: 'agents', data: { event: 'offered', groupId: 'g' }, at: at(1) });
    s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: 'l', event: 'ringing', agentId: 'a' }, at: at(1) });
    s.observe({ kind: 'leg', nodeId: 'agents', data: { legId: 'l', outcome: 'no_answer' }, at: at(21) });
    s.observe({ kind: 'node-entered', nodeId: 'vm', at: at(21) });
    s.observe({ kind: 'voicemail', nodeId: 'vm', data: { recordingId: 'r', durationMs: 4000 }, at: at(30) });
    expect(s.finish(at(31))).toMatchObject({ groupId: 'g', agentId: null, agentIds: [], waitMs: 30_000, talkMs: null, endNodeId: 'vm', voicemail: true });
  });

  it('warm transfer: the consultation alone is no transfer; completed is one, the target joins', () => {
    const s = answeredByHugo();
    s.observe({ kind: 'transfer', data: { mode: 'warm', result: 'started', toAgentId: 'ines' }, at: at(20) });
    s.observe({ kind: 'transfer', data: { mode: 'warm', result: 'answered', toAgentId: 'ines' }, at: at(22) });
    expect(s.finish(at(25))).toMatchObject({ transferCount: 0, agentIds: ['hugo'] });
    s.observe({ kind: 'transfer', data: { mode: 'warm', result: 'completed', fromAgentId: 'hugo', toAgentId: 'ines' }, at: at(30) });
    expect(s.finish(at(90))).toMatchObject({ transferCount: 1, agentId: 'hugo', agentIds: ['hugo', 'ines'], talkMs: 78_000 });
  });

  it('a conference brings the consulted agent in; attended and cold transfers count, refused and returned ones do not', () => {
    const s = answeredByHugo();
    s.observe({ kind: 'conference', data: { result: 'joined', agentId: 'hugo', targetAgentId: 'ines' }, at: at(20) });
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'refused', status: 403 }, at: at(25) });
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'started', targetKind: 'agent', toAgentId: 'jules' }, at: at(26) });
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'no_answer' }, at: at(46) });
    s.observe({ kind: 'transfer', data: { result: 'returned', toAgentId: 'hugo' }, at: at(46) });
    s.observe({ kind: 'transfer', data: { mode: 'attended', result: 'answered', toAgentId: 'lea' }, at: at(50) });
    expect(s.finish(at(60))).toMatchObject({ transferCount: 1, agentIds: ['hugo', 'ines', 'lea'], agentId: 'hugo' });
  });

  it('a cold transfer to a group: the group is the last offered, the wait is not restarted; into a flow and a mailbox count', () => {
    const s = answeredByHugo();
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'started', targetKind: 'group', groupId: 'g-ventes' }, at: at(30) });
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'no_answer' }, at: at(50) });
    s.observe({ kind: 'transfer', data: { result: 'voicemail', groupId: 'g-ventes' }, at: at(50) });
    s.observe({ kind: 'node-entered', nodeId: '__transfer_voicemail__:g-ventes', at: at(50) });
    const end = s.finish(at(70));
    expect(end).toMatchObject({ groupId: 'g-ventes', queuedAt: at(5).toISOString(), waitMs: 7000, transferCount: 1, endNodeId: '__transfer_voicemail__:g-ventes' });
    s.observe({ kind: 'transfer', data: { mode: 'cold', result: 'entered', targetKind: 'flow', flowId: 'f2' }, at: at(80) });
    s.observe({ kind: 'queue', nodeId: 'q2', data: { event: 'offered', groupId: 'g-other' }, at: at(81) });
    expect(s.finish(at(90))).toMatchObject({ groupId: 'g-other', queuedAt: at(5).toISOString(), transferCount: 2 });
  });

  it("legs without a flow node (a callback attempt's) and callback path events of other calls are not read", () => {
    const s = new CallSummary();
    s.observe({ kind: 'callback', data: { callbackRequestId: 'r' }, at: at(0) });
    s.observe({ kind: 'leg', data: { legId: 'x', event: 'ringing', agentId: 'eve' }, at: at(0) });
    s.observe({ kind: 'leg', data: { legId: 'x', agentId: 'eve', outcome: 'answered' }, at: at(3) });
    s.fact({ kind: 'group', groupId: 'g' }, at(0));
    expect(s.finish(at(10))).toMatchObject({ groupId: 'g', queuedAt: null, agentId: null, talkMs: null });
    expect(s.finish(at(10)).callbackRequested).toBeUndefined();
    s.fact({ kind: 'agent', agentId: 'eve', at: at(8) }, at(8));
    expect(s.finish(at(10))).toMatchObject({ agentId: 'eve', agentIds: ['eve'], talkMs: 2000 });
  });
});

describe('CallRecorder writes the summary', () => {
  it('flowId with the row, the columns with the end, and a voicemail stored after the end', async () => {
    const writes: { model: string; op: string; data: Record<string, unknown> }[] = [];
    const model = (name: string) => ({
      createMany: async ({ data }: { data: Record<string, unknown>[] }) => void writes.push({ model: name, op: 'create', data: data[0] }),
      update: async ({ where, data }: { where: { id: string }; data: Record<string, unknown> }) => void writes.push({ model: name, op: 'update', data: { id: where.id, ...data } }),
    });
    // No webhook subscription: the recorder's webhook.emit writes (flow-runtime/webhooks) find none and add nothing.
    const webhookSubscription = { findMany: async () => [] };
    // The mailbox's group still exists (flow-runtime/records/kept-mailbox.ts checks before writing).
    const queueGroup = { findFirst: async () => ({ id: 'g', name: 'Accueil' }) };
    // The flow analytics rollup at the end (SQL function flow_path_rollup: app/lib/flow-analytics/README.md).
    const $queryRaw = async (sql: TemplateStringsArray, ...values: unknown[]) => void writes.push({ model: 'rollup', op: sql.join('?'), data: { values } });
    const prisma = { call: model('call'), callEvent: model('callEvent'), callLeg: model('callLeg'), voicemail: model('voicemail'), callbackRequest: model('callbackRequest'), webhookSubscription, queueGroup, $queryRaw } as unknown as PrismaClient;
    let now = at(0);
    const recorder = new CallRecorder(prisma, { dir: mkdtempSync(path.join(os.tmpdir(), 'relais-summary-')) }, () => now);
    const callId = recorder.callStarted({ organizationId: 'o', sipCallId: 's', entryNumber: '+33100000000', caller: null, callee: '+33100000000', flowVersionId: 'v1', flowId: 'f1' });
    recorder.pathEvent(callId, { kind: 'node-entered', nodeId: 'agents', at: at(1) });
    recorder.pathEvent(callId, { kind: 'queue', nodeId: 'agents', data: { event: 'offered', groupId: 'g' }, at: at(1) });
    recorder.callbackRequest({ organizationId: 'o', callId, groupId: 'g', number: '+33611111111' });
    recorder.pathEvent(callId, { kind: 'node-entered', nodeId: 'vm', at: at(20) });
    now = at(40);
    recorder.callEnded(callId, null);
    now = at(41);
    recorder.voicemail({ organizationId: 'o', callId, mailbox: { kind: 'group', groupId: 'g' }, caller: null, durationMs: 9000, audio: new Uint8Array([1]) });
    expect(await recorder.flush(5000)).toBe(true);
    const calls = writes.filter((w) => w.model === 'call');
    expect(calls[0]).toMatchObject({ op: 'create', data: { id: callId, flowId: 'f1', flowVersionId: 'v1' } });
    expect(calls[1].data).toEqual({
      id: callId, outcome: null, endedAt: at(40), groupId: 'g', agentId: null, agentIds: [], queuedAt: at(1), agentAnsweredAt: null,
      waitMs: 39_000, talkMs: null, transferCount: 0, endNodeId: 'vm', callbackRequested: true,
    });
    // the rollup right after the end, once
    expect(writes.filter((w) => w.model === 'rollup').map((w) => w.data.values)).toEqual([[callId]]);
    expect(writes.findIndex((w) => w.model === 'rollup')).toBe(writes.indexOf(writes.filter((w) => w.model === 'call')[1]) + 1);
    // after the end: the Voicemail row, then the flag on the call (never the other columns)
    expect(writes.slice(-2).map((w) => [w.model, w.op])).toEqual([['voicemail', 'create'], ['call', 'update']]);
    expect(calls[2].data).toEqual({ id: callId, voicemail: true });
    await recorder.close(1000);
  });
});
