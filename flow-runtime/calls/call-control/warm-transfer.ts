// Warm transfer ("parler d'abord", issue 13 items 3–5): the agent talks to the target before the
// caller is handed over. One consultation at a time per call, driven through the call's mailbox:
//
//   transferWarm ──► ringing ──answered──► talking ◄──switch──► (agent with caller, target on hold)
//        │              │  │                 │  │
//        │      no answer/busy         complete  conference ──► 3 parties (conference.ts)
//        │              ▼                    │        │ one leaves: the two others bridged
//        │           failed ──retrieve──►  agent back with the caller
//        └── the caller hears the group's hold music from the start until complete/retrieve
//
// Phones hanging up (see README "Warm transfer"):
// - agent, target ringing: the transfer goes on as a cold one (answered → caller bridged to the
//   target; not answered → comes back like a cold transfer: agent rung again, else the flow goes on);
// - agent, target answered (talking either side, or conference): complete;
// - agent after a failed attempt: the agent's leg ends as usual (the flow goes on after its bridge);
// - target, talking to the agent: the consultation ends like an unanswered one (the agent retrieves);
//   target while the agent is back with the caller: the consultation just ends;
// - target in conference: caller and agent go on; agent in conference: as complete;
// - caller once the target answered (talking, or conference): agent and target stay connected
//   until one of them hangs up (the call's record, which is the caller's, ends when the caller
//   leaves); caller while the target rings: the call ends and every leg with it (CANCEL included).
import type { MediaEndpoint } from '../../media';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { DialogLike } from '../sip-types';
import type { ControlDeps } from './call-control';
import type { Actor, CommandResult, TransferProgress, TransferTarget } from './commands';
import { ThreeWay, type Party } from './conference';
import { holdCaller, resumeCaller } from './hold';
import { REASONS } from './refer';
import { ringTarget } from './ring';

/** What LiveCallControl lends the warm transfer (its mailbox, target resolution, come-back, rows). */
export interface WarmHost {
  call: LiveCall;
  deps: ControlDeps;
  /** Runs a task in the call's mailbox, after whatever command is in progress. */
  run<T>(task: () => Promise<T>): Promise<T>;
  resolve(target: TransferTarget): Promise<{ agentId: string } | { number: string } | CommandResult>;
  nextAttempt(): number;
  /** The agent's phone no longer holds the caller: the warm transfer owns the hold music now. */
  clearHold(): void;
  /** A transfer nobody answered after the transferring agent left (cold transfer's come-back). */
  comeBack(leg: OutboundLeg, attempt: number): Promise<void>;
  /** Flow leg id → CallLeg row of the party a transfer put on it; rows answered through transfers. */
  currentRow: Map<string, string>;
  openRows: Set<string>;
}

type Phase = 'ringing' | 'talking' | 'failed' | 'conference' | 'blind';

interface Consultation {
  /** The flow's leg: the agent's party while the consultation lasts. */
  leg: OutboundLeg;
  /** The consultation leg towards the target. */
  target: OutboundLeg;
  targetRef: TransferTarget;
  number: string | null;
  row: string;
  attempt: number;
  phase: Phase;
  /** While talking: with whom the agent talks (the other hears hold music). */
  with: 'target' | 'caller';
  progress?: TransferProgress;
  threeWay: ThreeWay | null;
  conferenceRow: string | null;
  /** The caller left the conference: agent and target go on outside the call's legs. */
  orphan: { dialog: DialogLike | null; endpoint: MediaEndpoint | null; agentId: string | null } | null;
}

const who = (by: Actor | 'auto') => (by === 'auto' ? { by: 'auto' } : by.kind === 'agent-phone' ? { by: 'agent-phone', agentId: by.agentId, legId: by.legId } : by.kind === 'command' ? { by: 'command', userId: by.userId } : { by: 'caller-phone' });

function outcome(status: number): 'busy' | 'no_answer' | 'failed' {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  return 'failed';
}

