// The INVITE pipeline (srf.use('invite', [...]) then srf.invite):
//   1. findNumber   called number (Request-URI, else To) → E.164 → PhoneNumber → organisation; unknown → 404
//   2. findFlow     latest published version of the number's flow, or its canary version for a
//                   share of callers (flow-store.ts forCall, canary.ts); cached by version id;
//                   none (or invalid) → answer, "not in service" in French and English, hang up
//   3. openMedia    a MediaEndpoint answering the caller's offer; no common codec → 488
//   4. startCall    CallContext, Call row, session on that version (runCall)
// Lookups 1, 2 and 4's CallContext answer from memory (last known) while the database is
// unreachable; with nothing known → 503 Retry-After (flows.lastKnown, last-known-good.ts).
// A CANCEL at any point ends the INVITE cleanly: later steps see req.canceled and stop.
import { isMediaError, type MediaEndpoint } from '../media';
import { calledNumber, callerNumber } from './called-number';
import { DatabaseUnavailableError, isConnectionError } from './last-known-good';
import type { NumberRoute, PublishedFlow } from './flow-store';
import type { CallServices } from './run-call';
import { runCall } from './run-call';
import type { SipMessageLike, SipResponseLike } from './sip-types';

export interface InviteLocals {
  called: string;
  route: NumberRoute;
  published: PublishedFlow;
  endpoint: MediaEndpoint;
}

type Middleware = (req: SipMessageLike, res: SipResponseLike, next: (err?: unknown) => void) => void;

function locals(req: SipMessageLike): Partial<InviteLocals> {
  const r = req as SipMessageLike & { relais?: Partial<InviteLocals> };
  return (r.relais ??= {});
}

export const NOT_IN_SERVICE = [
  { kind: 'tts' as const, text: "Ce numéro n'est pas en service pour le moment.", voice: 'fr' as const },
  { kind: 'tts' as const, text: 'This number is not in service at the moment.', voice: 'en' as const },
];

export function invitePipeline(services: CallServices): { middleware: Middleware[]; handler: (req: SipMessageLike, res: SipResponseLike) => void } {
  const { log } = services;
  const watchCancel = (req: SipMessageLike) => {
    if ((req as { relaisWatch?: boolean }).relaisWatch) return;
    (req as { relaisWatch?: boolean }).relaisWatch = true;
    req.on('cancel', () => {
      req.canceled = true;
    });
  };
  const failed = (res: SipResponseLike, where: string) => (err: unknown) => {
    if (err instanceof DatabaseUnavailableError) log.warn({ where, err: err.message }, 'database unreachable and nothing known for this call: 503');
    else log.error({ err, where }, 'INVITE pipeline failed');
    if (!res.finalResponseSent) res.send(503, { headers: { 'Retry-After': '30' } } as never);
  };
  // one warning per outage: calls go on with what the last lookups answered
  services.flows.lastKnown.on('outage', ({ what, err }) =>
    log.warn({ what, err: (err as Error)?.message ?? String(err) }, 'database unreachable: new calls use the last known numbers, flows and directories (records are queued)'));
  services.flows.lastKnown.on('recovered', ({ staleAnswers, ms }) =>
    log.info({ staleAnswers, ms }, `database reachable again after ${ms} ms (${staleAnswers} lookups answered from memory)`));

  const findNumber: Middleware = (req, res, next) => {
    watchCancel(req);
    const called = calledNumber(req, services.homeCountryCode);
    if (!called) return res.send(404);
    services.flows.route(called).then((route) => {
      if (req.canceled) return;
      // perhaps an agent's phone calling out (internal-call/phone-calls.ts): challenged there, else 404
      if (!route && services.phones && !req.get('Proxy-Authorization')) return services.phones.unrouted(req, res, next);
      if (!route) return res.send(404);
      Object.assign(locals(req), { called, route });
      next();
    }, failed(res, 'findNumber'));
  };

  const findFlow: Middleware = (req, res, next) => {
    const { route } = locals(req) as InviteLocals;
    // the caller (as the call's record will name it) picks the canary version or the live one (canary.ts)
    const who = { caller: callerNumber(req, services.homeCountryCode, services.identityTrust.isTrusted(req)), sipCallId: req.get('Call-ID') ?? '' };
    const published = route.flowId
      ? services.flows.forCall(route, who).catch((err) => {
          // the database is away and this flow was never loaded: 503, the caller's side retries
          if (isConnectionError(err)) throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError('flow document', err);
          log.error({ err, flowId: route.flowId }, 'published flow cannot be loaded; answering "not in service"');
          return null;
        })
      : Promise.resolve(null);
    published.then((p) => {
      if (req.canceled) return;
      if (!p) return void notInService(services, req, res);
      locals(req).published = p;
      next();
    }, failed(res, 'findFlow'));
  };

  const openMedia: Middleware = (req, res, next) => {
    services.media.createEndpoint({ remoteSdp: req.body, label: req.get('Call-ID') }).then(
      (endpoint) => {
        if (req.canceled) return void endpoint.close();
        locals(req).endpoint = endpoint;
        next();
      },
      (err) => {
        if (isMediaError(err, 'media.no_common_codec') || isMediaError(err, 'media.sdp_invalid')) return res.send(488);
        failed(res, 'openMedia')(err);
      },
    );
  };

  const handler = (req: SipMessageLike, res: SipResponseLike) => {
    const l = locals(req) as InviteLocals;
    runCall(services, req, res, l).catch((err) => {
      void l.endpoint.close();
      failed(res, 'startCall')(err);
    });
  };

  return { middleware: [findNumber, findFlow, openMedia], handler };
}

/** Answers, says the number is not in service (French then English), hangs up. */
async function notInService(services: CallServices, req: SipMessageLike, res: SipResponseLike): Promise<void> {
  let endpoint: MediaEndpoint;
  try {
    endpoint = await services.media.createEndpoint({ remoteSdp: req.body, label: req.get('Call-ID') });
  } catch (err) {
    if (isMediaError(err)) return res.send(488);
    throw err;
  }
  services.srf.createUAS(req, res, { localSdp: endpoint.localSdp }, (err, dialog) => {
    if (err || !dialog) return void endpoint.close();
    let gone = false;
    dialog.on('destroy', () => {
      gone = true;
      void endpoint.close();
    });
    endpoint.play([...NOT_IN_SERVICE, { kind: 'silence', ms: 300 }], { fallback: true }).then((r) => {
      for (const f of r.fallbacks ?? []) services.log.warn({ node: 'not-in-service', language: NOT_IN_SERVICE[f.index ?? 0]?.voice, code: f.code, reason: f.reason }, 'prompt unavailable: played the fallback chime');
    }, () => undefined).finally(() => {
      if (!gone) dialog.destroy().catch(() => undefined);
      void endpoint.close();
    });
  });
}
