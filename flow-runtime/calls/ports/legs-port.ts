// LegsPort over drachtio-srf: each leg gets its own MediaEndpoint (our offer) and INVITEs to
// every registered contact of the agent at once (forking, AgentDirectory) or one to the trunk
// (dialExternal). 18x from any of them → ringing; the first 200 wins: its answer is applied, the
// agent is marked busy, the other INVITEs are CANCELled (a 200 arriving after that gets a BYE).
// 486/600/603 → busy, 408/480/487 → no_answer, anything else → failed; a forked leg is busy
// only when every contact said busy, failed when every one failed, else no_answer. The
// interpreter decides ring times, cancels the other legs and asks for the bridge; the caller
// meanwhile hears the ringback it plays (early media, see media-port.ts).
import type { LegListener, LegsPort, QueuePort } from '../../session';
import type { LegRequest } from '../../interpreter';
import type { MediaServer } from '../../media';
import type { AgentDirectory } from '../../agents/agent-directory';
import type { TrunkConfig } from '../../trunk/trunk-config';
import { dialExternal, type SrfUac } from '../../trunk/dial-external';
import { resolveCallerId } from '../../trunk/numbers';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { DialogLike, Logger, SipMessageLike, SrfLike } from '../sip-types';

export interface LegsDeps {
  srf: SrfLike;
  media: MediaServer;
  directory: AgentDirectory;
  trunk: TrunkConfig | null;
  /** The number the call came in on (trunk caller-ID rule "entry"). */
  entryNumber: string;
  log: Logger;
  /** Told when an agent starts or stops being on a call (queue coordinator). */
  onAgentState?: (agentId: string, state: 'busy' | 'free') => void;
}

type FailReason = 'busy' | 'no_answer' | 'failed';

function failureReason(status: number | undefined): FailReason {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  return 'failed';
}

/** The outcome of a forked leg nobody answered: busy or failed only when every contact said so. */
export function forkedFailure(reasons: readonly FailReason[]): FailReason {
  if (reasons.length > 0 && reasons.every((r) => r === 'busy')) return 'busy';
  if (reasons.length > 0 && reasons.every((r) => r === 'failed')) return 'failed';
  return 'no_answer';
}

export class LiveLegsPort implements LegsPort {
  constructor(private readonly call: LiveCall, private readonly deps: LegsDeps) {}

  ring(_callId: string, legs: LegRequest[], callerId: string | null, listener: LegListener): void {
    for (const request of legs) void this.dial(request, callerId, listener);
  }

  cancel(_callId: string, legIds: string[]): void {
    for (const legId of legIds) {
      const leg = this.call.legs.get(legId);
      if (!leg) continue;
      const wasAnswered = leg.state === 'answered';
      this.ringEnded(leg);
      this.call.endLeg(leg);
      if (wasAnswered && leg.agentId) this.agentFree(leg.agentId);
    }
  }

  /**
   * `dialog` now carries `leg` (answered, or taken over by a transfer): its BYE ends the leg for
   * the flow, unless a transfer in progress keeps it (call-control); the phone's re-INVITEs and
   * REFERs go to the call's CallControl.
   */
  watchDialog(leg: OutboundLeg, dialog: DialogLike): void {
    leg.dialog = dialog;
    dialog.on('destroy', () => {
      // replaced by a transfer, or hung up by us (endLeg clears it first)
      if (leg.dialog !== dialog) return;
      leg.dialog = null;
      if (leg.state === 'ended') return;
      if (this.call.control?.agentLeft(leg)) return;
      this.call.endLeg(leg);
      if (leg.agentId) this.agentFree(leg.agentId);
      leg.listener?.ended(leg.legId);
    });
    this.call.control?.attachPhone(leg, dialog);
  }

  /** The leg is over for the flow (a transfer lost it): torn down, the flow told. */
  legLost(leg: OutboundLeg): void {
    if (leg.state === 'ended') return;
    this.call.endLeg(leg);
    if (leg.agentId) this.agentFree(leg.agentId);
    leg.listener?.ended(leg.legId);
  }

  /** The agent's phone stops ringing for this leg (answered, failed, cancelled): issue 14 statuses. */
  private ringEnded(leg: OutboundLeg): void {
    if (leg.agentId) this.deps.directory.markRingEnded(leg.agentId, `${this.call.id} ${leg.legId}`);
  }

  agentBusy(agentId: string): void {
    this.deps.directory.markBusy(agentId, this.call.id);
    this.deps.onAgentState?.(agentId, 'busy');
  }

  agentFree(agentId: string): void {
    this.deps.directory.markFree(agentId, this.call.id);
    this.deps.onAgentState?.(agentId, 'free');
  }

