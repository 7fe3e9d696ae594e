// A MediaServer whose RTP runs on a worker thread (media-worker.ts hosts an RtpMediaServer), so
// pacing never waits for the main thread's work. Endpoints are WorkerEndpoint proxies.
//
// The worker starts with the server (loading it takes a few hundred ms). If it dies, its
// endpoints close (their calls end), the error is logged, and the next createEndpoint starts a
// new worker. Stats (pacingStats, clockStats, endpoint.stats()) come from snapshots the worker
// pushes every `statsIntervalMs`; `refreshStats()` fetches a fresh one.
import { MediaError, throwIfAborted } from '../errors';
import type { CreateConferenceOptions, CreateEndpointOptions, MediaConference, MediaEndpoint, MediaServer, PacingStats } from '../media-endpoint';
import { PromptLibrary } from '../prompt-library';
import type { RtpMediaServerOptions } from '../rtp-media-server';
import type { ClockStatsSnapshot, EndpointSnapshot, StatsSnapshot, WorkerServerOptions } from './protocol';
import { EMPTY_STATS, WorkerConnection } from './worker-connection';
import { WorkerConference } from './worker-conference';
import { WorkerEndpoint } from './worker-endpoint';

export interface WorkerMediaServerOptions extends RtpMediaServerOptions {
  /** How often the worker pushes stats and state. Default 500 ms. */
  statsIntervalMs?: number;
  /** Where a dying worker is reported. Default: console.error. */
  log?: (message: string) => void;
}

export class WorkerMediaServer implements MediaServer {
  /**
   * A prompt library on the main thread, sharing the worker's disk cache: to convert uploads,
   * synthesize ahead of calls, or read a prompt's samples (tests). Playback uses the worker's own.
   */
  readonly prompts: PromptLibrary;
  private readonly workerOptions: WorkerServerOptions;
  private readonly log: (message: string) => void;
  private connection: WorkerConnection;
  private closed = false;
  private restarts = 0;

  constructor(options: WorkerMediaServerOptions = {}) {
    const { prompts, log, ...workerOptions } = options;
    this.prompts = prompts ?? new PromptLibrary({ cacheDir: options.cacheDir });
    this.workerOptions = { ...workerOptions, cacheDir: this.prompts.cacheDir };
    this.log = log ?? ((message) => console.error(`[media] ${message}`));
    this.connection = this.start();
  }

  /** Worker threads started after the first (after a crash). */
  get workerRestarts(): number {
    return this.restarts;
  }

  /**
   * A conference mixed in the worker (its participants must be endpoints of the same worker).
   * After a worker crash its legs are closed and the conference with them.
   */
  async createConference(options: CreateConferenceOptions = {}): Promise<MediaConference> {
    if (this.closed) throw new MediaError('media.closed', 'The media server is closed.');
    if (this.connection.dead) {
      this.restarts++;
      this.connection = this.start();
    }
    const connection = this.connection;
    const { id, label } = await connection.request<{ id: string; label: string }>({ op: 'conferenceCreate', options: { ...(options.label ? { label: options.label } : {}) } });
    return new WorkerConference(connection, id, label);
  }

  async createEndpoint(options: CreateEndpointOptions = {}): Promise<MediaEndpoint> {
    if (this.closed) throw new MediaError('media.closed', 'The media server is closed.');
    throwIfAborted(options.signal, 'createEndpoint');
    if (this.connection.dead) {
      this.restarts++;
      this.connection = this.start();
    }
    const connection = this.connection;
    const { signal, ...rest } = options;
    const state = await connection.request<EndpointSnapshot>({ op: 'create', options: rest }, { signal });
    const endpoint = new WorkerEndpoint(connection, state);
    connection.endpoints.set(state.id, endpoint);
    connection.updateRef();
    if (signal?.aborted || this.closed) {
      // Created just as the caller gave up: leave nothing behind.
      await endpoint.close();
      throw new MediaError('media.aborted', 'createEndpoint was cancelled');
    }
    return endpoint;
  }

  /** From the latest stats snapshot (at most `statsIntervalMs` old; `refreshStats()` for a fresh one). */
  pacingStats(): PacingStats & { packetsSent: number; packetsReceived: number; endpoints: number } {
    return this.connection.stats.server;
  }

  /** How late the worker's clock ticks started, the spread of sends inside a tick, ticks dropped. */
  clockStats(): ClockStatsSnapshot {
    return this.connection.stats.clock;
  }

  get droppedTicks(): number {
    return this.connection.stats.clock.droppedTicks;
  }

  /** Asks the worker for its stats now (pacing, clock, every endpoint's counters). */
  async refreshStats(): Promise<void> {
    const connection = this.connection;
    connection.applyStats(await connection.request<StatsSnapshot>({ op: 'stats' }));
  }

  /** Starts a new measurement window (benchmarks); resolves once the worker has reset. */
  async resetPacingStats(): Promise<void> {
    await this.connection.request({ op: 'resetStats' });
    await this.refreshStats();
  }

  /** Tests: kills the worker (uncaught error inside it); resolves once its endpoints are closed. */
  async simulateCrash(): Promise<void> {
    await this.connection.crash();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }

  private start(): WorkerConnection {
    const connection = new WorkerConnection(this.workerOptions, (_dead, reason) => {
      if (!this.closed) {
        const open = connection.endpoints.size;
        this.log(`media worker died (${reason}); ${open} endpoint(s) closed; a new worker starts for the next call`);
      }
      connection.stats = { ...EMPTY_STATS, clock: connection.stats.clock };
    });
    return connection;
  }
}

/** A media server whose RTP runs on a worker thread. */
export function createWorkerMediaServer(options: WorkerMediaServerOptions = {}): WorkerMediaServer {
  return new WorkerMediaServer(options);
}
