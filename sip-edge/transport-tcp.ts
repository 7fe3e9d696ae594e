// SIP over TCP (RFC 3261 §18.3): messages framed by Content-Length on a byte stream.
// Connections are reused in both directions, keyed by the remote address and port, so that
// responses and in-dialog requests go back on the connection a peer opened (as SIPp expects).
//
// A peer's bytes must never take the edge down, nor hold its resources for ever:
// - every problem of a connection (framing lost, deadline, write error) stays in that connection;
//   once it is ending, nothing more is parsed from it nor written to it, and a send to it rejects;
// - connections are capped per remote address and in total (extra ones are closed at once);
// - a message's head must arrive within `headTimeoutMs` of its first octet, and its body within
//   `bodyTimeoutMs` once the head is in (a peer trickling one octet a second, or announcing more
//   Content-Length than it sends, is closed); CRLF keep-alives between messages start no deadline,
//   so phones pinging every ~30 s (RFC 5626) stay connected up to `idleTimeoutMs` of silence;
// - buffers are freed when a connection closes, and an outgoing backlog a peer does not read is capped.

import net from 'node:net';
import type { Logger } from 'pino';
import { SipEdgeError } from './errors';
import type { ParseOutcome } from './parser';
import { SipStreamReader } from './sip-stream-reader';
import type { InboundHandler, LocalAddress, SipTransport } from './transport';

export interface TcpLimits {
  /** Open TCP connections in total (inbound and outbound); extra inbound ones are closed at once. */
  maxConnections: number;
  /** Open inbound connections from one remote address. */
  maxConnectionsPerAddress: number;
  /** From the first octet of a message to the blank line ending its head. */
  headTimeoutMs: number;
  /** From the end of a message's head to the last octet of its body. */
  bodyTimeoutMs: number;
  /** A connection with no traffic at all (not even keep-alives) for this long is closed. */
  idleTimeoutMs: number;
}

export const DEFAULT_TCP_LIMITS: TcpLimits = {
  maxConnections: 1000,
  maxConnectionsPerAddress: 100,
  headTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  idleTimeoutMs: 10 * 60 * 1000,
};

/** Unsent octets a peer may leave unread before its connection is dropped. */
const MAX_WRITE_BACKLOG_BYTES = 4 * 1024 * 1024;
/** After the edge ends a connection, how long the peer has to close its side before it is destroyed. */
const END_GRACE_MS = 2_000;
const CONNECT_TIMEOUT_MS = 10_000;

export interface TcpStats {
  connections: number;
  /** Connections refused by the caps since start. */
  refused: number;
  /** Connections closed because a head or body deadline passed. */
  deadlineClosed: number;
  /** Octets held by the read buffers of open connections. */
  bufferedBytes: number;
}

class TcpConnection {
  private reader = new SipStreamReader();
  private timer: NodeJS.Timeout | undefined;
  private timedPhase: 'head' | 'body' | undefined;
  private timedMessage = -1;
  /** Set once the edge ended or destroyed the connection: nothing more is read or written. */
  ending = false;

  constructor(
    readonly socket: net.Socket,
    readonly address: string,
    readonly inbound: boolean,
    private owner: TcpTransport,
  ) {}

  get bufferedBytes(): number {
    return this.reader.bufferedBytes;
  }

  get writable(): boolean {
    return !this.ending && !this.socket.destroyed && !this.socket.writableEnded;
  }

  onData(chunk: Buffer, deliver: (o: ParseOutcome) => void): void {
    if (this.ending) return;
    for (const out of this.reader.push(chunk)) {
      if (out.type === 'keepalive') {
        // RFC 5626 §3.5.1: answer a double-CRLF ping with a single CRLF pong
        if (out.pingPong) this.write(Buffer.from('\r\n')).catch(() => undefined);
        continue;
      }
      deliver(out);
      if (out.type === 'error' && out.framingLost) {
        // the message boundary is unknown: whatever follows cannot be parsed (an answer to this
        // message, if any, was written synchronously above and is flushed by end())
        this.end('framing lost');
        return;
      }
      if (this.ending) return;
    }
    this.armDeadline();
  }

