// Starts one call once the pipeline found its flow and opened its media: loads the CallContext,
// writes the Call row, builds the ports over the LiveCall and runs the session to its end.
import type { PrismaClient } from '../../prisma/client';
import type { AgentDirectory } from '../agents/agent-directory';
import type { CallRecorder } from '../records/call-recorder';
import type { MediaServer } from '../media';
import type { TrunkConfig } from '../trunk/trunk-config';
import type { SmsProvider } from '../sms/sms-provider';
import { CallSession, type QueuePort, type SessionPorts } from '../session';
import { callerNumber } from './called-number';
import { loadCallContext } from './call-context';
import type { IdentityTrust } from './identity-trust';
import type { FlowStore } from './flow-store';
import type { InviteLocals } from './invite-pipeline';
import { LiveCall } from './live-call';
import { LiveLegsPort } from './ports/legs-port';
import { LiveCallControl } from './call-control/call-control';
import { strategyInFlow } from './call-control/targets';
import { liveControlDeps } from './call-control/control-deps';
import type { PromptSource } from '../media';
import { LiveMediaPort } from './ports/media-port';
import { LiveRecordStore } from './ports/record-store';
import { callbackStore, cryptoRandom, flowsPort, organizationAllowList, outboundHttp, realClock, smsPort } from './ports/services';
import type { SoundFiles } from './ports/sound-files';
import type { Resolver } from '../outbound-http';
import type { Logger, SipMessageLike, SipResponseLike, SrfLike } from './sip-types';
import type { PhoneCalls } from './internal-call/phone-calls';
import { LiveCallTracker } from '../live';
import { callerContactName } from './caller-contact';

export interface CallServices {
  srf: SrfLike;
  prisma: PrismaClient;
  recorder: CallRecorder;
  directory: AgentDirectory;
  media: MediaServer;
  flows: FlowStore;
  sounds: SoundFiles;
  /** One queue coordinator shared by every call of the process. */
  queue: QueuePort & { setAgent?: (agentId: string, state: 'free' | 'busy' | 'away') => void };
  trunk: TrunkConfig | null;
  sms: SmsProvider;
  smsDefaultFrom: string | null;
  homeCountryCode: string;
  /** Whose P-Asserted-Identity is believed (the trunk, SIP_TRUSTED_PEERS). */
  identityTrust: IdentityTrust;
  log: Logger;
  /** Calls in progress by Call id. */
  active: Map<string, LiveCall>;
  /** Outbound HTTP options (tests inject a resolver: no external DNS there). */
  outboundHttp?: { resolve?: Resolver; maxBytes?: number };
  /** How long a cold transfer target rings before the call comes back (default 20 s). */
  transferRingMs?: number;
  /** Calls placed by agents' phones (internal-call/), when the registrar's authentication is wired. */
  phones?: PhoneCalls;
  /** How long an internal call's target rings before the phone gets 480 (default 30 s). */
  internalRingMs?: number;
}

