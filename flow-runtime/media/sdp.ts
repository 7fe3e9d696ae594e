// SDP offer/answer (RFC 3264) for one G.711 audio stream plus RFC 4733 telephone-event,
// parsed and written with sdp-transform.
//
// Answering an offer:
//   1. take the first audio m-line over RTP/AVP whose payload list holds PCMU (0) or PCMA (8)
//      (in the offerer's order, filtered by the codecs we accept); none → `media.no_common_codec`;
//   2. keep the offerer's telephone-event payload type if it offers one;
//   3. mirror the direction (their sendonly → our recvonly, …); `c=0.0.0.0` is the old hold;
//   4. answer every other m-line with port 0 (RFC 3264 §6: same number of m-lines).
import sdpTransform from 'sdp-transform';
import { MediaError } from './errors';
import { PAYLOAD_TYPE } from './g711';
import type { CodecName, MediaDirection } from './media-endpoint';

const STATIC_CODECS: Record<number, CodecName> = { 0: 'PCMU', 8: 'PCMA' };
export const DEFAULT_DTMF_PAYLOAD_TYPE = 101;

/** What we need from the remote description. */
export interface RemoteMedia {
  /** Where to send RTP (null when the remote is on hold with c=0.0.0.0 or port 0). */
  address: string | null;
  port: number;
  /** Audio payloads we could use, in the remote's order. */
  codecs: { name: CodecName; payloadType: number }[];
  dtmfPayloadType: number | null;
  /** The remote's direction attribute. */
  direction: MediaDirection;
  /** Index of the chosen audio m-line. */
  mediaIndex: number;
  ptime: number | null;
}

type ParsedSdp = ReturnType<typeof sdpTransform.parse>;
type ParsedMedia = ParsedSdp['media'][number];

export function parseSdp(sdp: string): ParsedSdp {
  if (typeof sdp !== 'string' || !/^v=0/m.test(sdp)) throw new MediaError('media.sdp_invalid', 'The remote SDP is empty or does not start with "v=0".');
  try {
    return sdpTransform.parse(sdp);
  } catch (err) {
    throw new MediaError('media.sdp_invalid', `The remote SDP could not be parsed: ${(err as Error).message}`, { cause: err });
  }
}

