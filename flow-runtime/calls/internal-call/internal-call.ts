// One call placed by an agent's phone (see README.md): Relais answers the phone with its own
// endpoint, rings the target with another (every registered contact of an agent at once, or a
// number through the trunk), and bridges the two on answer. The phone sees 180 while the target
// rings, then 200; a failure ends the INVITE with the target's status (486 busy, 480 no answer /
// unavailable, the trunk's own status). BYE from either side ends both; a CANCEL from the phone
// CANCELs every fork; re-INVITEs (hold) are answered from the party's endpoint (RFC 3264 mirror),
// and the other party hears the hold melody until the resume.
import type { AgentDirectory } from '../../agents/agent-directory';
import type { MediaEndpoint, MediaServer } from '../../media';
import type { CallRecorder, CallOutcome, LegOutcome } from '../../records/call-recorder';
import type { AuthenticatedAgent } from '../../registrar/registrar';
import { dialExternal, type SrfUac } from '../../trunk/dial-external';
import { resolveCallerId } from '../../trunk/numbers';
import type { TrunkConfig } from '../../trunk/trunk-config';
import type { DialogLike, Logger, SipMessageLike, SipResponseLike, SrfLike } from '../sip-types';
import { holdCaller, resumeCaller } from '../call-control/hold';

export interface InternalCallDeps {
  srf: SrfLike;
  media: MediaServer;
  directory: AgentDirectory;
  recorder: CallRecorder;
  trunk: TrunkConfig | null;
  log: Logger;
  /** How long the target rings before the phone gets 480. */
  ringMs: number;
  /** Told once the call is over (the registry forgets it). */
  ended(call: InternalCall): void;
  /** A REFER on one of the call's dialogs (attended-transfer.ts). */
  refer(call: InternalCall, party: Party, req: SipMessageLike, res: SipResponseLike): void;
  /** Told each record and hold/resume (the live view, flow-runtime/live/internal-live.ts). */
  live?: (call: InternalCall, kind: string, data: Record<string, unknown>) => void;
}

/** Where the phone's call goes: an agent of its organisation (by extension), or a number through the trunk. */
export type InternalTarget =
  | { kind: 'agent'; agentId: string; extension: string }
  | { kind: 'number'; number: string; callerId: string | null };

/** One side of the call: the calling phone, or the target once answered. */
export interface Party {
  agentId: string | null;
  /** The number dialled through the trunk (outbound calls). */
  number: string | null;
  dialog: DialogLike | null;
  endpoint: MediaEndpoint;
  /** Handed to another call by an attended transfer: this call no longer acts on its dialog. */
  taken: boolean;
}

type Fail = { status: number; outcome: LegOutcome };

function failure(status: number | undefined): Fail {
  if (status === 486 || status === 600 || status === 603) return { status: 486, outcome: 'busy' };
  if (status === 408 || status === 480 || status === 487 || status === undefined) return { status: 480, outcome: 'no_answer' };
  if (status >= 400 && status < 700) return { status, outcome: 'failed' };
  return { status: 480, outcome: 'failed' };
}

const CALL_OUTCOME: Record<LegOutcome, CallOutcome> = { answered: 'answered', busy: 'busy', no_answer: 'no_answer', cancelled: 'cancelled', failed: 'no_answer' };

export class InternalCall {
  readonly id: string;
  state: 'ringing' | 'answered' | 'ended' = 'ringing';
  readonly caller: Party;
  callee: Party | null = null;
  /** The CallLeg row of the target. */
  readonly legRow: string;
  private cancelled = false;
  private readonly requests: SipMessageLike[] = [];
  private readonly busyMarks = new Set<string>();
  /** Parties whose phone put the call on hold. */
  private readonly holding = new Set<Party>();

