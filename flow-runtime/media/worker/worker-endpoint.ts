// The main-thread side of an endpoint that lives in the media worker: a thin proxy that keeps
// the whole MediaEndpoint contract.
// - Operations become requests; their promises settle with the worker's reply (MediaError codes
//   kept). An AbortSignal becomes an 'abort' message; the worker rejects with `media.aborted`.
// - Synchronous getters read the last state snapshot the worker pushed (with every reply and
//   event that changed it). stopPlayback/stopRecording/close also update it at once, as the
//   in-process endpoint does.
// - SIP INFO bodies are parsed here (the caller gets its DtmfEvent back synchronously); the
//   digit is forwarded to the worker, which emits 'dtmf-begin'/'dtmf' and does barge-in,
//   finish keys and bridge forwarding as for any digit.
// - If the worker dies: pending plays resolve 'closed', recordings reject `media.record_failed`
//   (the WAV was being written by the dead thread), everything else rejects `media.closed`,
//   then 'closed' is emitted.
import { EventEmitter } from 'node:events';
import { MediaError } from '../errors';
import type {
  BridgeOptions,
  DtmfEvent,
  EndpointStats,
  MediaEndpoint,
  MediaEndpointEvents,
  PlayOptions,
  PlayResult,
  PromptSource,
  RecordingResult,
  RecordOptions,
  SendDtmfOptions,
} from '../media-endpoint';
import { parseSipInfoDtmf } from '../sip-info-dtmf';
import { fromEpochMs, fromWireError, type EndpointCall, type EndpointSnapshot, type WorkerEvent } from './protocol';
import type { RequestOptions, WorkerConnection } from './worker-connection';

const EMPTY_ENDPOINT_STATS: EndpointStats = {
  packetsSent: 0,
  packetsReceived: 0,
  bytesSent: 0,
  bytesReceived: 0,
  packetsLost: 0,
  pacing: { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 },
};

export class WorkerEndpoint extends EventEmitter implements MediaEndpoint {
  private closing = false;
  private finalStats: EndpointStats | null = null;

  constructor(
    private readonly connection: WorkerConnection,
    private state: EndpointSnapshot,
  ) {
    super();
  }

  get id(): string {
    return this.state.id;
  }
  get localSdp(): string {
    return this.state.localSdp;
  }
  get codec(): EndpointSnapshot['codec'] {
    return this.state.codec;
  }
  get dtmfPayloadType(): number | null {
    return this.state.dtmfPayloadType;
  }
  get direction(): EndpointSnapshot['direction'] {
    return this.state.direction;
  }
  get local(): EndpointSnapshot['local'] {
    return this.state.local;
  }
  get remote(): EndpointSnapshot['remote'] {
    return this.state.remote;
  }
  get closed(): boolean {
    return this.closing || this.state.closed;
  }
  get bridgedTo(): MediaEndpoint | null {
    return this.state.bridgedTo ? (this.connection.endpoints.get(this.state.bridgedTo) ?? null) : null;
  }
  get playing(): boolean {
    return this.state.playing;
  }
  get recording(): boolean {
    return this.state.recording;
  }

  // ---- operations --------------------------------------------------------------------------

  setRemoteAnswer(sdp: string): Promise<void> {
    return this.call({ op: 'setRemoteAnswer', endpoint: this.id, sdp });
  }

  modify(remoteOffer: string): Promise<string> {
    return this.call({ op: 'modify', endpoint: this.id, sdp: remoteOffer });
  }

  play(source: PromptSource | readonly PromptSource[], options: PlayOptions = {}): Promise<PlayResult> {
    const { signal, ...rest } = options;
    const transfer: Transferable[] = [];
    // Samples are copied into a buffer of their own that is transferred (not cloned again); the
    // caller's array stays usable (a prompt is often played by many calls).
    const sources = (Array.isArray(source) ? source : [source]).map((s: PromptSource): PromptSource => {
      if (s.kind !== 'samples' || !(s.samples instanceof Int16Array)) return s;
      const copy = s.samples.slice();
      transfer.push(copy.buffer);
      return { ...s, samples: copy };
    });
    return this.call<PlayResult>({ op: 'play', endpoint: this.id, sources, options: rest }, {
      signal,
      transfer,
      onDeath: () => {
        const result: PlayResult = { reason: 'closed', playedMs: 0 };
        queueMicrotask(() => this.emit('playback-finished', result));
        return { value: result };
      },
    });
  }

