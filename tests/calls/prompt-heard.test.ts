// A prompt is really heard: the caller's SDP points at an in-test RTP receiver (SIPp does the
// signalling only); the audio it receives, decoded, correlates with the TTS prompt's samples.
// Also: an unknown number gets 404; a number whose flow has no published version is answered
// with the spoken "not in service" message and hung up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { RtpPeer, bestCorrelation, fromFirstSound } from '../media/support/rtp-peer';
import { NOT_IN_SERVICE } from '@/flow-runtime/calls';
import { callerInvite, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';

const TEXT = 'Bonjour et bienvenue chez Relais.';
let rt: Runtime;
let peer: RtpPeer;

beforeAll(async () => {
  rt = await startRuntime();
  peer = await RtpPeer.create();
  await publishFlow(rt, '+33199000002', flowDocument('hello', [
    { id: 'hello', type: 'message', config: { prompt: tts(TEXT) } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['hello', 'next', 'bye']]));
  const flow = await rt.prisma.flow.create({ data: { organizationId: rt.organizationId, name: 'draft only' } });
  await rt.prisma.phoneNumber.create({ data: { organizationId: rt.organizationId, e164: '+33199000003', flowId: flow.id } });
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

const sdpAt = (port: number) => [
  'v=0', 'o=caller 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

/** The caller: answered, then the runtime hangs up (BYE) after its prompts. */
const calleeHangsUp = (number: string, port: number) => scenario(
  callerInvite(number, sdpAt(port)),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  '<recv request="BYE" timeout="30000"/>',
  reply('200 OK'),
);

describe('what the caller hears', () => {
  it('plays the flow’s TTS prompt: the received RTP decodes to the prompt’s audio, then BYE', async () => {
    peer.clear();
    // French national form in the Request-URI: normalised to +33199000002.
    const r = await runSipp(calleeHangsUp('0199000002', peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok');
    // Relais sends silence until the prompt starts (and after it): compare from the first sound.
    const reference = fromFirstSound('PCMU', (await rt.media.prompts.load({ kind: 'tts', text: TEXT, voice: 'fr' })).pcm);
    const heard = peer.receivedAudio('PCMU', { fromFirstSound: true });
    expect(heard.length).toBeGreaterThan(reference.length * 0.9);
    const rms = Math.sqrt(heard.reduce((s, x) => s + x * x, 0) / heard.length);
    expect(rms).toBeGreaterThan(300); // not silence
    expect(bestCorrelation(reference, heard, 400).r).toBeGreaterThan(0.9);
    await rt.recorder.flush(10_000);
    const call = await eventually(() => rt.prisma.call.findFirst({ where: { entryNumber: '+33199000002', endedAt: { not: null } } }), 'call row');
    expect(call.outcome).toBeNull(); // handled by the flow alone
  }, 60_000);

  it('answers a number without a published flow with the spoken not-in-service message, then hangs up', async () => {
    peer.clear();
    const r = await runSipp(calleeHangsUp('+33199000003', peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r)).toBe('ok');
    const fr = fromFirstSound('PCMU', (await rt.media.prompts.load({ kind: 'tts', text: NOT_IN_SERVICE[0].text, voice: 'fr' })).pcm);
    expect(bestCorrelation(fr, peer.receivedAudio('PCMU', { fromFirstSound: true }), 400).r).toBeGreaterThan(0.9);
  }, 60_000);

  it('turns away an unknown number with 404', async () => {
    const r = await runSipp(scenario(
      callerInvite('+33199999999'),
      '<recv response="100" optional="true"/>',
      '<recv response="404"/>',
      ack.replace('[next_url]', 'sip:+33199999999@[remote_ip]:[remote_port]'),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 20 }).done;
    expect(sippOk(r)).toBe('ok');
  }, 30_000);
});