function mediaCodecs(m: ParsedMedia, accepted: readonly CodecName[]): { name: CodecName; payloadType: number }[] {
  const payloads = String(m.payloads ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const out: { name: CodecName; payloadType: number }[] = [];
  for (const pt of payloads) {
    const rtpmap = m.rtp.find((r) => r.payload === pt);
    let name: CodecName | undefined;
    if (rtpmap) {
      const upper = rtpmap.codec.toUpperCase();
      if ((upper === 'PCMU' || upper === 'PCMA') && rtpmap.rate === 8000) name = upper;
    } else {
      name = STATIC_CODECS[pt];
    }
    if (name && accepted.includes(name) && !out.some((c) => c.name === name)) out.push({ name, payloadType: pt });
  }
  return out;
}

function telephoneEvent(m: ParsedMedia): number | null {
  const te = m.rtp.find((r) => r.codec.toLowerCase() === 'telephone-event' && r.rate === 8000);
  return te ? te.payload : null;
}

function directionOf(m: ParsedMedia, session: ParsedSdp): MediaDirection {
  const d = (m.direction ?? (session as { direction?: MediaDirection }).direction ?? 'sendrecv') as MediaDirection;
  return d;
}

/** Reads the audio stream we would use from a remote offer or answer. */
export function readRemoteMedia(sdp: string, accepted: readonly CodecName[]): RemoteMedia {
  const parsed = parseSdp(sdp);
  const audio = parsed.media.map((m, i) => ({ m, i })).filter(({ m }) => m.type === 'audio');
  if (audio.length === 0) throw new MediaError('media.sdp_invalid', 'The remote SDP has no audio m-line.');
  const reasons: string[] = [];
  for (const { m, i } of audio) {
    if (m.protocol !== 'RTP/AVP' && m.protocol !== 'RTP/AVPF') {
      reasons.push(`transport ${m.protocol} (only RTP/AVP; SRTP is not supported)`);
      continue;
    }
    const codecs = mediaCodecs(m, accepted);
    if (codecs.length === 0) {
      reasons.push(`payloads "${m.payloads}" (need ${accepted.join(' or ')} at 8000 Hz)`);
      continue;
    }
    const ip = m.connection?.ip ?? parsed.connection?.ip ?? null;
    const onHoldAddress = ip === '0.0.0.0' || ip === '::';
    let direction = directionOf(m, parsed);
    // RFC 2543 hold: c=0.0.0.0 means "do not send to me".
    if (onHoldAddress) direction = direction === 'sendrecv' || direction === 'sendonly' ? 'sendonly' : 'inactive';
    return {
      address: onHoldAddress || m.port === 0 ? null : ip,
      port: m.port,
      codecs,
      dtmfPayloadType: telephoneEvent(m),
      direction,
      mediaIndex: i,
      ptime: m.ptime ?? null,
    };
  }
  throw new MediaError('media.no_common_codec', `The remote SDP offers no usable audio: ${reasons.join('; ')}.`);
}

/** Our direction in an answer to a remote direction (RFC 3264 §6.1). */
export function answerDirection(remote: MediaDirection, wanted: MediaDirection = 'sendrecv'): MediaDirection {
  const remoteSends = remote === 'sendrecv' || remote === 'sendonly';
  const remoteReceives = remote === 'sendrecv' || remote === 'recvonly';
  const weSend = remoteReceives && (wanted === 'sendrecv' || wanted === 'sendonly');
  const weReceive = remoteSends && (wanted === 'sendrecv' || wanted === 'recvonly');
  if (weSend && weReceive) return 'sendrecv';
  if (weSend) return 'sendonly';
  if (weReceive) return 'recvonly';
  return 'inactive';
}

export interface LocalDescription {
  sessionId: number;
  version: number;
  address: string;
  port: number;
  codecs: { name: CodecName; payloadType: number }[];
  dtmfPayloadType: number | null;
  direction: MediaDirection;
  /** For answers: the remote m-lines, so the others are answered with port 0. */
  answerTo?: { sdp: string; mediaIndex: number };
}

/** Writes our offer or answer. */
export function buildLocalSdp(d: LocalDescription): string {
  const ipVer = d.address.includes(':') ? 6 : 4;
  const audio = {
    type: 'audio',
    port: d.port,
    protocol: 'RTP/AVP',
    payloads: [...d.codecs.map((c) => c.payloadType), ...(d.dtmfPayloadType !== null ? [d.dtmfPayloadType] : [])].join(' '),
    rtp: [
      ...d.codecs.map((c) => ({ payload: c.payloadType, codec: c.name, rate: 8000 })),
      ...(d.dtmfPayloadType !== null ? [{ payload: d.dtmfPayloadType, codec: 'telephone-event', rate: 8000 }] : []),
    ],
    fmtp: d.dtmfPayloadType !== null ? [{ payload: d.dtmfPayloadType, config: '0-16' }] : [],
    ptime: 20,
    direction: d.direction,
  };
  let media: unknown[] = [audio];
  if (d.answerTo) {
    const remote = sdpTransform.parse(d.answerTo.sdp);
    media = remote.media.map((m, i) =>
      i === d.answerTo!.mediaIndex
        ? audio
        : { type: m.type, port: 0, protocol: m.protocol, payloads: String(m.payloads ?? '').split(/\s+/)[0] || '0', rtp: [], fmtp: [] },
    );
  }
  const session = {
    version: 0,
    origin: { username: 'relais', sessionId: d.sessionId, sessionVersion: d.version, netType: 'IN', ipVer, address: d.address },
    name: 'relais',
    connection: { version: ipVer, ip: d.address },
    timing: { start: 0, stop: 0 },
    media,
  };
  return sdpTransform.write(session as Parameters<typeof sdpTransform.write>[0]);
}

/** Codec list for an offer, in our preference order. */
export function offerCodecs(codecs: readonly CodecName[]): { name: CodecName; payloadType: number }[] {
  return codecs.map((name) => ({ name, payloadType: PAYLOAD_TYPE[name] }));
}
