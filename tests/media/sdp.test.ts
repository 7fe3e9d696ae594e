// SDP offer/answer: codec choice, telephone-event, hold directions, rejection of unusable offers.
import sdpTransform from 'sdp-transform';
import { describe, expect, it } from 'vitest';
import { isMediaError } from '@/flow-runtime/media';
import { useMediaFixture } from './support/media-fixture';

const media = useMediaFixture();

function audioOf(sdp: string) {
  const parsed = sdpTransform.parse(sdp);
  return { parsed, m: parsed.media.find((m) => m.type === 'audio')! };
}

describe('answering an offer', () => {
  it('answers PCMU with telephone-event 101, ptime 20, on a port of the range', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    const { parsed, m } = audioOf(ep.localSdp);
    expect(parsed.connection?.ip).toBe('127.0.0.1');
    expect(m.port).toBe(ep.local.port);
    expect(m.port).toBeGreaterThanOrEqual(30000);
    expect(m.port % 2).toBe(0);
    expect(m.payloads).toBe('0 101');
    expect(m.rtp.map((r) => `${r.payload} ${r.codec}/${r.rate}`)).toEqual(['0 PCMU/8000', '101 telephone-event/8000']);
    expect(m.fmtp[0]).toMatchObject({ payload: 101, config: '0-16' });
    expect(m.ptime).toBe(20);
    expect(m.direction).toBe('sendrecv');
    expect(ep.codec).toBe('PCMU');
    expect(ep.dtmfPayloadType).toBe(101);
    expect(ep.remote).toEqual({ address: '127.0.0.1', port: media.peer.port });
    await ep.close();
  });

  it("follows the offerer's codec order and its dynamic telephone-event payload type", async () => {
    const offer = media.peer.offer({ payloads: '8 0 96', dtmf: 96 });
    const ep = await media.server.createEndpoint({ remoteSdp: offer });
    expect(ep.codec).toBe('PCMA');
    expect(ep.dtmfPayloadType).toBe(96);
    expect(audioOf(ep.localSdp).m.payloads).toBe('8 96');
    await ep.close();
  });

  it('answers without telephone-event when the offer has none', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ payloads: '0', dtmf: null }) });
    expect(ep.dtmfPayloadType).toBeNull();
    expect(String(audioOf(ep.localSdp).m.payloads)).toBe('0');
    await ep.close();
  });

  it('rejects an offer without G.711 with media.no_common_codec, taking no port', async () => {
    const offer = media.peer.offer({ payloads: '18 9 101', codecs: ['a=rtpmap:18 G729/8000', 'a=rtpmap:9 G722/8000'] });
    const err = await media.server.createEndpoint({ remoteSdp: offer }).catch((e) => e);
    expect(isMediaError(err, 'media.no_common_codec')).toBe(true);
    expect(err.message).toMatch(/PCMU or PCMA/);
    expect(media.server.pacingStats().endpoints).toBe(0);
  });

  it('rejects SRTP and garbage with typed errors', async () => {
    const srtp = media.peer.offer().replace('RTP/AVP', 'RTP/SAVP');
    expect(isMediaError(await media.server.createEndpoint({ remoteSdp: srtp }).catch((e) => e), 'media.no_common_codec')).toBe(true);
    expect(isMediaError(await media.server.createEndpoint({ remoteSdp: 'hello' }).catch((e) => e), 'media.sdp_invalid')).toBe(true);
  });

  it('answers a second (video) m-line with port 0', async () => {
    const offer = media.peer.offer() + 'm=video 9000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n';
    const ep = await media.server.createEndpoint({ remoteSdp: offer });
    const parsed = sdpTransform.parse(ep.localSdp);
    expect(parsed.media.map((m) => [m.type, m.port === 0])).toEqual([
      ['audio', false],
      ['video', true],
    ]);
    await ep.close();
  });

  it('honours hold and resume in re-offers (sendonly, inactive, c=0.0.0.0)', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer() });
    expect(audioOf(await ep.modify(media.peer.offer({ direction: 'sendonly' }))).m.direction).toBe('recvonly');
    expect(ep.direction).toBe('recvonly');
    expect(audioOf(await ep.modify(media.peer.offer({ direction: 'inactive' }))).m.direction).toBe('inactive');
    expect(audioOf(await ep.modify(media.peer.offer({ direction: 'recvonly' }))).m.direction).toBe('sendonly');
    await ep.modify(media.peer.offer({ address: '0.0.0.0' }));
    expect(ep.direction).toBe('recvonly');
    expect(ep.remote).toBeNull();
    const resumed = await ep.modify(media.peer.offer());
    expect(audioOf(resumed).m.direction).toBe('sendrecv');
    expect(audioOf(resumed).parsed.origin?.sessionVersion).toBeGreaterThan(0);
    await ep.close();
  });

  it('sends nothing while the remote has put the call on hold', async () => {
    const ep = await media.server.createEndpoint({ remoteSdp: media.peer.offer({ direction: 'sendonly' }) });
    media.peer.clear();
    const r = await ep.play({ kind: 'silence', ms: 200 });
    expect(r.reason).toBe('finished');
    expect(ep.stats().packetsSent).toBe(0);
    await ep.close();
  });
});

describe('making an offer (outbound leg)', () => {
  it('offers PCMU, PCMA and telephone-event, then applies the answer', async () => {
    const ep = await media.server.createEndpoint();
    const { m } = audioOf(ep.localSdp);
    expect(m.payloads).toBe('0 8 101');
    expect(ep.codec).toBeNull();
    await ep.setRemoteAnswer(media.peer.offer({ payloads: '8 101' }));
    expect(ep.codec).toBe('PCMA');
    expect(ep.dtmfPayloadType).toBe(101);
    expect(ep.remote?.port).toBe(media.peer.port);
    const again = await ep.setRemoteAnswer(media.peer.offer()).catch((e) => e);
    expect(isMediaError(again, 'media.state')).toBe(true);
    await ep.close();
  });

  it('rejects an answer without a codec we offered', async () => {
    const ep = await media.server.createEndpoint({ codecs: ['PCMU'] });
    expect(audioOf(ep.localSdp).m.payloads).toBe('0 101');
    const err = await ep.setRemoteAnswer(media.peer.offer({ payloads: '8 101' })).catch((e) => e);
    expect(isMediaError(err, 'media.no_common_codec')).toBe(true);
    await ep.close();
  });
});
