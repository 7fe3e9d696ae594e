// Client transactions, RFC 3261 §17.1 with RFC 6026 (2xx responses to INVITE pass through an
// "Accepted" state so retransmitted 2xx reach the dialog layer, which re-sends its ACK).

import { parseCSeq, parseVia } from './header-values';
import { type SipHeader, type SipRequest, type SipResponse, getHeader, getHeaderList, makeHeader } from './sip-message';
import { TimerSet, timerD, transactionTimeout } from './timers';
import type { TxnContext } from './transaction-server';
import type { Peer } from './transport';

export type ClientTxnState = 'calling' | 'trying' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

export interface ClientTxnHandlers {
  /** Every response the TU must see (first of each provisional/final; 2xx retransmissions too). */
  onResponse(res: SipResponse, txn: ClientTransaction): void;
  /** Timer B/F fired, or the transport failed: the TU gets a locally generated 408/503. */
  onFailure(status: 408 | 503, reason: string, txn: ClientTransaction): void;
}

export function clientTransactionKey(msg: SipRequest | SipResponse): string | null {
  const top = parseVia(getHeaderList(msg, 'via')[0] ?? '');
  const cseq = parseCSeq(getHeader(msg, 'cseq') ?? '');
  if (!top?.branch || !cseq) return null;
  const method = cseq.method === 'ACK' ? 'INVITE' : cseq.method;
  return `${top.branch}|${method}`;
}

export class ClientTransaction {
  state: ClientTxnState;
  onTerminated: (() => void) | undefined;
  /** Whether a provisional or final response has been received (CANCEL may be sent only then). */
  heardBack = false;
  private timers = new TimerSet();
  private reliable: boolean;
  private ack: SipRequest | undefined;

  constructor(
    private ctx: TxnContext,
    readonly id: string,
    readonly request: SipRequest,
    readonly peer: Peer,
    private handlers: ClientTxnHandlers,
  ) {
    this.reliable = peer.transport !== 'udp';
    this.state = request.method === 'INVITE' ? 'calling' : 'trying';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  get key(): string {
    return clientTransactionKey(this.request) ?? this.id;
  }

  start(): Promise<void> {
    const t = this.ctx.timers;
    const sent = this.ctx.send(this.request, this.peer);
    sent.catch(() => this.fail(503, 'Service Unavailable'));
    if (!this.reliable) this.retransmit(t.t1);
    // Timer B / F
    this.timers.after(transactionTimeout(t), () => {
      if (this.state === 'calling' || this.state === 'trying' || (!this.isInvite && this.state === 'proceeding')) {
        this.fail(408, 'Request Timeout');
      }
    });
    return sent;
  }

  /** Timer A (INVITE, doubling without cap) / Timer E (non-INVITE, capped at T2). */
  private retransmit(interval: number): void {
    this.timers.after(interval, () => {
      const active = this.isInvite ? this.state === 'calling' : this.state === 'trying' || this.state === 'proceeding';
      if (!active) return;
      void this.ctx.send(this.request, this.peer).catch(() => undefined);
      const next = this.isInvite ? interval * 2
        : this.state === 'proceeding' ? this.ctx.timers.t2 : Math.min(interval * 2, this.ctx.timers.t2);
      this.retransmit(next);
    });
  }

  receive(res: SipResponse): void {
    const t = this.ctx.timers;
    this.heardBack = true;
    if (res.status < 200) {
      if (this.state === 'calling' || this.state === 'trying') this.state = 'proceeding';
      if (this.state === 'proceeding') this.handlers.onResponse(res, this);
      return;
    }
    if (this.isInvite && res.status < 300) {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.state = 'accepted';
        this.timers.clear();
        // Timer M: keep passing retransmitted 2xx up so the dialog layer re-ACKs them
        this.timers.after(transactionTimeout(t), () => this.terminate());
      }
      if (this.state === 'accepted') this.handlers.onResponse(res, this);
      return;
    }
    if (this.isInvite) {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.state = 'completed';
        this.timers.clear();
        this.ack = buildNon2xxAck(this.request, res);
        void this.ctx.send(this.ack, this.peer).catch(() => undefined);
        this.handlers.onResponse(res, this);
        // Timer D absorbs retransmitted final responses
        this.timers.after(this.reliable ? 0 : timerD(t), () => this.terminate());
      } else if (this.state === 'completed' && this.ack) {
        void this.ctx.send(this.ack, this.peer).catch(() => undefined);
      }
      return;
    }
    if (this.state === 'trying' || this.state === 'proceeding') {
      this.state = 'completed';
      this.timers.clear();
      this.handlers.onResponse(res, this);
      // Timer K
      this.timers.after(this.reliable ? 0 : t.t4, () => this.terminate());
    }
  }

  private fail(status: 408 | 503, reason: string): void {
    if (this.state === 'terminated' || this.state === 'completed' || this.state === 'accepted') return;
    this.handlers.onFailure(status, reason, this);
    this.terminate();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clear();
    this.onTerminated?.();
  }
}

/** RFC 3261 §17.1.1.3: the ACK for a non-2xx final response belongs to the INVITE transaction. */
export function buildNon2xxAck(invite: SipRequest, res: SipResponse): SipRequest {
  const pick = (key: string): SipHeader[] => invite.headers.filter((h) => h.key === key);
  const via = getHeaderList(invite, 'via')[0];
  const cseq = parseCSeq(getHeader(invite, 'cseq') ?? '');
  const headers: SipHeader[] = [
    makeHeader('Via', via),
    ...pick('route'),
    makeHeader('Max-Forwards', '70'),
    ...pick('from'),
    makeHeader('To', getHeader(res, 'to') ?? getHeader(invite, 'to') ?? ''),
    ...pick('call-id'),
    makeHeader('CSeq', `${cseq?.seq ?? 1} ACK`),
  ];
  return { kind: 'request', method: 'ACK', uri: invite.uri, version: 'SIP/2.0', headers, body: '' };
}
