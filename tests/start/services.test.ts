// The launcher's service supervision (scripts/services.ts) with real child processes, fast
// and without an admin build: a service that dies after it was ready is started again after
// the backoff delay, a SIGKILLed one too, stop() resolves for a process killed by a signal (it
// used to wait forever for an exit event already fired) and during a restart delay, and a
// first start that fails rejects. Backoff: 0.5 s doubling, capped, reset after a stable run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Backoff, startService, stopAllServices } from '@/scripts/services';
import { eventually } from '../calls/support';
import { isGone } from './support';

const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-services-'));
afterEach(() => stopAllServices());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A service script: prints "ready" after `readyAfterMs`, then exits with `exitCode` after `exitAfterMs` (never when undefined). */
function script(name: string, behaviour: { readyAfterMs?: number; exitAfterMs?: number; exitCode?: number }): string {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, [
    `setTimeout(() => console.log('ready'), ${behaviour.readyAfterMs ?? 0});`,
    behaviour.exitAfterMs === undefined ? 'setInterval(() => {}, 1000);' : `setTimeout(() => process.exit(${behaviour.exitCode ?? 1}), ${behaviour.exitAfterMs});`,
  ].join('\n'));
  return file;
}

function collect(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

describe('Backoff', () => {
  it('doubles from 0.5 s up to the cap while failures follow each other, and starts over after a stable run', () => {
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 });
    const delays = Array.from({ length: 9 }, () => backoff.next(1000));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoff.next(60_000)).toBe(500);
    expect(backoff.next(10)).toBe(1000);
  });
});

describe('startService', () => {
  it('restarts a service that exits after it was ready, logging why and when', async () => {
    const { lines, log } = collect();
    const service = await startService({ name: 'crashy', args: [script('crashy', { exitAfterMs: 300, exitCode: 3 })], env: process.env, readyPattern: /ready/, log, backoff: { initialMs: 100 } });
    const first = service.child.pid;
    await eventually(() => service.restarts >= 2 && lines.some((l) => /crashy is running again/.test(l)), 'two restarts', 20_000);
    expect(service.child.pid).not.toBe(first);
    expect(lines[0]).toMatch(/crashy stopped unexpectedly \(exit code 3\); restarting in 0\.1 s \(restart 1\)/);
    expect(lines.find((l) => /restart 2\)/.test(l))).toMatch(/restarting in 0\.2 s/);
  }, 30_000);

  it('restarts a SIGKILLed service, and stop() ends it for good', async () => {
    const { lines, log } = collect();
    const service = await startService({ name: 'steady', args: [script('steady', {})], env: process.env, readyPattern: /ready/, log, backoff: { initialMs: 100 } });
    const first = service.child.pid!;
    service.child.kill('SIGKILL');
    await eventually(() => lines.some((l) => /steady is running again/.test(l)), 'the restart', 20_000);
    expect(lines[0]).toMatch(/steady stopped unexpectedly \(killed by SIGKILL\); restarting in 0\.1 s/);
    const second = service.child.pid!;
    expect(second).not.toBe(first);
    await service.stop();
    expect(isGone(second)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(service.restarts).toBe(1);
  }, 30_000);

  it('stop() resolves for a process already killed by a signal and during the restart delay', async () => {
    const { log } = collect();
    const service = await startService({ name: 'victim', args: [script('victim', {})], env: process.env, readyPattern: /ready/, log, backoff: { initialMs: 60_000 } });
    const child = service.child;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone; // the exit event has fired: exitCode is null, signalCode is 'SIGKILL'
    const stopped = await Promise.race([service.stop().then(() => 'stopped'), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
    expect(stopped).toBe('stopped');
  }, 30_000);

  it('a first start that fails rejects with the reason (the launcher then stops)', async () => {
    await expect(startService({ name: 'broken', args: [script('broken', { readyAfterMs: 60_000, exitAfterMs: 100, exitCode: 2 })], env: process.env, readyPattern: /ready/, log: () => undefined }))
      .rejects.toThrow(/broken exited \(exit code 2\) before it was ready/);
  }, 30_000);
});