  constructor(
    private readonly deps: InternalCallDeps,
    readonly organizationId: string,
    readonly from: AuthenticatedAgent,
    readonly target: InternalTarget,
    private readonly req: SipMessageLike,
    private readonly res: SipResponseLike,
    callerEndpoint: MediaEndpoint,
  ) {
    const extension = from.extension ?? from.sipUsername;
    this.id = deps.recorder.callStarted({
      organizationId, sipCallId: req.get('Call-ID') ?? '', entryNumber: extension, caller: extension,
      callee: target.kind === 'agent' ? target.extension : target.number, flowVersionId: null,
    });
    this.caller = { agentId: from.id, number: null, dialog: null, endpoint: callerEndpoint, taken: false };
    this.legRow = deps.recorder.legStarted(this.id, {
      agentId: target.kind === 'agent' ? target.agentId : null,
      destination: target.kind === 'agent' ? `agent:${target.agentId}` : target.number,
      kind: target.kind === 'agent' ? 'internal' : 'outbound',
    });
    this.event('internal_call', {
      result: 'started', fromAgentId: from.id, ...(target.kind === 'agent' ? { toAgentId: target.agentId, extension: target.extension } : { number: target.number }),
    });
  }

  private event(kind: string, data: Record<string, unknown>): void {
    this.deps.recorder.pathEvent(this.id, { kind, data, at: new Date() });
    this.deps.live?.(this, kind, data);
  }

  private busy(agentId: string | null): void {
    if (!agentId) return;
    this.busyMarks.add(agentId);
    this.deps.directory.markBusy(agentId, this.id);
  }

  /** The agent is no longer on this call (the directory tells the queue once no call holds them). */
  free(agentId: string | null): void {
    if (!agentId || !this.busyMarks.delete(agentId)) return;
    this.deps.directory.markFree(agentId, this.id);
  }

  /** Rings the target and bridges on answer; settles when the call is answered or failed. */
  async start(): Promise<void> {
    this.req.on('cancel', () => {
      this.cancelled = true;
      for (const r of this.requests.splice(0)) this.cancelInvite(r);
    });
    this.busy(this.caller.agentId);
    let endpoint: MediaEndpoint | null = null;
    let dialog: DialogLike | null = null;
    try {
      endpoint = await this.deps.media.createEndpoint({ label: `${this.id}-target` });
      if (this.cancelled) throw Object.assign(new Error('cancelled'), { status: 487 });
      dialog = await this.ring(endpoint);
      if (this.cancelled) throw Object.assign(new Error('cancelled'), { status: 487 });
      await endpoint.setRemoteAnswer(dialog.remote.sdp);
    } catch (err) {
      const status = (err as { status?: number })?.status;
      const f = this.cancelled ? { status: 487, outcome: 'cancelled' as const } : failure(status);
      // answered but unusable (no common codec) or cancelled meanwhile: the target gets a BYE
      if (dialog) void dialog.destroy().catch(() => undefined);
      void endpoint?.close().catch(() => undefined);
      // A CANCEL was already answered 487 by the SIP server.
      if (!this.cancelled) this.res.send(f.status);
      this.deps.recorder.legEnded(this.id, this.legRow, f.outcome);
      this.event('internal_call', { result: f.outcome, status: f.status });
      this.finish(CALL_OUTCOME[f.outcome]);
      return;
    }
    const callee: Party = { agentId: this.target.kind === 'agent' ? this.target.agentId : null, number: this.target.kind === 'number' ? this.target.number : null, dialog, endpoint, taken: false };
    this.callee = callee;
    this.watch(callee, dialog);
    let phoneDialog: DialogLike;
    try {
      phoneDialog = await new Promise<DialogLike>((resolve, reject) => {
        this.deps.srf.createUAS(this.req, this.res, { localSdp: this.caller.endpoint.localSdp, headers: { 'User-Agent': 'Relais' } }, (err, d) => (err || !d ? reject(err ?? new Error('no dialog')) : resolve(d)));
      });
    } catch {
      // the phone went away between the target's answer and ours
      this.deps.recorder.legAnswered(this.id, this.legRow);
      this.hangUp(callee);
      return;
    }
    this.watch(this.caller, phoneDialog);
    this.state = 'answered';
    this.busy(callee.agentId);
    await this.caller.endpoint.bridge(endpoint, { dtmf: 'forward' }).catch((err) => this.deps.log.warn({ err, callId: this.id }, 'internal call: bridge failed'));
    this.deps.recorder.callAnswered(this.id);
    this.deps.recorder.legAnswered(this.id, this.legRow);
    // summary: the agent who answered (the calling agent for a number), then the calling agent
    this.deps.recorder.callSummary(this.id, { kind: 'agent', agentId: callee.agentId ?? this.from.id });
    this.deps.recorder.callSummary(this.id, { kind: 'agent', agentId: this.from.id, answered: false });
    this.event('internal_call', { result: 'answered' });
  }

