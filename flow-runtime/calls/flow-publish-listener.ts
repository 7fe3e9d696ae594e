// Live pickup (issue 7): a dedicated pg connection that LISTENs on `relais_flow_published`
// (sent by app/lib/versions/notify-flow-published.ts inside the publishing transaction, so only
// committed versions are announced) and warms the FlowStore with each new version: the next call
// finds it loaded and validated. Calls still look up the latest published version themselves, so
// a missed notification (connection down, runtime started later) only costs that first call the load.
// The connection is re-opened with exponential backoff when it drops; close() ends it for good.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { PoolConfig } from '../../prisma/database-url';
import type { FlowStore } from './flow-store';
import { silentLogger, type Logger } from './sip-types';

export const FLOW_PUBLISHED_CHANNEL = 'relais_flow_published';

export interface FlowPublishedEvent {
  organizationId: string;
  flowId: string;
  versionId: string;
  number: number;
}

export interface FlowPickup extends FlowPublishedEvent {
  /** From the notification's arrival to the version being loaded, validated and cached. */
  ms: number;
}

export interface FlowPublishListenerOptions {
  connection: PoolConfig;
  flows: Pick<FlowStore, 'warm'>;
  logger?: Logger;
  /** Reconnect backoff: first delay, doubled up to maxDelayMs. Default 250 ms → 10 s. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Events: `listening` (after each successful LISTEN), `pickup` (FlowPickup, the version is warm),
 * `pickup-failed` ({ event, err }: invalid document or database error; calls will retry the load).
 */
export class FlowPublishListener extends EventEmitter {
  private client: pg.Client | null = null;
  private closed = false;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly minDelay: number;
  private readonly maxDelay: number;

  constructor(private readonly opts: FlowPublishListenerOptions) {
    super();
    this.log = opts.logger ?? silentLogger;
    this.minDelay = opts.minDelayMs ?? 250;
    this.maxDelay = opts.maxDelayMs ?? 10_000;
    this.delay = this.minDelay;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects and LISTENs; resolves once listening (or after the first failure, retrying in the background). */
  start(): Promise<void> {
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.opts.connection });
    let dropped = false;
    const drop = (err?: Error) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn({ err }, `flow publish listener: connection lost, reconnecting in ${this.delay} ms`);
      this.scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (msg) => {
      if (msg.channel === FLOW_PUBLISHED_CHANNEL) void this.pickUp(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${FLOW_PUBLISHED_CHANNEL}`);
    } catch (err) {
      drop(err as Error);
      return;
    }
    if (this.closed || dropped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = this.minDelay;
    this.log.info({}, `listening for published flows (${FLOW_PUBLISHED_CHANNEL})`);
    this.emit('listening');
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.maxDelay);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    this.timer.unref?.();
  }

  private async pickUp(payload: string | undefined): Promise<void> {
    const started = performance.now();
    let event: FlowPublishedEvent;
    try {
      event = JSON.parse(payload ?? '') as FlowPublishedEvent;
      if (typeof event.versionId !== 'string') throw new Error('no versionId');
    } catch (err) {
      this.log.warn({ err, payload }, 'flow publish listener: unreadable notification ignored');
      return;
    }
    try {
      const warmed = await this.opts.flows.warm(event.versionId);
      if (!warmed) {
        this.log.warn({ versionId: event.versionId }, 'flow publish listener: announced version is not a published version of a live flow');
        return;
      }
      const ms = Math.round(performance.now() - started);
      const pickup: FlowPickup = { ...event, flowId: warmed.flowId, number: warmed.number, ms };
      this.log.info({ flowId: pickup.flowId, versionId: pickup.versionId, number: pickup.number, ms }, `flow ${pickup.flowId} version ${pickup.number} picked up in ${ms} ms`);
      this.emit('pickup', pickup);
    } catch (err) {
      this.log.error({ err, versionId: event.versionId }, 'flow publish listener: version cannot be loaded (calls will retry)');
      this.emit('pickup-failed', { event, err });
    }
  }
}

/** Creates and starts a listener (connection errors are retried in the background). */
export function startFlowPublishListener(opts: FlowPublishListenerOptions): FlowPublishListener {
  const listener = new FlowPublishListener(opts);
  void listener.start();
  return listener;
}
