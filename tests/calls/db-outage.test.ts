// New calls while PostgreSQL is unreachable: the runtime's Prisma client goes through a TCP
// proxy the test cuts. A first call (database up) leaves the number, the flow's latest version
// and the organisation's directory in the runtime's last-known-good memory; with the proxy cut,
// a second call to that number is answered, hears the menu prompt (an in-test RTP receiver) and
// its digit (SIP INFO) is taken; a number never seen before gets 503 with Retry-After, also when
// the database accepts connections but never answers (the lookup gives up instead of waiting);
// once the proxy is back, the second call's Call row and path land (outbox replay). A version
// warmed by the publish listener is what calls get during the next outage. A queue-group call
// during an outage rings the agent whose phone registered before it (AgentDirectory's memory).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { RtpPeer, bestCorrelation, fromFirstSound } from '../media/support/rtp-peer';
import { startCuttableProxy, type CuttableProxy } from '../support/tcp-proxy';
import { freeUdpPort, runSipp, sippOk, waitForUdpListener } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario, uasReply } from '../sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, flowDocument, publishFlow, registerAgent, startRuntime, tts, type Runtime } from './support';

const NUMBER = '+33199000041';
const PROMPT = 'Tapez un.';
let rt: Runtime;
let proxy: CuttableProxy;
let direct: PrismaClient;
let peer: RtpPeer;

