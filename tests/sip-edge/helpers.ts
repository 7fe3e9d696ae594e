// Test harness: an edge on random ports, drachtio-srf apps connected to it, and SIPp runs with
// scenario XML written to a temp folder. Everything binds to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Srf from 'drachtio-srf';
import { startSipEdge, type RunningSipEdge, type SipEdgeOptions } from '@/sip-edge/index';

/** drachtio-srf's bundled typings lack per-method helpers (srf.options, srf.register…), so tests use it untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SrfApp = any;

export async function startEdge(opts: SipEdgeOptions = {}): Promise<RunningSipEdge> {
  return startSipEdge({ sipPort: 0, drachtioPort: 0, logger: process.env.SIP_EDGE_TEST_LOG ?? 'silent', ...opts });
}

/** Connects a drachtio-srf app and resolves once it is authenticated and its routes are sent. */
export async function connectApp(edge: RunningSipEdge, setup: (srf: SrfApp) => void = () => undefined,
  secret = 'cymru'): Promise<SrfApp> {
  const srf: SrfApp = new Srf();
  setup(srf);
  await new Promise<void>((resolve, reject) => {
    srf.connect({ host: '127.0.0.1', port: edge.drachtioPort, secret });
    srf.on('connect', (err: Error | null) => (err ? reject(err) : resolve()));
    srf.on('error', () => undefined);
  });
  // route frames are written right after authentication; a ping round trip proves they were handled
  await waitFor(() => edge.edge.apps.all().every((a) => a.authenticated), 'app authenticated');
  await new Promise((r) => setTimeout(r, 20));
  return srf;
}

export function disconnectApp(srf: SrfApp): void {
  try {
    srf.disconnect();
  } catch {
    // already gone
  }
}

export async function freeUdpPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.bind(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    // SIPp in TCP mode listens on the same port number
    const tcpFree = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (tcpFree) return port;
  }
}

/** Polls a condition (no tuned sleeps): resolves when true, rejects after `timeoutMs`. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the first emission of `event` (generous timeout). */
export function once<T = unknown>(emitter: { once(e: string, f: (...a: unknown[]) => void): unknown }, event: string,
  timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for "${event}"`)), timeoutMs);
    emitter.once(event, (...args: unknown[]) => {
      clearTimeout(t);
      resolve(args[0] as T);
    });
  });
}

export interface SippResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Contents of the -trace_msg file: every message SIPp sent and received. */
  messages: string;
  errors: string;
}

export interface SippRun {
  done: Promise<SippResult>;
  port: number;
  kill(): void;
}

const SDP = [
  'v=0', 'o=user1 53655765 2353687637 IN IP4 [local_ip]', 's=-', 'c=IN IP4 [local_ip]', 't=0 0',
  'm=audio [auto_media_port] RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', '',
].join('\n');
export const SIPP_SDP = SDP;

/**
 * Runs SIPp with a scenario (XML text) against the edge. `args` are extra SIPp flags, e.g.
 * ['-m', '1']. SIPp exits 0 only when every <recv> in the scenario matched.
 */
export function runSipp(scenarioXml: string, remote: string | null, args: string[] = [], opts: { port?: number; timeoutS?: number } = {}): SippRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sipp-'));
  const file = path.join(dir, 'scenario.xml');
  writeFileSync(file, scenarioXml);
  const trace = path.join(dir, 'messages.log');
  const errorsFile = path.join(dir, 'errors.log');
  let port = opts.port ?? 0;
  const portReady = port ? Promise.resolve(port) : freeUdpPort().then((p) => (port = p));
  let child: ReturnType<typeof spawn> | undefined;
  const done = portReady.then(() => new Promise<SippResult>((resolve) => {
    const all = [
      '-sf', file, '-i', '127.0.0.1', '-p', String(port), '-trace_msg', '-message_file', trace,
      '-trace_err', '-error_file', errorsFile, '-timeout', `${opts.timeoutS ?? 40}s`, '-timeout_error',
      '-nostdin', '-bg', ...args,
    ].filter((a) => a !== '-bg');
    if (remote) all.push(remote);
    child = spawn('sipp', all, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({
      code, stdout, stderr,
      messages: existsSync(trace) ? readFileSync(trace, 'utf8') : '',
      errors: existsSync(errorsFile) ? readFileSync(errorsFile, 'utf8') : '',
    }));
  }));
  return {
    done,
    get port() { return port; },
    kill: () => child?.kill('SIGKILL'),
  } as SippRun;
}

/** Port of a SIPp UAS once chosen (runSipp picks it asynchronously). */
export async function sippPort(run: SippRun): Promise<number> {
  await waitFor(() => run.port !== 0, 'sipp port');
  return run.port;
}

/** Waits until SIPp has bound its port (it takes a moment after spawn). */
export async function waitForUdpListener(port: number): Promise<void> {
  await waitFor(() => {
    try {
      const out = readFileSync('/proc/net/udp', 'utf8');
      return out.includes(`:${port.toString(16).toUpperCase().padStart(4, '0')} `);
    } catch {
      return true;
    }
  }, `sipp listening on ${port}`);
}

export async function waitForTcpListener(port: number): Promise<void> {
  await waitFor(() => {
    try {
      const out = readFileSync('/proc/net/tcp', 'utf8');
      return out.includes(`:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A`);
    } catch {
      return true;
    }
  }, `sipp listening on tcp ${port}`);
}

/** Asserts helper: SIPp's own verdict with its error log on failure. */
export function sippOk(r: SippResult): string {
  return r.code === 0 ? 'ok' : `sipp exit ${r.code}\n${r.errors.slice(-3000)}\n${r.stderr.slice(-2000)}`;
}
