// Live pickup (issue 7): a call in progress on version 1 stays on version 1 while version 2 is
// published; the runtime hears the publish (LISTEN relais_flow_published), warms version 2, and
// the next call runs it. Versions are inserted the way the app publishes them: the FlowVersion
// row and pg_notify in one transaction. The publish → pickup time (COMMIT sent →
// version loaded and cached by the listener) is measured and printed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { FLOW_PUBLISHED_CHANNEL, FlowPublishListener, type FlowPickup } from '@/flow-runtime/calls';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { callerInvite, eventually, flowDocument, startRuntime, tts, type Runtime } from './support';

const NUMBER = '+33199000070';
let rt: Runtime;
let listener: FlowPublishListener;
let flowId: string;

const V1 = flowDocument('v1-menu', [
  // Held here: the prompt, then up to 12 s waiting for a key that never comes.
  { id: 'v1-menu', type: 'menu', config: { prompt: tts('Version un. Pour le service commercial, tapez 1.'), keys: [{ key: '1' }], timeoutSeconds: 12, retries: 0 } },
  { id: 'v1-bye', type: 'hangup', config: {} },
], [['v1-menu', '1', 'v1-bye'], ['v1-menu', 'timeout', 'v1-bye'], ['v1-menu', 'invalid', 'v1-bye']]);
const V2 = flowDocument('v2-hello', [
  { id: 'v2-hello', type: 'message', config: { prompt: tts('Version deux.') } },
  { id: 'v2-bye', type: 'hangup', config: {} },
], [['v2-hello', 'next', 'v2-bye']]);
const V1_NODES = new Set(['v1-menu', 'v1-bye']);
const V2_NODES = new Set(['v2-hello', 'v2-bye']);

/** Version N+1 as the app publishes it: row + pg_notify in one transaction. Resolves after COMMIT; committedAt = when COMMIT was sent. */
async function publish(document: object): Promise<{ versionId: string; number: number; committedAt: number }> {
  const version = await rt.prisma.$transaction(async (tx) => {
    const last = await tx.flowVersion.aggregate({ where: { flowId, status: 'published' }, _max: { number: true } });
    const v = await tx.flowVersion.create({
      data: { organizationId: rt.organizationId, flowId, status: 'published', number: (last._max.number ?? 0) + 1, document, publishedAt: new Date() },
    });
    const payload = JSON.stringify({ organizationId: rt.organizationId, flowId, versionId: v.id, number: v.number });
    await tx.$executeRaw`SELECT pg_notify(${FLOW_PUBLISHED_CHANNEL}, ${payload})`;
    // Taken as COMMIT is sent: the notification can arrive before $transaction resolves.
    return { v, committedAt: performance.now() };
  });
  return { versionId: version.v.id, number: version.v.number ?? 0, committedAt: version.committedAt };
}

