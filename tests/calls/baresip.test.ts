// Interoperability with a phone nobody here wrote (issue 13): the real softphone baresip
// (tests/support/baresip.ts) registers as Relais agents and is driven through its own commands.
// - it registers (digest) and the registrar keeps its contact and User-Agent;
// - a caller (SIPp signalling, in-test RTP peer) calls a flow with a queue group; baresip answers
//   by itself; audio both ways: the caller hears baresip's 440 Hz sine, baresip's recording of
//   what it heard holds the caller's 1 kHz tone;
// - baresip's /hold (its re-INVITE sendonly): the caller hears hold music instead of the sine;
//   /resume: the sine again, and the caller's tone reaches baresip;
// - baresip's /transfer 202 (its blind REFER): a second baresip (agent ines, extension 202, 660 Hz)
//   rings, /accept, the caller hears 660 Hz and ines hears the caller; the records show the transfer;
// - needing the runtime's internal calls and REFER with Replaces (flow-runtime/calls/internal-call):
//   baresip /dial 202 (an internal call, answered by ines, audio both ways), and an attended
//   transfer written by hand (1.0.0 has no attended-transfer command: its /transfer sends the URI
//   given, so the Refer-To carries a Replaces built from the consultation's Call-ID and tags).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sippOk } from '../sip-edge/helpers';
import { RtpPeer } from '../media/support/rtp-peer';
import { synthesizeTone } from '@/flow-runtime/media/tones';
import { Baresip, rms, toneMs, toneShare } from '../support/baresip';
import { createAgent, eventually, flowDocument, publishFlow, startRuntime, type Runtime } from './support';
import { callerUntilBye, sdpAt } from './phone-support';

const NUMBER = '+33199000080';
const HUGO_HZ = 440;
const INES_HZ = 660;
const CALLER_HZ = 1000;
let rt: Runtime;
let peer: RtpPeer;
const phones: Baresip[] = [];

beforeAll(async () => {
  rt = await startRuntime();
  rt.calls.services.transferRingMs = 15_000;
  peer = await RtpPeer.create();
  const [hugo, ines] = await Promise.all(['hugo', 'ines'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Baresip', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, {
    ...flowDocument('agents', [
      { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['agents', 'no_answer', 'bye']]),
  });
});

afterEach(async (ctx) => {
  const failed = ctx.task.result?.state === 'fail';
  for (const phone of phones.splice(0)) {
    const log = await phone.stop({ keepLog: failed });
    if (log) console.log(`baresip ${phone.name} log: ${log}`);
  }
  // a failed test may leave its call up until the phones' /quit hung it up: the next one starts clean
  await eventually(() => rt.calls.active.size === 0, 'no call left', 30_000).catch(() => undefined);
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

/** A baresip registered as `username` (password as createAgent made it), its sine at `hz`. */
async function phone(username: string, hz: number, answer: 'auto' | 'manual' = 'auto'): Promise<Baresip> {
  const p = await Baresip.start({ username, password: `pw-${username}`, registrar: `127.0.0.1:${rt.edge.sipPort}`, sineHz: hz, answer });
  phones.push(p);
  await p.registered();
  return p;
}

/** The caller: SIPp signals (media is `peer`), stays on the call until Relais hangs it up. */
const caller = () => callerUntilBye(rt, NUMBER, sdpAt(peer.port), 120);

const liveCall = () => [...rt.calls.active.values()][0];

/** The next `packets` PCMU packets the caller receives, decoded. */
async function callerHears(packets = 75): Promise<Int16Array> {
  peer.clear();
  await eventually(() => peer.received.length >= packets, `${packets} RTP packets to the caller`, 30_000);
  return peer.receivedAudio('PCMU');
}

/** The caller says something: one second of its 1 kHz tone, in real time. */
async function callerSpeaks(call: { endpoint: Parameters<RtpPeer['sendAudio']>[0] }): Promise<void> {
  await peer.sendAudio(call.endpoint, 'PCMU', synthesizeTone([CALLER_HZ], 1000, -10), { realTime: true });
}

async function finishedCall() {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, endedAt: { not: null } }, orderBy: { startedAt: 'desc' }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } }), 'call row');
}

