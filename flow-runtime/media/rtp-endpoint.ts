// The in-process implementation of MediaEndpoint: one UDP socket per call leg, G.711 RTP
// paced by the shared MediaClock.
//
// Per 20 ms tick (while the endpoint may send, i.e. it is negotiated, has a remote address and
// the remote's SDP direction lets us send; otherwise only while it has a recording or a
// telephone-event to time out):
//   1. a queued DTMF packet (RFC 4733 event or in-band tone frame) is sent first; the prompt
//      frame of that tick is then skipped (audio is muted during DTMF, RFC 4733 §2.5.1.2);
//   2. otherwise the playback's next 160 samples are sent (the last frame padded with silence);
//   3. otherwise a G.711 silence frame is sent (a menu waiting for a key, a voicemail being
//      recorded, between prompts): carriers and SBCs hang up calls whose RTP stops. A bridged
//      leg gets silence only once the relay from its peer has stalled for RELAY_STALL_TICKS;
//   4. recording and RFC 4733 time-outs are polled.
// So the stream is continuous: sequence numbers and timestamps advance by one frame per tick
// across prompt / silence transitions, and the marker bit (RFC 3551 §4.1) is set only when the
// stream was not contiguous (first packet, after hold, after a stall or after relayed media).
// Received packets are handled as they arrive: latch the remote address (symmetric RTP),
// count, then telephone-events go to the RFC 4733 receiver and audio to the bridge peer, the
// recorder and the in-band detector.
import type dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { DeviationHistogram } from './deviation-histogram';
import { MediaError, throwIfAborted } from './errors';
import { decodeG711, decodeTable, encodeG711, FRAME_SAMPLES, PAYLOAD_TYPE, silenceByte, transcodeG711 } from './g711';
import type { ConferenceSeat } from './conference-mixer';
import { InbandDtmfDetector } from './inband-dtmf';
import { ipv4ToU32, socketFd, type RtpSocketFilter } from './native';
import { PacedPacket } from './paced-packet';
import type { ClockStream, MediaClock } from './media-clock';
import type {
  BridgeOptions,
  CodecName,
  CreateEndpointOptions,
  DtmfDigit,
  DtmfEvent,
  DtmfSource,
  EndpointStats,
  MediaDirection,
  MediaEndpoint,
  MediaEndpointEvents,
  PlayOptions,
  PlayResult,
  PromptFallback,
  PromptSource,
  RecordingResult,
  RecordOptions,
  SendDtmfOptions,
  TransportAddress,
} from './media-endpoint';
import type { PortAllocator } from './port-allocator';
import type { Prompt, PromptLibrary } from './prompt-library';
import { Recorder } from './recorder';
import { TwoWayRecorder } from './two-way-recorder';
import { DTMF_DIGITS, TelephoneEventReceiver, telephoneEventTrain } from './rfc4733';
import { buildRtpPacket, rtpPayloadEnd, rtpPayloadOffset } from './rtp-packet';
import { answerDirection, buildLocalSdp, DEFAULT_DTMF_PAYLOAD_TYPE, offerCodecs, readRemoteMedia, type RemoteMedia } from './sdp';
import { parseSipInfoDtmf } from './sip-info-dtmf';
import { synthesizeDtmf } from './tones';

/** What an endpoint needs from its server. */
export interface EndpointContext {
  clock: MediaClock;
  ports: PortAllocator;
  prompts: PromptLibrary;
  /** Address written in SDP (c= line). */
  advertisedAddress: string;
  recordingsDir: string;
  serverPacing: DeviationHistogram;
  /** Time from the tick's start to each paced send: the deviation our own sending adds. */
  serverSpread: DeviationHistogram;
  counters: { packetsSent: number; packetsReceived: number };
  /** The kernel receive filter (native/), or null: every packet is read. */
  socketFilter: RtpSocketFilter | null;
  onClosed(endpoint: RtpEndpoint): void;
}

interface Playback {
  prompts: Prompt[];
  item: number;
  offset: number;
  loop: boolean;
  bargeIn: boolean;
  sentSamples: number;
  resolve(result: PlayResult): void;
  cleanup(): void;
}

type DtmfAction = { kind: 'event'; payload: Buffer; first: boolean } | { kind: 'audio'; pcm: Int16Array } | { kind: 'gap' };

interface DtmfJob {
  actions: DtmfAction[];
  resolve(): void;
  reject(err: Error): void;
  cleanup(): void;
}

interface ActiveRecording {
  /** TwoWayRecorder for `sides: 'both'` (call recordings): it also gets what this endpoint sends. */
  recorder: Recorder | TwoWayRecorder;
  finishKeys: string;
  digit?: DtmfDigit;
  resolve(result: RecordingResult): void;
  reject(err: Error): void;
  cleanup(): void;
  finishing: boolean;
}

/** Inband detections this close to an RFC 4733 event are the same key press, not a new one. */
const INBAND_SUPPRESS_MS = 250;
/**
 * A bridged leg sends silence once nothing was relayed from its peer for this many ticks (the
 * peer's far end is on hold, uses silence suppression, or its packets are lost): 60 ms, more
 * than the jitter of a live stream, well under the 100 ms an inactivity timer could notice.
 */
const RELAY_STALL_TICKS = 3;
let recordingCounter = 0;

