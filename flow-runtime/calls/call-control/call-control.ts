// CallControl of one live call (see README.md): hold, resume, cold transfer and hang-up, from the
// agent's phone (re-INVITE, REFER on its leg) or as commands, all through one mailbox per call.
import type { PromptSource } from '../../media';
import type { LoadedFlow, TransferPolicy } from '../../interpreter';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { DialogLike, Logger, SipMessageLike, SipResponseLike } from '../sip-types';
import type { Actor, CallCommand, CallControl, CommandResult, TransferProgress, TransferTarget } from './commands';
import { holdCaller, resumeCaller } from './hold';
import { judgeDestination } from '../../interpreter/transfer-policy';
import { Mailbox } from './mailbox';
import { CallRecordingControl, type FinishedRecording } from './recording';
import { ringTarget, type RingDeps, type RingDest } from './ring';
import { ringGroup } from './ring-group';
import { destinationRecord, resolveTarget, type Destination, type GroupStrategy, type TargetLookup } from './targets';
import { WarmTransfer } from './warm-transfer';
import { notifySipfrag, REASONS, referReplaces, referTarget } from './refer';
import type { AttendedParty, AttendedRefer } from '../internal-call/attended-transfer';

export interface ControlDeps extends RingDeps {
  /** The agent of the call's organisation with this extension, or null. */
  findExtension(extension: string): Promise<string | null>;
  /** Agents by extension, groups, flows, contacts, own numbers of the call's organisation (targets.ts). */
  targets: TargetLookup;
  /** The strategy of a queue-group step of that group in the call's flow, if any. */
  flowStrategy(groupId: string): GroupStrategy | null;
  /** The session leaves the bridge for that flow's entry (cold transfer to a flow), or the group's mailbox. */
  intoFlow(flowId: string, flow: LoadedFlow): void;
  intoVoicemail(groupId: string): void;
  /** The call's transfer policy as its flow left it (forbidden-transfer steps, lists). */
  policy(): TransferPolicy;
  /** The group's hold music when the call came through a queue-group step with one, else the built-in melody. */
  holdMusic(): Promise<PromptSource[]>;
  callerNumber: string | null;
  /** A CallEvent of the call (kind hold / resume / transfer / hangup). */
  record(kind: string, data: Record<string, unknown>): void;
  legRows: {
    started(agentId: string | null, destination: string, kind: string): string;
    answered(rowId: string): void;
    ended(rowId: string, outcome: LegOutcome): void;
    /** The party first on the flow's leg `legId` was released by a transfer. */
    released(legId: string): void;
  };
  agentBusy(agentId: string): void;
  agentFree(agentId: string): void;
  /** Hands a dialog now carrying `leg` to the legs port (its BYE ends the leg for the flow, phone hooks). */
  watch(leg: OutboundLeg, dialog: DialogLike): void;
  /** Tells the flow the leg is over (its bridge ends and the flow goes on). */
  legLost(leg: OutboundLeg): void;
  transferRingMs: number;
  log: Logger;
  /** Stores a finished call recording (CallRecording row); without it recordStart answers 501. */
  storeRecording?(recording: FinishedRecording): string;
  /** A REFER with Replaces (attended transfer, internal-call/attended-transfer.ts); absent → 501. */
  attendedRefer?(refer: AttendedRefer): void;
}

type LegOutcome = 'answered' | 'no_answer' | 'busy' | 'cancelled' | 'failed';

const who = (by: Actor) => (by.kind === 'agent-phone' ? { by: 'agent-phone', agentId: by.agentId, legId: by.legId } : by.kind === 'command' ? { by: 'command', userId: by.userId } : { by: 'caller-phone' });

function legOutcome(status: number): LegOutcome {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  return 'failed';
}

