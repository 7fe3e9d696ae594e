// An agent's outgoing call from the console (C3, see README.md): the agent's registered phones ring
// first (From shows the customer), then the customer is dialled through the trunk with the group's
// caller ID, and the two are bridged. The call is a LiveCall whose "caller" side is the customer
// (so hold, transfers and recording work through the same LiveCallControl as a flow's call) and
// whose agent is one OutboundLeg watched by the legs port.
//   1. checks (nothing rings before): agent and group of the organisation, the number judged by
//      every forbidden list of the organisation (403), dialable (404), a trunk (503), the agent's
//      phone registered (480);
//   2. the Call row (no flow version), CallEvent `originate`, the agent's CallLeg (`agent`);
//   3. the agent's contacts ring; the first 18x (or the answer) settles the command: the API
//      answers 202 { callId }; the agent not answering → Call outcome no_answer;
//   4. answered: the agent hears the ringback while the customer's INVITE goes to the trunk
//      (CallLeg `outbound`); the customer busy / not answering → BYE to the agent, outcome busy /
//      no_answer; answered → bridged, Call answered;
//   5. either side hanging up ends the call (BYE to the other), the agent is freed.
import { randomUUID } from 'node:crypto';
import type { PromptSource } from '../../media';
import { judgeDestination } from '../../interpreter/transfer-policy';
import type { CallOutcome, LegOutcome } from '../../records/call-recorder';
import { dialExternal, type SrfUac } from '../../trunk/dial-external';
import { resolveCallerId } from '../../trunk/numbers';
import { LiveCallControl } from '../call-control/call-control';
import type { CommandResult } from '../call-control/commands';
import { liveControlDeps } from '../call-control/control-deps';
import { resumeCaller } from '../call-control/hold';
import { ringTarget } from '../call-control/ring';
import { LiveCall, type OutboundLeg } from '../live-call';
import { findContactByNumber } from '../../contacts';
import { LiveCallTracker } from '../../live';
import { organizationPolicy } from '../organization-policy';
import { LiveLegsPort } from '../ports/legs-port';
import type { CallServices } from '../run-call';
import type { DialogLike, SipMessageLike, SipResponseLike } from '../sip-types';
import { groupLine, holdMusicOf } from './group-line';

/** The command's payload, as the admin wrote it (app/lib/calls/originate-call.ts). */
export interface OriginateRequest {
  commandId: string;
  organizationId: string;
  requestedById: string | null;
  agentId: string;
  groupId: string;
  /** The number as typed, or the contact's canonical number. */
  number: string;
  contactId: string | null;
  contactName: string | null;
}

export interface OriginateOptions {
  /** How long the agent's phones ring (default CallServices.internalRingMs or 30 s). */
  agentRingMs?: number;
  /** How long the customer rings (default 45 s). */
  customerRingMs?: number;
}

function legOutcome(status: number | undefined): LegOutcome {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 408 || status === 480 || status === 487 || status === undefined) return 'no_answer';
  return 'failed';
}

const refuse = (status: number, reason: string): CommandResult => ({ ok: false, status, reason });

/** No INVITE of ours: the customer's side is a dialog we place (LiveCall.adoptDialog). */
const NO_INVITE = { uri: '', body: '', get: () => undefined, on: () => undefined } as unknown as SipMessageLike;
const NO_RESPONSE = { send: () => undefined, finalResponseSent: true } as unknown as SipResponseLike;

/**
 * Places the call; settles once the agent's phone rings (ok, detail = the Call id) or with why
 * nothing rang. The call goes on in the background until either side hangs up.
 */
export function originateCall(services: CallServices, r: OriginateRequest, options: OriginateOptions = {}): Promise<CommandResult> {
  return new Promise<CommandResult>((settle) => {
    run(services, r, options, settle).catch((err) => {
      services.log.error({ err, commandId: r.commandId }, 'outgoing call failed');
      settle(refuse(500, 'the outgoing call failed in the runtime'));
    });
  });
}

