// The SIP edge: glues the transports, the transaction layer, dialogs and the connected apps.
//
//   network ──parse──> onNetworkRequest / onNetworkResponse ──drachtio frames──> app
//   app ──frames──> app-server ──> respondForApp / sendForApp / cancelForApp ──> network
//
// Everything is event driven on one thread and never awaits an app, so a slow app only delays
// its own calls.

import dns from 'node:dns/promises';
import net from 'node:net';
import type { Logger } from 'pino';
import { AppConnection, AppRegistry } from './app-registry';
import { type Dialog, DialogStore, dialogId } from './dialog';
import { formatNameAddr, parseCSeq, parseHostPort, parseNameAddr, parseVia, tagOf } from './header-values';
import {
  REASON_PHRASES, buildResponse, buildResponseFromHeaders, newBranch, newCallId, newTag, withTag,
} from './message-builders';
import { type ParseOutcome, parseText } from './parser';
import { validateRequest } from './request-validator';
import { summarize, serialize, toWire } from './serializer';
import {
  type SipHeader, type SipMessage, type SipRequest, type SipResponse, getHeader, getHeaderList, getHeaders, makeHeader,
} from './sip-message';
import { ClientTransaction, clientTransactionKey } from './transaction-client';
import { ServerTransaction, type TxnContext, serverTransactionKey } from './transaction-server';
import { DEFAULT_TIMERS, type SipTimers, TimerSet, transactionTimeout } from './timers';
import type { LocalAddress, Peer, SipTransport, TransportName } from './transport';
import { type TcpLimits, type TcpStats, TcpTransport } from './transport-tcp';
import { UdpTransport } from './transport-udp';
import {
  FrameDecoder, MAX_FRAME_BYTES, type MessageMeta, newId, parseFrame, responseFrame, sipFrame, stackTime,
} from './wire-protocol';

export const EDGE_VERSION = 'v0.9.6-relais-sip-edge';

export interface SipEdgeConfig {
  sipHost: string;
  sipPort: number;
  /** Host written in Via/Contact; defaults to sipHost (or 127.0.0.1 when listening on 0.0.0.0). */
  advertisedHost?: string;
  udp: boolean;
  tcp: boolean;
  drachtioHost: string;
  drachtioPort: number;
  secret: string;
  timers: SipTimers;
  logger: Logger;
  /** Connection caps and deadlines of SIP over TCP (defaults in transport-tcp.ts). */
  tcpLimits?: Partial<TcpLimits>;
}

interface ServerTxnEntry {
  txn: ServerTransaction;
  appId: string | undefined;
  dialogId: string;
  cancelled: boolean;
}

interface ClientTxnEntry {
  txn: ClientTransaction;
  appId: string;
  dialogId: string;
  /** CANCEL requested by the app before any response: sent once the INVITE hears back. */
  pendingCancel?: SipRequest;
  /** Responses to a CANCEL are not passed to apps (drachtio-srf does not expect them). */
  silent: boolean;
}

/** Headers the edge owns in requests and responses; an app's copies are ignored. */
const EDGE_OWNED = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'content-length', 'max-forwards', 'route', 'record-route']);
/** An app connection must authenticate within this time, with frames no larger than this. */
const APP_AUTH_TIMEOUT_MS = 10_000;
const MAX_UNAUTHENTICATED_FRAME_BYTES = 4096;
const CONTACT_METHODS = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY', 'UPDATE', 'REGISTER']);

export class SipEdge {
  private udp: UdpTransport | undefined;
  private tcp: TcpTransport | undefined;
  private appServer: net.Server | undefined;
  readonly apps = new AppRegistry();
  readonly dialogs = new DialogStore();
  private serverTxns = new Map<string, ServerTxnEntry>();
  private serverTxnsById = new Map<string, ServerTxnEntry>();
  private clientTxns = new Map<string, ClientTxnEntry>();
  private clientTxnsById = new Map<string, ClientTxnEntry>();
  private txnContext: TxnContext;
  private log: Logger;
  sipPort = 0;
  drachtioPort = 0;
  private host = '127.0.0.1';