  private async ring(endpoint: MediaEndpoint): Promise<DialogLike> {
    const { target } = this;
    let timedOut = false;
    let giveUp: (() => void) | null = null;
    const timer = setTimeout(() => {
      timedOut = true;
      for (const r of this.requests.splice(0)) this.cancelInvite(r);
      giveUp?.();
    }, this.deps.ringMs);
    let ringing = false;
    const progress = {
      cbRequest: (_err: unknown, r: SipMessageLike) => {
        if (!r) return;
        if (this.cancelled || timedOut) this.cancelInvite(r);
        else this.requests.push(r);
      },
      cbProvisional: (p: { status: number }) => {
        if (ringing || this.cancelled || (p.status !== 180 && p.status !== 183)) return;
        ringing = true;
        this.res.send(180);
      },
    };
    try {
      if (target.kind === 'number') {
        const trunk = this.deps.trunk;
        if (!trunk) throw Object.assign(new Error('no trunk'), { status: 503 });
        const callerId = resolveCallerId(trunk.callerId, { entryNumber: target.callerId, callerNumber: null }, trunk.countryCode);
        return await dialExternal<DialogLike>(this.deps.srf as unknown as SrfUac, target.number, {
          trunk, sdp: endpoint.localSdp, callerId,
          cbRequest: (e, r) => progress.cbRequest(e, r as SipMessageLike), cbProvisional: (p) => progress.cbProvisional(p as { status: number }),
        });
      }
      const contacts = await this.deps.directory.contacts(target.agentId);
      if (contacts.length === 0) throw Object.assign(new Error('not registered'), { status: 480 });
      const extension = this.from.extension ?? this.from.sipUsername;
      const from = `"${this.from.name.replace(/["\\\r\n]/g, '')}" <sip:${extension}@localhost>`;
      return await new Promise<DialogLike>((resolve, reject) => {
        giveUp = () => reject(Object.assign(new Error('ring time over'), { status: 480 }));
        const statuses: number[] = [];
        let won = false;
        for (const uri of contacts) {
          this.deps.srf.createUAC(uri, { localSdp: endpoint.localSdp, headers: { From: from } }, progress, (err, d) => {
            if (err || !d) {
              statuses.push(err?.status ?? 500);
              if (statuses.length === contacts.length && !won) {
                // busy only when every contact said busy
                const status = statuses.every((s) => failure(s).outcome === 'busy') ? 486 : statuses.find((s) => s !== 487 && s !== 408) ?? 480;
                reject(Object.assign(new Error('no answer'), { status }));
              }
              return;
            }
            if (won || this.cancelled || timedOut) return void d.destroy().catch(() => undefined);
            won = true;
            for (const other of this.requests.splice(0)) this.cancelInvite(other);
            resolve(d);
          });
        }
      });
    } catch (err) {
      const status = (err as { status?: number })?.status;
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { status: timedOut && (status === 487 || !status) ? 480 : status });
    } finally {
      clearTimeout(timer);
      this.requests.length = 0;
    }
  }

  private cancelInvite(r: SipMessageLike): void {
    try {
      r.cancel?.();
    } catch (err) {
      this.deps.log.debug({ err, callId: this.id }, 'CANCEL failed');
    }
  }

  /** The party's dialog: its BYE ends the call, its re-INVITEs are answered, a REFER goes to the transfer logic. */
  private watch(party: Party, dialog: DialogLike): void {
    party.dialog = dialog;
    dialog.on('destroy', () => {
      if (party.taken || party.dialog !== dialog) return;
      party.dialog = null;
      this.hangUp(party);
    });
    dialog.on('modify', (req, res) => {
      if (party.taken) return;
      // hold / resume: answered from this party's endpoint, mirroring the offer's direction
      party.endpoint.modify(req.body).then(
        (sdp) => {
          res.send(200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } });
          return this.holdChanged(party);
        },
        () => res.send(488),
      ).catch((err) => this.deps.log.warn({ err, callId: this.id }, 'internal call: hold/resume failed'));
    });
    dialog.on('info', (req, res) => {
      // DTMF by SIP INFO reaches the party's endpoint whichever call it now belongs to
      party.endpoint.handleSipInfo(req.get('Content-Type') ?? '', req.body ?? '');
      res.send(200);
    });
    dialog.on('refer', (req, res) => {
      if (party.taken) return;
      this.deps.refer(this, party, req, res);
    });
  }

  /**
   * After a re-INVITE: a party holding (its phone sent sendonly / inactive) → the other hears the
   * hold melody instead of silence; resuming → the bridge again, unless the other holds too (then
   * this one keeps hearing the other's music).
   */
  private async holdChanged(party: Party): Promise<void> {
    const other = this.other(party);
    if (!other || other.taken || this.state !== 'answered') return;
    const direction = party.endpoint.direction;
    const holding = direction === 'recvonly' || direction === 'inactive';
    if (holding && !this.holding.has(party)) {
      this.holding.add(party);
      // a CallEvent of the call's timeline too (as the flow calls' hold/resume), and the live view
      this.event('hold', this.holdRecord(party));
      await holdCaller(other.endpoint, []);
    } else if (!holding && this.holding.delete(party)) {
      this.event('resume', this.holdRecord(party));
      if (this.holding.has(other)) other.endpoint.stopPlayback();
      else await resumeCaller(other.endpoint, party.endpoint);
    }
  }

  private holdRecord(party: Party): Record<string, unknown> {
    return { by: party.agentId ? 'agent-phone' : 'external-phone', agentId: party.agentId, number: party.number };
  }

  /** The other party of `party`. */
  other(party: Party): Party | null {
    return party === this.caller ? this.callee : this.caller;
  }

  /**
   * Hands `party` (its dialog and endpoint) to another call (an attended transfer): this call
   * forgets it and ends for the rest (the other party gets a BYE). Its CallLeg row ends now.
   */
  async release(party: Party): Promise<{ agentId: string | null; number: string | null; dialog: DialogLike; endpoint: MediaEndpoint } | null> {
    if (this.state !== 'answered' || !party.dialog || party.taken) return null;
    party.taken = true;
    const out = { agentId: party.agentId, number: party.number, dialog: party.dialog, endpoint: party.endpoint };
    party.dialog = null;
    if (party.endpoint.bridgedTo) await party.endpoint.unbridge().catch(() => undefined);
    return out;
  }

  /** Ends the call from `party`'s side (its BYE, or a transfer took it): BYE to the other, records. */
  hangUp(from: Party | null): void {
    if (this.state === 'ended') return;
    for (const p of [this.caller, this.callee]) {
      if (!p || p === from) continue;
      const d = p.dialog;
      p.dialog = null;
      if (d && !p.taken) void d.destroy().catch(() => undefined);
    }
    if (from?.dialog && !from.taken) {
      const d = from.dialog;
      from.dialog = null;
      void d.destroy().catch(() => undefined);
    }
    // not answered yet: the phone went away while Relais answered it (a CANCEL crossing the 200)
    const outcome = this.state === 'answered' ? 'answered' : 'cancelled';
    this.deps.recorder.legEnded(this.id, this.legRow, outcome);
    const by = this.caller.taken || this.callee?.taken ? 'transfer' : from === this.caller ? 'caller' : 'callee';
    this.event('internal_call', { result: 'ended', by });
    this.finish(outcome);
  }

  private finish(outcome: CallOutcome): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    for (const p of [this.caller, this.callee]) if (p && !p.taken) void p.endpoint.close().catch(() => undefined);
    // the end is stamped before the agents are free (a queue may offer them a caller at once)
    this.deps.recorder.callEnded(this.id, outcome);
    for (const agentId of [...this.busyMarks]) this.free(agentId);
    this.deps.ended(this);
  }
}
