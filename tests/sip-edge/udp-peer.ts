// A scripted SIP peer on a UDP socket, for tests that need exact control of what is (not) sent:
// duplicate INVITEs, a missing ACK, torture messages.
import dgram from 'node:dgram';
import { parseDatagram } from '@/sip-edge/parser';
import type { SipMessage } from '@/sip-edge/sip-message';

export class UdpPeer {
  readonly received: SipMessage[] = [];
  private waiters: Array<() => void> = [];
  private constructor(private socket: dgram.Socket, readonly port: number) {}

  static async open(): Promise<UdpPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    const peer = new UdpPeer(socket, socket.address().port);
    socket.on('message', (buf) => {
      const out = parseDatagram(buf);
      if (out.type === 'message') peer.received.push(out.message);
      for (const w of peer.waiters.splice(0)) w();
    });
    return peer;
  }

  send(text: string | Buffer, port: number): void {
    const buf = typeof text === 'string' ? Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1') : text;
    this.socket.send(buf, port, '127.0.0.1');
  }

  /** Waits until `pred` matches some received message (generous timeout). */
  async waitFor(pred: (m: SipMessage) => boolean, what: string, timeoutMs = 15_000): Promise<SipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(pred);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  count(pred: (m: SipMessage) => boolean): number {
    return this.received.filter(pred).length;
  }

  close(): void {
    this.socket.close();
  }
}

export function request(method: string, edgePort: number, peerPort: number, opts: {
  callId?: string; branch?: string; cseq?: number; toTag?: string; body?: string; extra?: string; fromTag?: string;
} = {}): string {
  const body = opts.body ?? '';
  return [
    `${method} sip:ivr@127.0.0.1:${edgePort} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peerPort};rport;branch=${opts.branch ?? `z9hG4bK${Math.random().toString(36).slice(2)}`}`,
    `From: <sip:peer@127.0.0.1:${peerPort}>;tag=${opts.fromTag ?? 'peer1'}`,
    `To: <sip:ivr@127.0.0.1:${edgePort}>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    `Call-ID: ${opts.callId ?? Math.random().toString(36).slice(2)}`,
    `CSeq: ${opts.cseq ?? 1} ${method === 'ACK' ? 'ACK' : method}`,
    `Contact: <sip:peer@127.0.0.1:${peerPort}>`,
    'Max-Forwards: 70',
    ...(opts.extra ? [opts.extra] : []),
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n');
}

export const isResponse = (status: number, method?: string) => (m: SipMessage) =>
  m.kind === 'response' && m.status === status && (!method || m.headers.some((h) => h.key === 'cseq' && h.value.endsWith(method)));
export const isRequest = (method: string) => (m: SipMessage) => m.kind === 'request' && m.method === method;