  constructor(private config: SipEdgeConfig) {
    this.log = config.logger;
    this.txnContext = { send: (msg, peer) => this.sendMessage(msg, peer), timers: config.timers ?? DEFAULT_TIMERS };
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  async start(): Promise<void> {
    const { sipHost } = this.config;
    const onInbound = (o: ParseOutcome, p: Peer, l: LocalAddress) => this.onInbound(o, p, l);
    let port = this.config.sipPort;
    // UDP and TCP share one port number; with port 0 the UDP pick may be taken on TCP, so retry
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.config.udp) {
          this.udp = await UdpTransport.listen(sipHost, port, onInbound);
          port = this.udp.local.port;
        }
        if (this.config.tcp) {
          this.tcp = await TcpTransport.listen(sipHost, port, onInbound, this.config.tcpLimits, this.log);
          port = this.tcp.local.port;
        }
        break;
      } catch (err) {
        await this.udp?.close();
        this.udp = undefined;
        if (this.config.sipPort !== 0 || attempt > 10) throw err;
        port = 0;
      }
    }
    this.sipPort = port;
    this.host = this.config.advertisedHost ?? (sipHost === '0.0.0.0' || sipHost === '::' ? '127.0.0.1' : sipHost);

    this.appServer = net.createServer((socket) => this.onAppConnection(socket));
    await new Promise<void>((resolve, reject) => {
      this.appServer!.once('error', reject);
      this.appServer!.listen(this.config.drachtioPort, this.config.drachtioHost, () => resolve());
    });
    this.appServer.on('error', (err) => this.log.error({ err }, 'drachtio listener error'));
    this.drachtioPort = (this.appServer.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const e of this.serverTxnsById.values()) e.txn.terminate();
    for (const e of this.clientTxnsById.values()) e.txn.terminate();
    for (const d of this.dialogs.all()) this.dialogs.remove(d);
    for (const app of this.apps.all()) app.socket.destroy();
    await new Promise<void>((resolve) => (this.appServer ? this.appServer.close(() => resolve()) : resolve()));
    await this.udp?.close();
    await this.tcp?.close();
  }

  get hostports(): string {
    const hp: string[] = [];
    if (this.udp) hp.push(`udp/${this.host}:${this.sipPort}`);
    if (this.tcp) hp.push(`tcp/${this.host}:${this.sipPort}`);
    return hp.join(',');
  }

  /** Counts for tests and benchmarks. */
  stats(): { dialogs: number; serverTransactions: number; clientTransactions: number; apps: number; tcp: TcpStats | undefined } {
    return {
      dialogs: this.dialogs.size, serverTransactions: this.serverTxnsById.size,
      clientTransactions: this.clientTxnsById.size, apps: this.apps.all().length, tcp: this.tcp?.stats(),
    };
  }

  // ───────────────────────────── sending ─────────────────────────────

  private transportFor(name: TransportName): SipTransport | undefined {
    return name === 'tcp' ? this.tcp : this.udp;
  }

  /** Never throws: a send that cannot happen is a rejected promise, for the caller to handle. */
  private sendMessage(msg: SipMessage, peer: Peer): Promise<void> {
    try {
      const transport = this.transportFor(peer.transport) ?? this.udp ?? this.tcp;
      if (!transport) return Promise.reject(new Error('no transport'));
      this.log.info({ dir: 'out', to: `${peer.transport}/${peer.address}:${peer.port}` }, summarize(msg));
      return transport.send(toWire(msg), peer.address, peer.port);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private sendQuietly(msg: SipMessage, peer: Peer): void {
    this.sendMessage(msg, peer).catch((err: Error) => this.log.warn({ err: err.message }, 'send failed'));
  }

  private viaFor(transport: TransportName, branch: string): string {
    return `SIP/2.0/${transport.toUpperCase()} ${this.host}:${this.sipPort};rport;branch=${branch}`;
  }

  private contactFor(transport: TransportName): string {
    return `<sip:${this.host}:${this.sipPort}${transport === 'tcp' ? ';transport=tcp' : ''}>`;
  }

  /** Resolves a SIP URI or host:port to a peer. Only IP literals and names the OS resolves. */
  private async resolve(target: string, fallback: TransportName): Promise<Peer> {
    const hp = parseHostPort(target);
    if (!hp) throw new Error(`cannot route to "${target}"`);
    const transport: TransportName = hp.transport?.toLowerCase() === 'tcp' ? 'tcp'
      : hp.transport?.toLowerCase() === 'udp' ? 'udp' : fallback;
    let address = hp.host.replace(/^\[|\]$/g, '');
    if (net.isIP(address) === 0) address = (await dns.lookup(address)).address;
    const tls = /^sips:/i.test(target.trim().replace(/^</, ''));
    return { transport: this.transportFor(transport) ? transport : (this.udp ? 'udp' : 'tcp'), address, port: hp.port ?? (tls ? 5061 : 5060) };
  }

  // ───────────────────────────── network → edge ─────────────────────────────

  private onInbound(outcome: ParseOutcome, peer: Peer, local: LocalAddress): void {
    try {
      if (outcome.type === 'message') {
        this.log.info({ dir: 'in', from: `${peer.transport}/${peer.address}:${peer.port}` }, summarize(outcome.message));
        if (outcome.message.kind === 'request') this.onNetworkRequest(outcome.message, peer, local);
        else this.onNetworkResponse(outcome.message);
      } else if (outcome.type === 'error') {
        this.log.warn({ from: `${peer.address}:${peer.port}`, reason: outcome.error.message }, 'unparseable SIP message');
        // a malformed request is answered when it can be addressed; malformed responses are dropped
        if (outcome.looksLikeRequest && outcome.headers.some((h) => h.key === 'via')) {
          const cseq = outcome.headers.find((h) => h.key === 'cseq')?.value ?? '';
          if (!/\bACK\s*$/.test(cseq)) {
            const res = buildResponseFromHeaders(outcome.headers, outcome.error.status,
              REASON_PHRASES[outcome.error.status] ?? 'Bad Request', newTag(),
              [['Warning', `399 ${this.host} "${outcome.error.message.replace(/"/g, "'")}"`]]);
            this.sendQuietly(res, peer);
          }
        }
      }
    } catch (err) {
      // last line of defence: one bad message must never take the edge down
      this.log.error({ err }, 'error handling inbound SIP message');
    }
  }

  private onNetworkRequest(req: SipRequest, peer: Peer, local: LocalAddress): void {
    stampReceived(req, peer);
    if (req.method === 'ACK') return this.onNetworkAck(req, peer);

    const key = serverTransactionKey(req);
    const existing = key ? this.serverTxns.get(key) : undefined;
    if (existing) return existing.txn.onRetransmit();

    const rejection = validateRequest(req);
    if (rejection) {
      if (key) this.createServerTxn(req, peer, key, undefined).txn.respond(
        buildResponse(req, rejection.status, rejection.reason, newTag(), rejection.headers));
      return;
    }
    if (!key) return;
    if (req.method === 'CANCEL') return this.onNetworkCancel(req, peer, key);

    const callId = getHeader(req, 'call-id')!;
    const toTag = tagOf(getHeader(req, 'to'));
    const fromTag = tagOf(getHeader(req, 'from')) ?? '';
    if (toTag) {
      const dialog = this.dialogs.match(callId, toTag, fromTag);
      const entry = this.createServerTxn(req, peer, key, dialog?.appId);
      if (!dialog) {
        void entry.txn.respond(buildResponse(req, 481, REASON_PHRASES[481], toTag));
        return;
      }
      const cseq = parseCSeq(getHeader(req, 'cseq')!)!;
      if (dialog.remoteSeq !== undefined && cseq.seq < dialog.remoteSeq) {
        void entry.txn.respond(buildResponse(req, 500, 'CSeq out of order', toTag));
        return;
      }
      dialog.remoteSeq = cseq.seq;
      entry.dialogId = dialog.id;
      const app = this.apps.get(dialog.appId);
      if (!app) {
        void entry.txn.respond(buildResponse(req, 481, REASON_PHRASES[481], toTag));
        return;
      }
      if (req.method === 'INVITE') void entry.txn.respond(buildResponse(req, 100, 'Trying'));
      app.send(sipFrame(networkMeta(req, peer), entry.txn.id, dialog.id, serialize(req), local));
      if (req.method === 'BYE') this.endDialog(dialog);
      return;
    }

    const app = this.apps.select(req.method);
    const entry = this.createServerTxn(req, peer, key, app?.id);
    if (!app) {
      if (req.method === 'OPTIONS') {
        void entry.txn.respond(buildResponse(req, 200, 'OK', entry.txn.localTag,
          [['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, MESSAGE, UPDATE, REGISTER, SUBSCRIBE']]));
      } else {
        void entry.txn.respond(buildResponse(req, 503, REASON_PHRASES[503], entry.txn.localTag));
      }
      return;
    }
    if (req.method === 'INVITE') {
      void entry.txn.respond(buildResponse(req, 100, 'Trying'));
      entry.dialogId = dialogId(callId, fromTag);
    }
    app.send(sipFrame(networkMeta(req, peer), entry.txn.id, '', serialize(req), local));
  }

  private createServerTxn(req: SipRequest, peer: Peer, key: string, appId: string | undefined): ServerTxnEntry {
    const txn = new ServerTransaction(this.txnContext, newId(), key, req, peer, tagOf(getHeader(req, 'to')) ?? newTag());
    const entry: ServerTxnEntry = { txn, appId, dialogId: '', cancelled: false };
    this.serverTxns.set(key, entry);
    this.serverTxnsById.set(txn.id, entry);
    txn.onTerminated = () => {
      if (this.serverTxns.get(key) === entry) this.serverTxns.delete(key);
      this.serverTxnsById.delete(txn.id);
    };
    // a transaction no app ever answers still ends (the app may be stuck or gone)
    return entry;
  }

  private onNetworkAck(ack: SipRequest, peer: Peer): void {
    const key = serverTransactionKey(ack, 'INVITE');
    const entry = key ? this.serverTxns.get(key) : undefined;
    if (entry && entry.txn.state === 'completed') return entry.txn.onAck();
    const callId = getHeader(ack, 'call-id');
    const toTag = tagOf(getHeader(ack, 'to'));
    const fromTag = tagOf(getHeader(ack, 'from')) ?? '';
    if (!callId || !toTag) return;
    const dialog = this.dialogs.match(callId, toTag, fromTag);
    const cseq = parseCSeq(getHeader(ack, 'cseq') ?? '');
    if (!dialog || !dialog.awaitingAck || !cseq || cseq.seq !== dialog.awaitingAck.cseq) return;
    dialog.awaitingAck.timers.clear();
    dialog.awaitingAck = undefined;
    this.apps.get(dialog.appId)?.send(sipFrame(networkMeta(ack, peer), newId(), dialog.id, serialize(ack)));
  }

  private onNetworkCancel(cancel: SipRequest, peer: Peer, key: string): void {
    const inviteKey = serverTransactionKey(cancel, 'INVITE');
    const invite = inviteKey ? this.serverTxns.get(inviteKey) : undefined;
    const cancelTxn = this.createServerTxn(cancel, peer, key, invite?.appId);
    if (!invite) {
      void cancelTxn.txn.respond(buildResponse(cancel, 481, REASON_PHRASES[481], newTag()));
      return;
    }
    void cancelTxn.txn.respond(buildResponse(cancel, 200, 'OK', invite.txn.localTag));
    if (invite.txn.isFinal) return;
    invite.cancelled = true;
    void invite.txn.respond(buildResponse(invite.txn.request, 487, REASON_PHRASES[487], invite.txn.localTag));
    const app = invite.appId ? this.apps.get(invite.appId) : undefined;
    app?.send(sipFrame(networkMeta(cancel, peer), invite.txn.id, '', serialize(cancel)));
  }

  private onNetworkResponse(res: SipResponse): void {
    const cseq = parseCSeq(getHeader(res, 'cseq') ?? '');
    if (!cseq) return;
    const key = clientTransactionKey(res);
    const entry = key ? this.clientTxns.get(key) : undefined;
    if (entry) return entry.txn.receive(res);
    // a 2xx retransmitted after the INVITE transaction ended: re-send our ACK (RFC 3261 §13.2.2.4)
    if (cseq.method === 'INVITE' && res.status >= 200 && res.status < 300) {
      const callId = getHeader(res, 'call-id') ?? '';
      const d = this.dialogs.match(callId, tagOf(getHeader(res, 'from')) ?? '', tagOf(getHeader(res, 'to')) ?? '');
      if (d?.lastAck && d.lastInviteCSeq === cseq.seq) this.sendQuietly(d.lastAck, d.peer);
    }
  }

  // ───────────────────────────── apps ─────────────────────────────

  private onAppConnection(socket: net.Socket): void {
    socket.on('error', () => undefined);
    const app = new AppConnection(newId(), socket);
    this.apps.add(app);
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    // until it authenticates, a connection may only send small frames, for a short while
    const decoder = new FrameDecoder(MAX_UNAUTHENTICATED_FRAME_BYTES);
    const authDeadline = setTimeout(() => {
      this.log.warn({ app: app.label }, 'closing app connection: no authentication in time');
      socket.destroy();
    }, APP_AUTH_TIMEOUT_MS);
    authDeadline.unref();
    this.log.info({ app: app.label }, 'app connected');
    socket.on('data', (chunk: Buffer) => {
      if (app.closing) return;
      decoder.append(chunk);
      for (;;) {
        let frame: string | null;
        try {
          frame = decoder.next();
        } catch (err) {
          this.log.warn({ app: app.label, err: (err as Error).message }, 'closing app connection: bad frame');
          app.closing = true;
          decoder.clear();
          socket.destroy();
          return;
        }
        if (frame === null) return;
        try {
          this.onAppFrame(app, frame);
        } catch (err) {
          this.log.error({ err, app: app.label }, 'error handling app message');
        }
        if (app.closing) {
          decoder.clear();
          return;
        }
        if (app.authenticated) {
          clearTimeout(authDeadline);
          decoder.maxFrameBytes = MAX_FRAME_BYTES;
        }
      }
    });
    socket.on('close', () => {
      clearTimeout(authDeadline);
      decoder.clear();
      this.onAppGone(app);
    });
  }

  private onAppFrame(app: AppConnection, frame: string): void {
    const f = parseFrame(frame);
    if (!app.authenticated && f.type !== 'authenticate') {
      app.send(responseFrame(f.msgId, ['NOK', 'not authenticated']));
      return;
    }
    switch (f.type) {
      case 'authenticate':
        if (f.args[0] === this.config.secret) {
          app.authenticated = true;
          app.tags = (f.args[1] ?? '').split(',').filter(Boolean);
          app.send(responseFrame(f.msgId, ['OK', this.hostports, EDGE_VERSION, this.hostports]));
        } else {
          this.log.warn({ app: app.label }, 'app failed to authenticate');
          app.send(responseFrame(f.msgId, ['NO', 'incorrect secret']));
          app.end();
        }
        return;
      case 'ping':
        app.send(responseFrame(f.msgId, ['OK', 'pong']));
        return;
      case 'route':
        this.apps.addRoute(app, f.args[0] ?? '');
        app.send(responseFrame(f.msgId, ['OK']));
        return;
      case 'remove_route':
        this.apps.removeRoute(app, f.args[0] ?? '');
        app.send(responseFrame(f.msgId, ['OK']));
        return;
      case 'sip':
        return this.onAppSip(app, f.msgId, f.args, f.payload);
      case 'proxy':
        return this.refuseProxy(app, f.msgId, f.args[0] ?? '');
      default:
        app.send(responseFrame(f.msgId, ['NOK', 'Unknown message type']));
    }
  }

  private onAppSip(app: AppConnection, msgId: string, args: string[], payload: string): void {
    const [txnId = '', dlgId = '', proxy = ''] = args;
    // drachtio-srf computes Content-Length in UTF-16 units; everything after the blank line is the body
    const sep = payload.indexOf('\r\n\r\n');
    const body = sep === -1 ? '' : payload.slice(sep + 4);
    const head = (sep === -1 ? `${payload}\r\n\r\n` : payload.slice(0, sep + 4)).replace(/^(content-length|l)[ \t]*:.*\r\n/gim, '');
    const out = parseText(head, false);
    if (out.type !== 'message') {
      this.log.warn({ payload: payload.slice(0, 300) }, 'unparseable SIP message from app');
      app.send(responseFrame(msgId, ['NOK', 'unparseable SIP message']));
      return;
    }
    const msg = out.message;
    msg.body = body;
    if (msg.kind === 'response') {
      if (!txnId) return void app.send(responseFrame(msgId, ['NOK', 'transaction id missing']));
      return this.respondForApp(app, msgId, txnId, msg);
    }
    // these are async: a throw inside must be answered NOK, never become an unhandled rejection
    const failed = (err: Error) => {
      this.log.error({ err, app: app.label }, 'error sending a request for an app');
      app.send(responseFrame(msgId, ['NOK', `failed sending: ${err.message}`]));
    };
    if (dlgId) return void this.sendInDialogForApp(app, msgId, dlgId, msg).catch(failed);
    if (txnId && msg.method === 'CANCEL') return this.cancelForApp(app, msgId, txnId, msg);
    void this.sendOutOfDialogForApp(app, msgId, msg, proxy).catch(failed);
  }

  /**
   * `proxy` is not implemented. drachtio-srf forgets the INVITE once it asked for a proxy, so the
   * edge answers it itself (501): otherwise the caller would wait for a final response for ever.
   */
  private refuseProxy(app: AppConnection, msgId: string, txnId: string): void {
    app.send(responseFrame(msgId, ['NOK', 'proxying is not implemented by sip-edge']));
    const entry = this.serverTxnsById.get(txnId);
    if (!entry || entry.appId !== app.id || entry.txn.isFinal) return;
    void entry.txn.respond(buildResponse(entry.txn.request, 501, REASON_PHRASES[501], entry.txn.localTag,
      [['Warning', `399 ${this.host} "proxying is not implemented by sip-edge"`]]));
  }

  /**
   * A Contact from an app with `@localhost` gets the edge's address and port, and is always
   * written as a name-addr (`<sip:user@host:port>`), as drachtio-server does: a bare addr-spec
   * made peers build a broken Request-URI. Other Contacts pass unchanged.
   */
  private localizeContact(value: string): string {
    if (!/@localhost\b/i.test(value)) return value;
    const na = parseNameAddr(value);
    if (!na) return value.replace(/@localhost\b/i, `@${this.host}:${this.sipPort}`);
    const uri = na.uri.replace(/@localhost(:\d{1,5})?(?=[;?>]|$)/i, `@${this.host}:${this.sipPort}`);
    return formatNameAddr({ ...na, uri });
  }

  private replyOk(app: AppConnection, msgId: string, msg: SipMessage, peer: Peer, txnId: string, dlgId: string): void {
    const text = serialize(msg);
    const meta: MessageMeta = { source: 'application', bytes: text.length, transport: peer.transport, address: peer.address, port: peer.port };
    const tokens = ['OK', ...metaTokens(meta), txnId, dlgId, '', 'Msg sent:', ''];
    app.send(responseFrame(msgId, tokens, text));
  }

  // ── app answers a request it received

  private respondForApp(app: AppConnection, msgId: string, txnId: string, appRes: SipResponse): void {
    const entry = this.serverTxnsById.get(txnId);
    if (!entry || entry.cancelled || entry.txn.isFinal) {
      const reason = getHeader(appRes, 'cseq')?.endsWith('CANCEL')
        ? '200 OK to incoming CANCEL is automatically generated by the stack'
        : 'Response not sent due to unknown transaction';
      app.send(responseFrame(msgId, ['NOK', reason]));
      return;
    }
    const req = entry.txn.request;
    const status = appRes.status;
    const dialogForming = (req.method === 'INVITE' || req.method === 'SUBSCRIBE') && !tagOf(getHeader(req, 'to'));
    // an app may choose the To tag (srf: res.send(..., {headers: {to: '...;tag=x'}}))
    const appTag = tagOf(getHeader(appRes, 'to'));
    const localTag = appTag ?? entry.txn.localTag;
    const res = buildResponse(req, status, appRes.reason || REASON_PHRASES[status] || 'Unknown', status > 100 ? localTag : undefined);
    if (dialogForming && status > 100 && status < 300) {
      for (const rr of req.headers.filter((h) => h.key === 'record-route')) res.headers.push(makeHeader('Record-Route', rr.value));
    }
    let hasContact = false;
    for (const h of appRes.headers) {
      if (EDGE_OWNED.has(h.key)) continue;
      if (h.key === 'contact') {
        hasContact = true;
        res.headers.push(makeHeader('Contact', this.localizeContact(h.value)));
        continue;
      }
      res.headers.push(makeHeader(h.name, h.value));
    }
    if (!hasContact && status > 100 && status < 300 && (req.method === 'INVITE' || req.method === 'SUBSCRIBE')) {
      res.headers.push(makeHeader('Contact', this.contactFor(entry.txn.peer.transport)));
    }
    res.body = appRes.body;

    let dlgId = entry.dialogId;
    if (dialogForming && status >= 200 && status < 300) {
      const dialog = this.createUasDialog(app, req, res, entry.txn.peer, localTag);
      dlgId = dialog.id;
    }
    const existing = dlgId ? this.dialogs.get(dlgId) : undefined;
    if (existing && req.method === 'INVITE' && status >= 200 && status < 300) {
      const contact = getHeaderList(req, 'contact')[0];
      const uri = contact ? parseNameAddr(contact)?.uri : undefined;
      if (uri && !dialogForming) existing.remoteTarget = uri;
      this.awaitAck(existing, res, entry.txn.peer, parseCSeq(getHeader(req, 'cseq')!)!.seq);
    }
    void entry.txn.respond(res).then(
      () => this.replyOk(app, msgId, res, entry.txn.peer, txnId, dlgId),
      (err: Error) => app.send(responseFrame(msgId, ['NOK', `failed sending: ${err.message}`])),
    );
  }

  private createUasDialog(app: AppConnection, req: SipRequest, res: SipResponse, peer: Peer, localTag: string): Dialog {
    const callId = getHeader(req, 'call-id')!;
    const remoteTag = tagOf(getHeader(req, 'from')) ?? '';
    const contact = getHeaderList(req, 'contact')[0];
    const dialog: Dialog = {
      id: dialogId(callId, remoteTag), role: 'uas', appId: app.id, callId, localTag, remoteTag,
      local: getHeader(res, 'to')!, remote: getHeader(req, 'from')!,
      localSeq: Math.floor(Math.random() * 10_000) + 1,
      remoteSeq: parseCSeq(getHeader(req, 'cseq')!)!.seq,
      remoteTarget: (contact ? parseNameAddr(contact)?.uri : undefined) ?? `sip:${peer.address}:${peer.port}`,
      routeSet: getHeaderList(req, 'record-route'),
      peer, localContact: getHeader(res, 'contact') ?? this.contactFor(peer.transport),
      awaitingAck: undefined, lastInviteCSeq: 0, lastInviteStatus: 0, lastAck: undefined,
    };
    this.dialogs.add(dialog);
    return dialog;
  }

  /** Retransmits a 2xx to INVITE until the ACK (RFC 3261 §13.3.1.4); BYE after 64*T1 without one. */
  private awaitAck(dialog: Dialog, res: SipResponse, peer: Peer, cseq: number): void {
    dialog.awaitingAck?.timers.clear();
    const timers = new TimerSet();
    dialog.awaitingAck = { cseq, timers };
    const t = this.txnContext.timers;
    if (peer.transport === 'udp') {
      const again = (interval: number) => timers.after(interval, () => {
        this.sendQuietly(res, peer);
        again(Math.min(interval * 2, t.t2));
      });
      again(t.t1);
    }
    timers.after(transactionTimeout(t), () => {
      if (dialog.awaitingAck?.cseq !== cseq) return;
      this.log.warn({ dialog: dialog.id }, 'no ACK for 2xx: ending the call');
      this.terminateDialog(dialog, 'SIP ;cause=200 ;text="ACK timeout"');
    });
  }

  /**
   * Sends BYE for a dialog the edge itself ends (ACK timeout, app gone) and tells the owning app,
   * as drachtio-server does, with an "unsolicited" BYE frame.
   */
  private terminateDialog(dialog: Dialog, reason: string): void {
    const bye = this.buildInDialogRequest(dialog, 'BYE', [['Reason', reason]], '');
    this.endDialog(dialog);
    void this.nextHop(dialog).then((peer) => {
      const txn = new ClientTransaction(this.txnContext, newId(), bye, peer, { onResponse: () => undefined, onFailure: () => undefined });
      this.trackClientTxn(txn, dialog.appId, dialog.id, true);
      void txn.start().catch(() => undefined);
      const text = serialize(bye);
      this.apps.get(dialog.appId)?.send(sipFrame(
        { source: 'application', bytes: text.length, transport: peer.transport, address: peer.address, port: peer.port },
        'unsolicited', dialog.id, text));
    }, () => undefined);
  }

  private endDialog(dialog: Dialog): void {
    this.dialogs.remove(dialog);
  }

  // ── app sends a request

  private buildInDialogRequest(dialog: Dialog, method: string, extra: Array<[string, string]>, body: string,
    appHeaders: SipHeader[] = [], cseqOverride?: number): SipRequest {
    const routes = [...dialog.routeSet];
    let uri = dialog.remoteTarget;
    const first = routes[0] ? parseNameAddr(routes[0]) : null;
    if (first && !first.params.has('lr') && !/;lr\b/.test(first.uri)) {
      // strict routing (RFC 3261 §12.2.1.1): first route becomes the Request-URI
      uri = first.uri;
      routes.shift();
      routes.push(`<${dialog.remoteTarget}>`);
    }
    let seq: number;
    if (method === 'ACK') seq = dialog.lastInviteCSeq;
    else if (cseqOverride !== undefined && cseqOverride > dialog.localSeq) seq = dialog.localSeq = cseqOverride;
    else seq = ++dialog.localSeq;
    const headers: SipHeader[] = [
      makeHeader('Via', this.viaFor(dialog.peer.transport, newBranch())),
      makeHeader('Max-Forwards', '70'),
      makeHeader('From', dialog.local),
      makeHeader('To', dialog.remote),
      makeHeader('Call-ID', dialog.callId),
      makeHeader('CSeq', `${seq} ${method}`),
      ...routes.map((r) => makeHeader('Route', r)),
    ];
    let hasContact = false;
    for (const h of appHeaders) {
      if (EDGE_OWNED.has(h.key)) continue;
      if (h.key === 'contact') {
        hasContact = true;
        headers.push(makeHeader('Contact', this.localizeContact(h.value)));
        continue;
      }
      headers.push(makeHeader(h.name, h.value));
    }
    if (!hasContact && CONTACT_METHODS.has(method)) headers.push(makeHeader('Contact', dialog.localContact));
    for (const [n, v] of extra) headers.push(makeHeader(n, v));
    return { kind: 'request', method, uri, version: 'SIP/2.0', headers, body };
  }

  /** Where in-dialog requests go: the open TCP connection of the dialog, else the route set / target. */
  private async nextHop(dialog: Dialog): Promise<Peer> {
    if (dialog.peer.transport === 'tcp' && this.tcp?.hasConnection(dialog.peer.address, dialog.peer.port)) return dialog.peer;
    const first = dialog.routeSet[0] ? parseNameAddr(dialog.routeSet[0])?.uri : undefined;
    return this.resolve(first ?? dialog.remoteTarget, dialog.peer.transport);
  }

  private async sendInDialogForApp(app: AppConnection, msgId: string, dlgId: string, appReq: SipRequest): Promise<void> {
    const dialog = this.dialogs.get(dlgId);
    if (!dialog) {
      app.send(responseFrame(msgId, ['NOK', `unable to find dialog for dialog id ${dlgId}`]));
      return;
    }
    const method = appReq.method;
    if (method === 'ACK' && (dialog.role !== 'uac' || dialog.lastInviteStatus < 200 || dialog.lastInviteStatus >= 300)) {
      app.send(responseFrame(msgId, ['NOK', 'ACK for non-success responses is automatically generated by the stack']));
      return;
    }
    const appCSeq = parseCSeq(getHeader(appReq, 'cseq') ?? '');
    const req = this.buildInDialogRequest(dialog, method, [], appReq.body, appReq.headers,
      appCSeq?.method === method ? appCSeq.seq : undefined);
    let peer: Peer;
    try {
      peer = await this.nextHop(dialog);
    } catch (err) {
      app.send(responseFrame(msgId, ['NOK', `cannot reach dialog target: ${(err as Error).message}`]));
      return;
    }
    if (method === 'ACK') {
      dialog.lastAck = req;
      this.sendQuietly(req, peer);
      this.replyOk(app, msgId, req, peer, newId(), dialog.id);
      return;
    }
    if (method === 'INVITE') {
      dialog.lastInviteCSeq = dialog.localSeq;
      dialog.lastInviteStatus = 0;
    }
    if (method === 'BYE') {
      dialog.awaitingAck?.timers.clear();
      dialog.awaitingAck = undefined;
    }
    const txn = new ClientTransaction(this.txnContext, newId(), req, peer, this.clientHandlers());
    this.trackClientTxn(txn, app.id, dialog.id, false);
    this.replyOk(app, msgId, req, peer, txn.id, dialog.id);
    void txn.start().catch(() => undefined);
    if (method === 'BYE') this.endDialog(dialog);
  }

  private cancelForApp(app: AppConnection, msgId: string, txnId: string, appReq: SipRequest): void {
    const entry = this.clientTxnsById.get(txnId);
    if (!entry || !entry.txn.isInvite || (entry.txn.state !== 'calling' && entry.txn.state !== 'proceeding')) {
      app.send(responseFrame(msgId, ['NOK', 'unknown transaction or final response already received']));
      return;
    }
    const invite = entry.txn.request;
    const pick = (key: string) => invite.headers.filter((h) => h.key === key);
    const cseq = parseCSeq(getHeader(invite, 'cseq')!)!;
    const headers: SipHeader[] = [
      makeHeader('Via', getHeaderList(invite, 'via')[0]), ...pick('route'), makeHeader('Max-Forwards', '70'),
      ...pick('from'), ...pick('to'), ...pick('call-id'), makeHeader('CSeq', `${cseq.seq} CANCEL`),
    ];
    for (const h of appReq.headers) if (!EDGE_OWNED.has(h.key) && h.key !== 'contact') headers.push(makeHeader(h.name, h.value));
    const cancel: SipRequest = { kind: 'request', method: 'CANCEL', uri: invite.uri, version: 'SIP/2.0', headers, body: '' };
    // RFC 3261 §9.1: no CANCEL before the INVITE has heard back
    if (entry.txn.heardBack) this.sendCancel(entry, cancel);
    else entry.pendingCancel = cancel;
    this.replyOk(app, msgId, cancel, entry.txn.peer, newId(), '');
  }

  private sendCancel(entry: ClientTxnEntry, cancel: SipRequest): void {
    const txn = new ClientTransaction(this.txnContext, newId(), cancel, entry.txn.peer, this.clientHandlers());
    this.trackClientTxn(txn, entry.appId, '', true);
    void txn.start().catch(() => undefined);
  }

  private async sendOutOfDialogForApp(app: AppConnection, msgId: string, appReq: SipRequest, proxy: string): Promise<void> {
    const method = appReq.method;
    let peer: Peer;
    try {
      const target = proxy || appReq.uri;
      if (!/^sips?:/i.test(target) && !proxy) throw new Error(`no route to ${target}`);
      peer = await this.resolve(target, this.udp ? 'udp' : 'tcp');
    } catch (err) {
      app.send(responseFrame(msgId, ['NOK', (err as Error).message]));
      return;
    }
    const get = (n: string) => getHeader(appReq, n);
    const from = withTag((get('from') ?? `<sip:${this.host}:${this.sipPort}>`).replace(/@localhost\b/, `@${this.host}`), newTag());
    const appCSeq = parseCSeq(get('cseq') ?? '');
    const headers: SipHeader[] = [
      makeHeader('Via', this.viaFor(peer.transport, newBranch())),
      makeHeader('Max-Forwards', get('max-forwards') ?? '70'),
      makeHeader('From', from),
      makeHeader('To', get('to') ?? `<${appReq.uri}>`),
      makeHeader('Call-ID', get('call-id') ?? newCallId(this.host)),
      makeHeader('CSeq', `${appCSeq?.method === method ? appCSeq.seq : 1} ${method}`),
      ...getHeaders(appReq, 'route').map((r) => makeHeader('Route', r)),
    ];
    let hasContact = false;
    for (const h of appReq.headers) {
      if (EDGE_OWNED.has(h.key)) continue;
      if (h.key === 'contact') {
        hasContact = true;
        headers.push(makeHeader('Contact', this.localizeContact(h.value)));
        continue;
      }
      headers.push(makeHeader(h.name, h.value));
    }
    if (!hasContact && CONTACT_METHODS.has(method)) headers.push(makeHeader('Contact', this.contactFor(peer.transport)));
    const req: SipRequest = { kind: 'request', method, uri: appReq.uri, version: 'SIP/2.0', headers, body: appReq.body };
    const txn = new ClientTransaction(this.txnContext, newId(), req, peer, this.clientHandlers());
    const dlgId = method === 'INVITE' || method === 'SUBSCRIBE' ? dialogId(getHeader(req, 'call-id')!, tagOf(from) ?? '') : '';
    this.trackClientTxn(txn, app.id, dlgId, false);
    this.replyOk(app, msgId, req, peer, txn.id, '');
    void txn.start().catch(() => undefined);
  }

  private trackClientTxn(txn: ClientTransaction, appId: string, dlgId: string, silent: boolean): ClientTxnEntry {
    const entry: ClientTxnEntry = { txn, appId, dialogId: dlgId, silent };
    const key = txn.key;
    this.clientTxns.set(key, entry);
    this.clientTxnsById.set(txn.id, entry);
    txn.onTerminated = () => {
      if (this.clientTxns.get(key) === entry) this.clientTxns.delete(key);
      this.clientTxnsById.delete(txn.id);
    };
    return entry;
  }

  private clientHandlers() {
    return {
      onResponse: (res: SipResponse, txn: ClientTransaction) => this.onClientResponse(res, txn),
      onFailure: (status: 408 | 503, reason: string, txn: ClientTransaction) => {
        // the app hears of a timeout or unreachable peer as a response, like sofia's locally generated ones
        const res = buildResponse(txn.request, status, reason, undefined);
        this.onClientResponse(res, txn, true);
      },
    };
  }

  private onClientResponse(res: SipResponse, txn: ClientTransaction, local = false): void {
    const entry = this.clientTxnsById.get(txn.id);
    if (!entry) return;
    if (entry.pendingCancel && (res.status < 200)) {
      this.sendCancel(entry, entry.pendingCancel);
      entry.pendingCancel = undefined;
    } else if (entry.pendingCancel) entry.pendingCancel = undefined;
    const req = txn.request;
    const method = req.method;
    let dlgId = entry.dialogId;
    const toTag = tagOf(getHeader(res, 'to'));
    if (method === 'INVITE' && res.status >= 200) {
      const existing = dlgId ? this.dialogs.get(dlgId) : undefined;
      if (res.status < 300) {
        if (existing && existing.lastInviteCSeq === parseCSeq(getHeader(res, 'cseq')!)?.seq && existing.lastInviteStatus >= 200) {
          // retransmitted 2xx: the ACK is ours to repeat, the app already has this response
          if (existing.lastAck) this.sendQuietly(existing.lastAck, existing.peer);
          return;
        }
        if (existing) {
          existing.lastInviteStatus = res.status;
          const contact = getHeaderList(res, 'contact')[0];
          const uri = contact ? parseNameAddr(contact)?.uri : undefined;
          if (uri) existing.remoteTarget = uri;
        } else if (toTag) {
          const dialog = this.createUacDialog(entry.appId, req, res, txn.peer);
          dlgId = dialog.id;
        }
      } else if (existing) existing.lastInviteStatus = res.status;
    }
    if (method === 'BYE' && res.status >= 200 && dlgId) {
      const d = this.dialogs.get(dlgId);
      if (d) this.endDialog(d);
    }
    if (entry.silent) return;
    const app = this.apps.get(entry.appId);
    if (!app) return;
    const meta: MessageMeta = {
      source: 'network', bytes: 0, transport: txn.peer.transport,
      address: local ? this.host : txn.peer.address, port: local ? this.sipPort : txn.peer.port,
    };
    const text = serialize(res);
    meta.bytes = text.length;
    app.send(sipFrame(meta, txn.id, method === 'INVITE' && !toTag && res.status < 200 ? '' : dlgId, text));
  }

  private createUacDialog(appId: string, req: SipRequest, res: SipResponse, peer: Peer): Dialog {
    const callId = getHeader(req, 'call-id')!;
    const localTag = tagOf(getHeader(req, 'from')) ?? '';
    const contact = getHeaderList(res, 'contact')[0];
    const cseq = parseCSeq(getHeader(req, 'cseq')!)!.seq;
    const dialog: Dialog = {
      id: dialogId(callId, localTag), role: 'uac', appId, callId, localTag,
      remoteTag: tagOf(getHeader(res, 'to')) ?? '',
      local: getHeader(req, 'from')!, remote: getHeader(res, 'to')!,
      localSeq: cseq, remoteSeq: undefined,
      remoteTarget: (contact ? parseNameAddr(contact)?.uri : undefined) ?? req.uri,
      routeSet: getHeaderList(res, 'record-route').reverse(),
      peer, localContact: getHeader(req, 'contact') ?? this.contactFor(peer.transport),
      awaitingAck: undefined, lastInviteCSeq: cseq, lastInviteStatus: res.status, lastAck: undefined,
    };
    this.dialogs.add(dialog);
    return dialog;
  }

  // ── app disconnects

  private onAppGone(app: AppConnection): void {
    this.log.info({ app: app.label }, 'app disconnected');
    this.apps.remove(app.id);
    for (const dialog of this.dialogs.ownedBy(app.id)) {
      this.terminateDialog(dialog, 'SIP ;cause=503 ;text="application disconnected"');
    }
    for (const entry of this.serverTxnsById.values()) {
      if (entry.appId === app.id && !entry.txn.isFinal) {
        void entry.txn.respond(buildResponse(entry.txn.request, 503, REASON_PHRASES[503], entry.txn.localTag));
      }
    }
    for (const entry of [...this.clientTxnsById.values()]) {
      if (entry.appId !== app.id || entry.silent) continue;
      entry.silent = true;
      if (entry.txn.isInvite && (entry.txn.state === 'calling' || entry.txn.state === 'proceeding')) {
        const invite = entry.txn.request;
        const cseq = parseCSeq(getHeader(invite, 'cseq')!)!;
        const pick = (key: string) => invite.headers.filter((h) => h.key === key);
        const cancel: SipRequest = {
          kind: 'request', method: 'CANCEL', uri: invite.uri, version: 'SIP/2.0', body: '',
          headers: [makeHeader('Via', getHeaderList(invite, 'via')[0]), ...pick('route'), makeHeader('Max-Forwards', '70'),
            ...pick('from'), ...pick('to'), ...pick('call-id'), makeHeader('CSeq', `${cseq.seq} CANCEL`)],
        };
        if (entry.txn.heardBack) this.sendCancel(entry, cancel);
        else entry.pendingCancel = cancel;
      }
    }
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function metaTokens(m: MessageMeta): string[] {
  return [m.source, String(m.bytes), m.transport, m.address, String(m.port), stackTime()];
}

function networkMeta(req: SipMessage, peer: Peer): MessageMeta {
  return { source: 'network', bytes: serialize(req).length, transport: peer.transport, address: peer.address, port: peer.port };
}

/** RFC 3261 §18.2.1 and RFC 3581: note where the request really came from in its top Via. */
function stampReceived(req: SipRequest, peer: Peer): void {
  const idx = req.headers.findIndex((h) => h.key === 'via');
  if (idx === -1) return;
  const values = getHeaderList({ ...req, headers: [req.headers[idx]] }, 'via');
  const top = parseVia(values[0] ?? '');
  if (!top) return;
  let v = values[0];
  if (top.host !== peer.address && !top.params.has('received')) v += `;received=${peer.address}`;
  if (top.params.has('rport') && !top.params.get('rport')) v = v.replace(/;\s*rport(?=\s*(;|$))/i, `;rport=${peer.port}`);
  values[0] = v;
  req.headers[idx] = { ...req.headers[idx], value: values.join(', ') };
}
