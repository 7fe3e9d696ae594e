// Hands out UDP sockets bound to even ports of a range (RTP convention; RTCP's odd port is not
// bound since RTCP is not implemented). Ports taken by other processes are skipped.
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { MediaError } from './errors';

export interface PortRange {
  host: string;
  min: number;
  max: number;
}

export class PortAllocator {
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(private readonly range: PortRange) {
    if (!(range.min > 0 && range.max <= 65535 && range.min <= range.max)) {
      throw new MediaError('media.invalid_argument', `Invalid RTP port range ${range.min}-${range.max}.`);
    }
    const first = range.min + (range.min % 2);
    const slots = Math.max(1, Math.floor((range.max - first) / 2) + 1);
    // Start at a random slot so processes sharing a range rarely collide.
    this.cursor = first + 2 * Math.floor(Math.random() * slots);
  }

  /** Binds a socket on the next free even port of the range. */
  async bind(): Promise<{ socket: dgram.Socket; port: number }> {
    const first = this.range.min + (this.range.min % 2);
    const slots = Math.floor((this.range.max - first) / 2) + 1;
    if (slots <= 0) throw new MediaError('media.no_port', `The RTP port range ${this.range.min}-${this.range.max} has no even port.`);
    for (let attempt = 0; attempt < slots; attempt++) {
      const port = this.cursor;
      this.cursor = this.cursor + 2 > this.range.max ? first : this.cursor + 2;
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      const socket = dgram.createSocket({ type: this.range.host.includes(':') ? 'udp6' : 'udp4', lookup: literalLookup });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(port, this.range.host, () => {
            socket.off('error', reject);
            resolve();
          });
        });
        return { socket, port };
      } catch (err) {
        this.inUse.delete(port);
        socket.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES') continue;
        throw new MediaError('media.bind_failed', `Cannot bind RTP on ${this.range.host}:${port}: ${(err as Error).message}`, { cause: err });
      }
    }
    throw new MediaError('media.no_port', `No free port left in the RTP range ${this.range.min}-${this.range.max} on ${this.range.host}.`);
  }

  release(port: number): void {
    this.inUse.delete(port);
  }

  get used(): number {
    return this.inUse.size;
  }
}

/**
 * dgram's default lookup answers even an IP literal on the next tick, so every send() would
 * complete later. Answering IP literals at once makes send() synchronous: the packet reaches
 * the kernel before send() returns, which lets the paced path reuse one packet buffer
 * (paced-packet.ts) and saves a deferred callback per packet. Names (a c= line may hold one)
 * still go through dns.lookup.
 */
function literalLookup(
  address: string,
  options: dns.LookupOneOptions | number, // dgram passes the family number (4 or 6), not the documented object
  callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void,
): void {
  const kind = net.isIP(address);
  if (kind) return callback(null, address, kind);
  const family = typeof options === 'number' ? options : options?.family;
  dns.lookup(address, { family: family === 6 || family === 'IPv6' ? 6 : 4 }, callback);
}
