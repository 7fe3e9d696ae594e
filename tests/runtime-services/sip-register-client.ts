// A raw UDP SIP phone for registrar tests that need exact control of the Authorization header
// (replays, missing qop, wrong uri, 60 KB headers) and of the source address (127.0.0.x).
// Responses are matched to requests by Call-ID and CSeq.
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { parseDatagram } from '@/sip-edge/parser';
import type { SipMessage, SipResponse } from '@/sip-edge/sip-message';
import { parseAuthParams } from '@/flow-runtime/registrar/auth-params';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface Challenge {
  realm: string;
  nonce: string;
  stale: boolean;
}

export interface RegisterOptions {
  user: string;
  contact?: string;
  authorization?: string;
  expires?: number;
  callId?: string;
  cseq?: number;
}

export class RegisterClient {
  private pending = new Map<string, (m: SipResponse) => void>();
  private constructor(private socket: dgram.Socket, readonly address: string, readonly port: number, private edgePort: number) {}

  static async open(edgePort: number, address = '127.0.0.1'): Promise<RegisterClient> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, address, () => r()));
    const client = new RegisterClient(socket, address, socket.address().port, edgePort);
    socket.on('message', (buf) => {
      const out = parseDatagram(buf);
      if (out.type !== 'message' || out.message.kind !== 'response') return;
      const m = out.message as SipResponse;
      if (m.status < 200) return;
      const key = `${header(m, 'call-id')} ${header(m, 'cseq')}`;
      client.pending.get(key)?.(m);
      client.pending.delete(key);
    });
    return client;
  }

  /** The Request-URI every REGISTER of this client uses. */
  get requestUri(): string {
    return `sip:127.0.0.1:${this.edgePort}`;
  }

  /** Sends one REGISTER and resolves with its final response (rejects after `timeoutMs`). */
  register(o: RegisterOptions, timeoutMs = 20_000): Promise<SipResponse> {
    const callId = o.callId ?? randomBytes(8).toString('hex');
    const cseq = o.cseq ?? 1;
    const text = [
      `REGISTER ${this.requestUri} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.address}:${this.port};rport;branch=z9hG4bK${randomBytes(8).toString('hex')}`,
      `From: <sip:${o.user}@127.0.0.1>;tag=${randomBytes(4).toString('hex')}`,
      `To: <sip:${o.user}@127.0.0.1>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      `Contact: ${o.contact ?? `<sip:${o.user}@${this.address}:${this.port}>`}`,
      `Expires: ${o.expires ?? 300}`,
      'Max-Forwards: 70',
      ...(o.authorization ? [`Authorization: ${o.authorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    return new Promise((resolve, reject) => {
      const key = `${callId} ${cseq} REGISTER`;
      const buf = Buffer.from(text, 'latin1');
      // UDP: retransmit as a phone does (RFC 3261 timer E, 500 ms doubling up to 4 s), same branch
      let interval = 500;
      let resend: NodeJS.Timeout;
      const again = () => {
        this.socket.send(buf, this.edgePort, '127.0.0.1');
        resend = setTimeout(again, interval);
        interval = Math.min(interval * 2, 4000);
      };
      const t = setTimeout(() => {
        clearTimeout(resend);
        this.pending.delete(key);
        reject(new Error(`no final response to REGISTER ${key} from ${this.address}`));
      }, timeoutMs);
      this.pending.set(key, (m) => {
        clearTimeout(t);
        clearTimeout(resend);
        resolve(m);
      });
      again();
    });
  }

  /** REGISTER without credentials → the 401's challenge. */
  async challenge(user: string): Promise<Challenge> {
    const r = await this.register({ user });
    if (r.status !== 401) throw new Error(`expected 401, got ${r.status}`);
    return readChallenge(r);
  }

  close(): void {
    this.socket.close();
  }
}

export function header(m: SipMessage, name: string): string | undefined {
  return m.headers.find((h) => h.key.toLowerCase() === name)?.value;
}

export function readChallenge(m: SipMessage): Challenge {
  const p = parseAuthParams(header(m, 'www-authenticate') ?? '');
  if (!p.ok) throw new Error(`unreadable WWW-Authenticate: ${p.reason}`);
  return { realm: p.params.get('realm')!, nonce: p.params.get('nonce')!, stale: p.params.get('stale') === 'true' };
}

/** An Authorization value as a phone computes it; `qop: null` gives the old RFC 2069 form. */
export function digestAuthorization(o: {
  user: string; password: string; realm: string; nonce: string; uri: string; nc?: number; cnonce?: string; qop?: 'auth' | null; method?: string;
}): string {
  const ha1 = md5(`${o.user}:${o.realm}:${o.password}`);
  const ha2 = md5(`${o.method ?? 'REGISTER'}:${o.uri}`);
  const nc = (o.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = o.cnonce ?? randomBytes(6).toString('hex');
  const qop = o.qop === undefined ? 'auth' : o.qop;
  const response = qop ? md5(`${ha1}:${o.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : md5(`${ha1}:${o.nonce}:${ha2}`);
  const base = `Digest username="${o.user}", realm="${o.realm}", nonce="${o.nonce}", uri="${o.uri}", response="${response}", algorithm=MD5`;
  return qop ? `${base}, qop=${qop}, nc=${nc}, cnonce="${cnonce}"` : base;
}
