// Dialog state (RFC 3261 §12) kept by the edge for each call an app has answered or placed.
// Ids follow drachtio-server's convention, "<Call-ID>;from-tag=<tag of the UAC side>", which
// drachtio-srf relies on (Srf#findDialogByCallIDAndFromTag).

import type { SipRequest } from './sip-message';
import type { TimerSet } from './timers';
import type { Peer } from './transport';

export interface Dialog {
  id: string;
  role: 'uas' | 'uac';
  appId: string;
  callId: string;
  localTag: string;
  remoteTag: string;
  /** From value (with our tag) for requests we send in this dialog. */
  local: string;
  /** To value (with the peer's tag) for requests we send in this dialog. */
  remote: string;
  localSeq: number;
  remoteSeq: number | undefined;
  remoteTarget: string;
  /** Route header values, in the order they go into requests we send. */
  routeSet: string[];
  /** Transport and address the dialog was set up over; reused for in-dialog requests on TCP. */
  peer: Peer;
  localContact: string;
  /** UAS: a 2xx to (re-)INVITE being retransmitted until the ACK for this CSeq arrives. */
  awaitingAck: { cseq: number; timers: TimerSet } | undefined;
  /** UAC: CSeq and final status of the latest INVITE we sent, and the ACK we sent for its 2xx. */
  lastInviteCSeq: number;
  lastInviteStatus: number;
  lastAck: SipRequest | undefined;
}

export function dialogId(callId: string, uacTag: string): string {
  return `${callId};from-tag=${uacTag}`;
}

export class DialogStore {
  private byId = new Map<string, Dialog>();
  private byKey = new Map<string, Dialog>();

  private static key(callId: string, localTag: string, remoteTag: string): string {
    return `${callId}\n${localTag}\n${remoteTag}`;
  }

  add(d: Dialog): void {
    this.byId.set(d.id, d);
    this.byKey.set(DialogStore.key(d.callId, d.localTag, d.remoteTag), d);
  }

  get(id: string): Dialog | undefined {
    return this.byId.get(id);
  }

  /** Finds the dialog an incoming request belongs to (its To tag is ours, its From tag theirs). */
  match(callId: string, toTag: string, fromTag: string): Dialog | undefined {
    return this.byKey.get(DialogStore.key(callId, toTag, fromTag));
  }

  remove(d: Dialog): void {
    d.awaitingAck?.timers.clear();
    d.awaitingAck = undefined;
    if (this.byId.get(d.id) === d) this.byId.delete(d.id);
    const k = DialogStore.key(d.callId, d.localTag, d.remoteTag);
    if (this.byKey.get(k) === d) this.byKey.delete(k);
  }

  ownedBy(appId: string): Dialog[] {
    return [...this.byId.values()].filter((d) => d.appId === appId);
  }

  all(): Dialog[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }
}
