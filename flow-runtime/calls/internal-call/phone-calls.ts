// Calls placed by agents' phones (README.md). The first middleware of the INVITE pipeline:
//   1. is it a phone's INVITE? (Proxy-Authorization present, an extension-like dialled user
//      — 1 to 6 digits — or a From host equal to the SIP realm); no → the flow pipeline as before;
//   2. digest authentication against the agent's SIP credentials (the registrar's: same nonces,
//      replay counts and failure limiter; 407 challenge) — nothing rings before it passed;
//   3. the dialled user (Request-URI's, else To's) names an extension of the agent's organisation → InternalCall to
//      that agent (404 unknown extension, 486 busy / the agent itself, 480 paused or offline);
//      a number routed to a flow of ours → the flow pipeline (the agent calls the IVR);
//      (an INVITE not recognised at step 1 whose number is none of ours, from a From user that
//      is a name rather than a number, comes back here from the pipeline: unrouted());
//      another number → judged by the organisation's forbidden lists (403), 404 unusable,
//      503 without trunk, else InternalCall through the trunk.
// The live calls are kept here so a REFER with Replaces can find their dialogs (attended-transfer.ts).
import { internalLiveViews } from '../../live/internal-live';
import { isMediaError } from '../../media';
import { judgeDestination } from '../../interpreter/transfer-policy';
import type { TransferPolicy } from '../../interpreter';
import type { AuthenticatedAgent, SipRequestLike } from '../../registrar/registrar';
import { calledNumber, sipUser } from '../called-number';
import type { CallServices } from '../run-call';
import type { SipMessageLike, SipResponseLike } from '../sip-types';
import { referFromInternalCall } from './attended-transfer';
import { organizationPolicy } from '../organization-policy';
import { InternalCall, type InternalTarget } from './internal-call';

/** The registrar's side of it (registrar.ts authenticateRequest). */
export interface PhoneAuth {
  realm: string;
  authenticateRequest(req: SipRequestLike, res: SipResponseLike): Promise<AuthenticatedAgent | null>;
}

type Middleware = (req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void) => void;

const EXTENSION = /^[0-9]{1,6}$/;

/** The host of a name-addr's SIP URI (`"x" <sip:u@Host:5060;p>` → `host`), lower case; linear. */
function uriHost(value: string | undefined): string | null {
  if (!value || value.length > 1024) return null;
  const at = value.indexOf('@', value.toLowerCase().indexOf('sip'));
  if (at < 0) return null;
  let end = at + 1;
  while (end < value.length && !':;>? '.includes(value[end])) end++;
  return value.slice(at + 1, end).toLowerCase() || null;
}

/** The dialled user: the Request-URI's, else the To header's (as calledNumber reads it). */
const dialled = (req: SipMessageLike) => sipUser(req.uri) ?? sipUser(req.get('To'));

export class PhoneCalls {
  readonly live = new Set<InternalCall>();
  /** Consoles' live view of these calls (flow-runtime/live/internal-live.ts). */
  private readonly liveViews: ReturnType<typeof internalLiveViews>;

  constructor(private readonly services: CallServices, private readonly auth: PhoneAuth) {
    this.liveViews = internalLiveViews(services.prisma, services.log);
  }

  /** Step 1 of the header comment. */
  fromPhone(req: SipMessageLike): boolean {
    if (req.get('Proxy-Authorization')) return true;
    const user = dialled(req);
    if (user && EXTENSION.test(user)) return true;
    return uriHost(req.get('From')) === this.auth.realm.toLowerCase();
  }

  readonly middleware: Middleware = (req, res, next) => {
    if (!this.fromPhone(req)) return next();
    this.accept(req, res, next);
  };

  /**
   * A number none of ours (the flow pipeline would answer 404) from a phone that did not say so
   * (its From host is an address, not the realm): a From user that is a name, not a number (trunks
   * present numbers or "anonymous"), is taken for a phone calling out → challenged like any phone
   * call. Whether such a user exists is not looked up first: the answer is 407 either way, so it
   * tells a prober nothing about which usernames exist. Else 404 as before.
   */
  unrouted(req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void): void {
    const user = sipUser(req.get('From'));
    if (!user || /^\+?[0-9*#]*$/.test(user) || /^anonymous$/i.test(user)) return void res.send(404);
    this.accept(req, res, next);
  }

  private accept(req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void): void {
    req.on('cancel', () => {
      req.canceled = true;
    });
    this.handle(req, res, next).catch((err) => {
      this.services.log.error({ err }, 'call from a phone failed');
      if (!res.finalResponseSent) res.send(500);
    });
  }

  private async handle(req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void): Promise<void> {
    const { services } = this;
    const agent = await this.auth.authenticateRequest(req as unknown as SipRequestLike, res);
    if (!agent || req.canceled) return;
    const user = (dialled(req) ?? '').replace(/[\s.\-()]/g, '');
    let target: InternalTarget;
    if (EXTENSION.test(user)) {
      const row = await services.prisma.agent.findFirst({ where: { organizationId: agent.organizationId, extension: user }, select: { id: true } });
      if (!row) return void res.send(404);
      if (row.id === agent.id) return void res.send(486);
      const presence = await services.directory.presence(row.id);
      if (!presence || presence.state === 'offline' || presence.state === 'paused') return void res.send(480);
      if (presence.state === 'busy') return void res.send(486);
      target = { kind: 'agent', agentId: row.id, extension: user };
    } else {
      const e164 = user ? calledNumber(req, services.homeCountryCode) : null;
      if (e164) {
        const route = await services.flows.route(e164);
        // one of our numbers: the agent calls that flow like anyone else (the pipeline looks it up again)
        if (route) return next();
      }
      const judged = judgeDestination(await this.policy(agent.organizationId), user, services.homeCountryCode);
      if (judged.reason) {
        services.log.info({ agentId: agent.id, number: judged.judged, reason: judged.reason }, 'call from a phone: forbidden destination');
        return void res.send(403);
      }
      if (!judged.dial) return void res.send(404);
      if (!services.trunk) return void res.send(503);
      const entry = await services.prisma.phoneNumber.findFirst({ where: { organizationId: agent.organizationId }, orderBy: { createdAt: 'asc' }, select: { e164: true } });
      target = { kind: 'number', number: judged.dial, callerId: entry?.e164 ?? null };
    }
    let endpoint;
    try {
      endpoint = await services.media.createEndpoint({ remoteSdp: req.body, label: req.get('Call-ID') });
    } catch (err) {
      if (isMediaError(err, 'media.no_common_codec') || isMediaError(err, 'media.sdp_invalid')) return void res.send(488);
      throw err;
    }
    if (req.canceled) return void endpoint.close();
    const call = new InternalCall({
      srf: services.srf, media: services.media, directory: services.directory, recorder: services.recorder, trunk: services.trunk,
      log: services.log, ringMs: services.internalRingMs ?? 30_000,
      ended: (c) => this.live.delete(c),
      refer: (c, party, rq, rs) => referFromInternalCall(this.services, c, party, rq, rs),
      live: this.liveViews,
    }, agent.organizationId, agent, target, req, res, endpoint);
    this.live.add(call);
    services.log.info({ callId: call.id, agentId: agent.id, target: target.kind === 'agent' ? target.extension : target.number }, 'call from a phone');
    await call.start();
  }

  /** Every forbidden list of the organisation applies to its phones' outgoing calls. */
  private policy(organizationId: string): Promise<TransferPolicy> {
    return organizationPolicy(this.services.prisma, organizationId, this.services.homeCountryCode);
  }
}
