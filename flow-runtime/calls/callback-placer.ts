// Places one callback request (the CallbackScheduler's placeCallback):
//   1. rings the request's group: every available member's newest registered contact at once
//      (our SDP offer from a fresh MediaEndpoint each); the first to answer wins, the others are
//      cancelled; nobody within the group's ring time → retry (outcome `no_agent`);
//   2. calls the customer through the trunk (dialExternal, caller ID by the trunk's rule with the
//      organisation's entry number of the original call); no answer/busy/failure → the agent is
//      hung up, retry (`customer_<reason>`);
//   3. bridges agent ⇄ customer and waits until either side hangs up → done (`answered`).
// Each attempt that rings someone is recorded like any call, through the CallRecorder outbox
// (so also while the database is away): a Call (entry number and caller = the number presented,
// callee = the customer, path event `callback` with the request), a CallLeg per agent rung and
// one for the customer, `leg` path events, the outcome (answered / no_answer / busy / cancelled
// when the agent hung up first); a request not made during a call is linked to its first attempt.
import type { ClaimedCallback, CallbackAttemptResult, PlaceCallback } from '../callbacks/callback-scheduler';
import type { CallOutcome, CallRecorder, LegOutcome } from '../records/call-recorder';
import type { MediaEndpoint } from '../media';
import { dialExternal, type SrfUac } from '../trunk/dial-external';
import { resolveCallerId } from '../trunk/numbers';
import type { CallServices } from './run-call';
import type { DialogLike, SipMessageLike } from './sip-types';

type Services = Pick<CallServices, 'srf' | 'prisma' | 'media' | 'directory' | 'trunk' | 'log'> & { recorder?: CallRecorder };

interface Leg {
  endpoint: MediaEndpoint;
  dialog: DialogLike | null;
  request: SipMessageLike | null;
  answered: boolean;
  done: boolean;
  /** Its CallLeg row, once started. */
  row?: LegRow;
}

/** The attempt's Call row and its legs, written through the recorder (nothing without one). */
class AttemptRecord {
  private readonly callId: string | null;
  constructor(private readonly recorder: CallRecorder | undefined, call: {
    request: ClaimedCallback; entryNumber: string; presented: string | null; sipCallId: string; originalCallId: string | null;
  }) {
    if (!recorder) {
      this.callId = null;
      return;
    }
    const { request } = call;
    this.callId = recorder.callStarted({
      organizationId: request.organizationId, sipCallId: call.sipCallId, entryNumber: call.entryNumber,
      caller: call.presented, callee: request.number, flowVersionId: null,
    });
    recorder.pathEvent(this.callId, {
      kind: 'callback',
      data: { callbackRequestId: request.id, attempt: request.attempts, maxAttempts: request.maxAttempts, groupId: request.groupId, originalCallId: call.originalCallId },
    });
    if (!request.callId) recorder.callbackLinked(this.callId, request.id);
    // summary: placed for the request's group (not a caller waiting in it)
    if (request.groupId) recorder.callSummary(this.callId, { kind: 'group', groupId: request.groupId });
  }

  leg(agentId: string | null, destination: string): LegRow {
    const row: LegRow = { id: null, agentId, ended: false };
    if (!this.recorder || !this.callId) return row;
    row.id = this.recorder.legStarted(this.callId, { agentId, destination, kind: agentId ? 'agent' : 'outbound' });
    this.recorder.pathEvent(this.callId, { kind: 'leg', data: { legId: row.id, event: 'ringing', agentId, number: agentId ? undefined : destination } });
    return row;
  }

  legAnswered(row: LegRow | undefined): void {
    if (!this.recorder || !this.callId || !row?.id) return;
    this.recorder.legAnswered(this.callId, row.id);
    this.recorder.pathEvent(this.callId, { kind: 'leg', data: { legId: row.id, agentId: row.agentId, outcome: 'answered' } });
  }

  legEnded(row: LegRow | undefined, outcome: LegOutcome): void {
    if (!row || row.ended) return;
    row.ended = true;
    if (!this.recorder || !this.callId || !row.id) return;
    this.recorder.legEnded(this.callId, row.id, outcome);
    if (outcome !== 'answered') this.recorder.pathEvent(this.callId, { kind: 'leg', data: { legId: row.id, agentId: row.agentId, outcome } });
  }

  event(kind: string, data?: unknown): void {
    if (this.recorder && this.callId) this.recorder.pathEvent(this.callId, { kind, data });
  }

  /** The customer answered: the agent's talk starts. */
  answered(agentId: string): void {
    if (!this.recorder || !this.callId) return;
    this.recorder.callAnswered(this.callId);
    this.recorder.callSummary(this.callId, { kind: 'agent', agentId });
  }

  ended(outcome: CallOutcome | null, result: CallbackAttemptResult): void {
    if (!this.recorder || !this.callId) return;
    this.recorder.pathEvent(this.callId, { kind: 'callback-result', output: result.kind, data: result });
    this.recorder.callEnded(this.callId, outcome);
  }
}

