// One PostgreSQL connection LISTENing on one channel, re-opened with exponential backoff when it
// drops (the server restarts, the backend is killed, the network goes away); close() ends it for
// good. Shared by the flow publish listener (relais_flow_published) and the agent change listener
// (relais_agent_changed, flow-runtime/agents/agent-change-listener.ts). A notification sent while
// the connection was down is lost: users re-read what they cache on `listening` after a drop.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { PoolConfig } from '../../prisma/database-url';
import { silentLogger, type Logger } from './sip-types';

export interface PgListenOptions {
  connection: PoolConfig;
  channel: string;
  /** Called with each notification's payload. */
  onNotification: (payload: string | undefined) => void;
  /** In log lines ("flow publish listener: connection lost…"). */
  name?: string;
  logger?: Logger;
  /** Reconnect backoff: first delay, doubled up to maxDelayMs. Default 250 ms → 10 s. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Events: `listening` ({ reconnected }: after each successful LISTEN; reconnected = not the first). */
export class PgListen extends EventEmitter<{ listening: [{ reconnected: boolean }] }> {
  private client: pg.Client | null = null;
  private closed = false;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private everListened = false;
  private readonly log: Logger;
  private readonly name: string;
  private readonly minDelay: number;
  private readonly maxDelay: number;

  constructor(private readonly opts: PgListenOptions) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.channel)) throw new Error(`invalid channel name ${opts.channel}`);
    this.log = opts.logger ?? silentLogger;
    this.name = opts.name ?? `listener ${opts.channel}`;
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
      this.log.warn({ err }, `${this.name}: connection lost, reconnecting in ${this.delay} ms`);
      this.scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', (msg) => {
      if (msg.channel === this.opts.channel) this.opts.onNotification(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.opts.channel}`);
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
    const reconnected = this.everListened;
    this.everListened = true;
    this.log.info({}, `${this.name}: listening (${this.opts.channel})`);
    this.emit('listening', { reconnected });
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
}
