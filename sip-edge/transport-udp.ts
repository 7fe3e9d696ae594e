// SIP over UDP (RFC 3261 §18): one datagram is one message.

import dgram from 'node:dgram';
import { SipEdgeError } from './errors';
import { parseDatagram } from './parser';
import type { InboundHandler, LocalAddress, SipTransport } from './transport';

const UDP_RECV_BUFFER_BYTES = 4 * 1024 * 1024;

export class UdpTransport implements SipTransport {
  readonly name = 'udp' as const;
  private socket: dgram.Socket;
  local: LocalAddress = { address: '', port: 0 };

  private constructor(socket: dgram.Socket) {
    this.socket = socket;
  }

  static async listen(host: string, port: number, onInbound: InboundHandler): Promise<UdpTransport> {
    const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    const t = new UdpTransport(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const addr = socket.address();
    t.local = { address: addr.address, port: addr.port };
    // a burst of requests (a flood, many calls at once) queues in the kernel while the event loop
    // is busy; the default buffer (~208 KiB) overflows and ACKs/BYEs get lost. The kernel caps
    // the size at net.core.rmem_max, which is fine.
    try {
      socket.setRecvBufferSize(UDP_RECV_BUFFER_BYTES);
    } catch {
      // not allowed here: keep the default
    }
    // errors on a UDP socket (e.g. ICMP unreachable surfaced by the OS) must not crash the edge
    socket.on('error', () => undefined);
    socket.on('message', (buf, rinfo) => {
      onInbound(parseDatagram(buf), { transport: 'udp', address: rinfo.address, port: rinfo.port }, t.local);
    });
    return t;
  }

  send(data: Buffer, address: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, port, address, (err) => {
        if (err) reject(new SipEdgeError('TRANSPORT_ERROR', `UDP send to ${address}:${port} failed: ${err.message}`));
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
