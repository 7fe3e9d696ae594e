// Early media: the French ringback tone (440 Hz, 1.5 s on / 3.5 s off) sent before answer.
import { describe, expect, it } from 'vitest';
import { bestCorrelation, waitFor } from './support/rtp-peer';
import { useMediaFixture } from './support/media-fixture';

const media = useMediaFixture();

/** Goertzel amplitude of `freq` over `pcm`. */
function level(pcm: Int16Array, freq: number): number {
  const c = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (const x of pcm) {
    const s0 = x + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - c * s1 * s2))) / pcm.length;
}

describe('ringback', () => {
  it('is 440 Hz for 1.5 s then silent for 3.5 s', async () => {
    const cycle = (await media.server.prompts.load({ kind: 'tone', tone: 'ringback' })).pcm;
    expect(cycle.length).toBe(5 * 8000);
    for (let s = 0; s < 50; s++) {
      const slice = cycle.subarray(s * 800, (s + 1) * 800); // 100 ms
      if (s < 15) {
        expect(level(slice, 440)).toBeGreaterThan(5000);
        expect(level(slice, 480)).toBeLessThan(level(slice, 440) / 10);
      } else {
        expect(level(slice, 440)).toBe(0);
      }
    }
  });

  it('is sent as early media from the answer SDP (183) until stopped', async () => {
    // The session creates the endpoint from the INVITE's offer, sends 183 with localSdp, plays ringback.
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    expect(ep.localSdp).toContain('m=audio');
    const ringing = ep.play({ kind: 'tone', tone: 'ringback' }, { loop: true });
    await waitFor(() => media.peer.audible().length >= 25, 5000);
    ep.stopPlayback();
    expect((await ringing).reason).toBe('stopped');
    const heard = media.peer.receivedAudio('PCMU', { fromFirstSound: true });
    const cycle = (await media.server.prompts.load({ kind: 'tone', tone: 'ringback' })).pcm;
    expect(bestCorrelation(cycle.subarray(0, 4000), heard, 0).r).toBeGreaterThan(0.98);
    expect(level(heard.subarray(0, 4000), 440)).toBeGreaterThan(5000);
    await ep.close();
  });
});
