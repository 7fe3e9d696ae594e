// Warm transfer, retrieve and 3-way conference as typed commands on a live call (issue 13,
// flow-runtime/calls/call-control/warm-transfer.ts), sent the way the runtime API will send them:
// `rt.calls.active.get(callId).control.execute(...)`.
// - transferWarm to an agent by extension → the target answers → agent and target talk (a tone
//   from the agent's phone comes back through the target's echoing phone) while the caller hears
//   hold music → complete → the caller's tone comes back through the target, the agent got a BYE;
// - transferWarm to an agent who does not answer → no_answer (CANCEL to the target) → retrieve →
//   the caller's tone comes back through the first agent's phone again; a forbidden number: 403;
// - conference: three parties send 400 / 700 / 1100 Hz; each hears the two others and not
//   itself (Goertzel per frequency); the target hangs up; caller and agent still hear each other;
// - conference, then the caller hangs up: agent and target stay connected until one hangs up.
// The caller's media is an in-test RTP peer (SIPp signals only); the phones whose audio is measured
// are SIPp signalling with an RtpPeer's port in their SDP, the others SIPp with -rtp_echo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort, sippOk } from '../sip-edge/helpers';
import { reply, scenario, uasCancelled, uasReply } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { energyShare, tone } from '../media/support/tones';
import type { CallCommand, CommandResult } from '@/flow-runtime/calls/call-control/commands';
import type { LiveCall, OutboundLeg } from '@/flow-runtime/calls/live-call';
import { AGENT_SDP, createAgent, eventually, publishFlow, startRuntime, type Runtime } from './support';
import { agentAnswersAfter, agentPhone, agentRequest, answersThenBye, callerHangsUpAfter, callerUntilBye, echoThrough, heardLevel, loopbackTrunk, sdpAt, transferPolicyFlow, trunkAnswers } from './phone-support';

const NUMBER = '+33199000071';
let rt: Runtime;
let peer: RtpPeer;
let trunkPort: number;

beforeAll(async () => {
  // A trunk for the transfer to an external number (a SIPp started there); nothing else reaches it.
  trunkPort = await freeUdpPort();
  rt = await startRuntime({
    trunk: loopbackTrunk(trunkPort),
  });
  rt.calls.services.transferRingMs = 4000;
  peer = await RtpPeer.create();
  const [hugo, ines, jules, karl] = await Promise.all(['hugo', 'ines', 'jules', 'karl'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: karl.id }, data: { extension: '204' } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  await rt.prisma.agent.update({ where: { id: jules.id }, data: { extension: '203' } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Warm', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await publishFlow(rt, NUMBER, transferPolicyFlow(group.id));
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

/** A phone that answers and hangs up itself after `ms` (its BYE, as the UAS of the dialog). */
const answersThenHangsUp = (sdp: string, ms: number) => scenario(
  ...agentAnswersAfter(0, sdp),
  `<pause milliseconds="${ms}"/>`,
  agentRequest('BYE', 101),
  '<recv response="200"/>',
);

const phone = (username: string, xml: string, echo: boolean) => agentPhone(rt, username, xml, { echo });

const caller = (holdMs: number) => callerHangsUpAfter(rt, NUMBER, sdpAt(peer.port), holdMs);

const command = { kind: 'command', userId: null } as const;

async function bridgedCall(): Promise<{ call: LiveCall; leg: OutboundLeg }> {
  const call = await eventually(() => { const x = [...rt.calls.active.values()][0]; return x?.endpoint.bridgedTo ? x : null; }, 'bridged to the agent', 30_000);
  return { call, leg: [...call.legs.values()][0] };
}

const execute = (call: LiveCall, c: CallCommand): Promise<CommandResult> => call.control!.execute(c);

async function finishedCall() {
  await rt.recorder.flush(10_000);
  return eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, endedAt: { not: null } }, orderBy: { startedAt: 'desc' }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } }), 'call row');
}

type Endpoint = Parameters<RtpPeer['sendAudio']>[0];

/** The consultation leg `legId` once it answered and the agent (at `agentEndpoint`) talks to it. */
function consultationLeg(call: LiveCall, legId: string, agentEndpoint: Endpoint, what = 'agent bridged to the target') {
  return eventually(() => { const t = call.legs.get(legId); return t?.endpoint && agentEndpoint.bridgedTo === t.endpoint ? t : null; }, what, 30_000);
}

