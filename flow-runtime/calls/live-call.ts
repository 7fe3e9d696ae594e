// One call's SIP and media state on the caller's side: the INVITE, its media endpoint, the
// dialog once answered, and the agent/trunk legs (ports/legs-port.ts). The session's ports
// act on it; SIP events come back to the session as events (callerHangup, dtmf).
import type { MediaEndpoint } from '../media';
import type { HangupCause } from '../interpreter';
import type { CallSession } from '../session';
import type { DialogLike, Logger, SipMessageLike, SipResponseLike, SrfLike } from './sip-types';

/** A leg towards an agent or the trunk (see ports/legs-port.ts). */
export interface OutboundLeg {
  legId: string;
  agentId: string | null;
  endpoint: MediaEndpoint | null;
  request: SipMessageLike | null;
  dialog: DialogLike | null;
  state: 'dialing' | 'ringing' | 'answered' | 'ended';
  cancelled: boolean;
}

const REJECT_STATUS: Record<HangupCause, number> = { normal: 480, busy: 486, rejected: 603 };

export class LiveCall {
  dialog: DialogLike | null = null;
  session: CallSession | null = null;
  readonly legs = new Map<string, OutboundLeg>();
  /** Settles when the 200 OK was sent (or the answer failed: then the call is over). */
  answered: Promise<void> | null = null;
  callerGone = false;
  private finished = false;
  private earlyDigits: string[] = [];

  constructor(
    readonly id: string,
    private readonly srf: SrfLike,
    readonly req: SipMessageLike,
    private readonly res: SipResponseLike,
    readonly endpoint: MediaEndpoint,
    private readonly log: Logger,
  ) {
    endpoint.on('dtmf', (e) => this.digit(e.digit));
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

  /** Sends the 200 OK with our SDP answer (once). Dialog listeners are attached in the same tick. */
  answer(): Promise<void> {
    if (this.answered) return this.answered;
    this.answered = new Promise<void>((resolve, reject) => {
      if (this.callerGone) return reject(new Error('caller hung up before the answer'));
      this.srf.createUAS(this.req, this.res, { localSdp: this.endpoint.localSdp, headers: { 'User-Agent': 'Relais' } }, (err, dialog) => {
        if (err || !dialog) {
          this.callerHungUp();
          return reject(err ?? new Error('no dialog'));
        }
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
          this.endpoint.modify(req.body).then(
            (sdp) => res.send(200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } }),
            () => res.send(488),
          );
        });
        resolve();
      });
    });
    this.answered.catch(() => undefined);
    return this.answered;
  }

  /** BYE, CANCEL or a failed answer: tell the session once. */
  callerHungUp(): void {
    if (this.callerGone) return;
    this.callerGone = true;
    this.session?.send({ type: 'callerHangup' });
  }

  /** The flow hangs up: BYE when answered, else a final error response. */
  hangup(cause: HangupCause): void {
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
    for (const leg of this.legs.values()) this.endLeg(leg);
    if (this.answered) await this.answered.catch(() => undefined);
    if (this.dialog && !this.callerGone) this.hangup('normal');
    await this.endpoint.close().catch(() => undefined);
  }

  /** Stops a ringing leg (CANCEL) or hangs up an answered one (BYE); closes its endpoint. */
  endLeg(leg: OutboundLeg): void {
    leg.cancelled = true;
    if (leg.state === 'ended') return;
    leg.state = 'ended';
    if (leg.dialog) {
      const dialog = leg.dialog;
      leg.dialog = null;
      dialog.destroy().catch(() => undefined);
    } else if (leg.request?.cancel) {
      try {
        leg.request.cancel();
      } catch (err) {
        this.log.debug({ err, legId: leg.legId }, 'CANCEL failed');
      }
    }
    if (leg.endpoint?.bridgedTo) void leg.endpoint.unbridge().catch(() => undefined);
    void leg.endpoint?.close().catch(() => undefined);
  }
}
