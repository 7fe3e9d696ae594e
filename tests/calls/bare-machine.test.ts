// A first start on a bare machine (issue 11, finding 8): no espeak-ng, no sox. The runtime runs
// with PATH set to a folder holding only `node` and `sipp` (what these tests themselves need),
// and an empty prompt cache, so every prompt is produced on the spot by what npm installed.
// - The demo number (the real demo seed) answers and the caller hears the welcome prompt:
//   received RTP has speech energy and matches the prompt's audio.
// - When the engine cannot speak at all (RELAIS_TTS_ENGINE=binary with no binary on PATH), the
//   caller still hears the fallback chime instead of dead air, and the log names the node, the
//   language and the reason.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, seedDemo } from '@/prisma/seed';
import { findCommand } from '@/flow-runtime/media/speech-engine';
import { promptUnavailableChime } from '@/flow-runtime/media/tones';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, inDialogRequest, reply, scenario } from '../sip-edge/scenarios';
import { RtpPeer, bestCorrelation, fromFirstSound } from '../media/support/rtp-peer';
import { callerInvite, eventually, flowDocument, publishFlow, startRuntime, tts, type Runtime } from './support';

const WELCOME = 'Bienvenue chez Relais, la démonstration de serveur vocal.'; // tests/fixtures/flows/good/demo.json
const BROKEN_NUMBER = '+33199000011';

const savedPath = process.env.PATH;
const savedEngine = process.env.RELAIS_TTS_ENGINE;
const bareBin = mkdtempSync(path.join(os.tmpdir(), 'relais-bare-bin-'));
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'relais-bare-cache-'));
const warnings: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
const logger = {
  info: () => undefined,
  debug: () => undefined,
  error: () => undefined,
  warn: (obj: unknown, msg?: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }),
};
let rt: Runtime;
let peer: RtpPeer;

beforeAll(async () => {
  for (const tool of ['node', 'sipp']) {
    const found = findCommand(tool);
    if (!found) throw new Error(`${tool} is needed on PATH for this test`);
    symlinkSync(found, path.join(bareBin, tool));
  }
  process.env.PATH = bareBin;
  delete process.env.RELAIS_TTS_ENGINE;
  expect(findCommand('espeak-ng')).toBeNull();
  expect(findCommand('sox')).toBeNull();
  rt = await startRuntime({ mediaCacheDir: cacheDir, logger });
  peer = await RtpPeer.create();
  await seedDemo(rt.prisma);
  await publishFlow(rt, BROKEN_NUMBER, flowDocument('hello', [
    { id: 'hello', type: 'message', config: { prompt: tts('Ce message ne peut pas être dit.') } },
    { id: 'bye', type: 'hangup', config: {} },
  ], [['hello', 'next', 'bye']]));
}, 120_000);

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
  process.env.PATH = savedPath;
  if (savedEngine === undefined) delete process.env.RELAIS_TTS_ENGINE;
  else process.env.RELAIS_TTS_ENGINE = savedEngine;
  rmSync(bareBin, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const sdpAt = (port: number) => [
  'v=0', 'o=caller 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

/** The caller listens `holdMs` after the 200 OK, then hangs up (the demo's menu is still waiting). */
const callerHangsUp = (number: string, port: number, holdMs: number) => scenario(
  callerInvite(number, sdpAt(port)),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  `<pause milliseconds="${holdMs}"/>`,
  inDialogRequest('BYE', 2),
  '<recv response="200" crlf="true"/>',
);

/** The caller listens until the runtime hangs up after its prompt. */
const runtimeHangsUp = (number: string, port: number) => scenario(
  callerInvite(number, sdpAt(port)),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  '<recv request="BYE" timeout="30000"/>',
  reply('200 OK'),
);

const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((s, x) => s + x * x, 0) / Math.max(1, pcm.length));

describe('a first start on a machine without espeak-ng and sox', () => {
  it('the demo number answers with the spoken welcome prompt (audio, not silence)', async () => {
    peer.clear();
    const r = await runSipp(callerHangsUp(DEMO_NUMBER, peer.port, 6000), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 }).done;
    expect(sippOk(r)).toBe('ok');
    // Relais sends silence until the prompt starts: compare from the first sound.
    const heard = peer.receivedAudio('PCMU', { fromFirstSound: true });
    // The reference: the same prompt, produced by the library the runtime used (cached by now).
    const welcome = fromFirstSound('PCMU', (await rt.media.prompts.load({ kind: 'tts', text: WELCOME, voice: 'fr' })).pcm);
    expect(welcome.length / 8000).toBeGreaterThan(2); // it is speech, a few seconds of it
    expect(heard.length).toBeGreaterThan(welcome.length * 0.9);
    const opening = heard.subarray(0, welcome.length + 4000);
    expect(rms(opening)).toBeGreaterThan(300); // not silence
    expect(bestCorrelation(welcome, opening, 800).r).toBeGreaterThan(0.9);
    expect(warnings.filter((w) => w.msg?.includes('prompt unavailable'))).toEqual([]);
  }, 90_000);

  // Skipped with MEDIA_THREAD=worker: the media worker got its copy of process.env at start, so
  // the engine cannot be broken from here (the prompt library runs on that thread).
  it.skipIf(process.env.MEDIA_THREAD === 'worker')('when no engine can speak, the caller hears the fallback chime and the log says which node, language and why', async () => {
    process.env.RELAIS_TTS_ENGINE = 'binary'; // an engine that is not there: every synthesis fails
    try {
      peer.clear();
      const r = await runSipp(runtimeHangsUp(BROKEN_NUMBER, peer.port), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 }).done;
      expect(sippOk(r)).toBe('ok');
    } finally {
      delete process.env.RELAIS_TTS_ENGINE;
    }
    const heard = peer.receivedAudio('PCMU', { fromFirstSound: true });
    const chime = fromFirstSound('PCMU', promptUnavailableChime());
    expect(heard.length).toBeGreaterThan(chime.length * 0.9);
    expect(rms(heard.subarray(0, chime.length + 1600))).toBeGreaterThan(300);
    expect(bestCorrelation(chime, heard, 800).r).toBeGreaterThan(0.9);
    const warning = await eventually(() => warnings.find((w) => w.msg?.includes('prompt unavailable')), 'fallback warning');
    expect(warning.obj).toMatchObject({ node: 'hello', language: 'fr', code: 'media.tts_failed' });
    expect(String(warning.obj.reason)).toMatch(/espeak-ng/);
  }, 90_000);
});
