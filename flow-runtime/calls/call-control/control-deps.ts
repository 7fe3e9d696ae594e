// The ControlDeps every live call shares (a flow's call in run-call.ts, an agent's outgoing call in
// originate/): organisation lookups, the call's records (events, leg rows, recordings), the legs
// port's agent marks and dialog watching, the attended-transfer hook. What differs per kind of call
// (entry number, hold music, policy, where a cold transfer to a flow goes) is passed in.
import type { PromptSource } from '../../media';
import type { LoadedFlow, TransferPolicy } from '../../interpreter';
import type { LiveCall } from '../live-call';
import type { LiveLegsPort } from '../ports/legs-port';
import type { CallServices } from '../run-call';
import { referFromFlowLeg } from '../internal-call/attended-transfer';
import type { ControlDeps } from './call-control';
import { prismaTargetLookup, type GroupStrategy } from './targets';

export interface CallSpecifics {
  organizationId: string;
  /** The number the call came in on, or presents (trunk caller-ID rule "entry"). */
  entryNumber: string;
  callerNumber: string | null;
  /** The flow node a CallEvent is attached to, if any. */
  nodeId(): string | undefined;
  flowStrategy(groupId: string): GroupStrategy | null;
  intoFlow(flowId: string, flow: LoadedFlow): void;
  intoVoicemail(groupId: string): void;
  policy(): TransferPolicy;
  holdMusic(): Promise<PromptSource[]>;
  /** The party first on leg `legId` left it (a transfer): its CallLeg row ends. */
  released(legId: string): void;
  /** Sees every CallEvent of call control first (the live view: flow-runtime/live/). */
  onRecord?(kind: string, data: Record<string, unknown>): void;
}

export function liveControlDeps(services: CallServices, call: LiveCall, legs: LiveLegsPort, s: CallSpecifics): ControlDeps {
  const callId = call.id;
  return {
    srf: services.srf, media: services.media, directory: services.directory, trunk: services.trunk, entryNumber: s.entryNumber,
    callerNumber: s.callerNumber, log: services.log, transferRingMs: services.transferRingMs ?? 20_000,
    findExtension: async (extension) => (await services.prisma.agent.findFirst({ where: { organizationId: s.organizationId, extension }, select: { id: true } }))?.id ?? null,
    targets: prismaTargetLookup(services.prisma, services.flows, s.organizationId),
    flowStrategy: s.flowStrategy,
    intoFlow: s.intoFlow,
    intoVoicemail: s.intoVoicemail,
    policy: s.policy,
    holdMusic: s.holdMusic,
    record: (kind, data) => {
      s.onRecord?.(kind, data);
      return services.recorder.pathEvent(callId, { kind, nodeId: s.nodeId(), data, at: new Date() });
    },
    legRows: {
      started: (agentId, destination, kind) => services.recorder.legStarted(callId, { agentId, destination, kind }),
      answered: (rowId) => services.recorder.legAnswered(callId, rowId),
      ended: (rowId, outcome) => services.recorder.legEnded(callId, rowId, outcome),
      released: s.released,
    },
    agentBusy: (agentId) => legs.agentBusy(agentId),
    agentFree: (agentId) => legs.agentFree(agentId),
    watch: (leg, dialog) => legs.watchDialog(leg, dialog),
    legLost: (leg) => legs.legLost(leg),
    storeRecording: (r) => services.recorder.callRecording({ ...r, organizationId: s.organizationId, callId }),
    attendedRefer: (refer) => referFromFlowLeg(services.phones, refer),
  };
}