export class RtpEndpoint extends EventEmitter implements MediaEndpoint, ClockStream {
  readonly id = randomUUID();
  readonly label: string;
  localSdp = '';
  codec: CodecName | null = null;
  dtmfPayloadType: number | null = null;
  direction: MediaDirection = 'sendrecv';
  readonly local: TransportAddress;
  closed = false;
  bridgedTo: RtpEndpoint | null = null;
  /** Set by RtpConference while this endpoint is in a conference (conference-mixer.ts). */
  conferenceSeat: ConferenceSeat | null = null;

  private state: 'offering' | 'active' = 'active';
  private readonly acceptedCodecs: readonly CodecName[];
  private audioPayloadType = 0;
  private sdpAddress: TransportAddress | null = null;
  private latched: TransportAddress | null = null;
  private readonly sdpSessionId = Math.floor(Math.random() * 1e9);
  private sdpVersion = 0;
  private lastRemoteSdp: { sdp: string; mediaIndex: number } | null = null;

  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private seq = randomBytes(2).readUInt16BE(0);
  private readonly tsBase = randomBytes(4).readUInt32BE(0);
  private readonly tick0: number;
  private markNext = true;
  private registered = false;
  /** Timestamps of paced packets are shifted by this much (only forward) after relayed media ran ahead of our grid. */
  private tsShift = 0;
  /** Clock tick of the last paced audio packet (for the marker: was the stream contiguous?). */
  private lastPacedTick = -Infinity;
  /** Clock tick of the last packet relayed from the bridge peer. */
  private lastRelayTick = -Infinity;
  /** RTP timestamp of the newest audio packet sent (paced or relayed), so timestamps never go back. */
  private lastAudioTs: number | null = null;
  private readonly paced = new PacedPacket(this.ssrc);
  private readonly frameScratch = Buffer.alloc(FRAME_SAMPLES);
  private readonly encodeScratch = new Uint8Array(FRAME_SAMPLES);

  private playback: Playback | null = null;
  private playGeneration = 0;
  private dtmfJobs: DtmfJob[] = [];
  private eventTimestamp = 0;
  private activeRecording: ActiveRecording | null = null;
  private bridgeDtmf: 'forward' | 'consume' = 'forward';
  private relayIn: { ssrc: number; offset: number } | null = null;

  private readonly teReceiver: TelephoneEventReceiver;
  private readonly inband: InbandDtmfDetector;
  private readonly inbandMode: 'auto' | 'always' | 'never';
  private sawTelephoneEvents = false;
  private lastTelephoneEventAt = -Infinity;
  private readonly pcmScratch = new Int16Array(FRAME_SAMPLES);
  /** Last sequence number of the current remote SSRC (loss count), and of earlier SSRCs in the map. */
  private lastRemoteSsrc: number | null = null;
  private lastRemoteSeq = 0;
  private readonly remoteSeq = new Map<number, number>();

  /**
   * The kernel receive filter (native/): while nothing uses this leg's audio (a caller listening
   * to a menu or to hold music), the kernel drops its audio packets and only telephone-events and
   * packets from a new source reach onDatagram. `filterOn`, `filterLatch`, `filterPt`: what is attached.
   */
  private fd: number | null;
  private filterOn = false;
  private filterLatch: TransportAddress | null = null;
  private filterPt: number | null = null;
  /** Packets the kernel dropped on this socket before the current filter (SO_MEMINFO is cumulative). */
  private kernelDropsBase = 0;

  private readonly pacing = new DeviationHistogram();
  private readonly counters = { packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0, packetsLost: 0 };

  constructor(
    private readonly ctx: EndpointContext,
    private readonly socket: dgram.Socket,
    port: number,
    options: CreateEndpointOptions,
  ) {
    super();
    this.label = options.label ?? this.id;
    this.local = { address: ctx.advertisedAddress, port };
    this.acceptedCodecs = options.codecs?.length ? options.codecs : ['PCMU', 'PCMA'];
    this.inbandMode = options.inbandDtmf ?? 'auto';
    this.tick0 = ctx.clock.currentTick();
    this.teReceiver = new TelephoneEventReceiver({
      begin: (digit) => this.digitBegan(digit, 'rfc4733'),
      end: (digit, ms) => this.digitEnded(digit, ms, 'rfc4733'),
    });
    this.inband = new InbandDtmfDetector({
      begin: (digit) => {
        if (!this.inbandSuppressed()) this.digitBegan(digit, 'inband');
      },
      end: (digit, ms) => {
        if (!this.inbandSuppressed()) this.digitEnded(digit, ms, 'inband');
      },
    });
    this.fd = ctx.socketFilter ? socketFd(socket) : null;
    socket.on('message', (buf, rinfo) => this.onDatagram(buf, rinfo));
    socket.on('error', (err) => {
      if (!this.closed) this.emitError(new MediaError('media.transport_error', `RTP socket error on port ${port}: ${err.message}`, { cause: err }));
    });
  }

  // ---- SDP ---------------------------------------------------------------------------------

