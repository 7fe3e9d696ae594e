// Live pickup (issue 7): a dedicated pg connection that LISTENs on `relais_flow_published`
// (sent by app/lib/versions/notify-flow-published.ts inside the publishing transaction, so only
// committed versions are announced) and warms the FlowStore with each new version: the next call
// finds it loaded and validated. Calls still look up the latest published version themselves, so
// a missed notification (connection down, runtime started later) only costs that first call the load.
// The connection (pg-listen.ts) is re-opened with exponential backoff when it drops; close() ends it for good.
import { EventEmitter } from 'node:events';
import type { PoolConfig } from '../../prisma/database-url';
import type { FlowStore } from './flow-store';
import { PgListen } from './pg-listen';
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
  private readonly listen: PgListen;
  private readonly log: Logger;

  constructor(private readonly opts: FlowPublishListenerOptions) {
    super();
    this.log = opts.logger ?? silentLogger;
    this.listen = new PgListen({
      connection: opts.connection, channel: FLOW_PUBLISHED_CHANNEL, name: 'flow publish listener', logger: opts.logger,
      minDelayMs: opts.minDelayMs, maxDelayMs: opts.maxDelayMs,
      onNotification: (payload) => void this.pickUp(payload),
    });
    this.listen.on('listening', () => this.emit('listening'));
  }

  get listening(): boolean {
    return this.listen.listening;
  }

  /** Connects and LISTENs; resolves once listening (or after the first failure, retrying in the background). */
  start(): Promise<void> {
    return this.listen.start();
  }

  close(): Promise<void> {
    return this.listen.close();
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
