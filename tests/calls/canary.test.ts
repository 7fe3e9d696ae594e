// Canary publish over SIP (issue 17): with a 20 % canary, 500 calls from 500 distinct callers
// (SIPp, 127.0.0.1) split 20 % ± 4 % between the canary and the live version; each call's record
// names the version it ran (flowVersionId, canary); a caller calling again the same day gets the
// same version; promote and stop take effect on the next call. The canary is started, promoted and
// stopped by the admin's own functions (app/lib/canary, NOTIFY included) on the runtime's database,
// and the runtime hears them through its publish listener.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@/prisma/database-url';
import type { PrismaClient } from '@/prisma/client';
import { FlowPublishListener, type FlowPickup } from '@/flow-runtime/calls';
import { canaryBucket, localDay } from '@/flow-runtime/calls/canary';
import { startCanary } from '@/app/lib/canary/start-canary';
import { promoteCanary } from '@/app/lib/canary/promote-canary';
import { stopCanary } from '@/app/lib/canary/stop-canary';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { scenario } from '../sip-edge/scenarios';
import { eventually, flowDocument, startRuntime, type Runtime } from './support';

const NUMBER = '+33199000170';
let rt: Runtime;
let listener: FlowPublishListener;
let flowId: string;
let user: { id: string; organizationId: string; locale: string };
const pickups: FlowPickup[] = [];
const versionIds: Record<number, string> = {};

// Each version hangs up at once (480 before any answer): the call is recorded with its version
// and its path, without media, so 500 calls stay quick on a loaded machine.
const version = (n: number) => flowDocument(`v${n}-end`, [{ id: `v${n}-end`, type: 'hangup', config: {} }], []);

/** The caller (From = the injection file's number): INVITE, 480, ACK. */
const CALLER = scenario(
  `<send retrans="500"><![CDATA[
INVITE sip:${NUMBER}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${NUMBER}@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=caller 1 1 IN IP4 [local_ip]
s=-
c=IN IP4 [local_ip]
t=0 0
m=audio [auto_media_port] RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=sendrecv

]]></send>`,
  '<recv response="100" optional="true"/>',
  '<recv response="480" timeout="30000"/>',
  `<send><![CDATA[
ACK sip:${NUMBER}@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
From: <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`,
);

/** The caller held by a version that waits (menu): answered, stays until the runtime hangs up. */
const HELD_CALLER = CALLER
  .replace('<recv response="480" timeout="30000"/>', '<recv response="180" optional="true"/>\n<recv response="200" rrs="true" timeout="30000"/>')
  .replace(/ACK sip:[^ ]+ SIP\/2.0\n\[last_Via:\]/, 'ACK [next_url] SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]')
  .replace('</scenario>', `<recv request="BYE" timeout="60000"/>
<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
</scenario>`);

const callerNumber = (i: number) => `+3364${String(100_000 + i).padStart(7, '0')}`;

/** One call per number, in order (at most `rate` new calls a second); resolves once SIPp is done. */
async function call(numbers: string[], rate = 20, xml = CALLER): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canary-callers-'));
  const file = path.join(dir, 'callers.csv');
  writeFileSync(file, ['SEQUENTIAL', ...numbers.map((n) => `${n};`)].join('\n') + '\n');
  const r = await runSipp(xml, `127.0.0.1:${rt.edge.sipPort}`, ['-inf', file, '-m', String(numbers.length), '-r', String(rate), '-l', '20'], { timeoutS: 300 }).done;
  // SIPp logs a late retransmission of the 480 (after our ACK) as a "dead call": not a failure
  const failures = r.errors.split(/(?=\d{4}-\d{2}-\d{2}\t\d{2}:)/).filter((e) => e.trim() && !e.includes('Dead call'));
  expect(sippOk(r), `${r.stdout.slice(-1500)}\n${failures.slice(0, 3).join('\n')}`).toBe('ok');
}

/** The ended Call rows of `numbers`' latest calls (after the outbox flushed), by caller. */
async function lastCalls(numbers: string[], prisma: PrismaClient, after: Date): Promise<Map<string, { flowVersionId: string | null; canary: boolean; events: { nodeId: string | null }[] }>> {
  await rt.recorder.flush(30_000);
  const rows = await eventually(async () => {
    const found = await prisma.call.findMany({
      where: { entryNumber: NUMBER, caller: { in: numbers }, startedAt: { gte: after }, endedAt: { not: null } },
      select: { caller: true, flowVersionId: true, canary: true, startedAt: true, events: { select: { nodeId: true } } },
      orderBy: { startedAt: 'asc' },
    });
    return new Set(found.map((c) => c.caller)).size === numbers.length ? found : null;
  }, `${numbers.length} call records`, 60_000);
  return new Map(rows.map((c) => [c.caller!, c]));
}

