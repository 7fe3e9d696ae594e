// Playwright globalSetup: runs scripts/test-app.ts once (fresh database, migrations,
// production admin server from the existing build) and passes its URLs to the tests through
// E2E_BASE_URL and E2E_DATABASE_URL. The returned function stops it (dropping the database).
// When both variables are already set, the tests use that server instead.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

export default async function globalSetup() {
  if (process.env.E2E_BASE_URL && process.env.E2E_DATABASE_URL) return;
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/test-app.ts'], {
    cwd: root,
    // Own database name prefix, so no cleanup of API-test databases (relais_test_*) touches it.
    env: { TEST_DB_NAME: `relais_e2e_${Date.now().toString(36)}_${process.pid}`, ...process.env, TEST_APP_WATCH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ready = await new Promise<{ baseUrl: string; databaseUrl: string }>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`scripts/test-app.ts was not ready after 180 s:\n${stderr}`));
    }, 180_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (process.env.TEST_APP_LOG === '1') process.stderr.write(chunk);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^READY (\S+) (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1], databaseUrl: match[2] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/test-app.ts exited (${code}) before READY:\n${stderr}`));
    });
  });
  // Keep draining output so the server never blocks on a full pipe.
  child.stdout.removeAllListeners('data').on('data', () => undefined);
  child.stderr.removeAllListeners('data').on('data', (chunk: Buffer) => {
    if (process.env.TEST_APP_LOG === '1') process.stderr.write(chunk);
  });
  child.removeAllListeners('exit');
  process.env.E2E_BASE_URL = ready.baseUrl;
  process.env.E2E_DATABASE_URL = ready.databaseUrl;

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
}