/** Resolves with the listener's pickup of `versionId` (registered before publishing: no race). */
function pickupOf(match: (p: FlowPickup) => boolean, timeoutMs = 10_000): Promise<{ pickup: FlowPickup; at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.off('pickup', on);
      reject(new Error(`no pickup within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (p: FlowPickup) => {
      if (!match(p)) return;
      clearTimeout(timer);
      listener.off('pickup', on);
      resolve({ pickup: p, at: performance.now() });
    };
    listener.on('pickup', on);
  });
}

/** The caller: answered, stays until the runtime hangs up (BYE). */
const untilRuntimeHangsUp = () => scenario(
  callerInvite(NUMBER),
  '<recv response="100" optional="true"/>',
  '<recv response="180" optional="true"/>',
  '<recv response="200" rrs="true"/>',
  ack,
  '<recv request="BYE" timeout="40000"/>',
  reply('200 OK'),
);

beforeAll(async () => {
  rt = await startRuntime();
  // The runtime's own database (startRuntime creates a fresh one): same connection fields as the Prisma pool.
  const [{ db }] = await rt.prisma.$queryRaw<Array<{ db: string }>>`SELECT current_database() AS db`;
  const url = new URL(process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${db}`;
  listener = new FlowPublishListener({ connection: poolConfigFromUrl(url.toString()), flows: rt.calls.services.flows });
  const listening = new Promise<void>((resolve) => listener.once('listening', () => resolve()));
  await listener.start();
  await listening;
  flowId = (await rt.prisma.flow.create({ data: { organizationId: rt.organizationId, name: `live pickup ${randomBytes(3).toString('hex')}` } })).id;
  await rt.prisma.phoneNumber.create({ data: { organizationId: rt.organizationId, e164: NUMBER, flowId } });
}, 60_000);

afterAll(async () => {
  await listener?.close();
  await rt?.stop();
});

describe('live pickup of a published version', () => {
  it('keeps a call in progress on version 1 while version 2 is published; the next call runs version 2', async () => {
    const times: number[] = [];
    const pick1 = pickupOf((p) => p.flowId === flowId && p.number === 1);
    const v1 = await publish(V1);
    const p1 = await pick1;
    expect(p1.pickup.versionId).toBe(v1.versionId);
    expect(rt.calls.services.flows.isCached(v1.versionId)).toBe(true);
    times.push(p1.at - v1.committedAt);

    // Call 1 starts on version 1 and is held in its menu.
    const call1 = runSipp(untilRuntimeHangsUp(), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    const call1Id = await eventually(() => [...rt.calls.active.keys()][0], 'call 1 in progress');

    // Version 2 is published while call 1 is in progress.
    const pick2 = pickupOf((p) => p.flowId === flowId && p.number === 2);
    const v2 = await publish(V2);
    const p2 = await pick2;
    expect(p2.pickup.versionId).toBe(v2.versionId);
    expect(rt.calls.services.flows.isCached(v2.versionId)).toBe(true);
    times.push(p2.at - v2.committedAt);
    expect(rt.calls.active.has(call1Id)).toBe(true); // still in progress

    // Call 2 runs version 2 (and ends on its own: message → hangup).
    const r2 = await runSipp(untilRuntimeHangsUp(), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 40 }).done;
    expect(sippOk(r2)).toBe('ok');
    const r1 = await call1.done;
    expect(sippOk(r1)).toBe('ok');

    await rt.recorder.flush(10_000);
    const calls = await eventually(async () => {
      const rows = await rt.prisma.call.findMany({ where: { entryNumber: NUMBER, endedAt: { not: null } }, include: { events: { orderBy: { seq: 'asc' } } } });
      return rows.length === 2 ? rows : null;
    }, 'both call rows ended');
    const first = calls.find((c) => c.id === call1Id)!;
    const second = calls.find((c) => c.id !== call1Id)!;
    expect(first.flowVersionId).toBe(v1.versionId);
    expect(second.flowVersionId).toBe(v2.versionId);
    // The calls overlapped: call 2 started before call 1 ended.
    expect(second.startedAt.getTime()).toBeLessThan(first.endedAt!.getTime());
    const nodes = (c: typeof first) => c.events.map((e) => e.nodeId).filter((n): n is string => !!n);
    expect(nodes(first)).toContain('v1-menu');
    expect(nodes(first).every((n) => V1_NODES.has(n))).toBe(true);
    expect(nodes(second)).toContain('v2-hello');
    expect(nodes(second).every((n) => V2_NODES.has(n))).toBe(true);

    console.log(`live pickup: ${times.map((t) => Math.round(t)).join(' ms, ')} ms (version 1, version 2; commit → version loaded and cached; listener side ${p1.pickup.ms} ms, ${p2.pickup.ms} ms)`);
  }, 90_000);

  it('listens again after its connection is killed and picks up the next publish', async () => {
    const relistening = new Promise<void>((resolve) => listener.once('listening', () => resolve()));
    const killed = await rt.prisma.$queryRaw<Array<{ pid: number }>>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`;
    expect(killed.length).toBe(1);
    await rt.prisma.$queryRaw`SELECT pg_terminate_backend(${killed[0].pid}::int)::text`;
    await relistening;
    const pick3 = pickupOf((p) => p.flowId === flowId && p.number === 3);
    const v3 = await publish(V2);
    const p3 = await pick3;
    expect(p3.pickup.versionId).toBe(v3.versionId);
    console.log(`live pickup after reconnect: ${Math.round(p3.at - v3.committedAt)} ms`);
  }, 30_000);
});
