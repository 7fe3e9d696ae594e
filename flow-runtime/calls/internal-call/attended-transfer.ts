// Attended transfer with Replaces (RFC 3515 REFER + RFC 3891 Replaces), see README.md.
// Agent A talks to caller C on a flow call (C ↔ Relais ↔ A, leg L of the flow), holds C, calls
// B by extension (internal call I: A ↔ Relais ↔ B), then REFERs with a Replaces naming the other
// dialog. Phones send it either way:
//   - on L's dialog, Replaces = A's dialog of I  (referFromFlowLeg)
//   - on A's dialog of I, Replaces = L's dialog   (referFromInternalCall)
// Both come to the same: B's dialog and endpoint take L's place in the flow call
// (LiveCallControl.attendedTransfer: C bridged to B, the flow keeps its leg id), A gets BYE on
// both dialogs. The named dialog must belong to the same agent as the one referring (another
// agent's dialog, or none: 481, nothing changes — C stays held with A, who may resume).
import type { MediaEndpoint } from '../../media';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { LiveCallControl } from '../call-control/call-control';
import type { Actor, TransferProgress } from '../call-control/commands';
import { notifySipfrag, sameDialog, type ReplacesDialog } from '../call-control/refer';
import type { CallServices } from '../run-call';
import type { DialogLike, SipMessageLike, SipResponseLike } from '../sip-types';
import type { InternalCall, Party } from './internal-call';
import type { PhoneCalls } from './phone-calls';
import { referReplaces } from '../call-control/refer';

/** What a dialog of ours exposes for matching (drachtio-srf Dialog.sip). */
const sipOf = (dialog: DialogLike | null) => (dialog as unknown as { sip?: { callId: string; localTag: string; remoteTag: string } } | null)?.sip;

/** The party of another call that takes the flow leg's place (LiveCallControl.attendedTransfer). */
export interface AttendedParty {
  agentId: string | null;
  number: string | null;
  internalCallId: string;
  /** Detaches the party from its call: its dialog and endpoint, or null when it is gone meanwhile. */
  take(): Promise<{ dialog: DialogLike; endpoint: MediaEndpoint } | null>;
  /** After the switch: the transferor's side of the other call ends (BYE). */
  done(): void;
}

/** A REFER with Replaces on a flow call's agent leg (call-control.ts hands it over). */
export interface AttendedRefer {
  call: LiveCall;
  control: LiveCallControl;
  leg: OutboundLeg;
  dialog: DialogLike;
  replaces: ReplacesDialog;
  req: SipMessageLike;
  res: SipResponseLike;
}

/** 202, then NOTIFY 100 (its promise, so the final NOTIFY never overtakes it), then the final NOTIFY. */
function progressOn(dialog: DialogLike, res: SipResponseLike): TransferProgress & { answered: () => boolean; accepted: () => Promise<void> } {
  let answered = false;
  return {
    answered: () => answered,
    accepted: () => {
      answered = true;
      res.send(202);
      return notifySipfrag(dialog, 100).catch(() => undefined);
    },
    finished: (status, reason) => notifySipfrag(dialog, status, reason).catch(() => undefined),
  };
}

function partyOf(internal: InternalCall, transferor: Party): AttendedParty | null {
  const target = internal.other(transferor);
  if (!target || internal.state !== 'answered') return null;
  return {
    agentId: target.agentId,
    number: target.number,
    internalCallId: internal.id,
    take: () => internal.release(target),
    done: () => internal.hangUp(transferor),
  };
}

async function run(control: LiveCallControl, leg: OutboundLeg, party: AttendedParty, by: Actor, progress: ReturnType<typeof progressOn>, res: SipResponseLike): Promise<void> {
  const r = await control.attendedTransfer(leg, party, by, progress).catch(() => ({ ok: false as const, status: 500, reason: 'Server Internal Error' }));
  if (!r.ok && !progress.answered()) res.send(r.status, r.reason);
  else if (!r.ok) void progress.finished?.(r.status, r.reason);
}

/** REFER on A's leg of the flow call; Replaces names A's dialog of an internal call. */
export function referFromFlowLeg(phones: PhoneCalls | undefined, refer: AttendedRefer): void {
  const { leg, replaces, res } = refer;
  const by: Actor = { kind: 'agent-phone', agentId: leg.agentId, legId: leg.legId };
  let found: { internal: InternalCall; transferor: Party } | null = null;
  for (const internal of phones?.live ?? []) {
    for (const p of [internal.caller, internal.callee]) {
      if (p && !p.taken && p.agentId && p.agentId === leg.agentId && sameDialog(sipOf(p.dialog), replaces)) found = { internal, transferor: p };
    }
  }
  const party = found && partyOf(found.internal, found.transferor);
  if (!party) {
    res.send(481, 'Call/Transaction Does Not Exist');
    return void refer.control.refused(by, 481, 'replaces');
  }
  void run(refer.control, leg, party, by, progressOn(refer.dialog, res), res);
}

/** REFER on A's dialog of an internal call; Replaces names A's leg of a flow call. */
export function referFromInternalCall(services: CallServices, internal: InternalCall, transferor: Party, req: SipMessageLike, res: SipResponseLike): void {
  const replaces = referReplaces(req.get('Refer-To'));
  // A blind transfer of an internal call is not handled (README): the phone keeps its call.
  if (!replaces) return void res.send(501, 'Not Implemented');
  const dialog = transferor.dialog;
  let found: { call: LiveCall; leg: OutboundLeg } | null = null;
  for (const call of services.active.values()) {
    for (const leg of call.legs.values()) {
      if (leg.state === 'answered' && transferor.agentId && leg.agentId === transferor.agentId && sameDialog(sipOf(leg.dialog), replaces)) found = { call, leg };
    }
  }
  const party = found?.call.control && dialog ? partyOf(internal, transferor) : null;
  if (!found || !party || !dialog) return void res.send(481, 'Call/Transaction Does Not Exist');
  const by: Actor = { kind: 'agent-phone', agentId: found.leg.agentId, legId: found.leg.legId };
  void run(found.call.control!, found.leg, party, by, progressOn(dialog, res), res);
}