async function run(services: CallServices, r: OriginateRequest, options: OriginateOptions, settle: (result: CommandResult) => void): Promise<void> {
  const { prisma, recorder, log } = services;
  const [agent, group] = await Promise.all([
    prisma.agent.findFirst({ where: { id: r.agentId, organizationId: r.organizationId }, select: { id: true, name: true, extension: true, sipUsername: true } }),
    prisma.queueGroup.findFirst({ where: { id: r.groupId, organizationId: r.organizationId }, select: { id: true } }),
  ]);
  if (!agent) return settle(refuse(404, 'no such agent in this organisation'));
  if (!group) return settle(refuse(404, 'no such group in this organisation'));
  const policy = await organizationPolicy(prisma, r.organizationId, services.homeCountryCode);
  const judged = judgeDestination(policy, r.number, services.homeCountryCode);
  if (judged.reason) {
    log.info({ agentId: agent.id, number: judged.judged, reason: judged.reason }, 'outgoing call: forbidden destination');
    return settle(refuse(403, 'Forbidden'));
  }
  if (!judged.dial) return settle(refuse(404, 'not a dialable number'));
  const trunk = services.trunk;
  if (!trunk) return settle(refuse(503, 'no trunk configured'));
  if ((await services.directory.contacts(agent.id)).length === 0) return settle(refuse(480, 'the agent has no registered phone'));
  const number = judged.dial;
  const line = await groupLine(prisma, services.flows, r.organizationId, r.groupId);
  const extension = agent.extension ?? agent.sipUsername;

  const customer = await services.media.createEndpoint({ label: `originate-${r.commandId}` });
  const callId = recorder.callStarted({
    organizationId: r.organizationId, sipCallId: `originate-${randomUUID()}`, entryNumber: line.callerId ?? extension,
    caller: extension, callee: number, flowVersionId: null,
  });
  recorder.callSummary(callId, { kind: 'group', groupId: r.groupId });
  const call = new LiveCall(callId, services.srf, NO_INVITE, NO_RESPONSE, customer, log);
  call.origin = { kind: 'outbound', agentId: agent.id, groupId: r.groupId, number, contactId: r.contactId, contactName: r.contactName };
  // What the consoles and the wallboard see (flow-runtime/live/): the customer as the caller, the group's number as the entry.
  const live = new LiveCallTracker(prisma, {
    callId, organizationId: r.organizationId, direction: 'outbound', entryNumber: line.callerId ?? extension, caller: number, groupId: r.groupId, log,
    contactName: async () => r.contactName ?? (await findContactByNumber(prisma, r.organizationId, number, services.homeCountryCode))?.name ?? null,
  });
  const record = (kind: string, data: Record<string, unknown>) => recorder.pathEvent(callId, { kind, data, at: new Date() });
  const legs = new LiveLegsPort(call, {
    srf: services.srf, media: services.media, directory: services.directory, trunk, entryNumber: line.callerId ?? '', log,
    onAgentState: (agentId, state) => services.queue.setAgent?.(agentId, state),
  });
  const agentRow = recorder.legStarted(callId, { agentId: agent.id, destination: `agent:${agent.id}`, kind: 'agent' });
  let agentRowOpen = true;
  const endAgentRow = (outcome: LegOutcome) => {
    if (!agentRowOpen) return;
    agentRowOpen = false;
    recorder.legEnded(callId, agentRow, outcome);
  };
  const unsupported = (what: string) => {
    // no flow session behind an outgoing call: such a transfer ends it
    record('transfer', { result: 'unsupported', what });
    call.hangup('normal');
    call.callerHungUp();
  };
  call.control = new LiveCallControl(call, liveControlDeps(services, call, legs, {
    organizationId: r.organizationId, entryNumber: line.callerId ?? '', callerNumber: line.callerId,
    nodeId: () => undefined,
    flowStrategy: () => null,
    intoFlow: () => unsupported('flow'),
    intoVoicemail: () => unsupported('voicemail'),
    policy: () => policy,
    holdMusic: (): Promise<PromptSource[]> => holdMusicOf(services.sounds, line.holdMusicSoundId),
    released: () => endAgentRow('answered'),
    onRecord: (kind, data) => live.onRecord(kind, data),
  }));
  services.active.set(callId, call);
  record('originate', {
    result: 'started', agentId: agent.id, groupId: r.groupId, number, contactId: r.contactId, contactName: r.contactName,
    callerId: line.callerId, requestedById: r.requestedById, commandId: r.commandId,
  });
  legs.agentBusy(agent.id);

  // ---- the end, whichever side or step brings it -----------------------------------------------
  let customerAnswered = false;
  let agentAnswered = false;
  let ended = false;
  const customerRequests: SipMessageLike[] = [];
  const leg: OutboundLeg = { legId: `${callId}-agent`, agentId: agent.id, endpoint: null, requests: [], dialog: null, state: 'dialing', cancelled: false };
  const end = (outcome: CallOutcome, reason: string) => {
    if (ended) return;
    ended = true;
    for (const req of customerRequests.splice(0)) call.cancelInvite(req, `${callId}-customer`);
    endAgentRow(agentAnswered ? 'answered' : 'no_answer');
    record('originate', { result: 'ended', outcome, by: reason });
    void call.finish().finally(() => {
      recorder.callEnded(callId, outcome);
      void live.end(outcome);
      legs.agentFree(agent.id);
      if (leg.agentId && leg.agentId !== agent.id) legs.agentFree(leg.agentId);
      services.active.delete(callId);
      log.info({ callId, outcome, by: reason }, 'outgoing call ended');
    });
  };
  call.onCallerGone = () => end(customerAnswered ? 'answered' : 'cancelled', 'customer');
  leg.listener = { ringing: () => undefined, answered: () => undefined, failed: () => undefined, ended: () => end(customerAnswered ? 'answered' : 'cancelled', 'agent') };

  // ---- 3. the agent's phones ----------------------------------------------------------------------
  let settled = false;
  const rang = () => {
    if (settled) return;
    settled = true;
    settle({ ok: true, detail: callId });
  };
  live.onOutgoing('agent-ringing', agent.id);
  const agentRingMs = options.agentRingMs ?? services.internalRingMs ?? 30_000;
  const answered = await ringTarget({ srf: services.srf, media: services.media, directory: services.directory, trunk, entryNumber: line.callerId ?? '' },
    call, leg, { agentId: agent.id }, agentRingMs, number, { fromDisplay: r.contactName ?? number, ringing: rang });
  if (!answered.ok || ended) {
    if (!answered.ok) {
      if (!settled) {
        settled = true;
        settle(refuse(answered.status, 'the agent did not answer'));
      }
      record('originate', { result: 'agent_' + legOutcome(answered.status), status: answered.status });
      endAgentRow(legOutcome(answered.status));
      end(answered.status === 486 ? 'busy' : 'no_answer', 'agent-phone');
    } else {
      void answered.dialog.destroy().catch(() => undefined);
    }
    return;
  }
  rang();
  agentAnswered = true;
  recorder.legAnswered(callId, agentRow);
  legs.watchDialog(leg, answered.dialog);
  record('originate', { result: 'agent_answered' });
  live.onOutgoing('customer-ringing', agent.id);
  // the agent hears the ringback while the customer rings
  void leg.endpoint?.play([{ kind: 'tone', tone: 'ringback' }], { loop: true }).catch(() => undefined);

  // ---- 4. the customer through the trunk ---------------------------------------------------------
  const customerRow = recorder.legStarted(callId, { agentId: null, destination: number, kind: 'outbound' });
  const presented = resolveCallerId(trunk.callerId, { entryNumber: line.callerId, callerNumber: line.callerId }, trunk.countryCode);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    for (const req of customerRequests.splice(0)) call.cancelInvite(req, `${callId}-customer`);
  }, options.customerRingMs ?? 45_000);
  let dialog: DialogLike;
  try {
    dialog = await dialExternal<DialogLike>(services.srf as unknown as SrfUac, number, {
      trunk, sdp: customer.localSdp, callerId: presented,
      cbRequest: (_e, req) => {
        if (!req) return;
        if (ended || timedOut) call.cancelInvite(req as SipMessageLike, `${callId}-customer`);
        else customerRequests.push(req as SipMessageLike);
      },
    });
    if (ended) {
      void dialog.destroy().catch(() => undefined);
      recorder.legEnded(callId, customerRow, 'cancelled');
      return;
    }
    await customer.setRemoteAnswer(dialog.remote.sdp);
  } catch (err) {
    const status = (err as { status?: number })?.status;
    const outcome = legOutcome(timedOut && (status === 487 || !status) ? 480 : status);
    recorder.legEnded(callId, customerRow, ended ? 'cancelled' : outcome);
    if (!ended) {
      record('originate', { result: `customer_${outcome}`, status: status ?? null });
      // the agent's phone gets a BYE
      end(outcome === 'busy' ? 'busy' : 'no_answer', 'customer');
    }
    return;
  } finally {
    clearTimeout(timer);
    customerRequests.length = 0;
  }
  customerAnswered = true;
  call.adoptDialog(dialog);
  recorder.callAnswered(callId);
  // the agent's talk starts with the customer's answer
  recorder.callSummary(callId, { kind: 'agent', agentId: agent.id });
  recorder.legAnswered(callId, customerRow);
  record('originate', { result: 'answered' });
  live.onOutgoing('answered', agent.id);
  // the customer's row ends with the call
  let rowDone = false;
  const finishRow = () => {
    if (rowDone) return;
    rowDone = true;
    recorder.legEnded(callId, customerRow, 'answered');
  };
  const previous = call.onCallerGone;
  call.onCallerGone = () => {
    finishRow();
    previous?.();
  };
  const agentLeft = leg.listener.ended;
  leg.listener.ended = (legId) => {
    finishRow();
    agentLeft(legId);
  };
  if (leg.endpoint) {
    leg.endpoint.stopPlayback();
    await resumeCaller(customer, leg.endpoint).catch((err) => log.warn({ err, callId }, 'outgoing call: bridge failed'));
  }
  log.info({ callId, agentId: agent.id, number, callerId: presented }, 'outgoing call answered');
}
