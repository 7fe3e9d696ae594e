// A media server for one test file: loopback, its own port slice, temporary cache and recordings.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRtpMediaServer, type RtpMediaServer } from '@/flow-runtime/media';

export interface TestServer {
  server: RtpMediaServer;
  dir: string;
  close(): Promise<void>;
}

export function startTestServer(): TestServer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-'));
  const server = createRtpMediaServer({
    host: '127.0.0.1',
    portMin: 30000,
    portMax: 34999,
    cacheDir: path.join(dir, 'cache'),
    recordingsDir: path.join(dir, 'recordings'),
  });
  return {
    server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