  /** One timer per connection: the head deadline while a head comes in, then the body deadline. */
  private armDeadline(): void {
    const phase = this.reader.phase;
    if (phase === 'idle') {
      this.clearTimer();
      return;
    }
    if (this.timer && this.timedPhase === phase && this.timedMessage === this.reader.completed) return;
    this.clearTimer();
    const limits = this.owner.limits;
    const ms = phase === 'head' ? limits.headTimeoutMs : limits.bodyTimeoutMs;
    this.timedPhase = phase;
    this.timedMessage = this.reader.completed;
    this.timer = setTimeout(() => {
      this.owner.noteDeadline(this, phase);
      this.destroy();
    }, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timedPhase = undefined;
  }

  write(data: Buffer): Promise<void> {
    if (!this.writable) {
      return Promise.reject(new SipEdgeError('TRANSPORT_ERROR', `TCP connection to ${this.address} is closing`));
    }
    if (this.socket.writableLength > MAX_WRITE_BACKLOG_BYTES) {
      this.destroy();
      return Promise.reject(new SipEdgeError('TRANSPORT_ERROR', `TCP peer ${this.address} does not read: connection dropped`));
    }
    return new Promise<void>((resolve, reject) => {
      try {
        this.socket.write(data, (err) => {
          if (err) reject(new SipEdgeError('TRANSPORT_ERROR', `TCP send to ${this.address} failed: ${err.message}`));
          else resolve();
        });
      } catch (err) {
        reject(new SipEdgeError('TRANSPORT_ERROR', `TCP send to ${this.address} failed: ${(err as Error).message}`));
      }
    });
  }

  /** Ends our side, stops reading, and destroys the socket if the peer does not close in time. */
  end(reason: string): void {
    if (this.ending) return;
    this.ending = true;
    this.owner.log?.debug({ peer: `${this.address}:${this.socket.remotePort}`, reason }, 'closing TCP connection');
    this.release();
    this.socket.pause();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), END_GRACE_MS).unref();
  }

  destroy(): void {
    this.ending = true;
    this.release();
    this.socket.destroy();
  }

  /** Frees the read buffer and the deadline timer. */
  release(): void {
    this.clearTimer();
    this.reader.clear();
  }
}

export class TcpTransport implements SipTransport {
  readonly name = 'tcp' as const;
  local: LocalAddress = { address: '', port: 0 };
  /** Connection to use for a remote "address:port" (inbound by the peer's port, outbound by the port we dialled). */
  private byKey = new Map<string, TcpConnection>();
  private live = new Set<TcpConnection>();
  private perAddress = new Map<string, number>();
  private pending = new Map<string, Promise<TcpConnection>>();
  private refused = 0;
  private deadlineClosed = 0;
  private lastRefusalLog = 0;
  private lastDeadlineLog = 0;

  private constructor(
    private server: net.Server,
    private onInbound: InboundHandler,
    readonly limits: TcpLimits,
    readonly log: Logger | undefined,
  ) {}

  static async listen(host: string, port: number, onInbound: InboundHandler,
    limits: Partial<TcpLimits> = {}, log?: Logger): Promise<TcpTransport> {
    const server = net.createServer();
    const set = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
    const t = new TcpTransport(server, onInbound, { ...DEFAULT_TCP_LIMITS, ...set }, log);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as net.AddressInfo;
    t.local = { address: addr.address, port: addr.port };
    server.on('error', (err) => log?.error({ err }, 'SIP TCP listener error'));
    server.on('connection', (socket) => t.accept(socket));
    return t;
  }

  stats(): TcpStats {
    let bufferedBytes = 0;
    for (const c of this.live) bufferedBytes += c.bufferedBytes;
    return { connections: this.live.size, refused: this.refused, deadlineClosed: this.deadlineClosed, bufferedBytes };
  }

  noteDeadline(conn: TcpConnection, phase: 'head' | 'body'): void {
    this.deadlineClosed++;
    // at most one line a second: a flood of slow connections must not flood the log too
    const now = Date.now();
    if (now - this.lastDeadlineLog < 1000) return;
    this.lastDeadlineLog = now;
    this.log?.warn({ peer: `${conn.address}:${conn.socket.remotePort}`, phase, closedSoFar: this.deadlineClosed },
      `closing TCP connection: message ${phase} not received in time`);
  }

