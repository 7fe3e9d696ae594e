// Harness of the live-call tests: a fresh PostgreSQL database per file (relais_calls_<random>),
// the embedded sip-edge on random ports, one drachtio-srf app running the registrar and the
// call entry (flow-runtime/calls) with its own RTP media server, and helpers that publish flows,
// register SIPp agents with digest auth and build SIPp scenarios.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { computeHa1 } from '@/app/lib/agents/sip-digest';
import { createPrismaClient, type PrismaClient } from '@/prisma/client';
import { createRegistrar } from '@/flow-runtime/registrar/registrar';
import { CallRecorder } from '@/flow-runtime/records/call-recorder';
import { createMediaServer, mediaThreadFromEnv, type ProcessMediaServer } from '@/flow-runtime/media';
import { startCallHandling, type CallHandling } from '@/flow-runtime/calls';
import { withTimeout } from '@/flow-runtime/calls/last-known-good';
import type { TrunkConfig } from '@/flow-runtime/trunk/trunk-config';
import type { RunningSipEdge } from '@/sip-edge/index';
import { connectApp, disconnectApp, runSipp, sippOk, startEdge, type SrfApp } from '../sip-edge/helpers';
import { scenario } from '../sip-edge/scenarios';

const root = path.resolve(import.meta.dirname, '../..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REALM = 'relais.test';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface Runtime {
  prisma: PrismaClient;
  edge: RunningSipEdge;
  srf: SrfApp;
  media: ProcessMediaServer;
  recorder: CallRecorder;
  calls: CallHandling;
  organizationId: string;
  /** The test database itself (not through `runtimeDatabaseUrl`'s proxy). */
  databaseUrl: string;
  /** The test database's name (give it to another startRuntime to restart on the same data). */
  databaseName: string;
  stop(): Promise<void>;
}

/** Fresh database, edge, registrar and call handling. */
export async function startRuntime(opts: {
  trunk?: TrunkConfig | null;
  /** SIP_TRUSTED_PEERS as flow-runtime/config.ts parses it. */
  trustedPeers?: string[];
  portMin?: number;
  /** The URL the runtime's Prisma client uses, from the test database's (e.g. through a TCP proxy). */
  runtimeDatabaseUrl?: (directUrl: string) => string | Promise<string>;
  /** Prompt cache of the media server (default: one shared by the calls tests, TTS kept between runs). */
  mediaCacheDir?: string;
  /** The runtime's logger (default: silent, or the console with CALLS_TEST_LOG=1). */
  logger?: typeof consoleLogger;
  /** A runtime restart: this existing database (no CREATE, no migration) instead of a fresh one. */
  databaseName?: string;
  /** stop() leaves the database (another startRuntime takes it over with `databaseName`). */
  keepDatabase?: boolean;
  /** Registrar settings (e.g. a short `minExpires` to see a registration expire). */
  registrar?: { minExpires?: number };
} = {}): Promise<Runtime> {
  const name = opts.databaseName ?? `relais_calls_${randomBytes(5).toString('hex')}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  if (!opts.databaseName) {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  const prisma = createPrismaClient(opts.runtimeDatabaseUrl ? await opts.runtimeDatabaseUrl(url) : url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-calls-'));
  const portMin = opts.portMin ?? 35000 + 2 * Math.floor(Math.random() * 2000);
  const media = createMediaServer({ thread: mediaThreadFromEnv(process.env), host: '127.0.0.1', portMin, portMax: portMin + 998, cacheDir: opts.mediaCacheDir ?? path.join(os.tmpdir(), 'relais-calls-media-cache'), recordingsDir: path.join(dataDir, 'recordings') });
  const recorder = new CallRecorder(prisma, { dir: path.join(dataDir, 'outbox') });
  recorder.start();
  // bindings changes reach the calls' AgentDirectory in-process, as in flow-runtime/main.ts
  const registrar = createRegistrar({ prisma, realm: REALM, nonceSecret: 'calls-test', ...opts.registrar, onBindingsChanged: (agentId) => void calls?.services.directory.refresh(agentId) });
  const edge = await startEdge();
  let calls!: CallHandling;
  const srf = await connectApp(edge, (app) => {
    app.register((req: never, res: never) => void registrar.handle(req, res));
    calls = startCallHandling(app, { prisma, recorder, media, dataDir, trunk: opts.trunk ?? null, trustedPeers: opts.trustedPeers, phoneAuth: registrar, logger: opts.logger ?? (process.env.CALLS_TEST_LOG ? consoleLogger : undefined) });
  });
  const slug = `org-${randomBytes(4).toString('hex')}`;
  const org = await prisma.organization.create({ data: { name: slug, slug, timezone: 'Europe/Paris', defaultLanguage: 'fr' } });
  return {
    prisma, edge, srf, media, recorder, calls, organizationId: org.id, databaseUrl: url, databaseName: name,
    async stop() {
      disconnectApp(srf);
      await edge.stop().catch(() => undefined);
      await recorder.close(5000).catch(() => undefined);
      await media.close().catch(() => undefined);
      // Bounded like the runtime's own shutdown (flow-runtime/main.ts): after a test cut the database
      // (tests/support/tcp-proxy.ts), a pool client can stay checked out on a dead connection.
      await withTimeout(prisma.$disconnect(), 5000, 'database disconnect').catch(() => undefined);
      if (!opts.keepDatabase) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => undefined);
    },
  };
}

const consoleLogger = {
  info: (o: unknown, m?: string) => console.log('info', m, o),
  warn: (o: unknown, m?: string) => console.log('warn', m, o),
  error: (o: unknown, m?: string) => console.log('error', m, o),
  debug: () => undefined,
};

export async function createAgent(rt: Runtime, username: string, password = `pw-${username}`) {
  return rt.prisma.agent.create({
    data: { organizationId: rt.organizationId, name: username, sipUsername: username, sipRealm: REALM, sipHa1: computeHa1(username, REALM, password), status: 'available' },
  });
}

/** A flow document with a TTS menu etc.: `nodes` and `edges` given in short form. */
export function flowDocument(entry: string, nodes: Array<{ id: string; type: string; config: Record<string, unknown> }>, edges: Array<[string, string, string]>) {
  return {
    schemaVersion: 1, name: 'test flow', language: 'fr', entry,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 }, label: n.id })),
    edges: edges.map(([source, sourceOutput, target], i) => ({ id: `e${i}`, source, sourceOutput, target })),
  };
}

/** Publishes `document` as the next version of a flow on `e164` (creates both when needed). */
export async function publishFlow(rt: Runtime, e164: string, document: object): Promise<{ flowId: string; versionId: string }> {
  const number = await rt.prisma.phoneNumber.findUnique({ where: { e164 } });
  const flowId = number?.flowId ?? (await rt.prisma.flow.create({ data: { organizationId: rt.organizationId, name: `flow ${e164}` } })).id;
  const last = await rt.prisma.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' } });
  const version = await rt.prisma.flowVersion.create({
    data: { organizationId: rt.organizationId, flowId, status: 'published', number: (last?.number ?? 0) + 1, document, publishedAt: new Date() },
  });
  if (!number) await rt.prisma.phoneNumber.create({ data: { organizationId: rt.organizationId, e164, flowId } });
  return { flowId, versionId: version.id };
}

export const tts = (fr: string) => ({ kind: 'tts', text: { fr, en: fr } });

/** REGISTER through the edge: 401, then digest credentials, then 200 (the registrar stores the binding). */
export async function registerAgent(rt: Runtime, username: string, port: number, password = `pw-${username}`, phone: { expires?: number; userAgent?: string } = {}): Promise<void> {
  const reg = (cseq: number, auth: boolean) => `<send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${username}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${username}@[remote_ip]>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: <sip:${username}@[local_ip]:[local_port]>
Expires: ${phone.expires ?? 300}
Max-Forwards: 70
${phone.userAgent ? `User-Agent: ${phone.userAgent}\n` : ''}${auth ? `[authentication username=${username} password=${password}]\n` : ''}Content-Length: 0

]]></send>`;
  const r = await runSipp(scenario(reg(1, false), '<recv response="401" auth="true"/>', reg(2, true), '<recv response="200"/>'),
    `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { port, timeoutS: 15 }).done;
  if (sippOk(r) !== 'ok') throw new Error(`REGISTER of ${username} failed: ${sippOk(r)}`);
}