interface LegRow {
  id: string | null;
  agentId: string | null;
  ended: boolean;
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
    const trunk = services.trunk;
    const id = `${opts.label ?? 'callback'}-${request.id}`;
    const members = (await services.directory.groupMembers(request.groupId)).filter((m) => m.available && m.contacts.length > 0);
    if (members.length === 0) return { kind: 'retry', outcome: 'no_agent' };
    const ringMs = Math.max(...members.map((m) => m.ringTimeSeconds)) * 1000;
    const original = request.callId ? await services.prisma.call.findUnique({ where: { id: request.callId }, select: { entryNumber: true } }) : null;
    const presented = resolveCallerId(trunk.callerId, { entryNumber: original?.entryNumber ?? null, callerNumber: null }, trunk.countryCode);
    const record = new AttemptRecord(services.recorder, {
      request, entryNumber: original?.entryNumber ?? presented ?? '', presented, sipCallId: `${id}-${request.attempts}`, originalCallId: request.callId,
    });
    // every result goes through here: the Call row gets its outcome once the legs are ended
    let ending: { result: CallbackAttemptResult; outcome: CallOutcome | null } | null = null;
    const finish = (result: CallbackAttemptResult, outcome: CallOutcome | null): CallbackAttemptResult => {
      ending = { result, outcome };
      return result;
    };

    // 1. the agents
    const agent = await new Promise<{ leg: Leg; agentId: string } | null>((resolve) => {
      const legs: Leg[] = [];
      let settled = false;
      let pending = members.length;
      const timer = setTimeout(() => settle(null), ringMs);
      function settle(winner: { leg: Leg; agentId: string } | null) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // rung until the group's ring time → no_answer; stopped because another agent answered → cancelled
        for (const l of legs) {
          if (l === winner?.leg || l.done) continue;
          record.legEnded(l.row, winner ? 'cancelled' : 'no_answer');
          hangUp(l);
        }
        resolve(winner);
      }
      for (const m of members) {
        void services.media.createEndpoint({ label: `${id}-${m.agentId}` }).then((endpoint) => {
          const leg: Leg = { endpoint, dialog: null, request: null, answered: false, done: false };
          legs.push(leg);
          if (settled) return hangUp(leg);
          leg.row = record.leg(m.agentId, `agent:${m.agentId}`);
          services.srf.createUAC(m.contacts[0], { localSdp: endpoint.localSdp, headers: { From: '"Rappel" <sip:callback@localhost>' } }, {
            cbRequest: (_err, req) => {
              leg.request = req;
              if (leg.done) req?.cancel?.();
            },
          }, (err, dialog) => {
            if (err || !dialog) {
              if (!leg.done) record.legEnded(leg.row, reason((err as { status?: number } | null)?.status));
              leg.done = true;
              void endpoint.close().catch(() => undefined);
              if (--pending === 0) settle(null);
              return;
            }
            leg.dialog = dialog;
            leg.answered = true;
            if (settled) {
              record.legEnded(leg.row, 'cancelled');
              return hangUp(leg);
            }
            endpoint.setRemoteAnswer(dialog.remote.sdp).then(() => {
              record.legAnswered(leg.row);
              settle({ leg, agentId: m.agentId });
            }, () => {
              record.legEnded(leg.row, 'failed');
              hangUp(leg);
              if (--pending === 0) settle(null);
            });
          });
        }, (err) => {
          log.warn({ err, id }, 'callback: no media endpoint for an agent leg');
          if (--pending === 0) settle(null);
        });
      }
    });
    if (!agent) {
      record.ended('no_answer', { kind: 'retry', outcome: 'no_agent' });
      return { kind: 'retry', outcome: 'no_agent' };
    }
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
      const customerEndpoint = await services.media.createEndpoint({ label: `${id}-customer` });
      const leg: Leg = { endpoint: customerEndpoint, dialog: null, request: null, answered: false, done: false };
      customer = leg;
      leg.row = record.leg(null, request.number);
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
        if (agentGone) {
          record.legEnded(leg.row, 'cancelled');
          return finish({ kind: 'retry', outcome: 'agent_hung_up' }, 'cancelled');
        }
        const why = reason((err as { status?: number }).status);
        record.legEnded(leg.row, why);
        return finish({ kind: 'retry', outcome: `customer_${why}` }, why === 'busy' ? 'busy' : 'no_answer');
      }
      leg.dialog = dialed;
      leg.answered = true;
      record.legAnswered(leg.row);
      const customerEnded = new Promise<void>((resolve) => dialed.on('destroy', () => {
        leg.dialog = null;
        resolve();
      }));
      if (agentGone) {
        record.legEnded(leg.row, 'answered');
        return finish({ kind: 'retry', outcome: 'agent_hung_up' }, 'cancelled');
      }
      record.answered(agent.agentId);
      await customerEndpoint.setRemoteAnswer(dialed.remote.sdp);

      // 3. bridge until either side hangs up
      await agentLeg.endpoint.bridge(customerEndpoint, { dtmf: 'forward' });
      record.event('bridge', { agentId: agent.agentId });
      log.info({ id, agentId: agent.agentId }, 'callback: agent and customer bridged');
      await Promise.race([agentEnded, customerEnded]);
      return finish({ kind: 'done', outcome: 'answered' }, 'answered');
    } catch (err) {
      // media failure after both answered, or no endpoint for the customer: the scheduler retries
      finish({ kind: 'retry', outcome: `error: ${(err as Error).message}` }, null);
      throw err;
    } finally {
      if (customer && !customer.done) hangUp(customer);
      record.legEnded(customer?.row, customer?.answered ? 'answered' : 'cancelled');
      record.legEnded(agentLeg.row, 'answered');
      hangUp(agentLeg);
      services.directory.markFree(agent.agentId, id);
      const end = ending as { result: CallbackAttemptResult; outcome: CallOutcome | null } | null;
      if (end) record.ended(end.outcome, end.result);
    }
  };
}
