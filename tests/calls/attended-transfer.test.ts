// Attended transfer with Replaces (issue 13, flow-runtime/calls/internal-call/attended-transfer.ts):
// caller C calls the flow, agent hugo (A) answers on one phone line (A1), holds C (re-INVITE
// sendonly), calls ines (B, extension 202) from a second line (A2, an internal call), then
// REFERs with Replaces naming the other dialog:
// - on A1's dialog, Replaces = A2's dialog → 202, NOTIFY 100 then 200, BYE on A1 and A2, C and B
//   hear each other (C's tone echoed by B's phone), records: transfer mode attended, leg
//   transfer_attended for ines, hugo's leg ended at the transfer, the internal call ended;
// - on A2's dialog, Replaces = A1's dialog (the other way phones do it): same result;
// - Replaces naming no dialog of hugo's: 481, C stays held with A, who resumes: audio again.
// Between the steps the test tells a SIPp phone to go on with an OPTIONS in its dialog (SIPp
// cannot learn Relais' tags otherwise); the Replaces value is read from a file at send time.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, runSipp, sippOk, sippPort, waitForUdpListener, type SippResult } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import type { InternalCall } from '@/flow-runtime/calls/internal-call/internal-call';
import { createAgent, eventually, flowDocument, publishFlow, startRuntime, type Runtime } from './support';
import { agentAnswers, agentReinvite, agentRequest, answersThenBye, authenticatedInvite, callerHangsUpAfter, echoThrough, loopbackTrunk, phoneTalksThenHangsUp, referNotifies, sdpAt, startPhone } from './phone-support';

const NUMBER = '+33199000090';
let rt: Runtime;
let peer: RtpPeer;
let lineTwo: RtpPeer;
let hugoId: string;
let trunkPort: number;
let inesId: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-replaces-'));

beforeAll(async () => {
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  peer = await RtpPeer.create();
  lineTwo = await RtpPeer.create();
  const [hugo, ines, jules] = await Promise.all(['hugo', 'ines', 'jules'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: jules.id }, data: { extension: '203' } });
  hugoId = hugo.id;
  inesId = ines.id;
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { extension: '201' } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Desk', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, flowDocument('agents', [
    { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['agents', 'no_answer', 'bye']]));
});

afterAll(async () => {
  await peer?.close();
  await lineTwo?.close();
  await rt?.stop();
});

/** A re-INVITE from the phone that answered (SDP version: its CSeq). */
const reinvite = (cseq: number, direction: string, expectAnswer: string) => agentReinvite(cseq, direction, cseq, expectAnswer);

/** A1 answers the flow's call and holds the caller. */
const lineOneAnswersAndHolds = [
  ...agentAnswers,
  '<pause milliseconds="1000"/>',
  ...reinvite(101, 'sendonly', 'recvonly'),
];

/** The test says "go on" (an OPTIONS in the phone's dialog); the phone does not answer it. */
const waitForGo = '<recv request="OPTIONS"/>';

/** The phone waits for Relais's BYE and answers it. */
const waitsForBye = ['<recv request="BYE"/>', reply('200 OK')];

const referTo = (user: string, file: string) => `Refer-To: <sip:${user}@127.0.0.1?Replaces=[file name="${file}"]>\nReferred-By: <sip:hugo@relais.test>\n`;

/** The flow's caller (C): media on the in-test peer, hangs up after `talkMs`. */
const caller = (talkMs: number) => callerHangsUpAfter(rt, NUMBER, sdpAt(peer.port), talkMs);

const phone = (username: string, xml: string) => startPhone(rt, username, xml);

