// SIP over TCP (RFC 3261 §18.3): messages framed by Content-Length on a byte stream.
// Connections are reused in both directions, keyed by the remote address and port, so that
// responses and in-dialog requests go back on the connection a peer opened (as SIPp expects).

import net from 'node:net';
import { SipEdgeError } from './errors';
import { MAX_HEAD_BYTES, MAX_BODY_BYTES, parseStream } from './parser';
import type { InboundHandler, LocalAddress, SipTransport } from './transport';

const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

export class TcpTransport implements SipTransport {
  readonly name = 'tcp' as const;
  local: LocalAddress = { address: '', port: 0 };
  private connections = new Map<string, net.Socket>();
  private pending = new Map<string, Promise<net.Socket>>();

  private constructor(private server: net.Server, private onInbound: InboundHandler) {}

  static async listen(host: string, port: number, onInbound: InboundHandler): Promise<TcpTransport> {
    const server = net.createServer();
    const t = new TcpTransport(server, onInbound);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as net.AddressInfo;
    t.local = { address: addr.address, port: addr.port };
    server.on('error', () => undefined);
    server.on('connection', (socket) => t.adopt(socket));
    return t;
  }

  private adopt(socket: net.Socket): string {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    this.connections.set(key, socket);
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    let buffer = Buffer.alloc(0);
    const peer = { transport: 'tcp' as const, address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    socket.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_HEAD_BYTES + MAX_BODY_BYTES) {
        socket.destroy();
        return;
      }
      for (;;) {
        const out = parseStream(buffer);
        if (out.type === 'incomplete') break;
        buffer = buffer.subarray(out.consumed);
        if (out.type === 'keepalive') {
          // RFC 5626 §3.5.1: answer a double-CRLF ping with a single CRLF pong
          if (out.pingPong) socket.write('\r\n');
          continue;
        }
        this.onInbound(out, peer, this.local);
        if (out.type === 'error' && out.framingLost) {
          socket.end();
          return;
        }
        if (buffer.length === 0) break;
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    });
    return key;
  }

  send(data: Buffer, address: string, port: number): Promise<void> {
    const key = `${address}:${port}`;
    const existing = this.connections.get(key);
    const write = (socket: net.Socket) => new Promise<void>((resolve, reject) => {
      socket.write(data, (err) => {
        if (err) reject(new SipEdgeError('TRANSPORT_ERROR', `TCP send to ${key} failed: ${err.message}`));
        else resolve();
      });
    });
    if (existing && !existing.destroyed) return write(existing);
    let connecting = this.pending.get(key);
    if (!connecting) {
      connecting = new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ host: address, port });
        socket.once('connect', () => {
          socket.off('error', reject);
          this.adoptOutbound(socket, key);
          resolve(socket);
        });
        socket.once('error', (err) => reject(new SipEdgeError('TRANSPORT_ERROR', `TCP connect to ${key} failed: ${err.message}`)));
      });
      this.pending.set(key, connecting);
      const clear = () => this.pending.delete(key);
      connecting.then(clear, clear);
    }
    return connecting.then(write);
  }

  /** Outbound connections are indexed by the peer we dialled, not by the peer's view of us. */
  private adoptOutbound(socket: net.Socket, key: string): void {
    const adoptedKey = this.adopt(socket);
    if (adoptedKey !== key) this.connections.set(key, socket);
    socket.on('close', () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    });
  }

  /** Whether a connection to this peer is open (used to prefer it for in-dialog requests). */
  hasConnection(address: string, port: number): boolean {
    const s = this.connections.get(`${address}:${port}`);
    return !!s && !s.destroyed;
  }

  close(): Promise<void> {
    for (const s of this.connections.values()) s.destroy();
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
