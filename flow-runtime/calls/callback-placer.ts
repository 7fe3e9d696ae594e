// Places one callback request (the CallbackScheduler's placeCallback):
//   1. rings the request's group: every available member's newest registered contact at once
//      (our SDP offer from a fresh MediaEndpoint each); the first to answer wins, the others are
//      cancelled; nobody within the group's ring time → retry (outcome `no_agent`);
//   2. calls the customer through the trunk (dialExternal, caller ID by the trunk's rule with the
//      organisation's entry number of the original call); no answer/busy/failure → the agent is
//      hung up, retry (`customer_<reason>`);
//   3. bridges agent ⇄ customer and waits until either side hangs up → done (`answered`).
import type { ClaimedCallback, CallbackAttemptResult, PlaceCallback } from '../callbacks/callback-scheduler';
import type { MediaEndpoint } from '../media';
import { dialExternal, type SrfUac } from '../trunk/dial-external';
import { resolveCallerId } from '../trunk/numbers';
import type { CallServices } from './run-call';
import type { DialogLike, SipMessageLike } from './sip-types';

type Services = Pick<CallServices, 'srf' | 'prisma' | 'media' | 'directory' | 'trunk' | 'log'>;

interface Leg {
  endpoint: MediaEndpoint;
  dialog: DialogLike | null;
  request: SipMessageLike | null;
  answered: boolean;
  done: boolean;
}

function reason(status: number | undefined): 'busy' | 'no_answer' | 'failed' {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no_answer';
  return 'failed';
}

const hangUp = (leg: Leg) => {
  leg.done = true;
  if (leg.dialog) void leg.dialog.destroy().catch(() => undefined);
  else if (!leg.answered) leg.request?.cancel?.();
  void leg.endpoint.close().catch(() => undefined);
};

export function createCallbackPlacer(services: Services, opts: { label?: string } = {}): PlaceCallback {
  const log = services.log;
  return async (request: ClaimedCallback): Promise<CallbackAttemptResult> => {
    if (!services.trunk) return { kind: 'postpone', reason: 'no trunk configured' };
    if (!request.groupId) return { kind: 'done', outcome: 'failed: no group' };
    const id = `${opts.label ?? 'callback'}-${request.id}`;
    const members = (await services.directory.groupMembers(request.groupId)).filter((m) => m.available && m.contacts.length > 0);
    if (members.length === 0) return { kind: 'retry', outcome: 'no_agent' };
    const ringMs = Math.max(...members.map((m) => m.ringTimeSeconds)) * 1000;

    // 1. the agents
    const agent = await new Promise<{ leg: Leg; agentId: string } | null>((resolve) => {
      const legs: Leg[] = [];
      let settled = false;
      let pending = members.length;
      const timer = setTimeout(() => finish(null), ringMs);
      function finish(winner: { leg: Leg; agentId: string } | null) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        for (const l of legs) if (l !== winner?.leg && !l.done) hangUp(l);
        resolve(winner);
      }
      for (const m of members) {
        void services.media.createEndpoint({ label: `${id}-${m.agentId}` }).then((endpoint) => {
          const leg: Leg = { endpoint, dialog: null, request: null, answered: false, done: false };
          legs.push(leg);
          if (settled) return hangUp(leg);
          services.srf.createUAC(m.contacts[0], { localSdp: endpoint.localSdp, headers: { From: '"Rappel" <sip:callback@localhost>' } }, {
            cbRequest: (_err, req) => {
              leg.request = req;
              if (leg.done) req?.cancel?.();
            },
          }, (err, dialog) => {
            if (err || !dialog) {
              leg.done = true;
              void endpoint.close().catch(() => undefined);
              if (--pending === 0) finish(null);
              return;
            }
            leg.dialog = dialog;
            leg.answered = true;
            if (settled) return hangUp(leg);
            endpoint.setRemoteAnswer(dialog.remote.sdp).then(() => finish({ leg, agentId: m.agentId }), () => {
              hangUp(leg);
              if (--pending === 0) finish(null);
            });
          });
        }, (err) => {
          log.warn({ err, id }, 'callback: no media endpoint for an agent leg');
          if (--pending === 0) finish(null);
        });
      }
    });
    if (!agent) return { kind: 'retry', outcome: 'no_agent' };
    const agentLeg = agent.leg;
    services.directory.markBusy(agent.agentId, id);
    let agentGone = false;
    const agentEnded = new Promise<void>((resolve) => agentLeg.dialog!.on('destroy', () => {
      agentGone = true;
      agentLeg.dialog = null;
      resolve();
    }));

    let customer: Leg | null = null;
    try {
      // 2. the customer
      const trunk = services.trunk;
      const original = request.callId ? await services.prisma.call.findUnique({ where: { id: request.callId }, select: { entryNumber: true } }) : null;
      const presented = resolveCallerId(trunk.callerId, { entryNumber: original?.entryNumber ?? null, callerNumber: null }, trunk.countryCode);
      const customerEndpoint = await services.media.createEndpoint({ label: `${id}-customer` });
      const leg: Leg = { endpoint: customerEndpoint, dialog: null, request: null, answered: false, done: false };
      customer = leg;
      let dialed: DialogLike;
      try {
        const dialing = dialExternal<DialogLike>(services.srf as unknown as SrfUac, request.number, {
          trunk, sdp: customerEndpoint.localSdp, callerId: presented,
          cbRequest: (_err, req) => (leg.request = req as SipMessageLike),
        });
        // The agent hanging up while the customer rings cancels the customer leg.
        void agentEnded.then(() => {
          if (!leg.answered && !leg.done) leg.request?.cancel?.();
        });
        dialed = await dialing;
      } catch (err) {
        leg.done = true;
        void customerEndpoint.close().catch(() => undefined);
        return { kind: 'retry', outcome: agentGone ? 'agent_hung_up' : `customer_${reason((err as { status?: number }).status)}` };
      }
      leg.dialog = dialed;
      leg.answered = true;
      const customerEnded = new Promise<void>((resolve) => dialed.on('destroy', () => {
        leg.dialog = null;
        resolve();
      }));
      if (agentGone) return { kind: 'retry', outcome: 'agent_hung_up' };
      await customerEndpoint.setRemoteAnswer(dialed.remote.sdp);

      // 3. bridge until either side hangs up
      await agentLeg.endpoint.bridge(customerEndpoint, { dtmf: 'forward' });
      log.info({ id, agentId: agent.agentId }, 'callback: agent and customer bridged');
      await Promise.race([agentEnded, customerEnded]);
      return { kind: 'done', outcome: 'answered' };
    } finally {
      if (customer && !customer.done) hangUp(customer);
      hangUp(agentLeg);
      services.directory.markFree(agent.agentId, id);
    }
  };
}