function pickup(number: number, timeoutMs = 10_000): Promise<FlowPickup> {
  const found = pickups.find((p) => p.flowId === flowId && p.number === number);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no pickup of version ${number}`)), timeoutMs);
    const on = (p: FlowPickup) => {
      if (p.flowId !== flowId || p.number !== number) return;
      clearTimeout(timer);
      listener.off('pickup', on);
      resolve(p);
    };
    listener.on('pickup', on);
  });
}

async function publish(document: object): Promise<void> {
  const v = await rt.prisma.flowVersion.create({ data: { organizationId: rt.organizationId, flowId, status: 'published', number: Object.keys(versionIds).length + 1, document, publishedAt: new Date() } });
  versionIds[v.number!] = v.id;
}

beforeAll(async () => {
  rt = await startRuntime();
  // the admin's functions (getPrisma) run on the runtime's database
  (globalThis as unknown as { relaisPrisma?: PrismaClient }).relaisPrisma = rt.prisma;
  listener = new FlowPublishListener({ connection: poolConfigFromUrl(rt.databaseUrl), flows: rt.calls.services.flows });
  listener.on('pickup', (p: FlowPickup) => pickups.push(p));
  const listening = new Promise<void>((resolve) => listener.once('listening', () => resolve()));
  await listener.start();
  await listening;
  flowId = (await rt.prisma.flow.create({ data: { organizationId: rt.organizationId, name: `canary ${randomBytes(3).toString('hex')}` } })).id;
  await rt.prisma.phoneNumber.create({ data: { organizationId: rt.organizationId, e164: NUMBER, flowId } });
  const u = await rt.prisma.user.create({ data: { id: `u-${randomBytes(4).toString('hex')}`, name: 'Superviseur', email: `canary-${randomBytes(4).toString('hex')}@test.local`, organizationId: rt.organizationId, role: 'supervisor', locale: 'fr' } });
  user = { id: u.id, organizationId: rt.organizationId, locale: 'fr' };
  await publish(version(1)); // the canary
  await publish(version(2)); // live
}, 120_000);

afterAll(async () => {
  (globalThis as unknown as { relaisPrisma?: PrismaClient }).relaisPrisma = undefined;
  await listener?.close();
  await rt?.stop();
});

describe('canary over SIP', () => {
  const callers = Array.from({ length: 500 }, (_, i) => callerNumber(i));
  const byCaller = new Map<string, boolean>();

  it('splits 500 calls from distinct callers 20 % ± 4 % between canary version 1 and live version 2; each record names its version', async () => {
    const started = await startCanary(user, flowId, { version: 1, percent: 20 });
    expect(started.canary.percent).toBe(20);
    await pickup(1); // the listener warmed the canary version

    const t0 = new Date();
    const before = performance.now();
    await call(callers);
    const seconds = (performance.now() - before) / 1000;
    const calls = await lastCalls(callers, rt.prisma, t0);
    expect(calls.size).toBe(500);
    let canary = 0;
    const day = localDay(new Date(), 'Europe/Paris');
    for (const caller of callers) {
      const c = calls.get(caller)!;
      expect([versionIds[1], versionIds[2]]).toContain(c.flowVersionId);
      expect(c.canary).toBe(c.flowVersionId === versionIds[1]);
      // the path ran the version the record names
      expect(c.events.map((e) => e.nodeId).filter(Boolean)).toContain(c.canary ? 'v1-end' : 'v2-end');
      // the runtime's choice is the documented hash (per flow, caller and local day)
      expect(c.canary).toBe(canaryBucket(flowId, `n:${caller}`, day) < 20);
      byCaller.set(caller, c.canary);
      if (c.canary) canary++;
    }
    console.log(`canary: ${canary} of 500 calls on the canary (${(canary / 5).toFixed(1)} %), ${500 - canary} live; ${seconds.toFixed(1)} s for 500 calls`);
    expect(canary).toBeGreaterThanOrEqual(80);
    expect(canary).toBeLessThanOrEqual(120);
  }, 400_000);

  it('gives a caller calling again the same day the same version', async () => {
    const again = [...callers.filter((c) => byCaller.get(c)).slice(0, 15), ...callers.filter((c) => !byCaller.get(c)).slice(0, 15)];
    const t0 = new Date();
    await call(again, 15);
    const calls = await lastCalls(again, rt.prisma, t0);
    for (const caller of again) {
      const c = calls.get(caller)!;
      expect(c.canary, caller).toBe(byCaller.get(caller));
      expect(c.flowVersionId).toBe(byCaller.get(caller) ? versionIds[1] : versionIds[2]);
    }
  }, 120_000);

  it('promote: the next call of a canary caller and of a live caller runs the new version 3; stop: the next call runs live again', async () => {
    const canaryCaller = callers.find((c) => byCaller.get(c))!;
    const liveCaller = callers.find((c) => !byCaller.get(c))!;
    const promoted = await promoteCanary(user, flowId, {});
    expect(promoted.number).toBe(3);
    versionIds[3] = promoted.id;
    await pickup(3);
    let t0 = new Date();
    await call([canaryCaller, liveCaller], 5);
    let calls = await lastCalls([canaryCaller, liveCaller], rt.prisma, t0);
    for (const c of calls.values()) {
      expect(c.flowVersionId).toBe(versionIds[3]);
      expect(c.canary).toBe(false);
    }

    // a canary of version 2 for 99 % of callers, then stopped
    const day = localDay(new Date(), 'Europe/Paris');
    const drawn = callers.find((c) => canaryBucket(flowId, `n:${c}`, day) < 99)!;
    await startCanary(user, flowId, { version: 2, percent: 99 });
    t0 = new Date();
    await call([drawn], 5);
    calls = await lastCalls([drawn], rt.prisma, t0);
    expect(calls.get(drawn)).toMatchObject({ flowVersionId: versionIds[2], canary: true });

    await stopCanary(user, flowId);
    t0 = new Date();
    await call([drawn], 5);
    calls = await lastCalls([drawn], rt.prisma, t0);
    expect(calls.get(drawn)).toMatchObject({ flowVersionId: versionIds[3], canary: false });
    const audit = await rt.prisma.auditLog.findMany({ where: { entityId: flowId }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(['flow.canary_start', 'flow.canary_promote', 'flow.canary_start', 'flow.canary_stop']);
  }, 180_000);

  it('a call in progress on the canary keeps its version when the canary stops; the next call runs live', async () => {
    // version 4 holds the caller in a menu (12 s, then hangs up); version 5 goes live
    await publish(flowDocument('v4-menu', [
      { id: 'v4-menu', type: 'menu', config: { prompt: { kind: 'tts', text: { fr: 'Version quatre.', en: 'Version four.' } }, keys: [{ key: '1' }], timeoutSeconds: 12, retries: 0 } },
      { id: 'v4-bye', type: 'hangup', config: {} },
    ], [['v4-menu', '1', 'v4-bye'], ['v4-menu', 'timeout', 'v4-bye'], ['v4-menu', 'invalid', 'v4-bye']]));
    await publish(version(5));
    const day = localDay(new Date(), 'Europe/Paris');
    const drawn = callers.filter((c) => canaryBucket(flowId, `n:${c}`, day) < 99)[1];
    await startCanary(user, flowId, { version: 4, percent: 99 });
    await pickup(4);
    const t0 = new Date();
    const held = call([drawn], 5, HELD_CALLER);
    await eventually(() => [...rt.calls.active.keys()][0], 'the canary call in progress');
    await stopCanary(user, flowId);
    const t1 = new Date();
    await call([drawn], 5); // the next call: live version 5, hung up at once
    expect((await lastCalls([drawn], rt.prisma, t1)).get(drawn)).toMatchObject({ flowVersionId: versionIds[5], canary: false });
    await held;
    await rt.recorder.flush(30_000);
    const first = await eventually(() => rt.prisma.call.findFirst({
      where: { caller: drawn, startedAt: { gte: t0, lt: t1 }, endedAt: { not: null } },
      select: { flowVersionId: true, canary: true, endedAt: true, events: { select: { nodeId: true } } },
    }), 'the held call ended');
    expect(first).toMatchObject({ flowVersionId: versionIds[4], canary: true });
    expect(first.events.map((e) => e.nodeId)).toContain('v4-menu');
    expect(first.endedAt!.getTime()).toBeGreaterThan(t1.getTime()); // it ended after the canary stopped
  }, 180_000);
});
