// The in-process MediaServer: owns the shared clock, the RTP port range and the prompt
// library, and creates RtpEndpoints.
import path from 'node:path';
import { ConferenceMixer } from './conference-mixer';
import { DeviationHistogram } from './deviation-histogram';
import { MediaError, throwIfAborted } from './errors';
import { MediaClock } from './media-clock';
import { loadRtpSocketFilter, type RtpSocketFilter } from './native';
import type { CreateConferenceOptions, CreateEndpointOptions, MediaConference, MediaEndpoint, MediaServer, PacingStats } from './media-endpoint';
import { PortAllocator } from './port-allocator';
import { PromptLibrary } from './prompt-library';
import { RtpEndpoint } from './rtp-endpoint';
import { readRemoteMedia } from './sdp';

export interface RtpMediaServerOptions {
  /** Address the RTP sockets bind to. Default 127.0.0.1. */
  host?: string;
  /** Address written in SDP when it differs from `host` (e.g. binding 0.0.0.0). Default: `host`. */
  advertisedAddress?: string;
  /** RTP port range (even ports are used). Default 20000–29999. */
  portMin?: number;
  portMax?: number;
  /** Disk cache of converted prompts and TTS. Default `.data/media-cache`. */
  cacheDir?: string;
  /** Where recordings go when record() gets no path. Default `.data/recordings`. */
  recordingsDir?: string;
  /** Share a prompt library between servers (tests); default: a new one on `cacheDir`. */
  prompts?: PromptLibrary;
}

export class RtpMediaServer implements MediaServer {
  readonly prompts: PromptLibrary;
  private readonly clock = new MediaClock();
  private readonly ports: PortAllocator;
  private readonly endpoints = new Set<RtpEndpoint>();
  private readonly pacing = new DeviationHistogram();
  private readonly spread = new DeviationHistogram();
  private readonly counters = { packetsSent: 0, packetsReceived: 0 };
  private readonly host: string;
  private readonly advertisedAddress: string;
  private readonly recordingsDir: string;
  private readonly mixer: ConferenceMixer;
  private readonly socketFilter: RtpSocketFilter | null;
  private closed = false;

  constructor(options: RtpMediaServerOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.advertisedAddress = options.advertisedAddress ?? (this.host === '0.0.0.0' || this.host === '::' ? '127.0.0.1' : this.host);
    this.ports = new PortAllocator({ host: this.host, min: options.portMin ?? 20000, max: options.portMax ?? 29999 });
    this.prompts = options.prompts ?? new PromptLibrary({ cacheDir: options.cacheDir });
    this.recordingsDir = path.resolve(options.recordingsDir ?? '.data/recordings');
    this.mixer = new ConferenceMixer(this.clock, this.recordingsDir);
    // The kernel drops the audio of legs nobody listens to (native/), when the module is built;
    // RELAIS_RTP_KERNEL_FILTER=0 turns it off for the process.
    this.socketFilter = loadRtpSocketFilter();
  }

  /** True when the kernel drops the audio of legs nobody listens to (see native/). */
  get kernelFilter(): boolean {
    return this.socketFilter !== null;
  }

  /**
   * With `remoteSdp`: validates the offer first (no port is taken for an unusable offer), then
   * binds and answers (`endpoint.localSdp` is the answer). Without: binds and makes an offer;
   * apply the answer with `setRemoteAnswer()`.
   */
  async createEndpoint(options: CreateEndpointOptions = {}): Promise<MediaEndpoint> {
    if (this.closed) throw new MediaError('media.closed', 'The media server is closed.');
    throwIfAborted(options.signal, 'createEndpoint');
    const codecs = options.codecs?.length ? options.codecs : (['PCMU', 'PCMA'] as const);
    const remote = options.remoteSdp !== undefined ? readRemoteMedia(options.remoteSdp, codecs) : null;
    const { socket, port } = await this.ports.bind();
    const endpoint = new RtpEndpoint(
      {
        clock: this.clock,
        ports: this.ports,
        prompts: this.prompts,
        advertisedAddress: this.advertisedAddress,
        recordingsDir: this.recordingsDir,
        serverPacing: this.pacing,
        serverSpread: this.spread,
        counters: this.counters,
        socketFilter: this.socketFilter,
        onClosed: (ep) => this.endpoints.delete(ep),
      },
      socket,
      port,
      options,
    );
    this.endpoints.add(endpoint);
    if (options.signal?.aborted || this.closed) {
      await endpoint.close();
      throw new MediaError('media.aborted', 'createEndpoint was cancelled');
    }
    if (remote) endpoint.applyRemoteOffer(options.remoteSdp!, remote);
    else endpoint.makeOffer();
    return endpoint;
  }

  /** A new empty conference, mixed on this server's clock (conference-mixer.ts). */
  async createConference(options: CreateConferenceOptions = {}): Promise<MediaConference> {
    if (this.closed) throw new MediaError('media.closed', 'The media server is closed.');
    return this.mixer.create(options);
  }

  /** The conference mixer's cost per 20 ms tick, all conferences together (benchmarks, health). */
  conferenceStats(): ReturnType<ConferenceMixer['stats']> {
    return this.mixer.stats();
  }

  pacingStats(): PacingStats & { packetsSent: number; packetsReceived: number; endpoints: number } {
    return { ...this.pacing.stats(), ...this.counters, endpoints: this.endpoints.size };
  }

  /** How late the shared clock's ticks started (the part of the deviation not caused by the number of streams). */
  clockStats(): { wake: PacingStats; spread: PacingStats; droppedTicks: number } {
    return { wake: this.clock.wakeLateness.stats(), spread: this.spread.stats(), droppedTicks: this.clock.droppedTicks };
  }

  /** Starts a new measurement window (benchmarks). */
  resetPacingStats(): void {
    this.pacing.reset();
    this.clock.wakeLateness.reset();
    this.spread.reset();
    this.counters.packetsSent = 0;
    this.counters.packetsReceived = 0;
    this.mixer.resetStats();
  }

  /** Ticks dropped because the event loop stalled for more than 60 ms. */
  get droppedTicks(): number {
    return this.clock.droppedTicks;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.mixer.close();
    await Promise.all([...this.endpoints].map((e) => e.close()));
    this.clock.stop();
  }
}

/** The in-process media server (the default MediaServer of flow-runtime). */
export function createRtpMediaServer(options: RtpMediaServerOptions = {}): RtpMediaServer {
  return new RtpMediaServer(options);
}