const CONFLICT = (reason: string): CommandResult => ({ ok: false, status: 409, reason });

export class WarmTransfer {
  private current: Consultation | null = null;

  constructor(private readonly host: WarmHost) {}

  /** A consultation is going on with this flow leg as the agent's side. */
  owns(leg: OutboundLeg): boolean {
    return this.current?.leg === leg;
  }

  get active(): boolean {
    return this.current !== null;
  }

  private get call(): LiveCall {
    return this.host.call;
  }

  private get deps(): ControlDeps {
    return this.host.deps;
  }

  private record(kind: string, data: Record<string, unknown>): void {
    this.deps.record(kind, data);
  }

  // ---- commands (run inside the call's mailbox) ---------------------------------------------------

  /** Puts the caller on hold and rings the target on a consultation leg; answers once ringing started. */
  async start(leg: OutboundLeg | null, targetRef: TransferTarget, by: Actor, progress?: TransferProgress): Promise<CommandResult> {
    if (this.current && this.current.phase !== 'failed') return CONFLICT('a warm transfer is already in progress');
    // after a failed attempt the caller is on hold (not bridged): the agent is the consultation's
    leg ??= this.current?.leg ?? null;
    if (!leg || leg.state !== 'answered' || !leg.endpoint || !leg.dialog) return { ok: false, status: 481, reason: 'no agent on the call' };
    const dest = await this.host.resolve(targetRef);
    if ('ok' in dest) {
      this.record('transfer', { ...who(by), mode: 'warm', target: targetRef, result: 'refused', status: dest.ok ? null : dest.status });
      return dest;
    }
    if ('agentId' in dest && (dest.agentId === leg.agentId || !(await this.deps.directory.isAvailable(dest.agentId)))) {
      this.record('transfer', { ...who(by), mode: 'warm', target: targetRef, result: 'refused', status: 480 });
      return { ok: false, status: 480, reason: 'Temporarily Unavailable' };
    }
    this.current = null; // a new attempt after a failed one
    const attempt = this.host.nextAttempt();
    const agentId = 'agentId' in dest ? dest.agentId : null;
    const number = 'number' in dest ? dest.number : null;
    const target: OutboundLeg = { legId: `${leg.legId}-w${attempt}`, agentId, endpoint: null, requests: [], dialog: null, state: 'dialing', cancelled: false };
    const row = this.deps.legRows.started(agentId, agentId ? `agent:${agentId}` : (number as string), 'transfer_warm');
    const c: Consultation = { leg, target, targetRef, number, row, attempt, phase: 'ringing', with: 'target', progress, threeWay: null, conferenceRow: null, orphan: null };
    this.current = c;
    this.record('transfer', { ...who(by), mode: 'warm', target: targetRef, result: 'started', attempt, fromLegId: leg.legId, fromAgentId: leg.agentId, toAgentId: agentId, number });
    progress?.accepted?.();
    this.watchCaller(c);
    this.host.clearHold();
    await holdCaller(this.call.endpoint, await this.deps.holdMusic());
    // the agent hears the ringback while the target rings
    void leg.endpoint.play({ kind: 'tone', tone: 'ringback' }, { loop: true, fallback: true }).catch(() => undefined);
    void ringTarget(this.deps, this.call, target, dest, this.deps.transferRingMs, this.deps.callerNumber).then(
      (result) => this.host.run(() => this.ringEnded(c, result)),
    ).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 'warm transfer: ring failed'));
    return { ok: true, detail: 'ringing' };
  }

  /** The agent alternates between caller and target (`to` absent: the other one). */
  async switchTo(by: Actor, to?: 'caller' | 'target'): Promise<CommandResult> {
    const c = this.current;
    if (c?.orphan) return CONFLICT('the caller left');
    if (!c || c.phase !== 'talking') return CONFLICT('no answered warm transfer');
    const next = to ?? (c.with === 'target' ? 'caller' : 'target');
    const agent = c.leg.endpoint;
    const target = c.target.endpoint;
    if (!agent || !target) return CONFLICT('no answered warm transfer');
    if (next !== c.with) {
      const music = await this.deps.holdMusic();
      if (next === 'caller') {
        await target.unbridge();
        void target.play(music, { loop: true, fallback: true }).catch(() => undefined);
        await resumeCaller(this.call.endpoint, agent);
      } else {
        await holdCaller(this.call.endpoint, music);
        target.stopPlayback();
        await agent.bridge(target, { dtmf: 'forward' });
      }
      c.with = next;
    }
    this.record('switch', { ...who(by), to: next, attempt: c.attempt, agentId: c.leg.agentId });
    return { ok: true, detail: next };
  }

  /** Caller bridged to the target, the agent released (BYE); in conference: the agent leaves it. */
  async complete(by: Actor): Promise<CommandResult> {
    const c = this.current;
    if (c?.orphan) return CONFLICT('the caller left');
    if (!c || (c.phase !== 'talking' && c.phase !== 'conference')) return CONFLICT('no answered warm transfer');
    if (c.phase === 'conference') await this.leaveConference(c, 'agent', by);
    await this.takeOver(c, by);
    return { ok: true };
  }

  /** "Reprendre": the consultation leg ends (CANCEL if ringing, BYE if answered), the agent is back with the caller. */
  async retrieve(by: Actor): Promise<CommandResult> {
    const c = this.current;
    if (c?.orphan) return CONFLICT('the caller left');
    if (!c || c.phase === 'conference' || c.phase === 'blind') return CONFLICT(c ? `cannot retrieve in ${c.phase}` : 'no warm transfer');
    const was = c.phase;
    this.endConsultationLeg(c, was === 'ringing' ? 'cancelled' : 'answered');
    this.current = null;
    const agent = c.leg.endpoint;
    if (agent && !agent.closed) {
      agent.stopPlayback();
      await resumeCaller(this.call.endpoint, agent);
    }
    this.record('retrieve', { ...who(by), attempt: c.attempt, agentId: c.leg.agentId, targetWas: was });
    this.record('transfer', { ...who(by), mode: 'warm', target: c.targetRef, result: 'retrieved', attempt: c.attempt });
    return { ok: true };
  }

  /** Caller, agent and target in one 3-way conference (the media server's mixer). */
  async conference(by: Actor): Promise<CommandResult> {
    const c = this.current;
    if (c?.orphan) return CONFLICT('the caller left');
    if (!c || c.phase !== 'talking') return CONFLICT('no answered warm transfer');
    const agent = c.leg.endpoint;
    const target = c.target.endpoint;
    if (!agent || !target || this.call.callerGone) return CONFLICT('no answered warm transfer');
    c.threeWay = await ThreeWay.join(this.deps.media, this.call.id, { caller: this.call.endpoint, agent, target });
    c.phase = 'conference';
    c.conferenceRow = this.deps.legRows.started(null, 'conference', 'conference');
    this.deps.legRows.answered(c.conferenceRow);
    this.record('conference', { ...who(by), result: 'joined', attempt: c.attempt, parties: ['caller', 'agent', 'target'], agentId: c.leg.agentId, targetAgentId: c.target.agentId, number: c.number });
    return { ok: true };
  }

  // ---- phones -----------------------------------------------------------------------------------

  /**
   * The agent's phone hung up (legs-port.ts via LiveCallControl.agentLeft): true when the warm
   * transfer keeps the flow's leg (it completes, or goes on as a cold transfer).
   */
  agentLeft(leg: OutboundLeg): boolean {
    const c = this.current;
    if (c?.orphan && c.leg === leg) return true;
    if (!c || c.leg !== leg) return false;
    const by: Actor = { kind: 'agent-phone', agentId: leg.agentId, legId: leg.legId };
    if (c.phase === 'failed') {
      this.current = null;
      return false;
    }
    if (leg.agentId) this.deps.agentFree(leg.agentId);
    leg.endpoint?.stopPlayback();
    this.releaseAgentRow(leg);
    if (c.phase === 'ringing') {
      c.phase = 'blind';
      this.record('transfer', { ...who(by), mode: 'warm', target: c.targetRef, result: 'blind', attempt: c.attempt });
      return true;
    }
    if (c.phase === 'talking' || c.phase === 'conference') {
      void this.host.run(async () => {
        if (this.current !== c) return;
        if (c.phase === 'conference') await this.leaveConference(c, 'agent', by);
        await this.takeOver(c, by);
      }).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 'warm transfer: completing after the agent hung up failed'));
    }
    return true;
  }

  /** The call is over: rows of a consultation still open end with it (not those outliving the caller). */
  finished(): void {
    const c = this.current;
    if (!c || c.orphan) return;
    this.current = null;
    if (c.phase === 'ringing' || c.phase === 'blind') this.deps.legRows.ended(c.row, 'cancelled');
    else if (c.phase !== 'failed') this.deps.legRows.ended(c.row, 'answered');
    if (c.conferenceRow) this.deps.legRows.ended(c.conferenceRow, 'answered');
    if (c.target.agentId && c.phase !== 'ringing' && c.phase !== 'blind' && c.phase !== 'failed') this.deps.agentFree(c.target.agentId);
    void c.threeWay?.close();
  }

  // ---- internals ----------------------------------------------------------------------------------

  private async ringEnded(c: Consultation, result: Awaited<ReturnType<typeof ringTarget>>): Promise<void> {
    if (this.current !== c || this.call.callerGone) {
      // retrieved while ringing, or the call is over: nothing of the consultation leg stays up
      if (result.ok && c.target.dialog === result.dialog) this.call.endLeg(c.target);
      void c.target.endpoint?.close().catch(() => undefined);
      return;
    }
    const target = c.target;
    if (!result.ok) {
      this.call.legs.delete(target.legId);
      void target.endpoint?.close().catch(() => undefined);
      target.state = 'ended';
      this.deps.legRows.ended(c.row, outcome(result.status));
      this.record('transfer', { mode: 'warm', target: c.targetRef, result: outcome(result.status), status: result.status, attempt: c.attempt });
      void c.progress?.finished?.(result.status, REASONS[result.status] ?? 'Failed');
      if (c.phase === 'blind') {
        this.current = null;
        await this.host.comeBack(c.leg, c.attempt);
        return;
      }
      c.phase = 'failed';
      const agent = c.leg.endpoint;
      if (agent && !agent.closed) {
        agent.stopPlayback();
        void agent.play({ kind: 'tone', tone: 'beep' }, { fallback: true }).catch(() => undefined);
      }
      return;
    }
    const dialog = result.dialog;
    dialog.on('destroy', () => {
      if (target.dialog !== dialog) return; // taken over by complete, or ended by us
      target.dialog = null;
      void this.host.run(() => this.targetLeft(c)).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 'warm transfer: target hang-up failed'));
    });
    this.deps.legRows.answered(c.row);
    if (target.agentId) this.deps.agentBusy(target.agentId);
    this.record('transfer', { mode: 'warm', target: c.targetRef, result: 'answered', attempt: c.attempt, toAgentId: target.agentId, number: c.number });
    void c.progress?.finished?.(200, 'OK');
    if (c.phase === 'blind') {
      await this.takeOver(c, 'auto');
      return;
    }
    c.phase = 'talking';
    c.with = 'target';
    const agent = c.leg.endpoint;
    if (agent && target.endpoint && !agent.closed) {
      agent.stopPlayback();
      await agent.bridge(target.endpoint, { dtmf: 'forward' });
    }
  }

  /** The target hung up after answering. */
  private async targetLeft(c: Consultation): Promise<void> {
    if (this.current !== c) return;
    this.call.legs.delete(c.target.legId);
    this.call.endLeg(c.target);
    this.deps.legRows.ended(c.row, 'answered');
    if (c.target.agentId) this.deps.agentFree(c.target.agentId);
    if (c.orphan) return this.orphanPartyLeft(c, 'target');
    if (c.phase === 'conference') {
      await this.leaveConference(c, 'target', 'auto');
      this.current = null;
      return;
    }
    this.record('transfer', { mode: 'warm', target: c.targetRef, result: 'target_left', attempt: c.attempt, agentWith: c.with });
    if (c.with === 'caller') {
      this.current = null; // the agent already talks to the caller: the consultation just ends
      return;
    }
    c.phase = 'failed';
    const agent = c.leg.endpoint;
    if (agent && !agent.closed) void agent.play({ kind: 'tone', tone: 'beep' }, { fallback: true }).catch(() => undefined);
  }

  /** The agent's row on the flow's leg ends now (their phone hung up), whoever put them there. */
  private releaseAgentRow(leg: OutboundLeg): void {
    const row = this.host.currentRow.get(leg.legId);
    if (!row) return this.deps.legRows.released(leg.legId);
    this.host.currentRow.delete(leg.legId);
    this.host.openRows.delete(row);
    this.deps.legRows.ended(row, 'answered');
  }

  /** Ends the consultation leg (CANCEL or BYE) and its row. */
  private endConsultationLeg(c: Consultation, rowOutcome: 'cancelled' | 'answered'): void {
    const answered = c.target.state === 'answered';
    this.call.legs.delete(c.target.legId);
    if (c.phase !== 'failed') {
      this.call.endLeg(c.target);
      this.deps.legRows.ended(c.row, rowOutcome);
      if (answered && c.target.agentId) this.deps.agentFree(c.target.agentId);
    }
  }

  /**
   * Complete: the target's dialog and endpoint take the place of the agent's on the flow's leg
   * (the flow keeps its leg id, its bridge goes on), the caller is bridged to the target, the
   * agent's phone gets a BYE and the agent is free again.
   */
  private async takeOver(c: Consultation, by: Actor | 'auto'): Promise<void> {
    const { leg, target } = c;
    const dialog = target.dialog;
    this.current = null;
    this.call.legs.delete(target.legId);
    if (!dialog || !target.endpoint) {
      // agent and target hung up at the same time: nobody is left for the caller on this leg
      this.call.endLeg(target);
      this.deps.legLost(leg);
      return;
    }
    target.dialog = null; // our consultation listener lets go of it
    const old = { dialog: leg.dialog, endpoint: leg.endpoint, agentId: leg.agentId };
    leg.dialog = dialog;
    leg.endpoint = target.endpoint;
    leg.agentId = target.agentId;
    leg.state = 'answered';
    const previousRow = this.host.currentRow.get(leg.legId);
    this.host.currentRow.set(leg.legId, c.row);
    this.host.openRows.add(c.row);
    this.deps.watch(leg, dialog);
    this.call.endpoint.stopPlayback();
    target.endpoint.stopPlayback();
    if (target.endpoint.bridgedTo && target.endpoint.bridgedTo !== this.call.endpoint) await target.endpoint.unbridge();
    await resumeCaller(this.call.endpoint, target.endpoint);
    this.host.clearHold();
    if (previousRow) {
      this.host.openRows.delete(previousRow);
      this.deps.legRows.ended(previousRow, 'answered');
    } else {
      this.deps.legRows.released(leg.legId);
    }
    if (old.dialog) void old.dialog.destroy().catch(() => undefined);
    if (old.endpoint && old.endpoint !== leg.endpoint) void old.endpoint.close().catch(() => undefined);
    if (old.agentId && old.dialog) this.deps.agentFree(old.agentId);
    this.record('transfer', { ...who(by), mode: 'warm', target: c.targetRef, result: 'completed', attempt: c.attempt, fromAgentId: old.agentId, toAgentId: leg.agentId, number: c.number });
  }

  /** One party leaves the conference: the two others are bridged, the conference row ends. */
  private async leaveConference(c: Consultation, party: Party, by: Actor | 'auto'): Promise<void> {
    const rest = (await c.threeWay?.leave(party)) ?? [];
    c.threeWay = null;
    if (c.conferenceRow) this.deps.legRows.ended(c.conferenceRow, 'answered');
    c.conferenceRow = null;
    this.record('conference', { ...who(by), result: 'left', party, remaining: rest, attempt: c.attempt });
    c.phase = 'talking';
    c.with = party === 'target' ? 'caller' : 'target';
  }

  /**
   * A BYE from the caller once the target answered (talking, or in conference) must not end the
   * agent's and the target's conversation: before the call's own listener (which ends the session
   * and then every leg of the call), the agent's dialog and endpoint are taken off the flow's leg
   * and the consultation leg off the call, and the two go on bridged to each other until one of
   * them hangs up. Before the target answered, the call ends as usual (consultation included).
   */
  private watchCaller(c: Consultation): void {
    const dialog = this.call.dialog as (DialogLike & { prependListener?: (e: 'destroy', l: () => void) => unknown }) | null;
    if (!dialog) return;
    const onCallerGone = () => {
      if (this.current !== c || (c.phase !== 'conference' && c.phase !== 'talking')) return;
      const { leg } = c;
      const agent = leg.endpoint;
      const target = c.target.endpoint;
      c.orphan = { dialog: leg.dialog, endpoint: agent, agentId: leg.agentId };
      leg.dialog = null;
      leg.endpoint = null;
      leg.agentId = null;
      this.call.legs.delete(c.target.legId);
      c.orphan.dialog?.on('destroy', () => void this.host.run(() => this.orphanPartyLeft(c, 'agent')).catch(() => undefined));
      // Recorded now: once the session ends, the call's record takes no more events.
      if (c.phase === 'conference') {
        this.record('conference', { by: 'caller-phone', result: 'left', party: 'caller', remaining: ['agent', 'target'], attempt: c.attempt });
      } else {
        this.record('transfer', { by: 'caller-phone', mode: 'warm', target: c.targetRef, result: 'caller_left', attempt: c.attempt, agentWith: c.with });
      }
      void this.host.run(async () => {
        if (c.threeWay) {
          await c.threeWay.leave('caller');
          c.threeWay = null;
          if (c.conferenceRow) this.deps.legRows.ended(c.conferenceRow, 'answered');
          c.conferenceRow = null;
        } else if (agent && target && !agent.closed && !target.closed && agent.bridgedTo !== target) {
          target.stopPlayback();
          if (agent.bridgedTo) await agent.unbridge();
          await agent.bridge(target, { dtmf: 'forward' });
        }
        c.with = 'target';
      }).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 'warm transfer: keeping agent and target together failed'));
    };
    if (dialog.prependListener) dialog.prependListener('destroy', onCallerGone);
    else dialog.on('destroy', onCallerGone);
  }

  /** After the caller left a conference: one of agent and target hung up, the other gets a BYE. */
  private async orphanPartyLeft(c: Consultation, party: 'agent' | 'target'): Promise<void> {
    const orphan = c.orphan;
    if (!orphan || this.current !== c) return;
    this.current = null;
    if (party === 'agent') {
      this.call.endLeg(c.target);
      this.deps.legRows.ended(c.row, 'answered');
      if (c.target.agentId) this.deps.agentFree(c.target.agentId);
    } else if (orphan.dialog) {
      void orphan.dialog.destroy().catch(() => undefined);
    }
    void orphan.endpoint?.close().catch(() => undefined);
    if (orphan.agentId) this.deps.agentFree(orphan.agentId);
    await c.threeWay?.close();
    if (c.conferenceRow) this.deps.legRows.ended(c.conferenceRow, 'answered');
    c.conferenceRow = null;
    // no CallEvent: the call's record ended with the caller; the leg rows carry the end times
  }
}
