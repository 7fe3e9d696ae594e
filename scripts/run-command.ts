// Runs a command as a child process without blocking the event loop (the launcher also
// serves the embedded database, so a synchronous exec would deadlock it).
// Each command runs in its own process group, so stopRunningCommands() (the launcher's
// SIGINT/SIGTERM path) ends it with everything it started (npx → next build → workers).
import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

export function runCommand(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (err) => {
      running.delete(child);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}:\n${output.slice(-4000)}`));
    });
  });
}

/** Ends every command still running (its whole process group). */
export function stopRunningCommands(): void {
  for (const child of running) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
