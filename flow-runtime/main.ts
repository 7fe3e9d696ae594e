// The flow runtime process: connects to a drachtio server (the embedded sip-edge by default,
// or a real drachtio-server) with drachtio-srf and runs one call session per call.
// Wired here: the registrar (agents' phones), the records outbox, the callback scheduler.
// Calls: flow-runtime/calls (INVITE pipeline → published flow → call session with live media).
// Settings: flow-runtime/config.ts (environment variables).
import path from 'node:path';
import Srf from 'drachtio-srf';
import pino from 'pino';
import { createPrismaClient } from '../prisma/client';
import { databaseUrl, poolConfigFromUrl } from '../prisma/database-url';
import { loadConfig } from './config';
import { createRegistrar } from './registrar/registrar';
import { AgentDirectory } from './agents/agent-directory';
import { startAgentChangeListener } from './agents/agent-change-listener';
import { CallRecorder } from './records/call-recorder';
import { CallbackScheduler } from './callbacks/callback-scheduler';
import { startCallHandling, startFlowPublishListener } from './calls';
import { createCallbackPlacer } from './calls/callback-placer';
import { startCommandChannel } from './calls/command-channel';
import { originateHandler } from './calls/originate';
import { withTimeout } from './calls/last-known-good';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { backoffFromEnv } from './webhooks/webhook-backoff';

const log = pino({ level: process.env.RUNTIME_LOG_LEVEL ?? 'info' }).child({ component: 'flow-runtime' });
const config = loadConfig();
const { host, port, secret } = config.drachtio;
const prisma = createPrismaClient();

const srf = new Srf();
let connected = false;

// Agents' presence, kept live: the registrar tells it of binding changes in-process, the agent
// change listener (below) of the admin's changes (agents/agent-directory.ts).
const directory = new AgentDirectory(prisma);
const registrar = createRegistrar({ prisma, ...config.registrar, logger: log, onBindingsChanged: (agentId) => void directory.refresh(agentId) });
const recorder = new CallRecorder(prisma, { dir: path.join(config.dataDir, 'runtime-outbox'), logger: log });
const scheduler = new CallbackScheduler({
  prisma,
  pollIntervalMs: config.callbacks.pollSeconds * 1000,
  retryDelayMs: config.callbacks.retryDelaySeconds * 1000,
  batch: config.callbacks.batch,
  stuckMs: config.callbacks.stuckSeconds * 1000,
  logger: log,
  // Ring the request's group first, then the customer through the trunk, bridge (calls/callback-placer.ts).
  // `calls` is created below; the scheduler only polls once started.
  placeCallback: (request) => placeCallback(request),
});

srf.on('connect', (err: Error | undefined, hostport: string) => {
  if (err) return log.error(`drachtio connect failed: ${err.message}`);
  connected = true;
  log.info(`connected to drachtio at ${host}:${port} (SIP ${hostport})`);
});
srf.on('error', (err: Error) => {
  // srf reconnects by itself; log once per failure so a missing edge is obvious.
  if (connected) log.error(`drachtio connection lost: ${err.message}`);
  connected = false;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- srf's typings lack register()
(srf as any).register((req: any, res: any) => void registrar.handle(req, res));
const calls = startCallHandling(srf, { prisma, recorder, directory, dataDir: config.dataDir, trunk: config.trunk, homeCountryCode: config.trunk?.countryCode ?? '33', trustedPeers: config.trustedPeers, logger: log, phoneAuth: registrar });
const placeCallback = createCallbackPlacer(calls.services);
// Live pickup: LISTEN relais_flow_published, warm each newly published version (calls/flow-publish-listener.ts).
const flowListener = startFlowPublishListener({ connection: poolConfigFromUrl(databaseUrl()), flows: calls.services.flows, logger: log });
// LISTEN relais_agent_changed (sent by app/lib/agents): the directory re-reads that agent.
const agentListener = startAgentChangeListener({ connection: poolConfigFromUrl(databaseUrl()), directory, logger: log });
// LISTEN relais_call_command (sent by the admin's POST /api/calls/:id/commands): commands for the calls held here.
// Also agents' outgoing calls from the console (`originate`, claimed by any runtime: calls/originate/).
const commandChannel = startCommandChannel({ connection: poolConfigFromUrl(databaseUrl()), prisma, active: calls.active, logger: log, originate: originateHandler(calls.services) });
// Webhook deliveries (rows written by the recorder's outbox): sent from here, signed, retried (webhooks/).
const webhooks = new WebhookDispatcher({ prisma, connection: poolConfigFromUrl(databaseUrl()), backoff: backoffFromEnv(process.env), logger: log });
directory.on('outage', ({ what, err }) => log.warn({ what, err: (err as Error)?.message ?? String(err) }, 'database unreachable: agents\' presence answered from memory'));
directory.on('recovered', ({ staleAnswers, ms }) => log.info({ staleAnswers, ms }, 'agent directory: database reachable again'));

recorder.start();
registrar.start();
scheduler.start();
webhooks.start();
srf.connect({ host, port, secret });
log.info(`started, connecting to drachtio at ${host}:${port}; SIP realm ${config.registrar.realm}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('stopping');
  // no new work: no more REGISTER/INVITE, no new callback attempts; then drain and flush
  // calls in progress finish first (their BYEs need the drachtio connection)
  await flowListener.close();
  await agentListener.close();
  await commandChannel.close();
  await calls.drain(30_000);
  srf.disconnect();
  await calls.close();
  registrar.stop();
  await scheduler.stop();
  await webhooks.stop();
  await recorder.close(10_000);
  // Bounded: a pool client stuck on a dead database connection must not keep the process alive.
  await withTimeout(prisma.$disconnect(), 5000, 'database disconnect').catch((err) => log.warn({ err }, 'database pool did not close in time'));
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
