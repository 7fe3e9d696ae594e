// Server transactions, RFC 3261 §17.2 as updated by RFC 6026 (the "Accepted" state: a 2xx to
// INVITE is retransmitted by the dialog layer, not by the transaction).

import { parseCSeq, parseNameAddr, parseVia } from './header-values';
import { type SipRequest, type SipResponse, getHeader, getHeaderList } from './sip-message';
import { TimerSet, type SipTimers, transactionTimeout } from './timers';
import type { Peer } from './transport';

export type ServerTxnState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export interface TxnContext {
  send(msg: SipRequest | SipResponse, peer: Peer): Promise<void>;
  timers: SipTimers;
}

/**
 * Key matching requests to a server transaction (RFC 3261 §17.2.3). `method` lets a CANCEL or ACK
 * look up the INVITE it refers to. Returns null when the top Via cannot be parsed.
 */
export function serverTransactionKey(req: SipRequest, method?: string): string | null {
  const topRaw = getHeaderList(req, 'via')[0];
  const top = topRaw === undefined ? null : parseVia(topRaw);
  if (!top) return null;
  const m = method ?? (req.method === 'ACK' ? 'INVITE' : req.method);
  if (top.branch && top.branch.startsWith('z9hG4bK') && top.branch.length > 7) {
    return `${top.branch}|${top.host}:${top.port ?? ''}|${m}`;
  }
  // RFC 2543 peers: no usable branch, so match on the dialog-ish fields instead
  const cseq = parseCSeq(getHeader(req, 'cseq') ?? '');
  const fromTag = parseNameAddr(getHeader(req, 'from') ?? '')?.params.get('tag') ?? '';
  return `2543|${getHeader(req, 'call-id')}|${cseq?.seq}|${fromTag}|${top.host}:${top.port ?? ''}|${req.uri}|${m}`;
}

export class ServerTransaction {
  state: ServerTxnState = 'trying';
  lastResponse: SipResponse | undefined;
  /** Called once when the transaction ends, so the layer can forget it. */
  onTerminated: (() => void) | undefined;
  private timers = new TimerSet();
  private reliable: boolean;

  constructor(
    private ctx: TxnContext,
    readonly id: string,
    readonly key: string,
    readonly request: SipRequest,
    readonly peer: Peer,
    /** To-tag used for every response of this transaction that does not bring its own. */
    readonly localTag: string,
  ) {
    this.reliable = peer.transport !== 'udp';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** Whether a final response has been sent. */
  get isFinal(): boolean {
    return this.state !== 'trying' && this.state !== 'proceeding';
  }

  /** A retransmission of the request arrived. */
  onRetransmit(): void {
    if (this.state === 'accepted' || this.state === 'confirmed' || this.state === 'terminated') return;
    if (this.lastResponse) void this.ctx.send(this.lastResponse, this.peer).catch(() => undefined);
  }

  /** An ACK for a non-2xx final response arrived. */
  onAck(): void {
    if (this.state !== 'completed' || !this.isInvite) return;
    this.state = 'confirmed';
    this.timers.clear();
    // Timer I absorbs further ACK retransmissions
    this.timers.after(this.reliable ? 0 : this.ctx.timers.t4, () => this.terminate());
  }

  respond(res: SipResponse): Promise<void> {
    if (this.isFinal) return Promise.resolve();
    this.lastResponse = res;
    const sent = this.ctx.send(res, this.peer);
    // callers often ignore the outcome (`void txn.respond(...)`): a failed send (peer gone, TCP
    // connection closing) must not become an unhandled rejection, which would end the process
    sent.catch(() => undefined);
    const t = this.ctx.timers;
    if (res.status < 200) {
      this.state = 'proceeding';
    } else if (this.isInvite && res.status < 300) {
      this.state = 'accepted';
      // Timer L: absorb retransmitted INVITEs while the dialog layer retransmits the 2xx
      this.timers.after(transactionTimeout(t), () => this.terminate());
    } else if (this.isInvite) {
      this.state = 'completed';
      if (!this.reliable) this.retransmitFinal(t.t1);
      // Timer H: give up waiting for the ACK
      this.timers.after(transactionTimeout(t), () => this.terminate());
    } else {
      this.state = 'completed';
      // Timer J
      this.timers.after(this.reliable ? 0 : transactionTimeout(t), () => this.terminate());
    }
    return sent;
  }

  /** Timer G: retransmit a non-2xx final response to INVITE until ACK. */
  private retransmitFinal(interval: number): void {
    this.timers.after(interval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      void this.ctx.send(this.lastResponse, this.peer).catch(() => undefined);
      this.retransmitFinal(Math.min(interval * 2, this.ctx.timers.t2));
    });
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.onTerminated?.();
  }
}