describe('baresip as an agent phone', () => {
  it('registers as the agent: the registrar keeps its contact and User-Agent', async () => {
    const hugo = await phone('hugo', HUGO_HZ);
    const agent = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
    const bindings = await rt.prisma.sipRegistration.findMany({ where: { agentId: agent.id } });
    expect(bindings).toHaveLength(1);
    expect(bindings[0].contact).toMatch(new RegExp(`^sip:hugo[^@]*@127\\.0\\.0\\.1:${hugo.sipPort}`));
    expect(bindings[0].userAgent).toMatch(/^baresip v1\./);
    expect(bindings[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const info = await hugo.run('reginfo');
    expect(info).toMatch(/hugo/);
  }, 60_000);

  it('answers a call by itself, audio both ways; its /hold gives the caller hold music, /resume the bridge again', async () => {
    const hugo = await phone('hugo', HUGO_HZ);
    const c = caller();
    await hugo.established('incoming');
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to baresip', 30_000);

    // audio both ways: the caller hears the sine, baresip hears the caller
    const talk = await callerHears();
    expect(toneShare(talk, HUGO_HZ)).toBeGreaterThan(0.8);
    await callerSpeaks(call);

    // hold from baresip: its re-INVITE, Relais plays hold music to the caller
    const beforeHold = hugo.mark();
    await hugo.run('hold');
    await eventually(() => !call.endpoint.bridgedTo && call.endpoint.playing, 'hold music to the caller', 30_000);
    const held = await callerHears(100);
    expect(rms(held)).toBeGreaterThan(300);
    expect(toneShare(held, HUGO_HZ)).toBeLessThan(0.5);
    // baresip itself stays on the call
    expect(hugo.events.slice(beforeHold).some((e) => e.type === 'CALL_CLOSED')).toBe(false);

    // Relais answered its re-INVITE a=sendonly with a=recvonly (baresip's SIP trace)
    expect(hugo.output().slice(hugo.output().indexOf('command: hold'))).toMatch(/SIP\/2\.0 200 OK[^]*?a=recvonly/);

    // resume: the caller hears the sine again
    await hugo.run('resume');
    await eventually(() => call.endpoint.bridgedTo && !call.endpoint.playing, 'bridge restored', 30_000);
    const resumed = await callerHears();
    expect(toneShare(resumed, HUGO_HZ)).toBeGreaterThan(0.8);

    // baresip hangs up: the caller gets Relais' BYE
    await hugo.run('hangup');
    await hugo.waitEvent('CALL_CLOSED', { from: beforeHold });
    expect(sippOk(await c.done)).toBe('ok');
    // What baresip heard: the caller's tone before the hold. Its recording stops at the hold:
    // baresip 1.0.0 flushes its receive filter chain (sndfile) on a re-INVITE that is not
    // sendrecv and does not set it up again while the send chain exists (src/audio.c
    // audio_decoder_set / aufilt_setup), so after the resume the audio towards baresip is shown
    // by the bridge (and by the transfer test, whose target is not held).
    await hugo.stop();
    expect(toneMs(hugo.heard(), CALLER_HZ)).toBeGreaterThanOrEqual(600);

    const record = await finishedCall();
    expect(record.outcome).toBe('answered');
    const hugoAgent = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
    expect(record.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', hugoAgent.id, 'answered']]);
    const holds = record.events.filter((e) => e.kind === 'hold' || e.kind === 'resume');
    expect(holds.map((e) => [e.kind, (e.data as { by: string }).by])).toEqual([['hold', 'agent-phone'], ['resume', 'agent-phone']]);
  }, 120_000);

  it('blind transfer with its own /transfer to an extension: the caller waits on hold music, a second baresip rings and answers with /accept, the caller talks to it, the records show it', async () => {
    const hugo = await phone('hugo', HUGO_HZ);
    const ines = await phone('ines', INES_HZ, 'manual');
    const c = caller();
    await hugo.established('incoming');
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to hugo', 30_000);
    const hugoEndpoint = call.endpoint.bridgedTo;
    expect(toneShare(await callerHears(), HUGO_HZ)).toBeGreaterThan(0.8);

    // hugo's blind transfer: REFER Refer-To sip:202@<registrar>
    await hugo.run('transfer', '202');
    // ines' phone rings (manual answer mode); meanwhile the caller hears hold music, not hugo
    const ringing = await ines.waitEvent('CALL_INCOMING', { timeoutMs: 40_000 });
    await eventually(() => !call.endpoint.bridgedTo && call.endpoint.playing, 'hold music while the target rings', 30_000);
    const waiting = await callerHears(50);
    expect(rms(waiting)).toBeGreaterThan(300);
    expect(toneShare(waiting, HUGO_HZ)).toBeLessThan(0.5);
    // she picks up with /accept; Relais' NOTIFY 200 makes hugo's baresip close its call ("Call transfered")
    await ines.run('accept');
    expect((await ines.established('incoming', { timeoutMs: 40_000 })).id).toBe(ringing.id);
    const closed = await hugo.waitEvent('CALL_CLOSED', { timeoutMs: 40_000 });
    expect(hugo.events.some((e) => e.type === 'TRANSFER_FAILED')).toBe(false);
    expect(closed.param).toMatch(/transfer/i);
    const inesAgent = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    await eventually(() => { const leg = [...call.legs.values()][0]; return leg?.agentId === inesAgent.id && call.endpoint.bridgedTo === leg.endpoint && leg.endpoint !== hugoEndpoint; }, 'bridged to ines', 30_000);

    // the caller now talks to ines: her sine, and she hears the caller
    const talk = await callerHears();
    expect(toneShare(talk, INES_HZ)).toBeGreaterThan(0.8);
    await callerSpeaks(call);

    await ines.run('hangup');
    await ines.waitEvent('CALL_CLOSED');
    expect(sippOk(await c.done)).toBe('ok');
    await ines.stop();
    expect(toneMs(ines.heard(), CALLER_HZ)).toBeGreaterThanOrEqual(600);

    const record = await finishedCall();
    expect(record.outcome).toBe('answered');
    expect(record.entryNumber).toBe(NUMBER);
    const transfer = record.legs.find((l) => l.kind === 'transfer_cold');
    expect(transfer).toMatchObject({ agentId: inesAgent.id, outcome: 'answered' });
    expect(transfer?.answeredAt).not.toBeNull();
    const results = record.events.filter((e) => e.kind === 'transfer').map((e) => (e.data as { result: string }).result);
    expect(results).toEqual(['started', 'answered']);
    expect(record.events.find((e) => e.kind === 'transfer')?.data).toMatchObject({ by: 'agent-phone', target: { kind: 'extension', extension: '202' } });
  }, 120_000);

  // ---- needs the runtime's internal calls and REFER with Replaces (internal-call/) ---------------

  it('internal call: baresip dials an extension with its own /dial, the runtime authenticates it, the other baresip answers, audio both ways', async () => {
    const hugo = await phone('hugo', HUGO_HZ);
    const ines = await phone('ines', INES_HZ);
    await hugo.run('dial', '202');
    const out = await hugo.established('outgoing', { timeoutMs: 40_000 });
    const inCall = await ines.established('incoming', { timeoutMs: 40_000 });
    // each phone's recording (read while it grows) holds the other's sine
    await eventually(() => toneMs(hugo.heard(), INES_HZ) >= 1000, 'hugo hears ines', 30_000);
    await eventually(() => toneMs(ines.heard(), HUGO_HZ) >= 1000, 'ines hears hugo', 30_000);
    await hugo.run('hangup');
    await hugo.waitEvent('CALL_CLOSED', { where: (e) => e.id === out.id });
    await ines.waitEvent('CALL_CLOSED', { where: (e) => e.id === inCall.id });
    // the internal call's record: to 202, answered by ines
    await rt.recorder.flush(10_000);
    const inesAgent = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    const record = await eventually(() => rt.prisma.call.findFirst({ where: { callee: '202', endedAt: { not: null } }, orderBy: { startedAt: 'desc' }, include: { legs: true } }), 'internal call row');
    expect(record.outcome).toBe('answered');
    expect(record.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['internal', inesAgent.id, 'answered']]);
  }, 120_000);

  it('attended transfer, hand-built: baresip holds the caller, consults an extension, then REFERs with Replaces naming the consultation', async () => {
    // baresip 1.0.0 has no attended-transfer command (see the harness header): its /transfer
    // takes any URI and sends it as the Refer-To as is, so the Replaces is written here from the
    // consultation's Call-ID (its event) and dialog tags (its SIP trace).
    const hugo = await phone('hugo', HUGO_HZ);
    const ines = await phone('ines', INES_HZ);
    const c = caller();
    const first = await hugo.established('incoming');
    const call = await eventually(() => { const x = liveCall(); return x?.endpoint.bridgedTo ? x : null; }, 'bridged to hugo', 30_000);
    expect(toneShare(await callerHears(), HUGO_HZ)).toBeGreaterThan(0.8);

    await hugo.run('hold');
    await eventually(() => !call.endpoint.bridgedTo && call.endpoint.playing, 'hold music to the caller', 30_000);
    await hugo.run('dial', '202');
    const consult = await hugo.established('outgoing', { timeoutMs: 40_000 });
    await ines.established('incoming', { timeoutMs: 40_000 });
    await eventually(() => toneMs(ines.heard(), HUGO_HZ) >= 500, 'ines hears hugo', 30_000);

    const tags = dialogTags(hugo.output(), consult.id!);
    const replaces = encodeURIComponent(`${consult.id};to-tag=${tags.remote};from-tag=${tags.local}`);
    await hugo.run('line', '1');
    await hugo.run('transfer', `sip:202@127.0.0.1:${rt.edge.sipPort}?Replaces=${replaces}`);
    // NOTIFY 200 closes the held call ("Call transfered"); the runtime ends the consultation
    const closed = await hugo.waitEvent('CALL_CLOSED', { timeoutMs: 40_000, where: (e) => e.id === first.id });
    expect(closed.param).toMatch(/transfer/i);
    await hugo.waitEvent('CALL_CLOSED', { timeoutMs: 40_000, where: (e) => e.id === consult.id });
    expect(hugo.events.some((e) => e.type === 'TRANSFER_FAILED')).toBe(false);

    // the caller talks to ines now, audio both ways
    await eventually(() => call.endpoint.bridgedTo && !call.endpoint.playing, 'caller bridged again', 30_000);
    expect(toneShare(await callerHears(), INES_HZ)).toBeGreaterThan(0.8);
    const before = toneMs(ines.heard(), CALLER_HZ);
    await callerSpeaks(call);
    await eventually(() => toneMs(ines.heard(), CALLER_HZ) >= before + 600, 'ines hears the caller', 30_000);

    await ines.run('hangup');
    expect(sippOk(await c.done)).toBe('ok');
    const record = await finishedCall();
    expect(record.outcome).toBe('answered');
    const [hugoAgent, inesAgent] = await Promise.all(['hugo', 'ines'].map((u) => rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: u } })));
    expect(record.legs.map((l) => [l.kind, l.agentId, l.outcome])).toEqual([['agent', hugoAgent.id, 'answered'], ['transfer_attended', inesAgent.id, 'answered']]);
    const transfers = record.events.filter((e) => e.kind === 'transfer').map((e) => e.data);
    expect(transfers).toEqual([expect.objectContaining({ mode: 'attended', result: 'answered', by: 'agent-phone', fromAgentId: hugoAgent.id, toAgentId: inesAgent.id })]);
  }, 120_000);
});

/** The tags of a dialog baresip started (`-s` trace): its From tag and the To tag of the 200 to its INVITE. */
function dialogTags(trace: string, callId: string): { local: string; remote: string } {
  const messages = trace.split(/\n(?=(?:SIP\/2\.0 |[A-Z]+ sip:))/);
  const ok = messages.find((m) => m.startsWith('SIP/2.0 200') && m.includes(`Call-ID: ${callId}`) && /CSeq: \d+ INVITE/.test(m));
  const local = ok?.match(/^From:.*;tag=([^;\s>]+)/m)?.[1];
  const remote = ok?.match(/^To:.*;tag=([^;\s>]+)/m)?.[1];
  if (!local || !remote) throw new Error(`no 200 to baresip's INVITE ${callId} in its trace`);
  return { local, remote };
}
