// The live view of a call (issue 14 C2, flow-runtime/live/): a SIPp caller presses 2 in a menu,
// goes into the queue group "Support", reaches agent hugo (SIPp), who holds and resumes from his
// phone, then transfers the call to ines by a REFER from the phone. Listening on `relais_live`
// as the admin does, the test sees `call.updated` events carrying the LiveCallView: path
// "menu: 2 → Support", the group with its colour, states ringing → talking → held → talking →
// transferring → talking (ines), then `call.ended`; the LiveCall row exists during the call and
// is deleted at the end.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, play, publishFlow, startRuntime, tts, type Runtime } from './support';
import { agentAnswersAfter, agentPhone as phoneOf, agentReinvite, agentRequest, answersThenBye, authenticatedInvite, phoneTalksThenHangsUp, sdpAt } from './phone-support';
import { RtpPeer } from '../media/support/rtp-peer';
import type { LiveCallView } from '@/flow-runtime/live';

const NUMBER = '+33199000071';
let rt: Runtime;
let listener: pg.Client;
let groupId: string;
let peer: RtpPeer;
const events: { t: string; o: string; a: string[]; d: LiveCallView & { outcome?: string } }[] = [];

beforeAll(async () => {
  rt = await startRuntime({});
  rt.calls.services.transferRingMs = 6000;
  const [hugo, ines] = await Promise.all(['hugo', 'ines'].map((n) => createAgent(rt, n)));
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { extension: '202' } });
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { extension: '201' } });
  peer = await RtpPeer.create();
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Support', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  groupId = group.id;
  // the caller is in the directory, typed the national way
  await rt.prisma.contact.create({ data: { organizationId: rt.organizationId, name: 'Jeanne Martin', numbers: { create: [{ organizationId: rt.organizationId, position: 0, number: '06 12 34 56 78', canonical: '+33612345678' }] } } });
  await publishFlow(rt, NUMBER, flowDocument('menu', [
    { id: 'menu', type: 'menu', config: { prompt: tts('Pour le support, tapez 2.'), keys: [{ key: '1' }, { key: '2' }], timeoutSeconds: 8, retries: 1 } },
    { id: 'Support', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['menu', '2', 'Support'], ['menu', '1', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye'], ['Support', 'no_answer', 'bye']]));
  listener = new pg.Client({ connectionString: rt.databaseUrl });
  await listener.connect();
  listener.on('notification', (m) => {
    if (m.channel === 'relais_live' && m.payload) events.push(JSON.parse(m.payload));
  });
  await listener.query('LISTEN relais_live');
});

afterAll(async () => {
  await listener?.end();
  await peer?.close();
  await rt?.stop();
});

/** Hold (sendonly, SDP version 2) or resume (sendrecv, version 3) from the agent's phone. */
const reinvite = (cseq: number, direction: string) => agentReinvite(cseq, direction, direction === 'sendrecv' ? 3 : 2);

const agentPhone = (username: string, xml: string) => phoneOf(rt, username, xml);

/** A phone that rings for a second, answers (echoing RTP) and waits for Relais's BYE. */
const answersAfterASecond = answersThenBye(AGENT_SDP, 1000);

describe('live view of a call', () => {
  it('menu → queue group → agent: path, group, ringing → talking → held → talking → transferring (phone REFER) → ended, row deleted', async () => {
    const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
    const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    const first = await agentPhone('hugo', scenario(
      ...agentAnswersAfter(1000),
      '<pause milliseconds="1500"/>',
      ...reinvite(101, 'sendonly'),
      '<pause milliseconds="1500"/>',
      ...reinvite(102, 'sendrecv'),
      '<pause milliseconds="1500"/>',
      agentRequest('REFER', 103, 'Refer-To: <sip:202@127.0.0.1>\nReferred-By: <sip:agent@[local_ip]>\n'),
      '<recv response="202"/>',
      '<recv request="NOTIFY"/>', reply('200 OK'),
      '<recv request="NOTIFY"/>', reply('200 OK'),
      '<recv request="BYE"/>',
      reply('200 OK'),
    ));
    const target = await agentPhone('ines', answersAfterASecond);
    const caller = runSipp(scenario(
      callerInvite(NUMBER),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="1500"/>',
      play('dtmf_2833_2.pcap'),
      '<pause milliseconds="16000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 90 });

    // while the agent talks, the LiveCall row holds the snapshot a reconnecting console reads
    const row = await eventually(async () => {
      const r = await rt.prisma.liveCall.findFirst({ where: { organizationId: rt.organizationId } });
      return r && (r.view as unknown as LiveCallView).state === 'talking' ? r : null;
    }, 'LiveCall row while talking', 40_000);
    const snapshot = row.view as unknown as LiveCallView;
    expect(row.agentIds).toEqual([hugo.id]);
    expect(snapshot).toMatchObject({
      organizationId: rt.organizationId, direction: 'inbound', entryNumber: NUMBER, caller: '+33612345678', contactName: 'Jeanne Martin',
      group: { id: groupId, name: 'Support', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
      agents: [{ agentId: hugo.id, role: 'talking' }], recording: false,
    });
    expect(snapshot.path.map(({ nodeId, label, key }) => ({ nodeId, label, key }))).toEqual([{ nodeId: 'menu', label: 'menu', key: '2' }, { nodeId: 'Support', label: 'Support', key: undefined }]);
    expect(Date.parse(snapshot.path[1].at!)).toBeGreaterThan(Date.parse(snapshot.path[0].at!));
    expect(Date.parse(snapshot.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(snapshot.startedAt));
    expect(snapshot.waitedMs).toBeGreaterThan(1000);

    const [cr, fr, tr] = await Promise.all([caller.done, first.done, target.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(fr)).toBe('ok');
    expect(sippOk(tr)).toBe('ok');
    const callId = snapshot.callId;
    await eventually(() => events.some((e) => e.t === 'call.ended' && e.d.callId === callId), 'call.ended', 20_000);
    const mine = events.filter((e) => e.d.callId === callId);
    for (const e of mine) expect(e.o).toBe(rt.organizationId);
    const updates = mine.filter((e) => e.t === 'call.updated').map((e) => e.d);
    // the states in order, repeats collapsed (a simultaneous group rings at once: no 'queued')
    const states = updates.map((v) => v.state).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(states).toEqual(['ivr', 'ringing', 'talking', 'held', 'talking', 'transferring', 'talking']);
    // who sees what: hugo while ringing; ines as the target, then alone
    const ringing = updates.find((v) => v.state === 'ringing')!;
    expect(ringing.agents).toEqual([{ agentId: hugo.id, role: 'ringing' }]);
    expect(updates.find((v) => v.state === 'held')!.agents).toEqual([{ agentId: hugo.id, role: 'held' }]);
    const transferring = mine.find((e) => e.t === 'call.updated' && e.d.state === 'transferring')!;
    expect(transferring.d.agents).toEqual(expect.arrayContaining([{ agentId: ines.id, role: 'target' }]));
    expect(transferring.a).toEqual(expect.arrayContaining([hugo.id, ines.id]));
    const last = updates[updates.length - 1];
    expect(last.agents).toEqual([{ agentId: ines.id, role: 'talking' }]);
    // hugo is told that the call left him (the update after the transfer still reaches him)
    const after = mine.find((e) => e.t === 'call.updated' && e.d.state === 'talking' && e.d.agents.some((x) => x.agentId === ines.id))!;
    expect(after.a).toEqual(expect.arrayContaining([hugo.id, ines.id]));
    const ended = mine.find((e) => e.t === 'call.ended')!;
    expect(ended.d).toMatchObject({ callId, outcome: 'answered' });
    expect(ended.a).toEqual(expect.arrayContaining([hugo.id, ines.id]));
    expect(mine[mine.length - 1].t).toBe('call.ended');
    await eventually(async () => (await rt.prisma.liveCall.count({ where: { callId } })) === 0, 'LiveCall row deleted', 10_000);
    // every payload stays under the NOTIFY limit the contract sets
    for (const e of mine) expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(7000);
  }, 120_000);

  it('a call from hugo\'s phone to extension 202: direction internal, ringing → talking, both agents, then ended', async () => {
    const hugo = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'hugo' } });
    const ines = await rt.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'ines' } });
    const callee = await agentPhone('ines', answersAfterASecond);
    const from = events.length;
    const caller = runSipp(scenario(...authenticatedInvite('hugo', '202', sdpAt(peer.port)), ...phoneTalksThenHangsUp(3000)), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const [cr, br] = await Promise.all([caller.done, callee.done]);
    expect(sippOk(cr)).toBe('ok');
    expect(sippOk(br)).toBe('ok');
    const ended = await eventually(() => events.slice(from).find((e) => e.t === 'call.ended'), 'call.ended', 20_000);
    const mine = events.slice(from).filter((e) => e.d.callId === ended.d.callId);
    const updates = mine.filter((e) => e.t === 'call.updated').map((e) => e.d);
    expect(updates[0]).toMatchObject({ direction: 'internal', entryNumber: '201', caller: '201', path: [], group: null, contactName: null });
    const states = updates.map((v) => v.state).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(states).toEqual(['ringing', 'talking']);
    expect(updates.find((v) => v.state === 'ringing')!.agents).toEqual([{ agentId: hugo.id, role: 'talking' }, { agentId: ines.id, role: 'ringing' }]);
    expect(updates[updates.length - 1].agents).toEqual([{ agentId: hugo.id, role: 'talking' }, { agentId: ines.id, role: 'talking' }]);
    expect(ended).toMatchObject({ a: expect.arrayContaining([hugo.id, ines.id]), d: { outcome: 'answered' } });
    await eventually(async () => (await rt.prisma.liveCall.count({ where: { callId: ended.d.callId } })) === 0, 'LiveCall row deleted', 10_000);
  }, 90_000);
});