export class LiveCallControl implements CallControl {
  private readonly mailbox = new Mailbox();
  /** The agent's leg whose side put the caller on hold (the caller hears music). */
  private heldLeg: OutboundLeg | null = null;
  /** The leg being transferred away from, while its target rings. */
  private transferring: OutboundLeg | null = null;
  /** The caller put the call on hold (their re-INVITE): the leg then hearing music, or true when none. */
  private callerHeld: OutboundLeg | true | null = null;
  private attempts = 0;
  private readonly openRows = new Set<string>();
  /** Flow leg id → the CallLeg row of the party a transfer put on it. */
  private readonly currentRow = new Map<string, string>();

  /** recordStart / recordStop (recording.ts). */
  private readonly recording: CallRecordingControl;
  /** Warm transfer, switch, complete, retrieve, conference (warm-transfer.ts). */
  private readonly warm: WarmTransfer;

  constructor(private readonly call: LiveCall, private readonly deps: ControlDeps) {
    const store = deps.storeRecording;
    this.recording = new CallRecordingControl(call, { store: (r) => store!(r), record: (kind, data) => deps.record(kind, data), log: deps.log });
    this.warm = new WarmTransfer({
      call, deps,
      run: (task) => this.mailbox.run(task),
      resolve: (target) => this.resolveWarm(target),
      nextAttempt: () => ++this.attempts,
      clearHold: () => (this.heldLeg = null),
      comeBack: (leg, attempt) => this.comeBack(leg, false, attempt),
      currentRow: this.currentRow,
      openRows: this.openRows,
    });
  }

  execute(command: CallCommand): Promise<CommandResult> {
    return this.mailbox.run(() => this.dispatch(command));
  }

  private dispatch(command: CallCommand): Promise<CommandResult> {
    // during a warm transfer the caller's hold belongs to it: retrieve or complete first
    if (this.warm.active && (command.type === 'hold' || command.type === 'resume' || command.type === 'transferCold')) {
      return Promise.resolve({ ok: false, status: 409, reason: 'a warm transfer is in progress' });
    }
    switch (command.type) {
      case 'hold': return this.hold(this.activeLeg(command.by), command.by);
      case 'resume': return this.resume(command.by);
      case 'transferCold': return this.transferCold(this.activeLeg(command.by), command.target, command.by, command.progress);
      case 'hangup': return this.hangup(command.by);
      case 'recordStart':
        if (!this.deps.storeRecording) return Promise.resolve({ ok: false, status: 501, reason: 'recording is not available' });
        return Promise.resolve(this.recording.start(this.activeLeg(command.by), command.by));
      case 'recordStop': return this.recording.stop(command.by);
      case 'transferWarm': return this.warm.start(this.activeLeg(command.by), command.target, command.by, command.progress);
      case 'switch': return this.warm.switchTo(command.by, command.to);
      case 'complete': return this.warm.complete(command.by);
      case 'retrieve': return this.warm.retrieve(command.by);
      case 'conference': return this.warm.conference(command.by);
    }
  }

  /** The agent leg talking to (or holding) the caller: the phone's own leg, else the bridged one. */
  private activeLeg(by: Actor): OutboundLeg | null {
    if (by.kind === 'agent-phone') return this.call.legs.get(by.legId) ?? null;
    if (this.heldLeg) return this.heldLeg;
    for (const leg of this.call.legs.values()) if (leg.endpoint && this.call.endpoint.bridgedTo === leg.endpoint) return leg;
    return null;
  }

  // ---- phone hooks (legs-port.ts attaches them to every answered agent dialog) -----------------

