// The flow analytics rollup (FlowPathStat, app/lib/flow-analytics/README.md) fed by real calls:
// SIPp callers through the embedded sip-edge, the runtime's records outbox writing the path and,
// at the end, the call's counts. Two calls of one flow (menu → key 2 → closing message → hang-up
// step; and a caller who hangs up in the menu) land in the rollup with their nodes, the key
// pressed and where they ended, and the analytics read from it equal those read from the events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { RtpPeer } from '../media/support/rtp-peer';
import { callerInvite, eventually, flowDocument, play, publishFlow, startRuntime, tts, type Runtime } from './support';
import { callerHangsUpAfter, sdpAt } from './phone-support';
import { flowAnalytics } from '@/app/lib/flow-analytics/flow-analytics';
import { rollUpCalls } from '@/app/lib/flow-analytics/path-rollup';

const NUMBER = '+33199000160';

let rt: Runtime;
let peer: RtpPeer;
let flowId: string;
let versionId: string;

beforeAll(async () => {
  rt = await startRuntime();
  peer = await RtpPeer.create();
  ({ flowId, versionId } = await publishFlow(rt, NUMBER, flowDocument('menu', [
    { id: 'menu', type: 'menu', config: { prompt: tts('Pour nos horaires, tapez 2.'), keys: [{ key: '2' }], timeoutSeconds: 10, retries: 0 } },
    { id: 'hours', type: 'message', config: { prompt: tts('Nous sommes ouverts de 9 heures à 18 heures.') } },
    { id: 'goodbye', type: 'hangup', config: {} },
  ], [['menu', '2', 'hours'], ['menu', 'timeout', 'goodbye'], ['menu', 'invalid', 'goodbye'], ['hours', 'next', 'goodbye']])));
});

afterAll(async () => {
  await peer?.close();
  await rt?.stop();
});

const stats = () => rt.prisma.flowPathStat.findMany({
  where: { flowId, grain: 'hour' }, orderBy: [{ nodeId: 'asc' }, { output: 'asc' }],
  select: { flowVersionId: true, nodeId: true, output: true, calls: true, visits: true, endedHere: true, hungUpHere: true },
});

describe('a SIPp call’s path lands in the flow analytics rollup', () => {
  it('key 2 → message → hang-up step, and a caller hanging up in the menu', async () => {
    // whole UTC hours around now: the analytics read these hours from the rollup
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const period = { from: new Date(hour - 3_600_000), to: new Date(hour + 7_200_000), versionId: null };
    const pressed = runSipp(scenario(
      callerInvite(NUMBER),
      '<recv response="100" optional="true"/>',
      '<recv response="180" optional="true"/>',
      '<recv response="200" rrs="true"/>',
      ack,
      '<pause milliseconds="1500"/>',
      play('dtmf_2833_2.pcap'),
      '<recv request="BYE" timeout="30000"/>',
      reply('200 OK'),
    ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });
    expect(sippOk(await pressed.done)).toBe('ok');
    const hungUp = callerHangsUpAfter(rt, NUMBER, sdpAt(peer.port), 1500);
    expect(sippOk(await hungUp.done)).toBe('ok');

    // both calls ended and rolled up (the op follows the end on the call's key in the outbox)
    const calls = await eventually(async () => {
      await rt.recorder.flush(5000);
      const rows = await rt.prisma.call.findMany({ where: { flowId, pathRolledUpAt: { not: null } }, select: { id: true, outcome: true, endNodeId: true } });
      return rows.length === 2 ? rows : null;
    }, 'two calls rolled up', 30_000);
    expect(calls.map((c) => [c.outcome, c.endNodeId]).sort()).toEqual([['abandoned', 'menu'], [null, 'goodbye']].sort());

    const rows = await stats();
    const row = (nodeId: string, output = '') => rows.find((r) => r.nodeId === nodeId && r.output === output);
    expect(rows.every((r) => r.flowVersionId === versionId)).toBe(true);
    expect(rows.filter((r) => r.nodeId === '').reduce((n, r) => n + r.calls, 0)).toBe(2);
    expect(row('menu')).toMatchObject({ calls: 2, visits: 2, endedHere: 1, hungUpHere: 1 });
    expect(row('menu', '2')).toMatchObject({ calls: 1, visits: 1 });
    expect(row('hours')).toMatchObject({ calls: 1, visits: 1, endedHere: 0 });
    expect(row('hours', 'next')).toMatchObject({ calls: 1, visits: 1 });
    expect(row('goodbye')).toMatchObject({ calls: 1, visits: 1, endedHere: 1, hungUpHere: 0 });

    // what the canvas shows, from the rollup, equals what the events say (marks removed: everything read raw)
    const fromRollup = await flowAnalytics(rt.prisma, rt.organizationId, flowId, period);
    expect(fromRollup).toMatchObject({ calls: 2, inProgress: 0 });
    expect(fromRollup.outputs).toContainEqual({ nodeId: 'menu', output: '2', taken: 1, calls: 1 });
    await rt.prisma.$transaction([
      rt.prisma.flowPathStat.deleteMany({ where: { flowId } }),
      rt.prisma.call.updateMany({ where: { flowId }, data: { pathRolledUpAt: null } }),
    ]);
    expect(await flowAnalytics(rt.prisma, rt.organizationId, flowId, period)).toEqual(fromRollup);
    expect(await rollUpCalls(rt.prisma, calls.map((c) => c.id))).toBe(2);
    expect(await stats()).toEqual(rows);
    expect(await rt.prisma.flowPathStat.count({ where: { flowId, grain: 'day' } })).toBeGreaterThanOrEqual(rows.length);
  }, 120_000);
});
