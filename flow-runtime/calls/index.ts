// Call handling for the flow runtime: startCallHandling(srf, deps) installs the INVITE pipeline
// (invite-pipeline.ts) and returns what the process needs to drain calls at shutdown.
import path from 'node:path';
import type { PrismaClient } from '../../prisma/client';
import { AgentDirectory } from '../agents/agent-directory';
import { feedQueueFromDirectory } from '../agents/queue-feed';
import { installAgentActivity } from '../agents/wrap-up';
import type { CallRecorder } from '../records/call-recorder';
import { createMediaServer, mediaThreadFromEnv, type MediaServer } from '../media';
import type { TrunkConfig } from '../trunk/trunk-config';
import { noSmsProvider, type SmsProvider } from '../sms/sms-provider';
import { InMemoryQueue } from '../session/in-memory/queue';
import { FlowStore } from './flow-store';
import { invitePipeline } from './invite-pipeline';
import { IdentityTrust } from './identity-trust';
import type { LiveCall } from './live-call';
import { realClock } from './ports/services';
import { SoundFiles } from './ports/sound-files';
import type { CallServices } from './run-call';
import { silentLogger, type Logger, type SrfLike } from './sip-types';
import { PhoneCalls, type PhoneAuth } from './internal-call/phone-calls';

export interface CallHandlingDeps {
  prisma: PrismaClient;
  recorder: CallRecorder;
  /** Default: a new AgentDirectory on `prisma` (give the registrar's, so registrations are seen live). */
  directory?: AgentDirectory;
  /** Default: an RTP media server on 127.0.0.1 (RTP_HOST, RTP_PORT_MIN/MAX), caches under dataDir, in-process (MEDIA_THREAD=worker: on a worker thread). */
  media?: MediaServer;
  dataDir?: string;
  trunk?: TrunkConfig | null;
  sms?: SmsProvider;
  smsDefaultFrom?: string | null;
  homeCountryCode?: string;
  /** SIP_TRUSTED_PEERS: addresses/CIDRs whose P-Asserted-Identity is believed, besides the trunk's. */
  trustedPeers?: readonly string[];
  logger?: Logger;
  /** The registrar (its realm and authenticateRequest): agents' phones may then place calls (internal-call/). */
  phoneAuth?: PhoneAuth;
}

export interface CallHandling {
  services: CallServices;
  /** Calls in progress, by Call id. */
  active: ReadonlyMap<string, LiveCall>;
  /** Waits until calls in progress have ended (false on timeout). */
  drain(timeoutMs: number): Promise<boolean>;
  /** Closes the media server when this module created it. */
  close(): Promise<void>;
}

export function startCallHandling(srf: unknown, deps: CallHandlingDeps): CallHandling {
  const dataDir = deps.dataDir ?? path.resolve('data');
  const ownMedia = !deps.media;
  const media =
    deps.media ??
    createMediaServer({
      thread: mediaThreadFromEnv(process.env),
      log: deps.logger ? (message) => deps.logger!.error({ component: 'media' }, message) : undefined,
      host: process.env.RTP_HOST ?? '127.0.0.1',
      advertisedAddress: process.env.RTP_ADVERTISED_ADDRESS || undefined,
      portMin: Number(process.env.RTP_PORT_MIN ?? 20000),
      portMax: Number(process.env.RTP_PORT_MAX ?? 29999),
      cacheDir: path.join(dataDir, 'media-cache'),
      recordingsDir: path.join(dataDir, 'recordings'),
    });
  const active = new Map<string, LiveCall>();
  const directory = deps.directory ?? new AgentDirectory(deps.prisma);
  // issue 14: post-call pauses, and ringing / in_call / wrap_up written and published (agents/wrap-up.ts)
  installAgentActivity(directory, deps.prisma, deps.logger);
  const services: CallServices = {
    srf: srf as SrfLike,
    prisma: deps.prisma,
    recorder: deps.recorder,
    directory,
    media,
    flows: new FlowStore(deps.prisma),
    sounds: new SoundFiles(deps.prisma, path.join(dataDir, 'media-cache')),
    // told of agents' states by the directory (registrations, status, calls: agents/queue-feed.ts)
    queue: feedQueueFromDirectory(directory, new InMemoryQueue(realClock)),
    trunk: deps.trunk ?? null,
    sms: deps.sms ?? noSmsProvider,
    smsDefaultFrom: deps.smsDefaultFrom ?? null,
    homeCountryCode: deps.homeCountryCode ?? '33',
    identityTrust: new IdentityTrust({ trunk: deps.trunk, trustedPeers: deps.trustedPeers, log: deps.logger }),
    log: deps.logger ?? silentLogger,
    active,
  };
  const { middleware, handler } = invitePipeline(services);
  // calls from agents' phones are told apart and authenticated before the number lookup
  if (deps.phoneAuth) services.phones = new PhoneCalls(services, deps.phoneAuth);
  services.srf.use('invite', services.phones ? [services.phones.middleware, ...middleware] : middleware);
  services.srf.invite(handler);
  return {
    services,
    active,
    async drain(timeoutMs) {
      const until = Date.now() + timeoutMs;
      // calls placed by agents' phones (internal-call/) are drained too
      const busy = () => active.size > 0 || (services.phones?.live.size ?? 0) > 0;
      while (busy() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      return !busy();
    },
    async close() {
      services.identityTrust.close();
      if (ownMedia) await media.close();
    },
  };
}

export { calledNumber, callerNumber } from './called-number';
export { IdentityTrust, parseTrustedPeers } from './identity-trust';
export { FlowStore } from './flow-store';
export { FlowPublishListener, startFlowPublishListener, FLOW_PUBLISHED_CHANNEL, type FlowPickup, type FlowPublishedEvent } from './flow-publish-listener';
export { NOT_IN_SERVICE } from './invite-pipeline';
