// Child processes of the launcher: each Relais process runs as its own Node process with
// its output prefixed, and the launcher waits for a readiness line before going on.
import { spawn, type ChildProcess } from 'node:child_process';
import { formatLogLine } from './log-line';

export interface Service {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startService(options: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  readyPattern: RegExp;
  timeoutMs?: number;
  onExit?: (code: number | null) => void;
}): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...options.args], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${options.name}] `;
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${options.name} did not become ready within ${(options.timeoutMs ?? 120_000) / 1000} s`));
    }, options.timeoutMs ?? 120_000);
    const onLine = (line: string) => {
      if (!line) return;
      process.stdout.write(prefix + formatLogLine(line) + '\n');
      if (!ready && options.readyPattern.test(line)) {
        ready = true;
        clearTimeout(timer);
        resolve({
          name: options.name,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    };
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${options.name} exited with code ${code} before it was ready`));
      else options.onExit?.(code);
    });
  });
}