  /** Answers a remote offer (called once by the server, then by modify()). */
  applyRemoteOffer(sdp: string, remote: RemoteMedia): string {
    const keep = remote.codecs.find((c) => c.name === this.codec);
    const chosen = keep ?? remote.codecs[0];
    this.codec = chosen.name;
    this.audioPayloadType = chosen.payloadType;
    this.dtmfPayloadType = remote.dtmfPayloadType;
    this.direction = answerDirection(remote.direction);
    this.setRemoteAddress(remote);
    this.lastRemoteSdp = { sdp, mediaIndex: remote.mediaIndex };
    this.state = 'active';
    this.localSdp = buildLocalSdp({
      sessionId: this.sdpSessionId,
      version: this.sdpVersion++,
      address: this.local.address,
      port: this.local.port,
      codecs: [chosen],
      dtmfPayloadType: this.dtmfPayloadType,
      direction: this.direction,
      answerTo: this.lastRemoteSdp,
    });
    this.syncClock();
    return this.localSdp;
  }

  /** Makes our offer (outbound legs). */
  makeOffer(): string {
    this.state = 'offering';
    this.localSdp = buildLocalSdp({
      sessionId: this.sdpSessionId,
      version: this.sdpVersion++,
      address: this.local.address,
      port: this.local.port,
      codecs: offerCodecs(this.acceptedCodecs),
      dtmfPayloadType: DEFAULT_DTMF_PAYLOAD_TYPE,
      direction: 'sendrecv',
    });
    return this.localSdp;
  }

  async setRemoteAnswer(sdp: string): Promise<void> {
    this.assertOpen('setRemoteAnswer');
    if (this.state !== 'offering') throw new MediaError('media.state', 'setRemoteAnswer() needs an endpoint created without remoteSdp (an outbound offer); use modify() for a new offer.');
    const remote = readRemoteMedia(sdp, this.acceptedCodecs);
    this.codec = remote.codecs[0].name;
    this.audioPayloadType = remote.codecs[0].payloadType;
    this.dtmfPayloadType = remote.dtmfPayloadType;
    this.direction = answerDirection(remote.direction);
    this.setRemoteAddress(remote);
    this.state = 'active';
    this.syncClock();
  }

  async modify(remoteOffer: string): Promise<string> {
    this.assertOpen('modify');
    if (this.state === 'offering') throw new MediaError('media.state', 'modify() needs a negotiated endpoint; apply the answer to our offer with setRemoteAnswer() first.');
    return this.applyRemoteOffer(remoteOffer, readRemoteMedia(remoteOffer, this.acceptedCodecs));
  }

  private setRemoteAddress(remote: RemoteMedia): void {
    const next = remote.address ? { address: remote.address, port: remote.port } : null;
    if (!next || !this.sdpAddress || next.address !== this.sdpAddress.address || next.port !== this.sdpAddress.port) this.latched = null;
    this.sdpAddress = next;
    this.markNext = true;
  }

  get remote(): TransportAddress | null {
    return this.latched ?? this.sdpAddress;
  }

  private get canSend(): boolean {
    return this.direction === 'sendrecv' || this.direction === 'sendonly';
  }

  /** Negotiated, with somewhere to send and a direction that lets us send: the stream never stops. */
  private get sendsContinuously(): boolean {
    return this.state === 'active' && this.codec !== null && this.canSend && this.remote !== null;
  }

  private get canReceive(): boolean {
    return this.direction === 'sendrecv' || this.direction === 'recvonly';
  }

  // ---- playback ----------------------------------------------------------------------------

  get playing(): boolean {
    return this.playback !== null;
  }

