// The flow runtime as the calls bench runs it: its own process, wired as flow-runtime/main.ts
// wires it (drachtio-srf to the sip-edge process, call handling with the media server from
// MEDIA_THREAD / the environment, the records outbox, the agent directory and registrar, the
// command channel, the callback scheduler and webhook dispatcher), plus an IPC channel for the
// bench (bench/calls.bench.ts forks this file):
//   { op: 'stats' }            -> { at, active, pacing, clock, elu, cpu }   (media stats refreshed first;
//                                 with several media workers, the media server's merged figures)
//   { op: 'reset' }            -> {}   (a new pacing measurement window)
//   { op: 'profile-start' }    -> {}   (V8 CPU profiler on the main thread and every worker thread)
//   { op: 'profile-stop', file } -> { files: [...] }  (one .cpuprofile per thread: file, file-worker-N)
//   { op: 'drain', ms }        -> { drained }
// Environment: DATABASE_URL, DRACHTIO_PORT, RELAIS_DATA_DIR and the runtime's own settings
// (flow-runtime/config.ts). Logs go to stdout at RUNTIME_LOG_LEVEL (default info), as in production.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Srf from 'drachtio-srf';
import pino from 'pino';
import { createPrismaClient } from '../../prisma/client';
import { databaseUrl, poolConfigFromUrl } from '../../prisma/database-url';
import { loadConfig } from '../../flow-runtime/config';
import { createRegistrar } from '../../flow-runtime/registrar/registrar';
import { AgentDirectory } from '../../flow-runtime/agents/agent-directory';
import { CallRecorder } from '../../flow-runtime/records/call-recorder';
import { CallbackScheduler } from '../../flow-runtime/callbacks/callback-scheduler';
import { startCallHandling } from '../../flow-runtime/calls';
import { startCommandChannel } from '../../flow-runtime/calls/command-channel';
import { WebhookDispatcher } from '../../flow-runtime/webhooks/webhook-dispatcher';
import { backoffFromEnv } from '../../flow-runtime/webhooks/webhook-backoff';
import type { ProcessMediaServer } from '../../flow-runtime/media';
import { CpuProfiler } from './cpu-profiler';

const log = pino({ level: process.env.RUNTIME_LOG_LEVEL ?? 'info' }).child({ component: 'flow-runtime' });
const config = loadConfig();
const { host, port, secret } = config.drachtio;
const prisma = createPrismaClient();
const srf = new Srf();

const directory = new AgentDirectory(prisma);
const registrar = createRegistrar({ prisma, ...config.registrar, logger: log, onBindingsChanged: (agentId) => void directory.refresh(agentId) });
const recorder = new CallRecorder(prisma, { dir: path.join(config.dataDir, 'runtime-outbox'), logger: log });
const scheduler = new CallbackScheduler({
  prisma, pollIntervalMs: config.callbacks.pollSeconds * 1000, retryDelayMs: config.callbacks.retryDelaySeconds * 1000,
  batch: config.callbacks.batch, stuckMs: config.callbacks.stuckSeconds * 1000, logger: log,
  placeCallback: async () => { throw new Error('no callbacks in the bench'); },
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- srf's typings lack register()
(srf as any).register((req: any, res: any) => void registrar.handle(req, res));
const calls = startCallHandling(srf, { prisma, recorder, directory, dataDir: config.dataDir, trunk: config.trunk, homeCountryCode: '33', trustedPeers: config.trustedPeers, logger: log, phoneAuth: registrar });
const media = calls.services.media as ProcessMediaServer;
startCommandChannel({ connection: poolConfigFromUrl(databaseUrl()), prisma, active: calls.active, logger: log });
const webhooks = new WebhookDispatcher({ prisma, connection: poolConfigFromUrl(databaseUrl()), backoff: backoffFromEnv(process.env), logger: log });
recorder.start();
registrar.start();
scheduler.start();
webhooks.start();

srf.on('connect', (err: Error | undefined) => {
  if (err) return;
  log.info(`connected to drachtio at ${host}:${port}`);
  process.send!({ ready: true });
});
srf.on('error', () => undefined);
srf.connect({ host, port, secret });

const profiler = new CpuProfiler();

type Request = { id: number; op: 'stats' | 'reset' | 'profile-start' | 'profile-stop' | 'drain'; file?: string; ms?: number };
process.on('message', (m: Request) => {
  void handle(m).then(
    (result) => process.send!({ id: m.id, ...result }),
    (err: unknown) => process.send!({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});

async function handle(m: Request): Promise<Record<string, unknown>> {
  switch (m.op) {
    case 'stats': {
      await media.refreshStats?.();
      // `at`: when these were read here (IPC replies can be late when the process is starved of CPU)
      return { at: Date.now(), active: calls.active.size, pacing: media.pacingStats(), clock: media.clockStats(), elu: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
    }
    case 'reset':
      await media.resetPacingStats();
      return {};
    case 'profile-start':
      await profiler.start();
      return {};
    case 'profile-stop':
      return { files: await profiler.stop(m.file!) };
    case 'drain':
      return { drained: await calls.drain(m.ms ?? 5000) };
  }
}

process.on('disconnect', () => process.exit(0));