  private async dial(request: LegRequest, callerId: string | null, listener: LegListener): Promise<void> {
    const { legId, target } = request;
    const leg: OutboundLeg = {
      legId, agentId: target.kind === 'agent' ? target.agentId : null,
      endpoint: null, requests: [], dialog: null, state: 'dialing', cancelled: false,
    };
    leg.listener = listener;
    this.call.legs.set(legId, leg);
    const fail = (reason: FailReason, why: unknown) => {
      if (leg.cancelled) return;
      this.deps.log.info({ callId: this.call.id, legId, reason, why: String(why) }, 'leg failed');
      leg.state = 'ended';
      this.ringEnded(leg);
      void leg.endpoint?.close().catch(() => undefined);
      listener.failed(legId, reason);
    };
    try {
      let contacts: string[] = [];
      if (target.kind === 'agent') {
        contacts = await this.deps.directory.contacts(target.agentId);
        if (contacts.length === 0) return fail('failed', 'agent not registered');
        this.deps.directory.markRinging(target.agentId, `${this.call.id} ${legId}`);
      } else if (!this.deps.trunk) {
        return fail('failed', 'no trunk configured');
      }
      const endpoint = await this.deps.media.createEndpoint({ label: legId });
      leg.endpoint = endpoint;
      if (leg.cancelled) return void endpoint.close();

      const progress = {
        cbRequest: (_err: unknown, req: SipMessageLike) => {
          if (!req) return;
          // Cancelled (or answered on another contact) before the INVITE went out: CANCEL it now
          // (the edge holds it until a provisional).
          if (leg.cancelled || leg.dialog) this.call.cancelInvite(req, legId);
          else leg.requests.push(req);
        },
        cbProvisional: (res: { status: number }) => {
          if (leg.cancelled || leg.state !== 'dialing') return;
          if (res.status === 180 || res.status === 183) {
            leg.state = 'ringing';
            listener.ringing(legId);
          }
        },
      };
      const answered = (dialog: DialogLike) => {
        if (leg.cancelled) return void dialog.destroy().catch(() => undefined);
        this.watchDialog(leg, dialog);
        endpoint.setRemoteAnswer(dialog.remote.sdp).then(
          () => {
            if (leg.cancelled) return;
            leg.state = 'answered';
            if (leg.agentId) {
              this.deps.directory.markBusy(leg.agentId, this.call.id);
              this.ringEnded(leg);
              this.deps.onAgentState?.(leg.agentId, 'busy');
            }
            listener.answered(legId);
          },
          (err) => {
            leg.dialog = null;
            dialog.destroy().catch(() => undefined);
            fail('failed', err);
          },
        );
      };

      if (target.kind === 'agent') {
        const from = callerId ? `<sip:${callerId}@localhost>` : '"Anonymous" <sip:anonymous@anonymous.invalid>';
        const reasons: FailReason[] = [];
        let won = false;
        for (const uri of contacts) {
          let sent: SipMessageLike | null = null;
          const branch = { ...progress, cbRequest: (err: unknown, req: SipMessageLike) => progress.cbRequest(err, (sent = req)) };
          this.deps.srf.createUAC(uri, { localSdp: endpoint.localSdp, headers: { From: from } }, branch, (err, dialog) => {
            if (sent) leg.requests = leg.requests.filter((r) => r !== sent);
            if (err || !dialog) {
              reasons.push(failureReason(err?.status));
              if (!won && reasons.length === contacts.length) fail(forkedFailure(reasons), err);
              return;
            }
            // A second contact answering after the first (crossing our CANCEL): hang it up.
            if (won || leg.cancelled) return void dialog.destroy().catch(() => undefined);
            won = true;
            for (const other of leg.requests.splice(0)) this.call.cancelInvite(other, legId);
            answered(dialog);
          });
        }
      } else {
        const trunk = this.deps.trunk as TrunkConfig;
        const presented = resolveCallerId(trunk.callerId, { entryNumber: this.deps.entryNumber, callerNumber: callerId }, trunk.countryCode);
        // dialExternal resolves a promise: a BYE arriving in the same tick as the 200 could be missed (see README).
        const dialog = await dialExternal<DialogLike>(this.deps.srf as unknown as SrfUac, target.number, { trunk, sdp: endpoint.localSdp, callerId: presented,
          cbRequest: (err, req) => progress.cbRequest(err, req as SipMessageLike),
          cbProvisional: (res) => progress.cbProvisional(res as { status: number }) }).finally(() => (leg.requests = []));
        answered(dialog);
      }
    } catch (err) {
      fail(failureReason((err as { status?: number })?.status), err);
    }
  }
}

/** Keeps the shared queue coordinator told of agents' calls. */
export function queueAgentNotifier(queue: QueuePort & { setAgent?: (agentId: string, state: 'free' | 'busy' | 'away') => void }) {
  return (agentId: string, state: 'busy' | 'free') => queue.setAgent?.(agentId, state);
}