  private accept(socket: net.Socket): void {
    // a socket error must never become an uncaught exception, even on a refused connection
    socket.on('error', () => undefined);
    const address = socket.remoteAddress ?? '';
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (this.live.size >= this.limits.maxConnections || fromAddress >= this.limits.maxConnectionsPerAddress) {
      this.refused++;
      const now = Date.now();
      if (now - this.lastRefusalLog > 1000) {
        this.lastRefusalLog = now;
        this.log?.warn({ peer: address, open: this.live.size, fromAddress, refusedSoFar: this.refused },
          'refusing TCP connection: connection limit reached');
      }
      socket.destroy();
      return;
    }
    this.adopt(socket, address, true);
  }

  private adopt(socket: net.Socket, address: string, inbound: boolean): TcpConnection {
    const conn = new TcpConnection(socket, address, inbound, this);
    const key = `${address}:${socket.remotePort}`;
    this.byKey.set(key, conn);
    this.live.add(conn);
    if (inbound) this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.setNoDelay(true);
    socket.setTimeout(this.limits.idleTimeoutMs, () => conn.destroy());
    const peer = { transport: 'tcp' as const, address, port: socket.remotePort ?? 0 };
    socket.on('data', (chunk: Buffer) => {
      try {
        conn.onData(chunk, (o) => this.onInbound(o, peer, this.local));
      } catch (err) {
        // last line of defence: a bug triggered by one peer closes that peer's connection only
        this.log?.error({ err, peer: key }, 'error reading SIP over TCP: closing the connection');
        conn.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('end', () => conn.end('peer closed'));
    socket.on('close', () => {
      conn.ending = true;
      conn.release();
      if (!this.live.delete(conn)) return;
      if (inbound) {
        const n = (this.perAddress.get(address) ?? 1) - 1;
        if (n <= 0) this.perAddress.delete(address);
        else this.perAddress.set(address, n);
      }
      if (this.byKey.get(key) === conn) this.byKey.delete(key);
    });
    return conn;
  }

  send(data: Buffer, address: string, port: number): Promise<void> {
    try {
      const key = `${address}:${port}`;
      const existing = this.byKey.get(key);
      if (existing) {
        // a connection the edge is ending (e.g. framing lost) is not replaced by a new one
        return existing.write(data);
      }
      return this.connect(key, address, port).then((conn) => conn.write(data));
    } catch (err) {
      return Promise.reject(new SipEdgeError('TRANSPORT_ERROR', `TCP send to ${address}:${port} failed: ${(err as Error).message}`));
    }
  }

  private connect(key: string, address: string, port: number): Promise<TcpConnection> {
    let connecting = this.pending.get(key);
    if (connecting) return connecting;
    if (this.live.size >= this.limits.maxConnections) {
      return Promise.reject(new SipEdgeError('TRANSPORT_ERROR', `TCP connect to ${key} refused: connection limit reached`));
    }
    connecting = new Promise<TcpConnection>((resolve, reject) => {
      const socket = net.connect({ host: address, port });
      // permanent handler: an error after the first one must not be uncaught
      socket.on('error', () => undefined);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SipEdgeError('TRANSPORT_ERROR', `TCP connect to ${key} timed out`));
      }, CONNECT_TIMEOUT_MS);
      timer.unref();
      socket.once('connect', () => {
        clearTimeout(timer);
        const conn = this.adopt(socket, address, false);
        // outbound connections are indexed by the peer we dialled, not by the peer's view of us
        this.byKey.set(key, conn);
        socket.on('close', () => {
          if (this.byKey.get(key) === conn) this.byKey.delete(key);
        });
        resolve(conn);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new SipEdgeError('TRANSPORT_ERROR', `TCP connect to ${key} failed: ${err.message}`));
      });
    });
    this.pending.set(key, connecting);
    const clear = () => this.pending.delete(key);
    connecting.then(clear, clear);
    return connecting;
  }

  /** Whether a usable connection to this peer is open (used to prefer it for in-dialog requests). */
  hasConnection(address: string, port: number): boolean {
    return this.byKey.get(`${address}:${port}`)?.writable ?? false;
  }

  close(): Promise<void> {
    for (const c of this.live) c.destroy();
    this.byKey.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
