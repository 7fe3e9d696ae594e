// One media worker thread, seen from the main thread: starts it, sends requests and matches
// their replies, routes endpoint events and state snapshots to the WorkerEndpoint proxies, keeps
// the latest stats, and when the thread dies settles everything that waited on it (see
// `onDeath` of each request) and closes every proxy. A dead connection is not restarted; the
// WorkerMediaServer starts a new one for the next endpoint.
import { Worker } from 'node:worker_threads';
import { MediaError } from '../errors';
import type { EndpointSnapshot, FromWorker, Request, StatsSnapshot, ToWorker, WorkerServerOptions } from './protocol';
import { fromWireError } from './protocol';
import type { WorkerEndpoint } from './worker-endpoint';

/** How long the worker may take to load (tsx compiles the media modules on first start). */
const READY_TIMEOUT_MS = 20_000;

export interface RequestOptions {
  signal?: AbortSignal;
  transfer?: Transferable[];
  /** How the request settles if the worker dies first. Default: rejects `media.closed`. */
  onDeath?: (reason: string) => { value: unknown } | { error: Error };
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onDeath?: RequestOptions['onDeath'];
}

const EMPTY_PACING = { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
export const EMPTY_STATS: StatsSnapshot = {
  server: { ...EMPTY_PACING, packetsSent: 0, packetsReceived: 0, endpoints: 0 },
  clock: { wake: EMPTY_PACING, spread: EMPTY_PACING, droppedTicks: 0 },
  endpoints: [],
};

export class WorkerConnection {
  readonly endpoints = new Map<string, WorkerEndpoint>();
  stats: StatsSnapshot = EMPTY_STATS;
  endpointStats = new Map<string, StatsSnapshot['endpoints'][number][1]>();
  conferenceStats = new Map<string, NonNullable<StatsSnapshot['conferences']>[number][1]>();
  dead = false;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;
  private lastError: Error | null = null;
  private readonly readyTimer: NodeJS.Timeout;
  private readonly exited: Promise<void>;
  private referenced = true;

  constructor(
    options: WorkerServerOptions,
    private readonly onDeath: (connection: WorkerConnection, reason: string) => void,
  ) {
    this.worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: options, name: 'relais-media' });
    this.readyTimer = setTimeout(() => {
      this.lastError = new Error(`the media worker did not start within ${READY_TIMEOUT_MS / 1000} s`);
      void this.worker.terminate();
    }, READY_TIMEOUT_MS);
    this.worker.on('message', (m: FromWorker) => {
      this.onMessage(m);
      this.updateRef();
    });
    this.worker.on('error', (err) => {
      this.lastError = err;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        clearTimeout(this.readyTimer);
        this.die(this.closing ? 'the media server was closed' : `the media worker stopped (exit code ${code}${this.lastError ? `: ${this.lastError.message}` : ''})`);
        resolve();
      });
    });
  }

  /** Sends a request; resolves with the worker's reply value. */
  request<T>(request: Request, options: RequestOptions = {}): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(new MediaError('media.aborted', `${request.op} was cancelled`));
    if (this.dead) return Promise.reject(new MediaError('media.closed', `${request.op}: the media worker of this endpoint has stopped.`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => this.post({ type: 'abort', id });
      const cleanup = (): void => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          cleanup();
          resolve(v as T);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
        onDeath: options.onDeath,
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'request', id, request }, options.transfer);
      this.updateRef();
    });
  }

  /**
   * Like an idle RtpMediaServer (no timer, no socket), an idle worker does not keep the process
   * alive: it is referenced only while endpoints are open or requests wait for replies.
   */
  updateRef(): void {
    const busy = this.pending.size > 0 || this.endpoints.size > 0;
    if (busy === this.referenced || this.dead) return;
    this.referenced = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  /** Asks the worker to close its server, then ends the thread (after `timeoutMs` at most). */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.dead) return;
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.request({ op: 'closeServer' }).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    await this.worker.terminate();
    await this.exited;
  }

  /** Tests: kills the worker with an uncaught error; resolves once its death was handled. */
  async crash(): Promise<void> {
    void this.request({ op: 'crash' }).catch(() => undefined);
    await this.exited;
  }

  private post(message: ToWorker, transfer?: Transferable[]): void {
    // Transferable vs the worker_threads TransferListItem type: the same objects at run time.
    this.worker.postMessage(message, transfer as never);
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        clearTimeout(this.readyTimer);
        return;
      case 'states':
        this.applyStates(m.states);
        return;
      case 'stats':
        this.applyStats(m.stats);
        return;
      case 'event': {
        this.applyStates(m.states);
        this.endpoints.get(m.endpoint)?.dispatch(m.event);
        if (m.event.name === 'closed') this.endpoints.delete(m.endpoint);
        return;
      }
      case 'reply': {
        this.applyStates(m.states);
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(fromWireError(m.error));
        return;
      }
    }
  }

  applyStats(stats: StatsSnapshot): void {
    this.stats = stats;
    this.endpointStats = new Map(stats.endpoints);
    this.conferenceStats = new Map(stats.conferences ?? []);
  }

  private applyStates(states: EndpointSnapshot[]): void {
    for (const s of states) this.endpoints.get(s.id)?.applyState(s);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.onDeath(this, reason);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      const outcome = p.onDeath?.(reason) ?? { error: new MediaError('media.closed', `The media worker stopped before answering: ${reason}.`) };
      if ('error' in outcome) p.reject(outcome.error);
      else p.resolve(outcome.value);
    }
    const eps = [...this.endpoints.values()];
    this.endpoints.clear();
    for (const ep of eps) ep.workerGone();
  }
}
