// Issue 16: a group deleted while a call still runs an older flow version that leaves a message
// in its mailbox. Deleting the group is allowed (neither the draft nor the live version uses it
// any more: app/lib/usage/README.md); the caller (SIPp) is already recording. The message must
// be stored, kept under the organisation with the group's name, not refused by the foreign key
// and parked in the records' dead-letter file.
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaEndpoint } from '@/flow-runtime/media';
import { listVoicemails } from '@/app/lib/voicemails/list-voicemails';
import { runSipp, sippOk, sippPort } from '../sip-edge/helpers';
import { ack, inDialogRequest, scenario } from '../sip-edge/scenarios';
import { createUser } from '../support/factories';
import { callerInvite, eventually, flowDocument, play, publishFlow, startRuntime, tts, type Runtime } from './support';

const NUMBER = '+33199000160';
const CALL_ID = 'deleted-group-1@127.0.0.1';
let rt: Runtime;
let groupId: string;
let flowId: string;

const PCMA_SDP = [
  'v=0', 'o=caller 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

beforeAll(async () => {
  rt = await startRuntime();
  // the admin's delete (app/lib) runs on this test database
  process.env.DATABASE_URL = rt.databaseUrl;
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Accueil' } });
  groupId = group.id;
  ({ flowId } = await publishFlow(rt, NUMBER, flowDocument('vm', [
    { id: 'vm', type: 'voicemail', config: { greeting: tts('Laissez un message après le bip.'), mailbox: { kind: 'group', groupId: group.id }, silenceSeconds: 15, maxLengthSeconds: 60, finishKey: 'none' } },
  ], [])));
});

afterAll(async () => {
  await rt?.stop();
});

describe('voicemail for a group deleted during the call', () => {
  it('is stored under the organisation with the group name', async () => {
    let recordingStarted!: () => void;
    const started = new Promise<void>((r) => (recordingStarted = r));
    const createEndpoint = rt.media.createEndpoint.bind(rt.media);
    rt.media.createEndpoint = async (...args: Parameters<typeof createEndpoint>) => {
      const ep: MediaEndpoint = await createEndpoint(...args);
      const record = ep.record.bind(ep);
      ep.record = (options) => {
        const p = record(options);
        recordingStarted();
        return p;
      };
      return ep;
    };
    const dead: unknown[] = [];
    rt.recorder.outbox.on('dead', (entry, err) => dead.push({ entry, err }));

    const caller = runSipp(scenario(
      callerInvite(NUMBER, PCMA_SDP),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="to"/></action></recv>',
      ack,
      '<recv request="INFO" timeout="40000"/>', // sent by the test once the group is deleted
      play('g711a.pcap'),
      '<pause milliseconds="8000"/>',
      inDialogRequest('BYE', 2).replace('[last_To:]', 'To:[$to]'),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', '-cid_str', 'deleted-group-%u@%s'], { timeoutS: 60 });
    const port = await sippPort(caller);
    await started;

    // While the caller records on version 1: version 2 no longer uses the group, so the admin may delete it.
    await publishFlow(rt, NUMBER, flowDocument('bye', [{ id: 'bye', type: 'hangup', config: {} }], []));
    const admin = await createUser(rt.prisma, rt.organizationId, 'admin');
    const { deleteGroup } = await import('@/app/lib/groups/delete-group');
    await deleteGroup({ id: admin.id, organizationId: rt.organizationId }, groupId);
    expect(await rt.prisma.queueGroup.findUnique({ where: { id: groupId } })).toBeNull();
    expect(await rt.prisma.flowVersion.count({ where: { flowId, status: 'published' } })).toBe(2);

    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const info = [
      `INFO sip:caller@127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${sock.address().port};branch=z9hG4bK-test-${Date.now()}`,
      'From: <sip:test@127.0.0.1>;tag=test', 'To: <sip:caller@127.0.0.1>;tag=caller',
      `Call-ID: ${CALL_ID}`, 'CSeq: 1 INFO', 'Max-Forwards: 70', 'Content-Length: 0', '', '',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) => sock.send(info, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    sock.close();

    expect(sippOk(await caller.done)).toBe('ok');
    await rt.recorder.flush(10_000);
    const vm = await eventually(() => rt.prisma.voicemail.findFirst({ where: { organizationId: rt.organizationId } }), 'voicemail row', 30_000);
    expect(vm).toMatchObject({ mailboxKind: 'group', groupId: null, mailboxName: 'Accueil', caller: '+33612345678' });
    expect(vm.durationMs).toBeGreaterThan(5000);
    expect(dead).toEqual([]);

    const listed = await listVoicemails({ id: admin.id, organizationId: rt.organizationId, role: 'admin' }, {}, rt.prisma);
    expect(listed.voicemails.map((v) => v.mailbox)).toEqual([{ kind: 'group', id: null, name: null, deletedName: 'Accueil' }]);
  }, 90_000);
});
