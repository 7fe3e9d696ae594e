// A scripted SIP peer on one TCP connection, for tests that send hostile streams (no blank
// line, octets trickled one by one, a Content-Length larger than the body) and read the answers.
import net from 'node:net';
import { SipStreamReader } from '@/sip-edge/sip-stream-reader';
import type { SipMessage } from '@/sip-edge/sip-message';

export class TcpPeer {
  readonly received: SipMessage[] = [];
  /** CRLF pongs received (RFC 5626 keep-alive answers). */
  pongs = 0;
  closed = false;
  readonly closedAt: Promise<number>;
  private reader = new SipStreamReader();
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('error', () => undefined);
    this.closedAt = new Promise((resolve) => socket.on('close', () => {
      this.closed = true;
      this.wake();
      resolve(Date.now());
    }));
    socket.on('data', (chunk: Buffer) => {
      for (const out of this.reader.push(chunk)) {
        if (out.type === 'message') this.received.push(out.message);
        if (out.type === 'keepalive') this.pongs++;
      }
      this.wake();
    });
  }

  /**
   * Connects to the edge from `localAddress` (any 127.0.0.0/8 address, to test per-address caps).
   * `halfOpen`: keep writing after the edge ended its side, as a hostile peer may.
   */
  static async open(port: number, localAddress = '127.0.0.1', halfOpen = false): Promise<TcpPeer> {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress, allowHalfOpen: halfOpen });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new TcpPeer(socket);
  }

  get port(): number {
    return this.socket.localPort ?? 0;
  }

  send(data: string | Buffer): void {
    if (!this.socket.destroyed && !this.socket.writableEnded) this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Waits until `pred` matches a received message (generous timeout). */
  async waitFor(pred: (m: SipMessage) => boolean, what: string, timeoutMs = 15_000): Promise<SipMessage> {
    await this.until(() => this.received.some(pred), what, timeoutMs);
    return this.received.find(pred)!;
  }

  async waitClosed(what: string, timeoutMs = 15_000): Promise<void> {
    await this.until(() => this.closed, what, timeoutMs);
  }

  private async until(cond: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A request as udp-peer's `request()` writes it, with a TCP Via. */
export function overTcp(text: string): string {
  return text.replace('SIP/2.0/UDP', 'SIP/2.0/TCP');
}
