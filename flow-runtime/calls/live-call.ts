// One call's SIP and media state on the caller's side: the INVITE, its media endpoint, the
// 183 Session Progress (early media) while legs ring, the dialog once answered, and the
// agent/trunk legs (ports/legs-port.ts). The session's ports act on it; SIP events come back
// to the session as events (callerHangup, dtmf).
import type { MediaEndpoint } from '../media';
import type { HangupCause } from '../interpreter';
import type { CallSession, LegListener } from '../session';
import type { LiveCallControl } from './call-control/call-control';
import type { DialogLike, Logger, SipMessageLike, SipResponseLike, SrfLike } from './sip-types';

/** A leg towards an agent or the trunk (see ports/legs-port.ts). */
export interface OutboundLeg {
  legId: string;
  agentId: string | null;
  endpoint: MediaEndpoint | null;
  /** The INVITEs still unanswered (one per registered contact of an agent: forking). */
  requests: SipMessageLike[];
  dialog: DialogLike | null;
  state: 'dialing' | 'ringing' | 'answered' | 'ended';
  cancelled: boolean;
  /** The flow's listener of this leg (legs-port.ts), told when the leg ends. */
  listener?: LegListener;
}

const REJECT_STATUS: Record<HangupCause, number> = { normal: 480, busy: 486, rejected: 603 };

/**
 * Longest time in early media before the call is answered anyway (the ringback goes on in-band).
 * We send one 183; proxies may cancel an INVITE after 3 minutes without a response (Timer C,
 * RFC 3261 §16.6/§13.3.1.1), so the 200 OK must come before that.
 */
export const EARLY_MEDIA_MAX_MS = 150_000;

export class LiveCall {
  dialog: DialogLike | null = null;
  session: CallSession | null = null;
  readonly legs = new Map<string, OutboundLeg>();
  /** Settles when the 200 OK was sent (or the answer failed: then the call is over). */
  answered: Promise<void> | null = null;
  callerGone = false;
  /** The 183 Session Progress with our SDP was sent (early media). */
  earlyMediaSent = false;
  private earlyMediaGuard: ReturnType<typeof setTimeout> | null = null;
  /** Told once when the 200 OK went out, whoever asked for it (the flow, or the early-media limit). */
  onAnswered: (() => void) | null = null;
  private finished = false;
  /** An agent's outgoing call (originate/): who placed it, for which group, to whom; null for a call that came in. */
  origin: { kind: 'outbound'; agentId: string; groupId: string; number: string; contactId: string | null; contactName: string | null } | null = null;
  /** Told once the caller's side is gone, for a call without a flow session (originate/). */
  onCallerGone: (() => void) | null = null;
  /** Hold, resume, transfers (call-control/): set by run-call.ts. */
  control: LiveCallControl | null = null;
  private earlyDigits: string[] = [];

  constructor(
    readonly id: string,
    private readonly srf: SrfLike,
    readonly req: SipMessageLike,
    private readonly res: SipResponseLike,
    readonly endpoint: MediaEndpoint,
    private readonly log: Logger,
    private readonly earlyMediaMaxMs = EARLY_MEDIA_MAX_MS,
  ) {
    endpoint.on('dtmf', (e) => this.digit(e.digit));
    endpoint.on('closed', () => this.mediaLost());
  }

  /**
   * The caller's media endpoint closed while the call was still running (the media worker died,
   * the media server shut down): the caller would hear nothing more, so hang up (BYE, or a final
   * error response before the answer) and end the session rather than leave them in silence.
   */
  private mediaLost(): void {
    if (this.finished || this.callerGone) return;
    this.log.error({ callId: this.id }, 'media endpoint closed under a live call: hanging up');
    this.hangup('normal');
    this.callerHungUp();
  }

  attach(session: CallSession): void {
    this.session = session;
    for (const key of this.earlyDigits.splice(0)) session.send({ type: 'dtmf', key });
    if (this.callerGone) session.send({ type: 'callerHangup' });
  }

  /** Digits before the session exists are kept for it; the interpreter decides what counts. */
  private digit(key: string): void {
    if (this.session) this.session.send({ type: 'dtmf', key });
    else if (this.earlyDigits.length < 32) this.earlyDigits.push(key);
  }