  attachPhone(leg: OutboundLeg, dialog: DialogLike): void {
    const by = (): Actor => ({ kind: 'agent-phone', agentId: leg.agentId, legId: leg.legId });
    dialog.on('modify', (req, res) => {
      void this.mailbox.run(async () => {
        if (leg.dialog !== dialog || !leg.endpoint) return void res.send(481);
        let answer: string;
        try {
          answer = await leg.endpoint.modify(req.body);
        } catch {
          return void res.send(488);
        }
        // Our answer mirrors the offer: sendonly/c=0.0.0.0 → recvonly, inactive → inactive (RFC 3264 §8.4).
        res.send(200, { body: answer, headers: { 'Content-Type': 'application/sdp' } });
        if (this.warm.owns(leg)) return; // during a warm transfer the caller's hold is the transfer's
        const holding = leg.endpoint.direction === 'recvonly' || leg.endpoint.direction === 'inactive';
        if (holding && this.heldLeg !== leg) await this.hold(leg, by());
        else if (!holding && this.heldLeg === leg && this.transferring !== leg) await this.resume(by());
      }).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 're-INVITE from the agent failed'));
    });
    dialog.on('refer', (req, res) => {
      const replaces = referReplaces(req.get('Refer-To'));
      if (replaces) {
        if (!this.deps.attendedRefer) return void res.send(501, 'Not Implemented');
        return void this.deps.attendedRefer({ call: this.call, control: this, leg, dialog, replaces, req, res });
      }
      const target = referTarget(req.get('Refer-To'));
      if (!target) return void res.send(400, 'Unsupported Refer-To');
      let answered = false; // one final response to the REFER, whatever srf's res exposes
      const progress: TransferProgress = {
        accepted: () => {
          answered = true;
          res.send(202);
          void notifySipfrag(dialog, 100).catch(() => undefined);
        },
        finished: (status, reason) => notifySipfrag(dialog, status, reason).catch(() => undefined),
      };
      void this.execute({ type: 'transferCold', target, by: by(), progress }).then(
        (r) => { if (!r.ok && !answered) res.send(r.status, r.reason); },
        () => { if (!answered) res.send(500); },
      );
    });
  }

  /**
   * The caller's re-INVITE (hold from the caller's phone): answered from the caller's endpoint
   * (recvonly / inactive mirror their sendonly / inactive); while the caller holds, the agent
   * hears the hold music instead of silence; on resume the bridge is restored.
   */
  callerReinvite(req: SipMessageLike, res: SipResponseLike): void {
    void this.mailbox.run(async () => {
      let answer: string;
      try {
        answer = await this.call.endpoint.modify(req.body);
      } catch {
        return void res.send(488);
      }
      res.send(200, { body: answer, headers: { 'Content-Type': 'application/sdp' } });
      const direction = this.call.endpoint.direction;
      const holding = direction === 'recvonly' || direction === 'inactive';
      const by: Actor = { kind: 'caller-phone' };
      if (holding && !this.callerHeld) {
        const leg = this.heldLeg ? null : this.activeLeg(by);
        this.callerHeld = leg ?? true;
        if (leg?.endpoint) await holdCaller(leg.endpoint, await this.deps.holdMusic());
        this.deps.record('hold', { ...who(by), legId: leg?.legId ?? null, agentId: leg?.agentId ?? null });
      } else if (!holding && this.callerHeld) {
        const leg = this.callerHeld === true ? null : this.callerHeld;
        this.callerHeld = null;
        if (leg?.endpoint && !this.heldLeg && leg.state === 'answered') await resumeCaller(this.call.endpoint, leg.endpoint);
        else leg?.endpoint?.stopPlayback();
        this.deps.record('resume', { ...who(by), legId: leg?.legId ?? null, agentId: leg?.agentId ?? null });
      }
    }).catch((err) => this.deps.log.warn({ err, callId: this.call.id }, 're-INVITE from the caller failed'));
  }

  /** The agent's dialog ended: true when a transfer in progress keeps the leg (the phone hung up after REFER). */
  agentLeft(leg: OutboundLeg): boolean {
    if (this.warm.agentLeft(leg)) return true;
    if (this.transferring !== leg) {
      if (this.heldLeg === leg) this.heldLeg = null;
      this.recording.agentLeft(leg);
      return false;
    }
    if (leg.agentId) this.deps.agentFree(leg.agentId);
    return true;
  }

  /** The call is over: legs answered through a transfer end with it. */
  finished(): void {
    this.warm.finished();
    for (const row of this.openRows) this.deps.legRows.ended(row, 'answered');
    this.openRows.clear();
    // a recording in progress is stopped and kept (stored once its WAV is written)
    void this.recording.callEnded();
  }

  // ---- operations ---------------------------------------------------------------------------------

  private async hold(leg: OutboundLeg | null, by: Actor): Promise<CommandResult> {
    if (!leg || leg.state !== 'answered') return { ok: false, status: 409, reason: 'no agent on the call' };
    await holdCaller(this.call.endpoint, await this.deps.holdMusic());
    this.heldLeg = leg;
    this.deps.record('hold', { ...who(by), legId: leg.legId, agentId: leg.agentId });
    return { ok: true };
  }

  private async resume(by: Actor): Promise<CommandResult> {
    const leg = this.heldLeg;
    if (!leg || !leg.endpoint) return { ok: false, status: 409, reason: 'the call is not on hold' };
    await resumeCaller(this.call.endpoint, leg.endpoint);
    this.heldLeg = null;
    this.deps.record('resume', { ...who(by), legId: leg.legId, agentId: leg.agentId });
    return { ok: true };
  }

  private async hangup(by: Actor): Promise<CommandResult> {
    this.deps.record('hangup', who(by));
    this.call.hangup('normal');
    this.call.callerHungUp();
    return { ok: true };
  }

  /** Where a transfer target leads (targets.ts), or why it may not be dialled (answered to the REFER). */
  /**
   * A warm transfer consults one person: an agent, or a number (a contact's included). A group or a
   * flow cannot be talked to first: 501, use a cold transfer.
   */
  private async resolveWarm(target: TransferTarget): Promise<{ agentId: string } | { number: string } | CommandResult> {
    const dest = await this.resolve(target);
    if ('ok' in dest) return dest;
    if (dest.kind === 'agent') return { agentId: dest.agentId };
    if (dest.kind === 'number') return { number: dest.number };
    return { ok: false, status: 501, reason: 'a group or a flow takes a cold transfer' };
  }

  private resolve(target: TransferTarget): Promise<Destination | CommandResult> {
    return resolveTarget(target, {
      lookup: this.deps.targets, directory: this.deps.directory, policy: this.deps.policy(), hasTrunk: this.deps.trunk !== null,
      flowStrategy: (groupId) => this.deps.flowStrategy(groupId),
    });
  }

  private async transferCold(leg: OutboundLeg | null, target: TransferTarget, by: Actor, progress?: TransferProgress): Promise<CommandResult> {
    if (!leg || leg.state !== 'answered' || !leg.endpoint) return { ok: false, status: 481, reason: 'no agent on the call' };
    const dest = await this.resolve(target);
    if ('ok' in dest) {
      this.deps.record('transfer', { ...who(by), mode: 'cold', target, result: 'refused', status: dest.ok ? null : dest.status });
      return dest;
    }
    const about = destinationRecord(dest);
    const unavailable = dest.kind === 'agent' ? dest.agentId === leg.agentId || !(await this.deps.directory.isAvailable(dest.agentId))
      : dest.kind === 'group' ? dest.members.filter((m) => m.agentId !== leg.agentId).length === 0 : false;
    if (unavailable) {
      // nobody to ring: the caller stays with the transferring agent at once (the come-back)
      this.deps.record('transfer', { ...who(by), mode: 'cold', target, ...about, result: 'refused', status: 480 });
      return { ok: false, status: 480, reason: 'Temporarily Unavailable' };
    }
    const attempt = ++this.attempts;
    this.deps.record('transfer', { ...who(by), mode: 'cold', target, ...about, result: 'started', attempt, fromLegId: leg.legId, fromAgentId: leg.agentId });
    progress?.accepted?.();
    if (dest.kind === 'flow') return this.intoFlow(leg, dest, target, by, attempt, progress);
    this.transferring = leg;
    const wasHeld = this.heldLeg === leg;
    await holdCaller(this.call.endpoint, await this.deps.holdMusic());
    try {
      const kind = 'transfer_cold';
      // The transferring phone hears NOTIFY 200 before its BYE (RFC 3515 §2.4.5).
      const release = () => progress?.finished?.(200, 'OK');
      const ringOne = (ring: RingDest, suffix: string, ringMs: number) => this.ringInto(leg, ring, `${leg.legId}-t${attempt}${suffix}`, kind, release, ringMs);
      const result = dest.kind === 'group'
        ? await ringGroup({ ...dest, members: dest.members.filter((m) => m.agentId !== leg.agentId) }, ringOne, {
          isAvailable: (agentId) => this.deps.directory.isAvailable(agentId), callerGone: () => this.call.callerGone,
        })
        : await ringOne(dest.kind === 'agent' ? { agentId: dest.agentId } : { number: dest.number }, '', this.deps.transferRingMs);
      if (result.ok) {
        this.deps.record('transfer', { ...who(by), mode: 'cold', target, ...about, result: 'answered', attempt, toAgentId: leg.agentId, number: dest.kind === 'number' ? dest.number : null });
        return { ok: true };
      }
      progress?.finished?.(result.status, REASONS[result.status] ?? 'Failed');
      this.deps.record('transfer', { ...who(by), mode: 'cold', target, ...about, result: legOutcome(result.status), status: result.status, attempt });
      // A group nobody answered falls back to its mailbox when the transferring agent cannot take the caller back.
      // A number or contact never rings the agent back (only re-bridges their phone still on the call).
      await this.comeBack(leg, wasHeld, attempt, dest.kind === 'group' ? () => this.intoVoicemail(leg, dest.groupId, attempt) : null, dest.kind !== 'number');
      return { ok: false, status: result.status, reason: 'transfer not answered' };
    } finally {
      this.transferring = null;
    }
  }

  /**
   * A cold transfer to a flow: NOTIFY 200, the agent's party is released (BYE, its row ends) and the
   * session leaves the bridge for the flow's entry (interpreter event bridgeTransferred).
   */
  private async intoFlow(leg: OutboundLeg, dest: Extract<Destination, { kind: 'flow' }>, target: TransferTarget, by: Actor, attempt: number, progress?: TransferProgress): Promise<CommandResult> {
    await Promise.race([progress?.finished?.(200, 'OK'), new Promise((r) => setTimeout(r, 2000))]);
    if (this.call.callerGone) return { ok: false, status: 487, reason: 'caller gone' };
    // unbridged now, so the flow's first prompt is not held back by a bridge being torn down
    if (this.call.endpoint.bridgedTo) await this.call.endpoint.unbridge();
    this.call.endpoint.stopPlayback(); // hold music, when the agent held the caller
    this.heldLeg = null;
    this.releaseRow(leg);
    this.deps.record('transfer', { ...who(by), mode: 'cold', target, ...destinationRecord(dest), result: 'entered', attempt });
    this.deps.intoFlow(dest.flowId, dest.flow);
    return { ok: true };
  }

  /** The group's mailbox after nobody answered and the agent could not take the caller back. */
  private async intoVoicemail(leg: OutboundLeg, groupId: string, attempt: number): Promise<void> {
    this.heldLeg = null;
    this.releaseRow(leg);
    this.deps.record('transfer', { result: 'voicemail', attempt, groupId });
    this.deps.intoVoicemail(groupId);
  }

  /** The row of the party on the flow's leg `leg` ends now (answered): the one a transfer put there, else the flow's own. */
  private releaseRow(leg: OutboundLeg): void {
    // the caller's own hold (their phone) outlives the leg: its resume then only ends the hold
    if (this.callerHeld === leg) this.callerHeld = true;
    const row = this.currentRow.get(leg.legId);
    if (row) {
      this.currentRow.delete(leg.legId);
      this.openRows.delete(row);
      this.deps.legRows.ended(row, 'answered');
    } else {
      this.deps.legRows.released(leg.legId);
    }
  }

  /**
   * Rings `dest` on a new dialog; when answered, the new dialog and endpoint take the place of the
   * leg's (the flow keeps its leg id, its bridge goes on), the caller is bridged to them and the
   * previous party gets a BYE.
   */
  private async ringInto(
    leg: OutboundLeg, dest: RingDest, legId: string, kind: string,
    beforeRelease?: () => void | Promise<void>, ringMs = this.deps.transferRingMs,
  ): Promise<{ ok: true } | { ok: false; status: number }> {
    // one CallLeg row per agent rung (every member of a group rung at once), or the number's
    const rung: (string | null)[] = 'agentId' in dest ? [dest.agentId] : 'agentIds' in dest ? dest.agentIds : [null];
    const rows = new Map(rung.map((a) => [a, this.deps.legRows.started(a, a ? `agent:${a}` : (dest as { number: string }).number, kind)] as const));
    const temp: OutboundLeg = { legId, agentId: 'agentId' in dest ? dest.agentId : null, endpoint: null, requests: [], dialog: null, state: 'dialing', cancelled: false };
    const result = await ringTarget(this.deps, this.call, temp, dest, ringMs, this.deps.callerNumber);
    this.call.legs.delete(legId);
    if (!result.ok || this.call.callerGone) {
      if (result.ok) void result.dialog.destroy().catch(() => undefined);
      void temp.endpoint?.close().catch(() => undefined);
      for (const r of rows.values()) this.deps.legRows.ended(r, result.ok ? 'cancelled' : legOutcome(result.status));
      return result.ok ? { ok: false, status: 487 } : result;
    }
    const agentId = result.agentId;
    const row = rows.get(agentId) ?? [...rows.values()][0];
    for (const r of rows.values()) if (r !== row) this.deps.legRows.ended(r, 'cancelled');
    this.deps.legRows.answered(row);
    this.openRows.add(row);
    const previousRow = this.currentRow.get(leg.legId);
    this.currentRow.set(leg.legId, row);
    const old = { dialog: leg.dialog, endpoint: leg.endpoint, agentId: leg.agentId };
    leg.dialog = result.dialog;
    leg.endpoint = temp.endpoint;
    leg.agentId = agentId;
    if (agentId) this.deps.agentBusy(agentId);
    this.deps.watch(leg, result.dialog);
    await resumeCaller(this.call.endpoint, leg.endpoint);
    this.heldLeg = null;
    await Promise.race([beforeRelease?.(), new Promise((r) => setTimeout(r, 2000))]);
    // the released party's row ends now (the flow's own row, or the one of an earlier transfer)
    if (previousRow) {
      this.openRows.delete(previousRow);
      this.deps.legRows.ended(previousRow, 'answered');
    } else {
      this.deps.legRows.released(leg.legId);
    }
    if (old.dialog) void old.dialog.destroy().catch(() => undefined);
    if (old.endpoint && old.endpoint !== leg.endpoint) void old.endpoint.close().catch(() => undefined);
    if (old.agentId && old.dialog) this.deps.agentFree(old.agentId);
    return { ok: true };
  }

  /**
   * A cold transfer nobody answered: back to the transferring agent (rung again if they hung up),
   * else the target's fallback (a group's mailbox) when it has one, else the flow goes on.
   */
  private async comeBack(leg: OutboundLeg, wasHeld: boolean, attempt: number, fallback: (() => Promise<void>) | null = null, ringBack = true): Promise<void> {
    if (this.call.callerGone) return;
    if (leg.dialog && leg.endpoint) {
      if (wasHeld) this.heldLeg = leg; // the phone still holds: the caller keeps the music until it resumes
      else await resumeCaller(this.call.endpoint, leg.endpoint);
      this.deps.record('transfer', { result: 'returned', attempt, toAgentId: leg.agentId, rung: false });
      return;
    }
    const agentId = leg.agentId;
    if (ringBack && agentId && (await this.deps.directory.isAvailable(agentId))) {
      const back = await this.ringInto(leg, { agentId }, `${leg.legId}-r${attempt}`, 'transfer_return');
      if (back.ok) {
        this.deps.record('transfer', { result: 'returned', attempt, toAgentId: agentId, rung: true });
        return;
      }
    }
    if (fallback && !this.call.callerGone) return fallback();
    this.deps.record('transfer', { result: 'lost', attempt, agentId });
    this.deps.legLost(leg);
  }

  // ---- attended transfer (REFER with Replaces: internal-call/attended-transfer.ts) ----------------

  /** A refused attended transfer, recorded on the call. */
  refused(by: Actor, status: number, why: string): void {
    this.deps.record('transfer', { ...who(by), mode: 'attended', result: 'refused', status, why });
  }

  /**
   * The party of another call (B of the transferor's internal call) takes `leg`'s place: the
   * caller is bridged to B's endpoint, B's dialog now carries the flow's leg (its BYE ends the
   * leg for the flow), the transferor's dialog gets NOTIFY 200 then BYE, and so does its side of
   * the other call. A number (an outbound internal call) obeys the call's transfer policy.
   */
  attendedTransfer(leg: OutboundLeg, party: AttendedParty, by: Actor, progress?: TransferProgress): Promise<CommandResult> {
    return this.mailbox.run(async () => {
      const target = party.agentId ? { kind: 'agent', agentId: party.agentId } : { kind: 'number', number: party.number };
      if (leg.state !== 'answered' || !leg.endpoint || this.call.callerGone || this.transferring) {
        this.refused(by, 481, 'leg');
        return { ok: false, status: 481, reason: 'Call/Transaction Does Not Exist' };
      }
      if (party.number && judgeDestination(this.deps.policy(), party.number).reason) {
        this.deps.record('transfer', { ...who(by), mode: 'attended', target, result: 'refused', status: 403 });
        return { ok: false, status: 403, reason: 'Forbidden' };
      }
      const taken = await party.take();
      if (!taken) {
        this.refused(by, 481, 'party');
        return { ok: false, status: 481, reason: 'Call/Transaction Does Not Exist' };
      }
      // A phone hanging up right after the 202 (many do) must not end the flow's leg meanwhile (agentLeft).
      this.transferring = leg;
      try {
        return await this.completeAttended(leg, party, taken, by, progress);
      } finally {
        this.transferring = null;
      }
    });
  }

  private async completeAttended(
    leg: OutboundLeg, party: AttendedParty, taken: { dialog: DialogLike; endpoint: NonNullable<OutboundLeg['endpoint']> }, by: Actor, progress?: TransferProgress,
  ): Promise<CommandResult> {
    const target = party.agentId ? { kind: 'agent', agentId: party.agentId } : { kind: 'number', number: party.number };
    // NOTIFY 100 answered before the final one goes (bounded: a phone may never answer it)
    await Promise.race([Promise.resolve(progress?.accepted?.()), new Promise((r) => setTimeout(r, 2000))]);
    const attempt = ++this.attempts;
    const row = this.deps.legRows.started(party.agentId, party.agentId ? `agent:${party.agentId}` : (party.number ?? ''), 'transfer_attended');
    this.deps.legRows.answered(row);
    this.openRows.add(row);
    const previousRow = this.currentRow.get(leg.legId);
    this.currentRow.set(leg.legId, row);
    const old = { dialog: leg.dialog, endpoint: leg.endpoint, agentId: leg.agentId };
    leg.dialog = taken.dialog;
    leg.endpoint = taken.endpoint;
    leg.agentId = party.agentId;
    if (party.agentId) this.deps.agentBusy(party.agentId);
    this.deps.watch(leg, taken.dialog);
    await resumeCaller(this.call.endpoint, taken.endpoint);
    this.heldLeg = null;
    await Promise.race([progress?.finished?.(200, 'OK'), new Promise((r) => setTimeout(r, 2000))]);
    if (previousRow) {
      this.openRows.delete(previousRow);
      this.deps.legRows.ended(previousRow, 'answered');
    } else {
      this.deps.legRows.released(leg.legId);
    }
    if (old.dialog) void old.dialog.destroy().catch(() => undefined);
    if (old.endpoint && old.endpoint !== leg.endpoint) void old.endpoint.close().catch(() => undefined);
    if (old.agentId) this.deps.agentFree(old.agentId);
    party.done();
    this.deps.record('transfer', {
      ...who(by), mode: 'attended', target, result: 'answered', attempt, fromAgentId: old.agentId,
      toAgentId: party.agentId, number: party.number, internalCallId: party.internalCallId,
    });
    return { ok: true };
  }
}
