// vitest globalSetup of the `api` project: runs scripts/test-app.ts once (fresh database,
// migrations, production admin server from the existing build) and provides its URLs to the
// tests (`inject('baseUrl')`, `inject('databaseUrl')`). Builds nothing: `next build` into
// NEXT_DIST_DIR (default `.next`) must have run.
// To reuse a server you started yourself: API_BASE_URL=… API_DATABASE_URL=… npx vitest --project api
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject) {
  if (process.env.API_BASE_URL && process.env.API_DATABASE_URL) {
    project.provide('baseUrl', process.env.API_BASE_URL);
    project.provide('databaseUrl', process.env.API_DATABASE_URL);
    return;
  }
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/test-app.ts'], {
    cwd: root,
    env: { ...process.env, TEST_APP_WATCH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const { baseUrl, databaseUrl } = await waitForReady(child);
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
    }
    // Release the pipes so nothing keeps vitest's process alive.
    child.stdin?.destroy();
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  };
}

function waitForReady(child: ChildProcess): Promise<{ baseUrl: string; databaseUrl: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`test-app did not become ready in 120 s:\n${stderr}`));
    }, 120_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (process.env.TEST_APP_LOG === '1') process.stderr.write(chunk);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^READY (\S+) (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        // Keep draining output so the child never blocks on a full pipe.
        child.stdout!.on('data', () => undefined);
        resolve({ baseUrl: match[1], databaseUrl: match[2] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test-app exited with code ${code} before it was ready:\n${stderr}`));
    });
  });
}