  stopPlayback(): void {
    if (this.closed) return;
    this.state = { ...this.state, playing: false };
    this.fireAndForget({ op: 'stopPlayback', endpoint: this.id });
  }

  sendDtmf(digits: string, options: SendDtmfOptions = {}): Promise<void> {
    const { signal, ...rest } = options;
    return this.call({ op: 'sendDtmf', endpoint: this.id, digits, options: rest }, { signal });
  }

  handleSipInfo(contentType: string, body: string): DtmfEvent | null {
    if (this.closed) return null;
    const parsed = parseSipInfoDtmf(contentType, body);
    if (!parsed) return null;
    this.fireAndForget({ op: 'sipInfoDigit', endpoint: this.id, digit: parsed.digit, durationMs: parsed.durationMs });
    return { digit: parsed.digit, durationMs: parsed.durationMs, source: 'info', at: performance.now() };
  }

  record(options: RecordOptions): Promise<RecordingResult> {
    const { signal, ...rest } = options;
    return this.call({ op: 'record', endpoint: this.id, options: rest }, {
      signal,
      onDeath: (reason) => ({ error: new MediaError('media.record_failed', `The recording was lost: ${reason}.`) }),
    });
  }

  stopRecording(): void {
    if (this.closed) return;
    this.state = { ...this.state, recording: false };
    this.fireAndForget({ op: 'stopRecording', endpoint: this.id });
  }

  async bridge(other: MediaEndpoint, options: BridgeOptions = {}): Promise<void> {
    if (!(other instanceof WorkerEndpoint) || other.connection !== this.connection) {
      if (this.closed) throw new MediaError('media.closed', `bridge() on a closed endpoint (${this.id}).`);
      throw new MediaError('media.invalid_argument', 'bridge() needs another endpoint of the same media server (and the same media worker).');
    }
    return this.call({ op: 'bridge', endpoint: this.id, other: other.id, options: { ...(options.dtmf ? { dtmf: options.dtmf } : {}) } });
  }

  unbridge(): Promise<void> {
    if (this.closed && !this.state.bridgedTo) return Promise.resolve();
    return this.call({ op: 'unbridge', endpoint: this.id });
  }

  /** True when this proxy talks to `connection`'s worker (conferences take endpoints of their own worker). */
  belongsTo(connection: WorkerConnection): boolean {
    return this.connection === connection;
  }

  stats(): EndpointStats {
    return this.finalStats ?? this.connection.endpointStats.get(this.id) ?? EMPTY_ENDPOINT_STATS;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    await this.call({ op: 'close', endpoint: this.id }, { onDeath: () => ({ value: undefined }) }).catch((err: unknown) => {
      // Closed meanwhile (worker gone, server closed): closing is idempotent.
      if (!(err instanceof MediaError && err.code === 'media.closed')) throw err;
    });
  }

  // ---- from the connection ------------------------------------------------------------------

  /** A state snapshot pushed by the worker. */
  applyState(state: EndpointSnapshot): void {
    this.state = state;
  }

  /** An event of the worker's endpoint. */
  dispatch(event: WorkerEvent): void {
    switch (event.name) {
      case 'dtmf':
        this.emit('dtmf', { digit: event.digit, durationMs: event.durationMs, source: event.source, at: fromEpochMs(event.atEpochMs) });
        return;
      case 'dtmf-begin':
        this.emit('dtmf-begin', { digit: event.digit, source: event.source });
        return;
      case 'playback-finished':
        this.emit('playback-finished', event.result);
        return;
      case 'closed':
        this.finalStats = event.stats;
        this.state = { ...this.state, closed: true, playing: false, recording: false, bridgedTo: null };
        this.emit('closed');
        return;
      case 'error':
        if (this.listenerCount('error') > 0) this.emit('error', fromWireError(event.error));
        return;
    }
  }

  /** The worker died: this endpoint is closed (its socket went with the thread). */
  workerGone(): void {
    if (this.state.closed) return;
    this.state = { ...this.state, closed: true, playing: false, recording: false, bridgedTo: null };
    setImmediate(() => this.emit('closed'));
  }

  private call<T>(call: EndpointCall, options?: RequestOptions): Promise<T> {
    return this.connection.request<T>(call, options);
  }

  private fireAndForget(call: EndpointCall): void {
    this.connection.request(call).catch(() => undefined);
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
