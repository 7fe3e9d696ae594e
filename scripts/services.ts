// Child processes of the launcher: each Relais process runs as its own Node process with
// its output prefixed, and the launcher waits for a readiness line before going on.
//
// A service that dies after it was ready (a crash, an OOM kill, `kill -9`) is started again
// after a delay that doubles on each consecutive failure (0.5 s, 1 s, 2 s … capped at 30 s)
// and goes back to 0.5 s once the service has stayed up for a minute; every exit and restart
// is logged. The other services keep running: one process dying must not end the product.
import { spawn, type ChildProcess } from 'node:child_process';
import { formatLogLine } from './log-line';

export interface Service {
  name: string;
  /** The current process (a new one after each restart). */
  readonly child: ChildProcess;
  /** How many times the service was restarted. */
  readonly restarts: number;
  /** Stops the service for good (no restart): SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  readyPattern: RegExp;
  timeoutMs?: number;
  /** Restart policy (defaults suit production; tests may shorten them). */
  backoff?: Partial<BackoffOptions>;
  /** Where the launcher's own lines about the service go. */
  log?: (line: string) => void;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Uptime after which the next failure starts again from initialMs. */
  resetAfterMs: number;
}

/** Every service started (ready or still starting), in start order, until stopped. */
const services: Service[] = [];

/** Set by stopAllServices(): from then on no service is restarted, whichever exits first. */
let shuttingDown = false;

/**
 * Stops every service, the last started first (also those still starting). A terminal's
 * Ctrl+C also reaches the services themselves, so one may exit before its turn: that exit
 * is expected, not restarted.
 */
export async function stopAllServices(): Promise<void> {
  shuttingDown = true;
  try {
    for (const service of [...services].reverse()) await service.stop();
  } finally {
    shuttingDown = false;
  }
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 };
const STOP_GRACE_MS = 10_000;
const MAX_LINE_CHARS = 64 * 1024;

/** The delay before the next restart, from the consecutive failures and the last uptime. */
export class Backoff {
  private failures = 0;
  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Call on each unexpected exit with how long the process had been up; returns the delay. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.options.resetAfterMs) this.failures = 0;
    const delay = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    return delay;
  }
}

/** Starts the service and resolves once its first process is ready; a first start that fails rejects. */
export function startService(options: ServiceOptions): Promise<Service> {
  const log = options.log ?? ((line: string) => console.error(line));
  const backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff });
  const timeoutMs = options.timeoutMs ?? 120_000;
  let current: ChildProcess;
  let restarts = 0;
  let stopped = false;
  let restartTimer: NodeJS.Timeout | undefined;
  // Settles once the first process is ready (or failed to become ready).
  let firstStart: { resolve: (s: Service) => void; reject: (e: Error) => void } | undefined;

  const service: Service = {
    name: options.name,
    get child() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    stop() {
      stopped = true;
      clearTimeout(restartTimer);
      const index = services.indexOf(service);
      if (index >= 0) services.splice(index, 1);
      return stopChild(current);
    },
  };
  services.push(service);

  const launch = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...options.args], {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = child;
    const spawnedAt = performance.now();
    let readyAt: number | undefined;
    let timedOut = false;
    const prefix = `[${options.name}] `;
    const timer = setTimeout(() => {
      timedOut = true;
      log(`relais: ${options.name} did not become ready within ${timeoutMs / 1000} s; stopping it`);
      child.kill('SIGKILL');
    }, timeoutMs);

    const onLine = (line: string) => {
      if (!line) return;
      process.stdout.write(prefix + formatLogLine(line) + '\n');
      if (readyAt === undefined && options.readyPattern.test(line)) {
        readyAt = performance.now();
        clearTimeout(timer);
        if (firstStart) {
          firstStart.resolve(service);
          firstStart = undefined;
        } else {
          log(`relais: ${options.name} is running again (ready ${((readyAt - spawnedAt) / 1000).toFixed(1)} s after its restart)`);
        }
      }
    };
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      // An endless line (no newline) is cut, so each chunk does not re-split an ever-growing buffer.
      buffered = (lines.pop() ?? '').slice(-MAX_LINE_CHARS);
      lines.forEach(onLine);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => log(`relais: ${options.name}: ${err.message}`));
    // 'exit' carries both: a process killed by a signal has code null and the signal's name.
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (buffered) onLine(buffered);
      const how = timedOut ? `not ready within ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : `exit code ${code}`;
      if (firstStart) {
        firstStart.reject(new Error(`${options.name} exited (${how}) before it was ready`));
        firstStart = undefined;
        return;
      }
      if (stopped || shuttingDown) return;
      const uptime = readyAt === undefined ? 0 : performance.now() - readyAt;
      const delay = backoff.next(uptime);
      restarts++;
      log(`relais: ${options.name} stopped unexpectedly (${how}${readyAt === undefined ? ', before it was ready' : ''}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`);
      restartTimer = setTimeout(() => {
        if (!stopped && !shuttingDown) launch();
      }, delay);
    });
  };

  return new Promise<Service>((resolve, reject) => {
    firstStart = { resolve, reject };
    launch();
  });
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    // exitCode stays null for a process killed by a signal: check both.
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