  /**
   * Sends 183 Session Progress with our SDP answer (once), so the caller hears what the endpoint
   * plays (the ringback) before the call is answered. Nothing when answered or gone. After
   * earlyMediaMaxMs still unanswered, the call is answered (see EARLY_MEDIA_MAX_MS).
   */
  earlyMedia(): void {
    if (this.earlyMediaSent || this.answered || this.callerGone || this.finished) return;
    this.earlyMediaSent = true;
    this.res.send(183, { body: this.endpoint.localSdp, headers: { 'Content-Type': 'application/sdp', 'User-Agent': 'Relais' } });
    this.earlyMediaGuard = setTimeout(() => {
      this.earlyMediaGuard = null;
      if (this.answered || this.callerGone || this.finished) return;
      this.log.info({ callId: this.id, afterMs: this.earlyMediaMaxMs }, 'early media too long: answering the caller');
      void this.answer().catch(() => undefined);
    }, this.earlyMediaMaxMs);
  }

  private clearEarlyMediaGuard(): void {
    if (this.earlyMediaGuard) clearTimeout(this.earlyMediaGuard);
    this.earlyMediaGuard = null;
  }

  /** Sends the 200 OK with our SDP answer (once), also after a 183. Dialog listeners are attached in the same tick. */
  answer(): Promise<void> {
    if (this.answered) return this.answered;
    this.clearEarlyMediaGuard();
    this.answered = new Promise<void>((resolve, reject) => {
      if (this.callerGone) return reject(new Error('caller hung up before the answer'));
      this.srf.createUAS(this.req, this.res, { localSdp: this.endpoint.localSdp, headers: { 'User-Agent': 'Relais' } }, (err, dialog) => {
        if (err || !dialog) {
          this.callerHungUp();
          return reject(err ?? new Error('no dialog'));
        }
        this.attachDialog(dialog);
        resolve();
        this.onAnswered?.();
      });
    });
    this.answered.catch(() => undefined);
    return this.answered;
  }

  /**
   * The caller's side is a dialog we placed (an agent's outgoing call, originate/): the call counts
   * as answered and the dialog gets the same handlers as an answered INVITE's.
   */
  adoptDialog(dialog: DialogLike): void {
    this.answered = Promise.resolve();
    this.attachDialog(dialog);
  }

  private attachDialog(dialog: DialogLike): void {
    this.dialog = dialog;
    dialog.on('destroy', () => {
      this.dialog = null;
      this.callerHungUp();
    });
    dialog.on('info', (req, res) => {
      this.endpoint.handleSipInfo(req.get('Content-Type') ?? '', req.body ?? '');
      res.send(200);
    });
    dialog.on('modify', (req, res) => {
      // hold / resume from the caller's phone: through the call's mailbox (call-control/)
      if (this.control) return this.control.callerReinvite(req, res);
      this.endpoint.modify(req.body).then(
        (sdp) => res.send(200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } }),
        () => res.send(488),
      );
    });
  }

  /** BYE, CANCEL or a failed answer: tell the session once. */
  callerHungUp(): void {
    if (this.callerGone) return;
    this.callerGone = true;
    this.clearEarlyMediaGuard();
    this.session?.send({ type: 'callerHangup' });
    this.onCallerGone?.();
  }

  /** The flow hangs up: BYE when answered, else a final error response. */
  hangup(cause: HangupCause): void {
    this.clearEarlyMediaGuard();
    if (this.dialog) {
      const dialog = this.dialog;
      this.dialog = null;
      dialog.destroy().catch((err) => this.log.debug({ err, callId: this.id }, 'BYE failed'));
    } else if (!this.answered && !this.callerGone) {
      this.res.send(REJECT_STATUS[cause]);
    }
  }

  /** After the session ended: every leg torn down, the caller hung up, endpoints closed. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.clearEarlyMediaGuard();
    for (const leg of this.legs.values()) this.endLeg(leg);
    this.control?.finished();
    if (this.answered) await this.answered.catch(() => undefined);
    if (this.dialog && !this.callerGone) this.hangup('normal');
    await this.endpoint.close().catch(() => undefined);
  }

  /** Stops a ringing leg (CANCEL to every INVITE still out) or hangs up an answered one (BYE); closes its endpoint. */
  endLeg(leg: OutboundLeg): void {
    leg.cancelled = true;
    if (leg.state === 'ended') return;
    leg.state = 'ended';
    if (leg.dialog) {
      const dialog = leg.dialog;
      leg.dialog = null;
      dialog.destroy().catch(() => undefined);
    }
    for (const request of leg.requests.splice(0)) this.cancelInvite(request, leg.legId);
    if (leg.endpoint?.bridgedTo) void leg.endpoint.unbridge().catch(() => undefined);
    void leg.endpoint?.close().catch(() => undefined);
  }

  /** CANCELs an outgoing INVITE (the edge holds it until a provisional response arrived). */
  cancelInvite(request: SipMessageLike, legId: string): void {
    if (!request.cancel) return;
    try {
      request.cancel();
    } catch (err) {
      this.log.debug({ err, legId }, 'CANCEL failed');
    }
  }
}