/** Agent (700 Hz) and target (1100 Hz) talk at once: each hears mostly the other's tone. */
async function agentAndTargetHearEachOther(agentMedia: RtpPeer, agentEndpoint: Endpoint, targetMedia: RtpPeer, targetEndpoint: Endpoint) {
  agentMedia.clear();
  targetMedia.clear();
  await Promise.all([
    agentMedia.sendAudio(agentEndpoint, 'PCMU', tone(1000, 700), { realTime: true }),
    targetMedia.sendAudio(targetEndpoint, 'PCMU', tone(1000, 1100), { realTime: true, startTimestamp: 300_000 }),
  ]);
  await eventually(() => agentMedia.audible().length >= 30 && targetMedia.audible().length >= 30, 'audio between agent and target');
  expect(energyShare(agentMedia.audibleAudio('PCMU'), 1100)).toBeGreaterThan(0.8);
  expect(energyShare(targetMedia.audibleAudio('PCMU'), 700)).toBeGreaterThan(0.8);
}

/** The call's record once the target's leg ended too (it outlives the caller). */
async function recordOnceTargetLeft(callId: string) {
  await rt.recorder.flush(10_000);
  return eventually(async () => {
    const r = await rt.prisma.call.findUnique({ where: { id: callId }, include: { legs: { orderBy: { startedAt: 'asc' } }, events: { orderBy: { seq: 'asc' } } } });
    return r?.legs[1]?.endedAt ? r : null;
  }, 'the target leg ended');
}

/** transferWarm to ines (extension 202); her consultation leg (the `nth` attempt) once she talks to the agent. */
async function consultWithInes(call: LiveCall, leg: OutboundLeg, agentEndpoint: Endpoint, nth = 1) {
  await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '202' }, by: command });
  return consultationLeg(call, `${leg.legId}-w${nth}`, agentEndpoint);
}

const results = (events: { kind: string; data: unknown }[]) => events.filter((e) => e.kind === 'transfer').map((e) => (e.data as { result: string }).result);

