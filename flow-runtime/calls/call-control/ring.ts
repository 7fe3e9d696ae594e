// Rings one transfer target (every registered contact of an agent, or of several agents, at once, or a number through
// the trunk) with our own offer, for at most `ringMs`. The INVITEs are kept on a temporary
// OutboundLeg registered in the LiveCall, so a caller hanging up meanwhile CANCELs them
// (LiveCall.finish ends every leg it knows).
import type { AgentDirectory } from '../../agents/agent-directory';
import type { MediaServer } from '../../media';
import type { TrunkConfig } from '../../trunk/trunk-config';
import { dialExternal, type SrfUac } from '../../trunk/dial-external';
import { resolveCallerId } from '../../trunk/numbers';
import type { LiveCall, OutboundLeg } from '../live-call';
import type { DialogLike, SipMessageLike, SrfLike } from '../sip-types';

export interface RingDeps {
  srf: SrfLike;
  media: MediaServer;
  directory: AgentDirectory;
  trunk: TrunkConfig | null;
  entryNumber: string;
}

/** `agentId`: who answered (an agent target, or one member of a group rung at once). */
export type RingResult = { ok: true; dialog: DialogLike; agentId: string | null } | { ok: false; status: number };

/** An agent, several agents at once (a group's members: every contact of each), or a number through the trunk. */
export type RingDest = { agentId: string } | { agentIds: string[] } | { number: string };

export async function ringTarget(
  deps: RingDeps, call: LiveCall, leg: OutboundLeg,
  dest: RingDest, ringMs: number, callerId: string | null,
  /** An agent's outgoing call (originate/): the display name shown in From, told of the first 180/183. */
  extra: { fromDisplay?: string | null; ringing?: () => void } = {},
): Promise<RingResult> {
  call.legs.set(leg.legId, leg);
  const endpoint = await deps.media.createEndpoint({ label: leg.legId });
  leg.endpoint = endpoint;
  if (leg.cancelled) return { ok: false, status: 487 };
  let timedOut = false;
  // Stops waiting at the ring time even when a contact never answered at all (a phone gone
  // without unregistering: our CANCEL waits for a provisional that never comes, RFC 3261 §9.1).
  let giveUp: (() => void) | null = null;
  const timer = setTimeout(() => {
    timedOut = true;
    for (const req of leg.requests.splice(0)) call.cancelInvite(req, leg.legId);
    giveUp?.();
  }, ringMs);
  const keep = (req: SipMessageLike) => {
    if (leg.cancelled || timedOut) call.cancelInvite(req, leg.legId);
    else leg.requests.push(req);
  };
  try {
    let dialog: DialogLike;
    let answeredBy: string | null = null;
    if (!('number' in dest)) {
      const agentIds = 'agentId' in dest ? [dest.agentId] : dest.agentIds;
      const contacts: { uri: string; agentId: string }[] = [];
      for (const agentId of agentIds) for (const uri of await deps.directory.contacts(agentId)) contacts.push({ uri, agentId });
      if (contacts.length === 0) return { ok: false, status: 480 };
      const display = extra.fromDisplay ? `"${extra.fromDisplay.replace(/["\\\r\n]/g, '')}" ` : '';
      const from = callerId ? `${display}<sip:${callerId}@localhost>` : '"Anonymous" <sip:anonymous@anonymous.invalid>';
      const cbProvisional = (p: { status: number }) => { if (p.status === 180 || p.status === 183) extra.ringing?.(); };
      dialog = await new Promise<DialogLike>((resolve, reject) => {
        giveUp = () => reject(Object.assign(new Error('ring time over'), { status: 480 }));
        let failures = 0;
        let won = false;
        let lastStatus = 480;
        for (const { uri, agentId } of contacts) {
          deps.srf.createUAC(uri, { localSdp: endpoint.localSdp, headers: { From: from } }, { cbRequest: (_e, req) => req && keep(req), cbProvisional }, (err, d) => {
            if (err || !d) {
              lastStatus = err?.status ?? 500;
              if (++failures === contacts.length && !won) reject(Object.assign(new Error('no answer'), { status: lastStatus }));
              return;
            }
            if (won || leg.cancelled || timedOut) return void d.destroy().catch(() => undefined);
            won = true;
            answeredBy = agentId;
            for (const other of leg.requests.splice(0)) call.cancelInvite(other, leg.legId);
            resolve(d);
          });
        }
      });
    } else {
      if (!deps.trunk) return { ok: false, status: 503 };
      const presented = resolveCallerId(deps.trunk.callerId, { entryNumber: deps.entryNumber, callerNumber: callerId }, deps.trunk.countryCode);
      dialog = await dialExternal<DialogLike>(deps.srf as unknown as SrfUac, dest.number, {
        trunk: deps.trunk, sdp: endpoint.localSdp, callerId: presented, cbRequest: (_e, req) => req && keep(req as SipMessageLike),
      });
    }
    if (leg.cancelled) {
      void dialog.destroy().catch(() => undefined);
      return { ok: false, status: 487 };
    }
    await endpoint.setRemoteAnswer(dialog.remote.sdp);
    leg.dialog = dialog;
    leg.state = 'answered';
    return { ok: true, dialog, agentId: answeredBy };
  } catch (err) {
    const status = (err as { status?: number })?.status;
    // Our own CANCEL after the ring time: report it as "nobody answered".
    return { ok: false, status: timedOut && (status === 487 || !status) ? 480 : (status ?? 500) };
  } finally {
    clearTimeout(timer);
    leg.requests = [];
  }
}
