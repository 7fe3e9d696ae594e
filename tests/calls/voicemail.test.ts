// Hours closed → voicemail: a calendar with no opening ranges (and no public holidays) is always
// closed, so the flow goes to a group mailbox. The caller (SIPp) waits until the runtime really
// records (the test sees endpoint.record() start and then sends SIPp an INFO it waits for), plays
// SIPp's A-law capture (g711a.pcap), then hangs up.
// Checked: the Voicemail row (group mailbox, caller's number), its audio is a WAV whose duration
// (from the header and the data length) matches the RTP audio in the capture (±300 ms), and
// durationMs agrees; the admin's list (app/lib/voicemails) shows it with that caller and duration.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaEndpoint } from '@/flow-runtime/media';
import { listVoicemails } from '@/app/lib/voicemails/list-voicemails';
import { runSipp, sippOk, sippPort } from '../sip-edge/helpers';
import { ack, inDialogRequest, scenario } from '../sip-edge/scenarios';
import { callerInvite, eventually, flowDocument, play, publishFlow, startRuntime, tts, type Runtime } from './support';

const NUMBER = '+33199000020';
const PCAP = '/usr/share/sip-tester/g711a.pcap';
const CALL_ID = 'voicemail-1@127.0.0.1'; // SIPp's -cid_str below, so the test can reach the call
let rt: Runtime;
let groupId: string;

/** What SIPp sends from the capture: RTP timestamp span of its packets (8 kHz), in ms. */
function pcapAudioMs(file: string): number {
  const d = readFileSync(file);
  const little = d.readUInt32LE(0) === 0xa1b2c3d4;
  const u32 = (o: number) => (little ? d.readUInt32LE(o) : d.readUInt32BE(o));
  const linkHeader = u32(20) === 1 ? 14 : 0; // Ethernet
  let first: number | null = null;
  let last = { ts: 0, len: 0 };
  for (let o = 24; o + 16 <= d.length;) {
    const incl = u32(o + 8);
    const pkt = d.subarray(o + 16, o + 16 + incl);
    o += 16 + incl;
    const ip = pkt.subarray(linkHeader);
    const udp = ip.subarray((ip[0] & 0x0f) * 4);
    const rtp = udp.subarray(8);
    if (rtp.length < 12 || (rtp[1] & 0x7f) !== 8) continue; // PCMA only
    const ts = rtp.readUInt32BE(4);
    first ??= ts;
    last = { ts, len: rtp.length - 12 };
  }
  if (first === null) throw new Error('no RTP in the capture');
  return ((last.ts - first + last.len) * 1000) / 8000;
}

/** Duration of a PCM WAV from its fmt chunk and the data chunk's length. */
function wavDurationMs(wav: Buffer): { ms: number; rate: number; channels: number; bits: number } {
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  let rate = 0;
  let channels = 0;
  let bits = 0;
  for (let o = 12; o + 8 <= wav.length;) {
    const id = wav.toString('ascii', o, o + 4);
    const size = wav.readUInt32LE(o + 4);
    if (id === 'fmt ') {
      channels = wav.readUInt16LE(o + 10);
      rate = wav.readUInt32LE(o + 12);
      bits = wav.readUInt16LE(o + 22);
    } else if (id === 'data') {
      const length = Math.min(size, wav.length - o - 8);
      return { ms: (length * 1000) / (rate * channels * (bits / 8)), rate, channels, bits };
    }
    o += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in the WAV');
}

const PCMA_SDP = [
  'v=0', 'o=caller 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 8 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

beforeAll(async () => {
  rt = await startRuntime();
  const calendar = await rt.prisma.calendar.create({ data: { organizationId: rt.organizationId, name: 'Never open', timezone: 'Europe/Paris', holidayCountry: null } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: rt.organizationId, name: 'Accueil' } });
  groupId = group.id;
  await publishFlow(rt, NUMBER, flowDocument('hours', [
    { id: 'hours', type: 'hours', config: { calendarId: calendar.id } },
    { id: 'vm', type: 'voicemail', config: { greeting: tts('Nous sommes fermés. Laissez un message après le bip.'), mailbox: { kind: 'group', groupId: group.id }, silenceSeconds: 15, maxLengthSeconds: 60, finishKey: 'none' } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['hours', 'open', 'bye'], ['hours', 'closed', 'vm']]));
});

afterAll(async () => {
  await rt?.stop();
});

describe('hours closed → voicemail', () => {
  it('records what the caller sent into the group mailbox as a WAV of the same duration', async () => {
    // Tell the test when the runtime starts recording (after the greeting and the beep).
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

    const caller = runSipp(scenario(
      callerInvite(NUMBER, PCMA_SDP),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      // Keep the dialog's To (with the runtime's tag): the test's INFO becomes SIPp's last message.
      '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="to"/></action></recv>',
      ack,
      '<recv request="INFO" timeout="40000"/>', // sent by the test once the recording runs
      play('g711a.pcap'),
      '<pause milliseconds="9000"/>', // the capture lasts 7.08 s; the trailing silence is not recorded (no packets)
      inDialogRequest('BYE', 2).replace('[last_To:]', 'To:[$to]'),
      '<recv response="200" crlf="true"/>',
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', '-cid_str', 'voicemail-%u@%s'], { timeoutS: 60 });

    const port = await sippPort(caller);
    await started;
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

    const c = await caller.done;
    expect(sippOk(c)).toBe('ok');

    await rt.recorder.flush(10_000);
    const vm = await eventually(() => rt.prisma.voicemail.findFirst({ where: { organizationId: rt.organizationId } }), 'voicemail row', 30_000);
    expect(vm.mailboxKind).toBe('group');
    expect(vm.groupId).toBe(groupId);
    expect(vm.caller).toBe('+33612345678');
    expect(vm.callId).not.toBeNull();

    const sent = pcapAudioMs(PCAP);
    expect(sent).toBeGreaterThan(7000);
    const wav = wavDurationMs(Buffer.from(vm.audio));
    expect(wav.rate).toBe(8000);
    expect(wav.channels).toBe(1);
    expect(wav.bits).toBe(16);
    expect(Math.abs(wav.ms - sent)).toBeLessThanOrEqual(300);
    expect(Math.abs(vm.durationMs - wav.ms)).toBeLessThanOrEqual(300);
    expect(Math.abs(vm.durationMs - sent)).toBeLessThanOrEqual(300);

    // The admin lists it (the function behind GET /api/voicemails and the Voicemail page).
    const listed = await listVoicemails({ id: 'calls-test', organizationId: rt.organizationId, role: 'admin' }, {}, rt.prisma);
    expect(listed.voicemails).toHaveLength(1);
    expect(listed.voicemails[0]).toMatchObject({ id: vm.id, caller: '+33612345678', durationMs: vm.durationMs, listened: false, mailbox: { kind: 'group', id: groupId, name: 'Accueil' } });
    expect(Math.abs(listed.voicemails[0].durationMs - sent)).toBeLessThanOrEqual(300);
    expect(listed.voicemails[0]).not.toHaveProperty('audio');

    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: NUMBER, endedAt: { not: null } }, include: { events: true } }), 'call row');
    expect(call.id).toBe(vm.callId);
    expect(call.events.some((e) => e.kind === 'output-taken' && e.nodeId === 'hours' && e.output === 'closed')).toBe(true);
  }, 90_000);
});