describe('warm transfer', () => {
  it('to an agent by extension: agent and target talk while the caller hears hold music, complete bridges caller and target, the agent gets a BYE', async () => {
    const agentMedia = await RtpPeer.create();
    try {
      const first = await phone('hugo', answersThenBye(sdpAt(agentMedia.port, 'agent')), false);
      const target = await phone('ines', answersThenBye(AGENT_SDP), true);
      const c = caller(20_000);
      const { call, leg } = await bridgedCall();
      const agentEndpoint = leg.endpoint!;
      const progress: number[] = [];
      const started = await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '202' }, by: command, progress: { accepted: () => progress.push(100), finished: (s) => void progress.push(s) } });
      expect(started).toEqual({ ok: true, detail: 'ringing' });
      const consultation = await consultationLeg(call, `${leg.legId}-w1`, agentEndpoint);
      expect(progress).toEqual([100, 200]);
      // the caller hears hold music, not the consultation
      expect(call.endpoint.bridgedTo).toBeNull();
      const held = await heardLevel(peer);
      // the agent talks to the target: the agent's tone comes back through the target's echoing phone
      const consult = await echoThrough(agentMedia, agentEndpoint);
      expect(await execute(call, { type: 'complete', by: command })).toEqual({ ok: true });
      expect(call.endpoint.bridgedTo).toBe(consultation.endpoint);
      expect(leg.endpoint).toBe(consultation.endpoint); // the flow's leg carries the target now
      const through = await echoThrough(peer, call.endpoint);
      const [cr, fr, tr] = await Promise.all([c.done, first.done, target.done]);
      expect(sippOk(fr)).toBe('ok'); // the first agent got its BYE at complete
      expect(sippOk(tr)).toBe('ok');
      expect(sippOk(cr)).toBe('ok');
      expect(held).toBeGreaterThan(300);
      expect(consult).toBeGreaterThan(300);
      expect(through).toBeGreaterThan(300);
      const record = await finishedCall();
      const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
      expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered']]);
      expect(record.legs[1]).toMatchObject({ agentId: ines.id });
      expect(record.endedAt!.getTime() - record.legs[0].endedAt!.getTime()).toBeGreaterThan(1000);
      expect(results(record.events)).toEqual(['started', 'answered', 'completed']);
      const transfer = record.events.filter((e) => e.kind === 'transfer').map((e) => e.data);
      expect(transfer[0]).toMatchObject({ by: 'command', mode: 'warm', target: { kind: 'extension', extension: '202' }, toAgentId: ines.id });
      expect(transfer[2]).toMatchObject({ by: 'command', mode: 'warm', toAgentId: ines.id });
      expect(record.entryNumber).toBe(NUMBER);
    } finally {
      await agentMedia.close();
    }
  }, 120_000);

  it('to an agent who does not answer: no_answer, the caller on hold until retrieve brings the agent back; a forbidden number: 403', async () => {
    const first = await phone('hugo', answersThenBye(AGENT_SDP), true);
    const target = await phone('jules', uasCancelled, false);
    const c = caller(18_000);
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    expect(await execute(call, { type: 'transferWarm', target: { kind: 'number', number: '0899123456' }, by: command })).toMatchObject({ ok: false, status: 403 });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    let finished: number | null = null;
    expect(await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '203' }, by: command, progress: { finished: (s) => void (finished = s) } })).toMatchObject({ ok: true });
    expect(await execute(call, { type: 'complete', by: command })).toMatchObject({ ok: false, status: 409 });
    await eventually(() => finished, 'the target gave up', 30_000);
    expect(finished).toBe(480);
    expect(sippOk(await target.done)).toBe('ok'); // CANCELled at the ring time
    // still on hold: music to the caller until the agent retrieves
    expect(call.endpoint.playing).toBe(true);
    const held = await heardLevel(peer);
    // another attempt from there is judged like the first (here: forbidden), the caller still on hold
    expect(await execute(call, { type: 'transferWarm', target: { kind: 'number', number: '0899000000' }, by: command })).toMatchObject({ ok: false, status: 403 });
    expect(await execute(call, { type: 'retrieve', by: command })).toEqual({ ok: true });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const back = await echoThrough(peer, call.endpoint);
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(held).toBeGreaterThan(300);
    expect(back).toBeGreaterThan(300);
    const record = await finishedCall();
    const jules = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'jules' } });
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'no_answer']]);
    expect(record.legs[1].agentId).toBe(jules.id);
    expect(results(record.events)).toEqual(['refused', 'started', 'no_answer', 'refused', 'retrieved']);
    expect(record.events.find((e) => e.kind === 'retrieve')?.data).toMatchObject({ by: 'command', targetWas: 'failed' });
  }, 120_000);

  it('conference: each of three parties hears the two others and not itself; after the target hangs up caller and agent still hear each other', async () => {
    const agentMedia = await RtpPeer.create();
    const targetMedia = await RtpPeer.create();
    try {
      const first = await phone('hugo', answersThenBye(sdpAt(agentMedia.port, 'agent')), false);
      // the target hangs up 12 s after answering (the three-way measurement takes ~3 s)
      const target = await phone('ines', answersThenHangsUp(sdpAt(targetMedia.port, 'target'), 12_000), false);
      const c = caller(30_000);
      const { call, leg } = await bridgedCall();
      const agentEndpoint = leg.endpoint!;
      const consultation = await consultWithInes(call, leg, agentEndpoint);
      const targetEndpoint = consultation.endpoint!;
      expect(await execute(call, { type: 'switch', by: command })).toEqual({ ok: true, detail: 'caller' });
      expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
      expect(await execute(call, { type: 'conference', by: command })).toEqual({ ok: true });
      const parties = { caller: peer, agent: agentMedia, target: targetMedia };
      const into = { caller: call.endpoint, agent: agentEndpoint, target: targetEndpoint };
      const FREQ = { caller: 400, agent: 700, target: 1100 } as const;
      const names = ['caller', 'agent', 'target'] as const;
      for (const p of names) parties[p].clear();
      await Promise.all(names.map((p, i) => parties[p].sendAudio(into[p], 'PCMU', tone(1500, FREQ[p]), { realTime: true, startTimestamp: 1000 + i * 100_000 })));
      await eventually(() => names.every((p) => parties[p].audible().length >= 50), 'mixed audio at every party');
      expect(consultation.dialog).not.toBeNull(); // the target had not hung up yet
      for (const me of names) {
        const got = parties[me].audibleAudio('PCMU');
        const shares = Object.fromEntries(names.map((k) => [k, energyShare(got, FREQ[k])]));
        for (const other of names) {
          if (other === me) expect(shares[other], `${me} hears itself (${JSON.stringify(shares)})`).toBeLessThan(0.02);
          else expect(shares[other], `${me} hears ${other} (${JSON.stringify(shares)})`).toBeGreaterThan(0.3);
        }
      }
      // the target hangs up: caller and agent go on
      expect(sippOk(await target.done)).toBe('ok');
      await eventually(() => call.endpoint.bridgedTo === agentEndpoint, 'caller and agent bridged again', 10_000);
      peer.clear();
      agentMedia.clear();
      await Promise.all([
        peer.sendAudio(call.endpoint, 'PCMU', tone(1000, FREQ.caller), { realTime: true, startTimestamp: 500_000 }),
        agentMedia.sendAudio(agentEndpoint, 'PCMU', tone(1000, FREQ.agent), { realTime: true, startTimestamp: 600_000 }),
      ]);
      await eventually(() => peer.audible().length >= 30 && agentMedia.audible().length >= 30, 'audio between caller and agent');
      const atCaller = peer.audibleAudio('PCMU');
      const atAgent = agentMedia.audibleAudio('PCMU');
      expect(energyShare(atCaller, FREQ.agent)).toBeGreaterThan(0.8);
      expect(energyShare(atCaller, FREQ.caller)).toBeLessThan(0.02);
      expect(energyShare(atAgent, FREQ.caller)).toBeGreaterThan(0.8);
      expect(energyShare(atAgent, FREQ.agent)).toBeLessThan(0.02);
      const [cr, fr] = await Promise.all([c.done, first.done]);
      expect(sippOk(cr)).toBe('ok');
      expect(sippOk(fr)).toBe('ok');
      const record = await finishedCall();
      expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered'], ['conference', 'answered']]);
      const conference = record.events.filter((e) => e.kind === 'conference').map((e) => e.data as { result: string; party?: string });
      expect(conference.map((d) => [d.result, d.party ?? null])).toEqual([['joined', null], ['left', 'target']]);
      expect(record.events.find((e) => e.kind === 'switch')?.data).toMatchObject({ by: 'command', to: 'caller' });
      expect(results(record.events)).toEqual(['started', 'answered']);
    } finally {
      await agentMedia.close();
      await targetMedia.close();
    }
  }, 120_000);

  it('retrieve while the target rings CANCELs it; a second warm transfer completes when the agent hangs up during the consultation', async () => {
    // the agent's phone hangs up 9 s after answering: by then it consults the second target
    const first = await phone('hugo', answersThenHangsUp(AGENT_SDP, 9000), true);
    const ringing = await phone('jules', uasCancelled, false);
    const target = await phone('ines', answersThenBye(AGENT_SDP), true);
    const c = caller(20_000);
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '203' }, by: command });
    await eventually(() => (call.legs.get(`${leg.legId}-w1`)?.requests.length ?? 0) > 0, 'INVITE to the first target');
    expect(await execute(call, { type: 'retrieve', by: command })).toEqual({ ok: true });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    expect(sippOk(await ringing.done)).toBe('ok'); // CANCEL, 487
    const consultation = await consultWithInes(call, leg, agentEndpoint, 2);
    expect(call.endpoint.bridgedTo).toBeNull();
    // the agent's BYE completes the transfer
    expect(sippOk(await first.done)).toBe('ok');
    await eventually(() => call.endpoint.bridgedTo === consultation.endpoint && leg.endpoint === consultation.endpoint, 'caller bridged to the target', 10_000);
    const through = await echoThrough(peer, call.endpoint);
    const [cr, tr] = await Promise.all([c.done, target.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(through).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'cancelled'], ['transfer_warm', 'answered']]);
    expect(results(record.events)).toEqual(['started', 'retrieved', 'started', 'answered', 'completed']);
    expect(record.events.find((e) => e.kind === 'retrieve')?.data).toMatchObject({ targetWas: 'ringing' });
    expect(record.events.filter((e) => e.kind === 'transfer').at(-1)?.data).toMatchObject({ by: 'agent-phone', mode: 'warm' });
  }, 120_000);

  it('conference, then the caller hangs up: agent and target stay connected until the agent hangs up', async () => {
    const agentMedia = await RtpPeer.create();
    const targetMedia = await RtpPeer.create();
    try {
      const first = await phone('hugo', answersThenHangsUp(sdpAt(agentMedia.port, 'agent'), 22_000), false);
      const target = await phone('ines', answersThenBye(sdpAt(targetMedia.port, 'target')), false);
      const c = caller(10_000);
      const { call, leg } = await bridgedCall();
      const agentEndpoint = leg.endpoint!;
      const consultation = await consultWithInes(call, leg, agentEndpoint);
      const targetEndpoint = consultation.endpoint!;
      expect(await execute(call, { type: 'conference', by: command })).toEqual({ ok: true });
      expect(sippOk(await c.done)).toBe('ok');
      await eventually(() => !rt.calls.active.has(call.id), 'the call over for the caller', 10_000);
      await eventually(() => agentEndpoint.bridgedTo === targetEndpoint, 'agent and target bridged', 10_000);
      await agentAndTargetHearEachOther(agentMedia, agentEndpoint, targetMedia, targetEndpoint);
      // the agent hangs up: the target gets our BYE
      const [fr, tr] = await Promise.all([first.done, target.done]);
      expect(sippOk(fr)).toBe('ok');
      expect(sippOk(tr)).toBe('ok');
      const record = await recordOnceTargetLeft(call.id);
      expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered'], ['conference', 'answered']]);
      // the call's record ends with the caller; the target's leg when the agent hung up, later
      expect(record.legs[1].endedAt!.getTime() - record.endedAt!.getTime()).toBeGreaterThan(3000);
      const conference = record.events.filter((e) => e.kind === 'conference').map((e) => e.data as { result: string; party?: string; by: string });
      expect(conference.map((d) => [d.result, d.party ?? null, d.by])).toEqual([['joined', null, 'command'], ['left', 'caller', 'caller-phone']]);
      const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
      expect(await rt.calls.services.directory.isAvailable(hugo.id)).toBe(true);
    } finally {
      await agentMedia.close();
      await targetMedia.close();
    }
  }, 120_000);

  it('the agent hangs up in a conference: caller and target go on bridged, as after complete', async () => {
    const first = await phone('hugo', answersThenHangsUp(AGENT_SDP, 8000), true);
    const target = await phone('ines', answersThenBye(AGENT_SDP), true);
    const c = caller(18_000);
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    const consultation = await consultWithInes(call, leg, agentEndpoint);
    expect(await execute(call, { type: 'conference', by: command })).toEqual({ ok: true });
    expect(call.endpoint.bridgedTo).toBeNull(); // in the mixer, not a bridge
    expect(sippOk(await first.done)).toBe('ok');
    await eventually(() => call.endpoint.bridgedTo === consultation.endpoint && leg.endpoint === consultation.endpoint, 'caller bridged to the target', 10_000);
    const through = await echoThrough(peer, call.endpoint);
    const [cr, tr] = await Promise.all([c.done, target.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    expect(through).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered'], ['conference', 'answered']]);
    const conference = record.events.filter((e) => e.kind === 'conference').map((e) => e.data as { result: string; party?: string; by: string });
    expect(conference.map((d) => [d.result, d.party ?? null, d.by])).toEqual([['joined', null, 'command'], ['left', 'agent', 'agent-phone']]);
    expect(results(record.events)).toEqual(['started', 'answered', 'completed']);
  }, 120_000);

  it('the agent hangs up while the target rings: it goes on as a cold transfer, the caller is bridged to the target when it answers', async () => {
    rt.calls.services.transferRingMs = 10_000; // the target answers after 4 s
    try {
      const first = await phone('hugo', answersThenHangsUp(AGENT_SDP, 2000), true);
      const target = await phone('ines', scenario(
        '<recv request="INVITE" crlf="true"/>',
        uasReply('180 Ringing'),
        '<pause milliseconds="4000"/>',
        uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
        '<recv request="ACK"/>',
        '<recv request="BYE"/>',
        reply('200 OK'),
      ), true);
      const c = caller(16_000);
      const { call, leg } = await bridgedCall();
      await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '202' }, by: command });
      expect(sippOk(await first.done)).toBe('ok');
      expect(call.endpoint.playing).toBe(true); // still on hold music, the target still ringing
      const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
      await eventually(() => leg.agentId === ines.id && call.endpoint.bridgedTo === leg.endpoint, 'caller bridged to the target', 20_000);
      const through = await echoThrough(peer, call.endpoint);
      const [cr, tr] = await Promise.all([c.done, target.done]);
      expect(sippOk(cr)).toBe('ok');
      expect(sippOk(tr)).toBe('ok');
      expect(through).toBeGreaterThan(300);
      const record = await finishedCall();
      expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered']]);
      // the agent's leg ended at their hang-up, before the target answered
      expect(record.legs[1].answeredAt!.getTime() - record.legs[0].endedAt!.getTime()).toBeGreaterThan(1000);
      expect(results(record.events)).toEqual(['started', 'blind', 'answered', 'completed']);
      expect(record.events.filter((e) => e.kind === 'transfer')[1].data).toMatchObject({ by: 'agent-phone' });
    } finally {
      rt.calls.services.transferRingMs = 4000;
    }
  }, 120_000);

  it('the target hangs up during the consultation: the caller stays on hold until the agent retrieves', async () => {
    const first = await phone('hugo', answersThenBye(AGENT_SDP), true);
    const target = await phone('ines', answersThenHangsUp(AGENT_SDP, 2000), true);
    const c = caller(16_000);
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    await consultWithInes(call, leg, agentEndpoint);
    expect(sippOk(await target.done)).toBe('ok');
    await eventually(() => !call.legs.has(`${leg.legId}-w1`), 'consultation over', 10_000);
    expect(call.endpoint.playing).toBe(true);
    expect(await execute(call, { type: 'switch', by: command })).toMatchObject({ ok: false, status: 409 });
    expect(await execute(call, { type: 'retrieve', by: command })).toEqual({ ok: true });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const back = await echoThrough(peer, call.endpoint);
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(back).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered']]);
    expect(results(record.events)).toEqual(['started', 'answered', 'target_left', 'retrieved']);
    expect(record.events.find((e) => e.kind === 'retrieve')?.data).toMatchObject({ targetWas: 'failed' });
  }, 120_000);

  it('to an allowed external number: dialled through the trunk as the policy judges it, consultation, complete', async () => {
    const agentMedia = await RtpPeer.create();
    try {
      const first = await phone('hugo', answersThenBye(sdpAt(agentMedia.port, 'agent')), false);
      const trunk = await trunkAnswers(trunkPort, '+33123456789');
      const c = caller(14_000);
      const { call, leg } = await bridgedCall();
      const agentEndpoint = leg.endpoint!;
      expect(await execute(call, { type: 'transferWarm', target: { kind: 'number', number: '0123456789' }, by: command })).toMatchObject({ ok: true });
      // a second one while this one goes on: refused, and so are hold and a cold transfer
      expect(await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '202' }, by: command })).toMatchObject({ ok: false, status: 409 });
      expect(await execute(call, { type: 'hold', by: command })).toMatchObject({ ok: false, status: 409 });
      const consultation = await consultationLeg(call, `${leg.legId}-w1`, agentEndpoint, 'agent bridged to the number');
      const consult = await echoThrough(agentMedia, agentEndpoint);
      expect(await execute(call, { type: 'complete', by: command })).toEqual({ ok: true });
      expect(call.endpoint.bridgedTo).toBe(consultation.endpoint);
      const through = await echoThrough(peer, call.endpoint);
      const [cr, fr, tr] = await Promise.all([c.done, first.done, trunk.done]);
      expect(sippOk(tr)).toBe('ok');
      expect(sippOk(fr)).toBe('ok');
      expect(sippOk(cr)).toBe('ok');
      expect(consult).toBeGreaterThan(300);
      expect(through).toBeGreaterThan(300);
      const record = await finishedCall();
      expect(record.legs.find((l) => l.kind === 'transfer_warm')).toMatchObject({ agentId: null, destination: '+33123456789', outcome: 'answered' });
      expect(results(record.events)).toEqual(['started', 'answered', 'completed']);
      expect(record.events.find((e) => e.kind === 'transfer')?.data).toMatchObject({ number: '+33123456789' });
    } finally {
      await agentMedia.close();
    }
  }, 120_000);

  it('to a busy agent: busy (486), the agent retrieves the caller', async () => {
    const first = await phone('hugo', answersThenBye(AGENT_SDP), true);
    const busy = await phone('karl', scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('486 Busy Here'),
      '<recv request="ACK"/>',
    ), false);
    const c = caller(12_000);
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    let finished: number | null = null;
    await execute(call, { type: 'transferWarm', target: { kind: 'extension', extension: '204' }, by: command, progress: { finished: (s) => void (finished = s) } });
    await eventually(() => finished, 'the target refused', 10_000);
    expect(finished).toBe(486);
    expect(sippOk(await busy.done)).toBe('ok');
    expect(call.endpoint.bridgedTo).toBeNull();
    expect(await execute(call, { type: 'retrieve', by: command })).toEqual({ ok: true });
    expect(call.endpoint.bridgedTo).toBe(agentEndpoint);
    const back = await echoThrough(peer, call.endpoint);
    const [cr, fr] = await Promise.all([c.done, first.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(back).toBeGreaterThan(300);
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'busy']]);
    expect(results(record.events)).toEqual(['started', 'busy', 'retrieved']);
  }, 120_000);

  it('the caller hangs up during the consultation: agent and target stay connected until the agent hangs up', async () => {
    const agentMedia = await RtpPeer.create();
    const targetMedia = await RtpPeer.create();
    try {
      const first = await phone('hugo', answersThenHangsUp(sdpAt(agentMedia.port, 'agent'), 18_000), false);
      const target = await phone('ines', answersThenBye(sdpAt(targetMedia.port, 'target')), false);
      const c = caller(7000);
      const { call, leg } = await bridgedCall();
      const agentEndpoint = leg.endpoint!;
      const consultation = await consultWithInes(call, leg, agentEndpoint);
      const targetEndpoint = consultation.endpoint!;
      // the agent is back with the caller (the target on hold music) when the caller hangs up
      expect(await execute(call, { type: 'switch', by: command, to: 'caller' })).toEqual({ ok: true, detail: 'caller' });
      expect(sippOk(await c.done)).toBe('ok');
      await eventually(() => !rt.calls.active.has(call.id), 'the call over for the caller', 10_000);
      await eventually(() => agentEndpoint.bridgedTo === targetEndpoint, 'agent and target bridged', 10_000);
      await agentAndTargetHearEachOther(agentMedia, agentEndpoint, targetMedia, targetEndpoint);
      const [fr, tr] = await Promise.all([first.done, target.done]);
      expect(sippOk(fr)).toBe('ok');
      expect(sippOk(tr)).toBe('ok');
      const record = await recordOnceTargetLeft(call.id);
      expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered']]);
      expect(record.legs[1].endedAt!.getTime() - record.endedAt!.getTime()).toBeGreaterThan(3000);
      expect(results(record.events)).toEqual(['started', 'answered', 'caller_left']);
      expect(record.events.filter((e) => e.kind === 'transfer').at(-1)?.data).toMatchObject({ by: 'caller-phone', agentWith: 'caller' });
      const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
      expect(await rt.calls.services.directory.isAvailable(hugo.id)).toBe(true);
    } finally {
      await agentMedia.close();
      await targetMedia.close();
    }
  }, 120_000);

  it('a hangup command in a conference ends the call for everyone: BYE to the caller, the agent and the target', async () => {
    const first = await phone('hugo', answersThenBye(AGENT_SDP), true);
    const target = await phone('ines', answersThenBye(AGENT_SDP), true);
    const c = callerUntilBye(rt, NUMBER, sdpAt(peer.port));
    const { call, leg } = await bridgedCall();
    const agentEndpoint = leg.endpoint!;
    await consultWithInes(call, leg, agentEndpoint);
    expect(await execute(call, { type: 'conference', by: command })).toEqual({ ok: true });
    expect(await execute(call, { type: 'hangup', by: command })).toEqual({ ok: true });
    const [cr, fr, tr] = await Promise.all([c.done, first.done, target.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    const record = await finishedCall();
    expect(record.legs.map((l) => [l.kind, l.outcome])).toEqual([['agent', 'answered'], ['transfer_warm', 'answered'], ['conference', 'answered']]);
    expect(record.legs.every((l) => l.endedAt)).toBe(true);
    expect(record.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['conference', 'hangup']));
    const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    expect(await rt.calls.services.directory.isAvailable(ines.id)).toBe(true);
  }, 120_000);
});