  async play(source: PromptSource | readonly PromptSource[], options: PlayOptions = {}): Promise<PlayResult> {
    this.assertOpen('play');
    throwIfAborted(options.signal, 'play');
    if (this.bridgedTo) throw new MediaError('media.busy', 'Cannot play on a bridged endpoint; unbridge() it first.');
    if (this.conferenceSeat) throw new MediaError('media.busy', 'Cannot play on an endpoint in a conference; remove it from the conference first.');
    const sources = (Array.isArray(source) ? source : [source]) as readonly PromptSource[];
    if (sources.length === 0) throw new MediaError('media.invalid_argument', 'play() needs at least one prompt source.');
    this.finishPlayback('stopped');
    const generation = ++this.playGeneration;
    let prompts: Prompt[];
    let fallbacks: PromptFallback[] | undefined;
    if (options.fallback) {
      const loaded = await Promise.all(sources.map((s) => this.ctx.prompts.loadOrFallback(s)));
      prompts = loaded.map((l) => l.prompt);
      const failed = loaded.flatMap((l, index) => (l.fallback ? [{ ...l.fallback, index }] : []));
      if (failed.length) fallbacks = failed;
    } else {
      prompts = await Promise.all(sources.map((s) => this.ctx.prompts.load(s)));
    }
    throwIfAborted(options.signal, 'play');
    const withFallbacks = (r: PlayResult): PlayResult => (fallbacks ? { ...r, fallbacks } : r);
    if (this.closed) return this.emitPlayback(withFallbacks({ reason: 'closed', playedMs: 0 }));
    if (generation !== this.playGeneration || this.bridgedTo) return this.emitPlayback(withFallbacks({ reason: 'stopped', playedMs: 0 }));
    if (prompts.every((p) => p.pcm.length === 0)) return this.emitPlayback(withFallbacks({ reason: 'finished', playedMs: 0 }));
    return new Promise<PlayResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.playback !== pb) return;
        this.playback = null;
        pb.cleanup();
        this.syncClock();
        reject(new MediaError('media.aborted', 'play was cancelled'));
      };
      const pb: Playback = {
        prompts,
        item: 0,
        offset: 0,
        loop: options.loop ?? false,
        bargeIn: options.bargeIn ?? false,
        sentSamples: 0,
        resolve: (r) => resolve(this.emitPlayback(withFallbacks(r))),
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.playback = pb;
      this.syncClock();
    });
  }

  stopPlayback(): void {
    this.playGeneration++;
    this.finishPlayback('stopped');
  }

  private finishPlayback(reason: PlayResult['reason']): void {
    const pb = this.playback;
    if (!pb) return;
    this.playback = null;
    pb.cleanup();
    this.syncClock();
    pb.resolve({ reason, playedMs: Math.round(pb.sentSamples / 8) });
  }

  private emitPlayback(result: PlayResult): PlayResult {
    queueMicrotask(() => this.emit('playback-finished', result));
    return result;
  }

  /** The next 160 samples of the playback, G.711 encoded; finishes it after its last frame. */
  private nextPlaybackFrame(pb: Playback, codec: CodecName): Uint8Array {
    const whole = pb.prompts[pb.item].encode(codec);
    if (pb.offset + FRAME_SAMPLES < whole.length || (pb.offset + FRAME_SAMPLES === whole.length && pb.item + 1 < pb.prompts.length)) {
      // Fast path: a full frame inside one prompt, no copy (buildRtpPacket copies it).
      const frame = whole.subarray(pb.offset, pb.offset + FRAME_SAMPLES);
      pb.offset += FRAME_SAMPLES;
      if (pb.offset === whole.length) {
        pb.offset = 0;
        pb.item++;
      }
      pb.sentSamples += FRAME_SAMPLES;
      return frame;
    }
    const frame = this.frameScratch.fill(silenceByte(codec));
    let filled = 0;
    let guard = 0;
    while (filled < FRAME_SAMPLES && guard++ < 64) {
      const prompt = pb.prompts[pb.item];
      const encoded = prompt.encode(codec);
      const take = Math.min(FRAME_SAMPLES - filled, encoded.length - pb.offset);
      if (take > 0) {
        frame.set(encoded.subarray(pb.offset, pb.offset + take), filled);
        filled += take;
        pb.offset += take;
      }
      if (pb.offset >= encoded.length) {
        pb.offset = 0;
        pb.item++;
        if (pb.item >= pb.prompts.length) {
          if (!pb.loop) break;
          pb.item = 0;
        }
      }
    }
    pb.sentSamples += filled;
    return frame;
  }

  // ---- paced sending -----------------------------------------------------------------------

  onTick(tick: number, due: number): void {
    if (this.closed) return;
    const timestamp = this.pacedTimestamp(tick);
    const codec = this.codec;
    let sent = false;

    const job = this.dtmfJobs[0];
    if (job && codec) {
      const action = job.actions.shift()!;
      if (action.kind === 'event') {
        if (action.first) this.eventTimestamp = timestamp;
        this.sendPacket(this.dtmfPayloadType!, action.first, this.eventTimestamp, action.payload, due);
        sent = true;
      } else if (action.kind === 'audio') {
        const frame = action.pcm.length === FRAME_SAMPLES ? encodeG711(codec, action.pcm, this.encodeScratch) : encodeG711(codec, action.pcm);
        this.sendAudioFrame(tick, timestamp, frame, due);
        sent = true;
      }
      if (job.actions.length === 0) {
        this.dtmfJobs.shift();
        job.cleanup();
        job.resolve();
        this.markNext = true;
      }
    }

    const pb = this.playback;
    if (pb && codec) {
      const frame = this.nextPlaybackFrame(pb, codec);
      if (!sent) this.sendAudioFrame(tick, timestamp, frame, due);
      sent = true;
      if (!pb.loop && pb.item >= pb.prompts.length) this.finishPlayback('finished');
    }

    // In a conference: the mix of the others, prepared by the mixer earlier in this tick.
    const seat = this.conferenceSeat;
    if (!sent && codec && seat) {
      this.sendAudioFrame(tick, timestamp, seat.outTick === tick && !seat.outSilent ? seat.out : codec, due);
      sent = true;
    }

    // Nothing to say: silence, so the far end's RTP inactivity timer never fires. While bridged,
    // only when the peer's relayed media has stopped; the relay then starts a new talkspurt.
    if (!sent && codec && (!this.bridgedTo || tick - this.lastRelayTick > RELAY_STALL_TICKS)) {
      if (this.sendAudioFrame(tick, timestamp, codec, due) && this.bridgedTo) this.relayIn = null;
    }

    this.teReceiver.poll();
    const rec = this.activeRecording;
    if (rec) {
      rec.recorder.poll();
      if (rec.recorder.endReason) void this.finishRecording(rec.recorder.endReason);
    }
    this.syncClock();
  }

  /** Grid timestamp of a tick: one frame per tick since the endpoint was created. */
  private pacedTimestamp(tick: number): number {
    return (this.tsBase + (tick - this.tick0) * FRAME_SAMPLES + this.tsShift) >>> 0;
  }

  /**
   * Sends one paced 20 ms audio frame (`payload`: 160 bytes, or a codec name for silence)
   * through the reusable packet. Returns false when nothing could be sent (no address, on hold).
   */
  private sendAudioFrame(tick: number, timestamp: number, payload: Uint8Array | CodecName, due: number): boolean {
    const to = this.remote;
    if (!to || !this.canSend || this.closed) return false;
    // After relayed media (which follows the peer's clock) our grid may be behind: never send
    // a timestamp that is not newer than the last one.
    if (this.lastAudioTs !== null) {
      const ahead = (timestamp - this.lastAudioTs) | 0;
      if (ahead < FRAME_SAMPLES) {
        this.tsShift += FRAME_SAMPLES - ahead;
        timestamp = (timestamp + FRAME_SAMPLES - ahead) >>> 0;
      }
    }
    const marker = this.markNext || this.lastPacedTick !== tick - 1;
    this.seq = (this.seq + 1) & 0xffff;
    const packet =
      typeof payload === 'string' || payload.length === FRAME_SAMPLES
        ? this.paced.write(this.audioPayloadType, marker, this.seq, timestamp, payload)
        : buildRtpPacket({ payloadType: this.audioPayloadType, marker, sequenceNumber: this.seq, timestamp, ssrc: this.ssrc }, payload);
    this.transmit(packet, to, due);
    this.paced.afterSend(this.socket);
    this.recordSent(payload);
    this.markNext = false;
    this.lastPacedTick = tick;
    this.lastAudioTs = timestamp;
    return true;
  }

  private sendPacket(payloadType: number, marker: boolean, timestamp: number, payload: Uint8Array, due?: number): boolean {
    const to = this.remote;
    if (!to || !this.canSend || this.closed) return false;
    this.seq = (this.seq + 1) & 0xffff;
    this.transmit(buildRtpPacket({ payloadType, marker, sequenceNumber: this.seq, timestamp, ssrc: this.ssrc }, payload), to, due);
    return true;
  }

  private transmit(packet: Buffer, to: TransportAddress, due: number | undefined): void {
    if (due !== undefined) {
      const now = performance.now();
      this.pacing.record(now - due);
      this.ctx.serverPacing.record(now - due);
      this.ctx.serverSpread.record(now - this.ctx.clock.tickStartedAt);
    }
    // No per-packet callback (one closure less per packet): send errors surface as the socket's 'error' event.
    this.socket.send(packet, to.port, to.address);
    this.counters.packetsSent++;
    this.counters.bytesSent += packet.length;
    this.ctx.counters.packetsSent++;
  }

  private needsTick(): boolean {
    return !this.closed && (this.sendsContinuously || this.playback !== null || this.dtmfJobs.length > 0 || this.activeRecording !== null || this.teReceiver.active);
  }

  private syncClock(): void {
    this.refreshReceiveFilter();
    const needs = this.needsTick();
    if (needs === this.registered) return;
    this.registered = needs;
    if (needs) this.ctx.clock.add(this);
    else this.ctx.clock.remove(this);
  }

  // ---- receiving ---------------------------------------------------------------------------

  /**
   * One received datagram. The hot path of a held call (50 packets/s per leg): the header is
   * read in place (the rules of rtp-packet.ts' parseRtpPacket) and nothing is allocated unless
   * the payload is used: telephone-events, a bridge or conference, a recording, or in-band DTMF
   * detection, which only runs when the far end did not negotiate telephone-event (or with
   * `inbandDtmf: 'always'`).
   */
  private onDatagram(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    if (this.closed) return;
    const end = rtpPayloadEnd(buf);
    if (end < 0) return;
    const payloadType = buf[1] & 0x7f;
    const isDtmf = this.dtmfPayloadType !== null && payloadType === this.dtmfPayloadType;
    const audioCodec = isDtmf ? null : this.codecOf(payloadType);
    if (!isDtmf && !audioCodec) return;
    this.counters.packetsReceived++;
    this.counters.bytesReceived += buf.length;
    this.ctx.counters.packetsReceived++;
    const ssrc = buf.readUInt32BE(8);
    this.countLoss(ssrc, buf.readUInt16BE(2));
    // Symmetric RTP: answer where the media really comes from (NAT), once it is seen.
    const latched = this.latched;
    if (!latched || latched.port !== rinfo.port || latched.address !== rinfo.address) {
      this.latched = { address: rinfo.address, port: rinfo.port };
      this.syncClock();
    }
    if (!this.canReceive) return;
    const seat = this.conferenceSeat;
    const peer = this.bridgedTo;
    const rec = this.activeRecording;
    const wantInband = this.inbandMode === 'always' || (this.inbandMode === 'auto' && this.dtmfPayloadType === null);
    if (!isDtmf && !seat && !peer && !rec && !wantInband) return; // a caller listening to a menu: nothing to do
    const payload = buf.subarray(rtpPayloadOffset(buf), end);
    const timestamp = buf.readUInt32BE(4);
    if (isDtmf) {
      this.sawTelephoneEvents = true;
      this.lastTelephoneEventAt = performance.now();
      if (peer && this.bridgeDtmf === 'forward' && peer.dtmfPayloadType !== null) peer.relay(ssrc, timestamp, (buf[1] & 0x80) !== 0, peer.dtmfPayloadType, payload);
      this.teReceiver.handle(timestamp, payload);
      this.syncClock();
      return;
    }
    if (seat) seat.push(ssrc, timestamp, payload, audioCodec!);
    if (peer?.codec) peer.relay(ssrc, timestamp, (buf[1] & 0x80) !== 0, peer.audioPayloadType, transcodeG711(audioCodec!, peer.codec, payload));
    if (wantInband) this.inband.pushEncoded(payload, decodeTable(audioCodec!));
    if (rec) {
      const pcm = payload.length === FRAME_SAMPLES ? decodeG711(audioCodec!, payload, this.pcmScratch) : decodeG711(audioCodec!, payload);
      rec.recorder.push(ssrc, timestamp, pcm);
      if (rec.recorder.endReason) void this.finishRecording(rec.recorder.endReason);
    }
  }

  private codecOf(payloadType: number): CodecName | null {
    if (payloadType === this.audioPayloadType && this.codec) return this.codec;
    if (payloadType === PAYLOAD_TYPE.PCMU) return 'PCMU';
    if (payloadType === PAYLOAD_TYPE.PCMA) return 'PCMA';
    return null;
  }

  private countLoss(ssrc: number, seq: number): void {
    let last: number | undefined;
    if (ssrc === this.lastRemoteSsrc) last = this.lastRemoteSeq;
    else {
      // Another source (rare: a new SSRC after a re-INVITE or a transfer): keep the previous one's state aside.
      if (this.lastRemoteSsrc !== null) this.remoteSeq.set(this.lastRemoteSsrc, this.lastRemoteSeq);
      last = this.remoteSeq.get(ssrc);
      this.lastRemoteSsrc = ssrc;
    }
    if (last !== undefined) {
      const delta = (seq - last) & 0xffff;
      if (delta === 0 || delta > 0x8000) {
        this.lastRemoteSeq = last;
        return; // duplicate or reordered
      }
      if (delta > 1 && delta < 3000) this.counters.packetsLost += delta - 1;
    }
    this.lastRemoteSeq = seq;
  }

  /** Sends a packet relayed from the bridge peer, keeping its timing (timestamps are re-based). */
  private relay(ssrc: number, pktTimestamp: number, pktMarker: boolean, payloadType: number, payload: Uint8Array): void {
    if (this.dtmfJobs.length > 0 && payloadType === this.audioPayloadType) return; // muted while we send DTMF
    let marker = pktMarker;
    const tick = this.ctx.clock.currentTick();
    if (!this.relayIn || this.relayIn.ssrc !== ssrc) {
      // Re-base the peer's timestamps on our clock, after the newest timestamp already sent
      // (silence may have gone out in this very tick).
      let now = this.pacedTimestamp(tick);
      if (this.lastAudioTs !== null && ((now - this.lastAudioTs) | 0) < FRAME_SAMPLES) now = (this.lastAudioTs + FRAME_SAMPLES) >>> 0;
      this.relayIn = { ssrc, offset: (now - pktTimestamp) >>> 0 };
      marker = true;
    }
    const timestamp = (pktTimestamp + this.relayIn.offset) >>> 0;
    if (!this.sendPacket(payloadType, marker, timestamp, payload)) return;
    if (payloadType === this.audioPayloadType) this.recordSent(payload);
    this.lastRelayTick = tick;
    this.lastPacedTick = -Infinity; // the paced stream (silence) that follows starts a new talkspurt
    if (payloadType === this.audioPayloadType && (this.lastAudioTs === null || ((timestamp - this.lastAudioTs) | 0) > 0)) this.lastAudioTs = timestamp;
  }

  // ---- DTMF --------------------------------------------------------------------------------

  private inbandSuppressed(): boolean {
    return this.teReceiver.active || performance.now() - this.lastTelephoneEventAt < INBAND_SUPPRESS_MS;
  }

  private digitBegan(digit: DtmfDigit, source: DtmfSource): void {
    if (this.playback?.bargeIn) {
      this.playGeneration++;
      this.finishPlayback('barge-in');
    }
    const rec = this.activeRecording;
    if (rec && rec.finishKeys.includes(digit) && !rec.recorder.endReason) {
      rec.recorder.endReason = 'finish-key';
      rec.digit = digit;
      void this.finishRecording('finish-key');
    }
    this.emit('dtmf-begin', { digit, source });
  }

  private digitEnded(digit: DtmfDigit, durationMs: number, source: DtmfSource): DtmfEvent {
    const event: DtmfEvent = { digit, durationMs, source, at: performance.now() };
    this.emit('dtmf', event);
    // Forward out-of-band digits to a peer that cannot take RFC 4733 packets as in-band tones.
    const peer = this.bridgedTo;
    if (peer && this.bridgeDtmf === 'forward' && source !== 'inband' && (source === 'info' || peer.dtmfPayloadType === null)) {
      peer.sendDtmf(digit, { durationMs: Math.max(60, Math.min(durationMs, 500)) }).catch(() => {});
    }
    return event;
  }

  handleSipInfo(contentType: string, body: string): DtmfEvent | null {
    if (this.closed) return null;
    const parsed = parseSipInfoDtmf(contentType, body);
    if (!parsed) return null;
    const event: DtmfEvent = { digit: parsed.digit, durationMs: parsed.durationMs, source: 'info', at: performance.now() };
    setImmediate(() => {
      if (this.closed) return;
      this.digitBegan(parsed.digit, 'info');
      this.digitEnded(parsed.digit, parsed.durationMs, 'info');
    });
    return event;
  }

  sendDtmf(digits: string, options: SendDtmfOptions = {}): Promise<void> {
    try {
      this.assertOpen('sendDtmf');
      throwIfAborted(options.signal, 'sendDtmf');
      if (!digits || [...digits].some((d) => !DTMF_DIGITS.includes(d.toUpperCase()))) {
        throw new MediaError('media.invalid_argument', `sendDtmf() takes digits 0-9, *, #, A-D; got "${digits}".`);
      }
      if (!this.codec) throw new MediaError('media.state', 'sendDtmf() needs a negotiated endpoint (apply the remote answer first).');
    } catch (err) {
      return Promise.reject(err);
    }
    const durationMs = Math.max(40, options.durationMs ?? 100);
    const gapTicks = Math.max(1, Math.round((options.gapMs ?? 60) / 20));
    const actions: DtmfAction[] = [];
    for (const d of digits) {
      if (this.dtmfPayloadType !== null) {
        telephoneEventTrain(d, durationMs).forEach((payload, i) => actions.push({ kind: 'event', payload, first: i === 0 }));
      } else {
        const pcm = synthesizeDtmf(d, Math.round(durationMs / 20) * 20);
        for (let o = 0; o < pcm.length; o += FRAME_SAMPLES) actions.push({ kind: 'audio', pcm: pcm.subarray(o, o + FRAME_SAMPLES) });
      }
      for (let g = 0; g < gapTicks; g++) actions.push({ kind: 'gap' });
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.dtmfJobs.indexOf(job);
        if (i < 0) return;
        this.dtmfJobs.splice(i, 1);
        this.syncClock();
        reject(new MediaError('media.aborted', 'sendDtmf was cancelled'));
      };
      const job: DtmfJob = { actions, resolve, reject, cleanup: () => options.signal?.removeEventListener('abort', onAbort) };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.dtmfJobs.push(job);
      this.syncClock();
    });
  }

  // ---- recording ---------------------------------------------------------------------------

  get recording(): boolean {
    return this.activeRecording !== null;
  }

  async record(options: RecordOptions): Promise<RecordingResult> {
    this.assertOpen('record');
    throwIfAborted(options.signal, 'record');
    if (this.activeRecording) throw new MediaError('media.busy', 'This endpoint is already recording; stopRecording() first.');
    if (!(options.maxDurationMs > 0)) throw new MediaError('media.invalid_argument', `record() needs maxDurationMs > 0, got ${options.maxDurationMs}.`);
    const finishKeys = typeof options.finishKeys === 'string' ? options.finishKeys : (options.finishKeys ?? []).join('');
    const file = options.path ?? path.join(this.ctx.recordingsDir, `${this.id}-${++recordingCounter}.wav`);
    const recorderOptions = {
      path: path.resolve(file),
      maxDurationMs: options.maxDurationMs,
      silenceTimeoutMs: options.silenceTimeoutMs ?? 0,
      silenceThresholdDb: options.silenceThresholdDb ?? -45,
    };
    const recorder = options.sides === 'both' ? new TwoWayRecorder(recorderOptions) : new Recorder(recorderOptions);
    return new Promise<RecordingResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.activeRecording !== rec) return;
        this.activeRecording = null;
        rec.cleanup();
        this.syncClock();
        void rm(recorder.options.path, { force: true });
        reject(new MediaError('media.aborted', 'record was cancelled; nothing was kept'));
      };
      const rec: ActiveRecording = {
        recorder,
        finishKeys: finishKeys.toUpperCase(),
        resolve,
        reject,
        cleanup: () => options.signal?.removeEventListener('abort', onAbort),
        finishing: false,
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.activeRecording = rec;
      this.syncClock();
    });
  }

  /** What this endpoint just sent (a G.711 frame of our codec, or a codec name for silence), for a two-way recording. */
  private recordSent(payload: Uint8Array | CodecName): void {
    const rec = this.activeRecording?.recorder;
    if (!(rec instanceof TwoWayRecorder) || !this.codec) return;
    if (typeof payload === 'string') return rec.pushSent(new Int16Array(FRAME_SAMPLES));
    rec.pushSent(decodeG711(this.codec, payload));
  }

  stopRecording(): void {
    if (this.activeRecording && !this.activeRecording.recorder.endReason) this.activeRecording.recorder.endReason = 'stopped';
    void this.finishRecording('stopped');
  }

  private async finishRecording(reason: RecordingResult['reason']): Promise<void> {
    const rec = this.activeRecording;
    if (!rec || rec.finishing) return;
    rec.finishing = true;
    this.activeRecording = null;
    rec.cleanup();
    this.syncClock();
    const finalReason = rec.recorder.endReason ?? reason;
    try {
      const written = await rec.recorder.write();
      rec.resolve({ ...written, reason: finalReason, ...(rec.digit ? { digit: rec.digit } : {}) });
    } catch (err) {
      rec.reject(err as Error);
    }
  }

  // ---- bridging ----------------------------------------------------------------------------

  async bridge(other: MediaEndpoint, options: BridgeOptions = {}): Promise<void> {
    this.assertOpen('bridge');
    if (!(other instanceof RtpEndpoint)) throw new MediaError('media.invalid_argument', 'bridge() needs another endpoint of the same media server.');
    if (other === this) throw new MediaError('media.invalid_argument', 'An endpoint cannot be bridged to itself.');
    if (other.closed) throw new MediaError('media.closed', 'The endpoint to bridge to is closed.');
    if (this.conferenceSeat || other.conferenceSeat) throw new MediaError('media.busy', 'Cannot bridge an endpoint that is in a conference; remove it from the conference first.');
    if (this.bridgedTo === other) return;
    await this.unbridge();
    await other.unbridge();
    this.stopPlayback();
    other.stopPlayback();
    const dtmf = options.dtmf ?? 'forward';
    this.bridgedTo = other;
    other.bridgedTo = this;
    this.bridgeDtmf = other.bridgeDtmf = dtmf;
    this.relayIn = other.relayIn = null;
    this.refreshReceiveFilter();
    other.refreshReceiveFilter();
  }

  async unbridge(): Promise<void> {
    const peer = this.bridgedTo;
    if (!peer) return;
    this.bridgedTo = null;
    peer.bridgedTo = null;
    this.markNext = peer.markNext = true;
    this.refreshReceiveFilter();
    peer.refreshReceiveFilter();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** True when this endpoint runs on `clock` (i.e. belongs to the server that owns it). */
  sharesClock(clock: MediaClock): boolean {
    return this.ctx.clock === clock;
  }

  stats(): EndpointStats {
    // Audio the kernel filter dropped did arrive: count it as received (not in bytes or loss).
    return { ...this.counters, packetsReceived: this.counters.packetsReceived + this.filteredPackets(), pacing: this.pacing.stats() };
  }

  /**
   * Attaches, changes or removes the kernel receive filter so that it matches what this leg
   * needs now. Called on each state change that matters (syncClock: latching, offers, answers,
   * recordings; bridge/unbridge; joining or leaving a conference): the filter is on only while no
   * bridge, conference, recording or in-band detection uses the audio, once the far end's source
   * is known (latched); it lets through telephone-events and any packet from another source (the
   * far end moved: we re-latch, then the filter follows).
   */
  refreshReceiveFilter(): void {
    const filter = this.ctx.socketFilter;
    if (!filter || this.fd === null) return;
    const latched = this.latched;
    const wantInband = this.inbandMode === 'always' || (this.inbandMode === 'auto' && this.dtmfPayloadType === null);
    const source = !this.closed && latched && !this.bridgedTo && !this.conferenceSeat && !this.activeRecording && !wantInband ? filterSource(latched) : null;
    const on = source !== null;
    if (on === this.filterOn && (!on || (latched === this.filterLatch && this.dtmfPayloadType === this.filterPt))) return;
    try {
      const drops = filter.drops(this.fd);
      if (this.filterOn) this.counters.packetsReceived += drops - this.kernelDropsBase;
      this.kernelDropsBase = drops;
      if (source) filter.attachEventsOnly(this.fd, source.family, this.dtmfPayloadType ?? 128, source.ipv4, latched!.port);
      else filter.detach(this.fd);
      this.filterOn = on;
      this.filterLatch = latched;
      this.filterPt = this.dtmfPayloadType;
    } catch (err) {
      // The socket is closing, or the kernel refused: read every packet, as without the filter.
      this.filterOn = false;
      this.fd = null;
      if (!this.closed) this.emitError(new MediaError('media.transport_error', `RTP receive filter on port ${this.local.port}: ${(err as Error).message}`, { cause: err }));
    }
  }

  private filteredPackets(): number {
    if (!this.filterOn || this.fd === null || !this.ctx.socketFilter) return 0;
    try {
      return this.ctx.socketFilter.drops(this.fd) - this.kernelDropsBase;
    } catch {
      return 0;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.unbridge();
    this.conferenceSeat?.conference.detach(this); // the others keep hearing each other
    this.closed = true;
    this.finishPlayback('closed');
    for (const job of this.dtmfJobs.splice(0)) {
      job.cleanup();
      job.reject(new MediaError('media.closed', 'The endpoint was closed before the digits were sent.'));
    }
    if (this.registered) this.ctx.clock.remove(this);
    this.registered = false;
    this.counters.packetsReceived += this.filteredPackets();
    this.filterOn = false;
    await this.finishRecording('closed');
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
    this.ctx.ports.release(this.local.port);
    this.ctx.onClosed(this);
    this.emit('closed');
  }

  private assertOpen(op: string): void {
    if (this.closed) throw new MediaError('media.closed', `${op}() on a closed endpoint (${this.label}).`);
  }

  private emitError(err: MediaError): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  // Typed event methods (EventEmitter's are untyped).
  override on<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this {
    return super.on(event, listener);
  }
  override once<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this {
    return super.once(event, listener);
  }
  override off<K extends keyof MediaEndpointEvents>(event: K, listener: MediaEndpointEvents[K]): this {
    return super.off(event, listener);
  }
}

/** How the kernel filter names a latched source: IPv4 (address compared), IPv6 (port only), or null. */
function filterSource(latched: TransportAddress): { family: 4 | 6; ipv4: number } | null {
  const ipv4 = ipv4ToU32(latched.address);
  if (ipv4 !== null) return { family: 4, ipv4 };
  return latched.address.includes(':') ? { family: 6, ipv4: 0 } : null;
}