beforeAll(async () => {
  const adminPort = Number(new URL(process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres').port || 5432);
  proxy = await startCuttableProxy(adminPort);
  rt = await startRuntime({
    runtimeDatabaseUrl: (url) => {
      const u = new URL(url);
      u.port = String(proxy.port);
      return u.toString();
    },
  });
  direct = createPrismaClient(rt.databaseUrl);
  peer = await RtpPeer.create();
  await publishFlow(rt, NUMBER, flowDocument('menu', [
    { id: 'menu', type: 'menu', config: { prompt: tts(PROMPT), keys: [{ key: '1' }], timeoutSeconds: 10, retries: 0 } },
    { id: 'one', type: 'hangup', config: {} },
    { id: 'other', type: 'hangup', config: {} },
  ], [['menu', '1', 'one'], ['menu', 'timeout', 'other'], ['menu', 'invalid', 'other']]));
}, 60_000);

afterAll(async () => {
  proxy?.restore();
  await peer?.close();
  await rt?.stop();
  await direct?.$disconnect();
  await proxy?.close();
});

/** Answered (after optional 18x), hears the prompt at `port`, presses 1 by SIP INFO, the flow hangs up. */
const menuCall = (port: number) => scenario(
  callerInvite(NUMBER, [
    'v=0', 'o=caller 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
    `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
  ].join('\n')),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="183" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  '<pause milliseconds="2500"/>', // the caller listens to the prompt, then presses 1
  inDialogRequest('INFO', 2, 'Content-Type: application/dtmf-relay\n', 'Signal=1\r\nDuration=160\r\n'),
  '<recv response="200"/>',
  '<recv request="BYE" timeout="20000"/>',
  reply('200 OK'),
);

/** Turned away with 503 and a Retry-After header. */
const turnedAway = (number: string) => scenario(
  callerInvite(number),
  '<recv response="100" optional="true"/>',
  '<recv response="503"><action><ereg regexp="[0-9]+" search_in="hdr" header="Retry-After:" check_it="true" assign_to="ra"/></action></recv>',
  ack.replace('[next_url]', `sip:${number}@[remote_ip]:[remote_port]`),
  '<Reference variables="ra"/>',
);

const callsOn = (number: string) => direct.call.findMany({ where: { entryNumber: number }, include: { events: { orderBy: { seq: 'asc' } } }, orderBy: { startedAt: 'asc' } });
const tookOne = (events: { kind: string; nodeId: string | null; output: string | null }[]) =>
  events.some((e) => e.kind === 'output-taken' && e.nodeId === 'menu' && e.output === '1') && events.some((e) => e.kind === 'node-entered' && e.nodeId === 'one');

describe('new calls while the database is unreachable', () => {
  it('a first call with the database up runs the flow and is recorded', async () => {
    const r = await runSipp(menuCall(peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok');
    const [call] = await eventually(async () => {
      const calls = await callsOn(NUMBER);
      return calls.length === 1 && calls[0].endedAt && tookOne(calls[0].events) ? calls : null;
    }, 'the first call recorded');
    expect(call.caller).toBe('+33612345678');
  }, 60_000);

  it('with the proxy cut: a known number is answered and runs its flow; an unknown one gets 503; records land once the database is back', async () => {
    const outages: unknown[] = [];
    rt.calls.services.flows.lastKnown.on('outage', (o) => outages.push(o));
    const recovered = new Promise((r) => rt.calls.services.flows.lastKnown.once('recovered', r));
    proxy.cut();
    peer.clear();

    const r = await runSipp(menuCall(peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok'); // answered, digit taken, hung up by the flow ("one")
    const prompt = fromFirstSound('PCMU', (await rt.media.prompts.load({ kind: 'tts', text: PROMPT, voice: 'fr' })).pcm);
    expect(bestCorrelation(prompt, peer.receivedAudio('PCMU', { fromFirstSound: true }), 400).r).toBeGreaterThan(0.9);
    expect(outages).toHaveLength(1); // one warning for the outage, not one per lookup
    expect(rt.calls.services.flows.lastKnown.inOutage).toBe(true);

    // a number the runtime never looked up cannot be answered from memory
    const away = await runSipp(turnedAway('+33199000042'), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 20 }).done;
    expect(sippOk(away)).toBe('ok');

    // a database that accepts connections but never answers: the lookup gives up (503), the caller is not left waiting
    proxy.blackhole();
    const hung = await runSipp(turnedAway('+33199000043'), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 20 }).done;
    expect(sippOk(hung)).toBe('ok');

    // nothing of the second call reached the database yet
    expect((await callsOn(NUMBER)).length).toBe(1);
    expect(rt.recorder.outbox.pending).toBeGreaterThan(0);

    proxy.restore();
    expect(await rt.recorder.flush(60_000)).toBe(true);
    const calls = await callsOn(NUMBER);
    expect(calls).toHaveLength(2);
    expect(calls[1].endedAt).not.toBeNull();
    expect(calls[1].answeredAt).not.toBeNull();
    expect(tookOne(calls[1].events)).toBe(true);
    expect(await direct.call.count({ where: { entryNumber: { in: ['+33199000042', '+33199000043'] } } })).toBe(0);

    // the next call looks the database up again and ends the outage
    peer.clear();
    const after = await runSipp(menuCall(peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(after)).toBe('ok');
    await recovered;
    expect(rt.calls.services.flows.lastKnown.inOutage).toBe(false);
  }, 150_000);

  it('a version warmed by the publish listener (not yet looked up by a call) is the one calls run during the next outage', async () => {
    const { versionId } = await publishFlow(rt, NUMBER, flowDocument('menu', [
      { id: 'menu', type: 'menu', config: { prompt: tts(PROMPT), keys: [{ key: '1' }], timeoutSeconds: 10, retries: 0 } },
      { id: 'v2', type: 'hangup', config: {} },
      { id: 'other', type: 'hangup', config: {} },
    ], [['menu', '1', 'v2'], ['menu', 'timeout', 'other'], ['menu', 'invalid', 'other']]));
    expect(await rt.calls.services.flows.warm(versionId)).toMatchObject({ number: 2 }); // what the listener does on NOTIFY
    proxy.cut();
    try {
      const r = await runSipp(menuCall(peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
      expect(sippOk(r)).toBe('ok');
    } finally {
      proxy.restore();
    }
    expect(await rt.recorder.flush(60_000)).toBe(true);
    const last = (await callsOn(NUMBER)).at(-1)!;
    expect(last.flowVersionId).toBe(versionId);
    expect(last.events.some((e) => e.kind === 'node-entered' && e.nodeId === 'v2')).toBe(true);
  }, 120_000);

  it('with the proxy cut: a queue-group call rings the agent registered before the outage, who answers', async () => {
    const GROUP_NUMBER = '+33199000044';
    const olga = await createAgent(rt, 'olga');
    const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Outage', members: { create: [{ agentId: olga.id, position: 0 }] } } });
    await publishFlow(rt, GROUP_NUMBER, flowDocument('agents', [
      { id: 'agents', type: 'queue-group', config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 15 } },
      { id: 'bye', type: 'hangup', config: {} },
    ], [['agents', 'no_answer', 'bye'], ['agents', 'busy', 'bye'], ['agents', 'unavailable', 'bye']]));
    const port = await freeUdpPort();
    await registerAgent(rt, 'olga', port);
    const phone = () => runSipp(scenario(
      '<recv request="INVITE" crlf="true"/>',
      uasReply('180 Ringing'),
      '<pause milliseconds="300"/>',
      uasReply('200 OK', 'Content-Type: application/sdp\n', AGENT_SDP),
      '<recv request="ACK"/>',
      '<recv request="BYE" timeout="30000"/>',
      reply('200 OK'),
    ), null, ['-m', '1', '-rtp_echo'], { port, timeoutS: 40 });
    const caller = () => runSipp(scenario(
      callerInvite(GROUP_NUMBER),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="183" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="2000"/>',
      inDialogRequest('BYE', 2),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 });

    // with the database up: the number, its flow, the directory and olga's contact are read (and kept)
    for (const cut of [false, true]) {
      const p = phone();
      await waitForUdpListener(port);
      const outages: unknown[] = [];
      rt.calls.services.directory.on('outage', (o) => outages.push(o));
      if (cut) proxy.cut();
      try {
        const [c, a] = await Promise.all([caller().done, p.done]);
        expect(sippOk(c)).toBe('ok');
        expect(sippOk(a)).toBe('ok'); // olga's phone rang and answered, then got the BYE
        if (cut) expect(outages.length).toBe(1); // the directory answered from memory
      } finally {
        proxy.restore();
      }
    }
    expect(await rt.recorder.flush(60_000)).toBe(true);
    const calls = await direct.call.findMany({ where: { entryNumber: GROUP_NUMBER }, include: { legs: true }, orderBy: { startedAt: 'asc' } });
    expect(calls.map((c) => c.outcome)).toEqual(['answered', 'answered']);
    expect(calls[1].legs).toMatchObject([{ agentId: olga.id, outcome: 'answered' }]);
  }, 120_000);
});