/** Polls until `check` gives a truthy value. */
export async function eventually<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- SIPp scenarios ---------------------------------------------------------------------

export const CALLER_SDP = [
  'v=0', 'o=caller 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 0 8 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=sendrecv', '',
].join('\n');

export function callerInvite(number: string, sdp = CALLER_SDP): string {
  return `<send retrans="500"><![CDATA[
INVITE sip:${number}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${number}@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${sdp}
]]></send>`;
}

export const play = (file: string) => `<nop><action><exec play_pcap_audio="/usr/share/sip-tester/${file}"/></action></nop>`;

/** The agent's phone answering: 180, 200 with SDP (PCMU), then the BYE from either side. */
export const AGENT_SDP = [
  'v=0', 'o=agent 1 1 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\n');

// ---- early media, CANCEL (caller side) --------------------------------------------------

/** The caller receives 183 Session Progress with an SDP answer (SIPp fails the call without one). */
export const recvSessionProgress = [
  '<recv response="183"><action><ereg regexp="m=audio [0-9]+ RTP/AVP" search_in="body" check_it="true" assign_to="early_sdp"/></action></recv>',
  '<nop hide="true"><action><log message="early media: [$early_sdp]"/></action></nop>',
].join('\n');

/** The caller CANCELs its pending INVITE (Via of the last response: the INVITE's branch), gets 200 and 487, ACKs. */
export function callerCancels(number: string): string[] {
  const cancel = (method: 'CANCEL' | 'ACK', to: string) => `<send><![CDATA[
${method} sip:${number}@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
${to}
Call-ID: [call_id]
CSeq: 1 ${method}
Max-Forwards: 70
Content-Length: 0

]]></send>`;
  return [
    cancel('CANCEL', `To: <sip:${number}@[remote_ip]:[remote_port]>`),
    '<recv response="200"/>',
    '<recv response="487"/>',
    cancel('ACK', '[last_To:]'),
  ];
}