/** Tells the SIPp phone on `port` to go on: an OPTIONS carrying its dialog's Call-ID. */
async function go(port: number, callId: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const msg = [
    `OPTIONS sip:phone@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
    'From: <sip:test@127.0.0.1>;tag=go', `To: <sip:phone@127.0.0.1:${port}>`, `Call-ID: ${callId}`, 'CSeq: 1 OPTIONS', 'Max-Forwards: 70', 'Content-Length: 0', '', '',
  ].join('\r\n');
  await new Promise<void>((r) => socket.send(msg, port, '127.0.0.1', () => r()));
  socket.close();
}

type SipIds = { callId: string; localTag: string; remoteTag: string };
const sipOf = (dialog: unknown) => (dialog as { sip: SipIds }).sip;
/** The Replaces value naming a dialog of ours as the phone sees it (to-tag: ours, from-tag: the phone's). */
const replacesOf = (ids: SipIds) => encodeURIComponent(`${ids.callId};to-tag=${ids.localTag};from-tag=${ids.remoteTag}`);

/** Every SIPp run ended as its scenario says. */
function expectAllOk(results: SippResult[]) {
  for (const r of results) expect(sippOk(r)).toBe('ok');
}

const flowCall = () => [...rt.calls.active.values()][0];
const internalCall = (): InternalCall | undefined => [...(rt.calls.services.phones?.live ?? [])][0];

/**
 * The caller held by hugo's line one, and that phone past its hold: Relais got the ACK of the
 * re-INVITE's 200 (the test's "go" travels straight to the phone and must not overtake that 200).
 */
async function heldWithHugo() {
  const call = await eventually(() => { const c = flowCall(); return c?.endpoint.bridgedTo ? c : null; }, 'bridged to hugo', 30_000);
  const leg = [...call.legs.values()][0];
  let acked = false;
  (leg.dialog as unknown as { on(e: 'ack', f: () => void): void }).on('ack', () => (acked = true));
  await eventually(() => call.endpoint.playing && !call.endpoint.bridgedTo && acked, 'caller on hold', 30_000);
  return { call, leg };
}

/** The caller bridged to the leg now carrying `agentId` (null: a number); the RMS of its tone echoed back through it. */
async function levelOnceBridged({ call, leg }: Awaited<ReturnType<typeof heldWithHugo>>, agentId: string | null, what: string) {
  await eventually(() => leg.agentId === agentId && leg.endpoint && call.endpoint.bridgedTo === leg.endpoint, what, 30_000);
  return echoThrough(peer, call.endpoint);
}

/** Line two of hugo calls ines (extension 202); `after`: its steps once answered. */
async function lineTwoCallsInes(after: string[], dialled = '202') {
  const a2 = runSipp(scenario(
    ...authenticatedInvite('hugo', dialled, sdpAt(lineTwo.port, 'linetwo')),
    '<recv response="180"/>',
    '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="remote_to"/></action></recv>',
    '<nop hide="true"><action><log message="line two to [$remote_to]"/></action></nop>',
    ack.replace('CSeq: 1 ACK', 'CSeq: 2 ACK'),
    ...after,
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });
  const internal = await Promise.race([
    eventually(() => { const c = internalCall(); return c?.state === 'answered' ? c : null; }, 'internal call answered', 30_000),
    a2.done.then((r) => { throw new Error(`line two ended before its call was answered: ${sippOk(r)}\n${r.messages.slice(-4000)}`); }),
  ]);
  return { a2, internal };
}

const inesAnswers = answersThenBye();

async function records(callId: string) {
  await rt.recorder.flush(10_000);
  return eventually(async () => {
    await rt.recorder.flush(5000);
    return rt.prisma.call.findFirst({ where: { id: callId, endedAt: { not: null } }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } });
  }, 'call row', 30_000);
}

describe('attended transfer with Replaces', () => {
  for (const way of ['REFER on the flow call, Replaces naming the internal call', 'REFER on the internal call, Replaces naming the flow call'] as const) {
    it(`${way}: 202, NOTIFY 100/200, BYE to both of hugo's lines, the caller talks to ines`, async () => {
      const file = path.join(dir, `${way.startsWith('REFER on the flow') ? 'one' : 'two'}.txt`);
      const onFlow = way.startsWith('REFER on the flow');
      const transferSteps = (request: (m: string, cseq: number, extra?: string) => string, user: string) => [
        waitForGo,
        request('REFER', 103, referTo(user, file)),
        '<recv response="202"/>',
        ...referNotifies(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']),
        '<recv request="BYE"/>',
        reply('200 OK'),
      ];
      const a1 = await phone('hugo', scenario(
        ...lineOneAnswersAndHolds,
        ...(onFlow ? transferSteps(agentRequest, '202') : waitsForBye),
      ));
      const b = await phone('ines', inesAnswers);
      const c = caller(20_000);
      const { call, leg } = await heldWithHugo();
      const lineTwoRefer = (m: string, cseq: number, extra = '') => inDialogRequest(m, cseq, extra).replace('[last_To:]', 'To:[$remote_to]');
      const { a2, internal } = await lineTwoCallsInes(onFlow ? waitsForBye : transferSteps(lineTwoRefer, 'caller'));
      if (onFlow) {
        writeFileSync(file, replacesOf(sipOf(internal.caller.dialog)));
        await go(a1.port, sipOf(leg.dialog).callId);
      } else {
        writeFileSync(file, replacesOf(sipOf(leg.dialog)));
        await go(await sippPort(a2), sipOf(internal.caller.dialog).callId);
      }
      const level = await levelOnceBridged({ call, leg }, inesId, 'caller bridged to ines');
      const [cr, a1r, a2r, br] = await Promise.all([c.done, a1.run.done, a2.done, b.run.done]);
      expectAllOk([a1r, a2r, br, cr]);
      expect(level).toBeGreaterThan(300);
      const referrer = onFlow ? a1r : a2r;
      expect(referrer.messages).toMatch(/SIP\/2.0 202[\s\S]*SIP\/2.0 100 Trying[\s\S]*Subscription-State: terminated[\s\S]*SIP\/2.0 200 OK/);
      expect(rt.calls.services.directory.isOnCall(hugoId)).toBe(false);
      const flow = await records(call.id);
      expect(flow.outcome).toBe('answered');
      expect(flow.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', hugoId, 'answered'], ['transfer_attended', inesId, 'answered']]);
      expect(flow.legs[1].answeredAt).not.toBeNull();
      // hugo's leg ended at the transfer, ines stayed on with the caller
      expect(flow.endedAt!.getTime() - flow.legs[0].endedAt!.getTime()).toBeGreaterThan(3000);
      const transfer = flow.events.filter((e) => e.kind === 'transfer').map((e) => e.data);
      expect(transfer).toEqual([expect.objectContaining({ mode: 'attended', result: 'answered', by: 'agent-phone', fromAgentId: hugoId, toAgentId: inesId, internalCallId: internal.id })]);
      const consult = await records(internal.id);
      expect(consult).toMatchObject({ entryNumber: '201', callee: '202', outcome: 'answered' });
      expect(consult.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['internal', inesId, 'answered']]);
    }, 120_000);
  }

  it('the transferring phone hangs up right after the 202 (as many do): the transfer completes all the same', async () => {
    const file = path.join(dir, 'quick-bye.txt');
    // after its BYE the phone ignores the NOTIFYs (they may cross its BYE) until the BYE's 200
    const a1 = await phone('hugo', scenario(
      ...lineOneAnswersAndHolds,
      waitForGo,
      agentRequest('REFER', 103, referTo('202', file)),
      '<recv response="202"/>',
      agentRequest('BYE', 104),
      '<label id="wait"/>',
      '<recv request="NOTIFY" optional="true" next="wait"/>',
      '<recv response="200"/>',
    ));
    const b = await phone('ines', inesAnswers);
    const c = caller(16_000);
    const { call, leg } = await heldWithHugo();
    const { a2, internal } = await lineTwoCallsInes(waitsForBye);
    writeFileSync(file, replacesOf(sipOf(internal.caller.dialog)));
    await go(a1.port, sipOf(leg.dialog).callId);
    const level = await levelOnceBridged({ call, leg }, inesId, 'caller bridged to ines');
    const [cr, a1r, a2r, br] = await Promise.all([c.done, a1.run.done, a2.done, b.run.done]);
    expectAllOk([a1r, a2r, br, cr]);
    expect(level).toBeGreaterThan(300);
    const flow = await records(call.id);
    expect(flow.outcome).toBe('answered');
    expect(flow.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', hugoId, 'answered'], ['transfer_attended', inesId, 'answered']]);
    expect(flow.events.filter((e) => e.kind === 'transfer').map((e) => e.data)).toEqual([expect.objectContaining({ mode: 'attended', result: 'answered', toAgentId: inesId })]);
  }, 120_000);

  it("Replaces naming no dialog, or another agent's call: 481 each time, the caller stays held with hugo, who resumes", async () => {
    const unknown = path.join(dir, 'unknown.txt');
    const others = path.join(dir, 'others.txt');
    writeFileSync(unknown, encodeURIComponent('nobody@127.0.0.1;to-tag=a;from-tag=b'));
    const a1 = await phone('hugo', scenario(
      ...lineOneAnswersAndHolds,
      waitForGo,
      agentRequest('REFER', 103, referTo('202', unknown)),
      '<recv response="481"/>',
      waitForGo,
      agentRequest('REFER', 104, referTo('202', others)),
      '<recv response="481"/>',
      ...reinvite(105, 'sendrecv', 'sendrecv'),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const b = await phone('ines', inesAnswers);
    const c = caller(18_000);
    const { call, leg } = await heldWithHugo();
    const hugoEndpoint = leg.endpoint;
    await go(a1.port, sipOf(leg.dialog).callId);
    const refusals = async (n: number) => {
      await rt.recorder.flush(5000);
      return (await rt.prisma.callEvent.count({ where: { callId: call.id, kind: 'transfer' } })) >= n;
    };
    await eventually(() => refusals(1), 'first REFER refused', 30_000);
    // jules (another agent) calls ines; hugo's REFER names jules' dialog
    const julesLine = runSipp(scenario(...authenticatedInvite('jules', '202', sdpAt(lineTwo.port, 'jules')), ...phoneTalksThenHangsUp(4000)),
      `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const internal = await eventually(() => { const x = internalCall(); return x?.state === 'answered' ? x : null; }, "jules' call answered", 30_000);
    writeFileSync(others, replacesOf(sipOf(internal.caller.dialog)));
    await go(a1.port, sipOf(leg.dialog).callId);
    await eventually(() => call.endpoint.bridgedTo === hugoEndpoint && !call.endpoint.playing, 'resumed with hugo', 30_000);
    const level = await echoThrough(peer, call.endpoint);
    const [cr, a1r, jr, br] = await Promise.all([c.done, a1.run.done, julesLine.done, b.run.done]);
    expectAllOk([a1r, cr, jr, br]);
    expect(level).toBeGreaterThan(300);
    expect(a1r.messages).not.toMatch(/NOTIFY sip/);
    const flow = await records(call.id);
    expect(flow.legs.map((l) => l.kind)).toEqual(['agent']);
    expect(flow.events.filter((e) => e.kind === 'transfer').map((e) => e.data)).toEqual([
      expect.objectContaining({ mode: 'attended', result: 'refused', status: 481 }),
      expect.objectContaining({ mode: 'attended', result: 'refused', status: 481 }),
    ]);
    // jules' call went on untouched
    const julesCall = await records(internal.id);
    expect(julesCall).toMatchObject({ entryNumber: '203', outcome: 'answered' });
  }, 120_000);

  it('the consultation call went out through the trunk: the caller is joined to that number (leg transfer_attended)', async () => {
    const file = path.join(dir, 'outbound.txt');
    const trunk = runSipp(answersThenBye(), null, ['-m', '1', '-rtp_echo'], { port: trunkPort, timeoutS: 90 });
    await waitForUdpListener(trunkPort);
    const a1 = await phone('hugo', scenario(
      ...lineOneAnswersAndHolds,
      waitForGo,
      agentRequest('REFER', 103, referTo('0123456789', file)),
      '<recv response="202"/>',
      ...referNotifies(['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const c = caller(16_000);
    const { call, leg } = await heldWithHugo();
    const { a2, internal } = await lineTwoCallsInes(waitsForBye, '0123456789');
    writeFileSync(file, replacesOf(sipOf(internal.caller.dialog)));
    await go(a1.port, sipOf(leg.dialog).callId);
    const level = await levelOnceBridged({ call, leg }, null, 'caller bridged to the number');
    const [cr, a1r, a2r, tr] = await Promise.all([c.done, a1.run.done, a2.done, trunk.done]);
    expectAllOk([a1r, a2r, tr, cr]);
    expect(level).toBeGreaterThan(300);
    const flow = await records(call.id);
    expect(flow.legs.map((l) => [l.kind, l.destination, l.outcome])).toEqual([['agent', `agent:${hugoId}`, 'answered'], ['transfer_attended', '+33123456789', 'answered']]);
    expect(flow.events.filter((e) => e.kind === 'transfer').map((e) => e.data)).toEqual([expect.objectContaining({ mode: 'attended', result: 'answered', number: '+33123456789', toAgentId: null })]);
  }, 120_000);
});
