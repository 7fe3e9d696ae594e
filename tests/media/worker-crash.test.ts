// A media worker that dies must not leave callers in silence with their call still up: every
// endpoint closes (so the session hangs up), pending operations settle, the death is logged, and
// the next call gets a new worker.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkerMediaServer, type MediaEndpoint, type WorkerMediaServer } from '@/flow-runtime/media';
import { RtpPeer, waitFor } from './support/rtp-peer';

let dir: string;
let server: WorkerMediaServer;
let peer: RtpPeer;
const logged: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-worker-crash-'));
  server = createWorkerMediaServer({
    host: '127.0.0.1',
    portMin: 52000,
    portMax: 52998,
    cacheDir: path.join(dir, 'cache'),
    recordingsDir: path.join(dir, 'recordings'),
    log: (m) => logged.push(m),
  });
  peer = await RtpPeer.create();
});
afterAll(async () => {
  await peer?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a crashed worker closes its endpoints and settles their operations; the next endpoint works', async () => {
  const a = await server.createEndpoint({ remoteSdp: peer.offer() });
  const b = await server.createEndpoint({ remoteSdp: peer.offer() });
  const closedEvents: string[] = [];
  a.on('closed', () => closedEvents.push('a'));
  b.on('closed', () => closedEvents.push('b'));
  const playing = a.play({ kind: 'tone', tone: 'hold' }, { loop: true });
  const recording = b.record({ path: path.join(dir, 'lost.wav'), maxDurationMs: 60_000 });
  await waitFor(() => a.playing && b.recording && peer.audible().length > 3, 5000, 'playing and recording');

  await server.simulateCrash();

  expect(await playing).toEqual({ reason: 'closed', playedMs: 0 });
  await expect(recording).rejects.toMatchObject({ code: 'media.record_failed' });
  await waitFor(() => closedEvents.length === 2, 5000, "both endpoints' closed events");
  expect(closedEvents.sort()).toEqual(['a', 'b']);
  expect([a.closed, a.playing, b.recording]).toEqual([true, false, false]);
  await expect(a.play({ kind: 'tone', tone: 'beep' })).rejects.toMatchObject({ code: 'media.closed' });
  await a.close(); // still idempotent
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatch(/media worker died .*2 endpoint\(s\) closed/);

  // The next call gets a new worker, and its audio flows.
  peer.clear();
  const c: MediaEndpoint = await server.createEndpoint({ remoteSdp: peer.offer() });
  expect(server.workerRestarts).toBe(1);
  expect(await c.play({ kind: 'tone', tone: 'beep' })).toEqual({ reason: 'finished', playedMs: 200 });
  await waitFor(() => peer.audible().length >= 10, 5000, 'beep from the new worker');
  await c.close();
  expect(c.closed).toBe(true);
});