export async function runCall(services: CallServices, req: SipMessageLike, res: SipResponseLike, l: InviteLocals): Promise<void> {
  const { route, published, endpoint, called } = l;
  const context = await loadCallContext(services.prisma, services.directory, route, services.homeCountryCode, services.flows.lastKnown);
  const caller = callerNumber(req, services.homeCountryCode, services.identityTrust.isTrusted(req));
  const callId = services.recorder.callStarted({
    organizationId: route.organizationId, sipCallId: req.get('Call-ID') ?? '', entryNumber: called,
    caller, callee: called, flowVersionId: published.versionId, flowId: route.flowId, canary: published.canary === true,
  });
  const call = new LiveCall(callId, services.srf, req, res, endpoint, services.log);
  // What consoles and the wallboard see (flow-runtime/live/): LiveCall row + relais_live events.
  const live = new LiveCallTracker(services.prisma, {
    callId, organizationId: route.organizationId, direction: 'inbound', entryNumber: called, caller, log: services.log,
    flowId: route.flowId,
    nodeConfig: (nodeId) => published.flow.nodes.get(nodeId)?.config as Record<string, unknown> | undefined,
    contactName: () => callerContactName(services.prisma, route.organizationId, caller, services.homeCountryCode),
  });
  // Answered by the flow or by the early-media limit (live-call.ts): Call.answeredAt either way.
  call.onAnswered = () => services.recorder.callAnswered(callId);
  services.active.set(callId, call);
  req.on('cancel', () => call.callerHungUp());
  if (req.canceled) call.callerHungUp();

  let session: CallSession | null = null;
  const media = new LiveMediaPort(call, services.sounds, { log: services.log, currentNode: () => session?.state.step?.nodeId });
  const records = new LiveRecordStore(services.recorder, { organizationId: route.organizationId, recordings: media.recordings }, services.log);
  const legs = new LiveLegsPort(call, {
    srf: services.srf, media: services.media, directory: services.directory, trunk: services.trunk, entryNumber: called, log: services.log,
    onAgentState: (agentId, state) => services.queue.setAgent?.(agentId, state),
  });
  call.control = new LiveCallControl(call, liveControlDeps(services, call, legs, {
    organizationId: route.organizationId, entryNumber: called, callerNumber: caller,
    nodeId: () => session?.state.step?.nodeId,
    flowStrategy: (groupId) => strategyInFlow(published.flow, groupId),
    intoFlow: (flowId, flow) => session?.transferToFlow(flowId, flow),
    intoVoicemail: (groupId) => session?.send({ type: 'bridgeTransferred', to: { kind: 'voicemail', groupId } }),
    policy: () => session!.state.policy,
    holdMusic: async (): Promise<PromptSource[]> => {
      // The hold music of the queue-group step that reached the agent, else the built-in melody.
      const node = session?.state.step ? published.flow.nodes.get(session.state.step.nodeId) : undefined;
      const soundId = (node?.config as { holdMusicSoundId?: string } | undefined)?.holdMusicSoundId;
      const file = soundId ? await services.sounds.path(soundId).catch(() => null) : null;
      return file ? [{ kind: 'file', path: file }] : [{ kind: 'tone', tone: 'hold' }];
    },
    released: (legId) => records.legReleased(callId, legId),
    onRecord: (kind, data) => live.onRecord(kind, data),
  }));
  const ports: SessionPorts = {
    media,
    legs,
    http: outboundHttp(organizationAllowList(services.prisma, route.organizationId), services.outboundHttp),
    sms: smsPort(services.sms, services.recorder, services.prisma, { id: callId, organizationId: route.organizationId, defaultFrom: services.smsDefaultFrom ?? called }),
    callbacks: callbackStore(services.recorder, route.organizationId),
    records,
    queue: services.queue,
    flows: flowsPort(services.flows, route.organizationId),
    clock: realClock,
    random: cryptoRandom,
  };
  session = new CallSession({
    callId, flow: published.flow, context, ports, keepPath: false,
    onError: (err, where) => services.log.error({ err, callId, where }, 'call session port error'),
  });
  session.subscribe((snapshot) => live.onSession(snapshot));
  session.subscribe(({ effects }) => {
    if (effects.some((e) => e.type === 'answer')) void call.answer().catch(() => undefined);
  });
  services.log.info({ callId, called, caller, flowVersionId: published.versionId, ...(published.canary ? { canary: true } : {}) }, 'call started');
  call.attach(session);
  const language = route.defaultLanguage === 'en' ? 'en' : route.defaultLanguage === 'fr' ? 'fr' : undefined;
  session.start({ caller, called, language });
  const final = await session.done;
  await call.finish();
  void live.end(final.outcome);
  services.active.delete(callId);
  services.log.info({ callId, outcome: final.outcome, reason: final.endReason }, 'call ended');
}
