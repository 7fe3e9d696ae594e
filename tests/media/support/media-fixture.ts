// One media server and one RTP peer per test file: started before its tests, closed after, so
// each test file reads its setup in one line.
import { afterAll, beforeAll } from 'vitest';
import type { RtpMediaServer } from '@/flow-runtime/media';
import { RtpPeer } from './rtp-peer';
import { startTestServer, type TestServer } from './server';

export interface MediaFixture {
  /** The media server under test (available once the file's tests run). */
  readonly server: RtpMediaServer;
  /** Its temporary directory (cache and recordings). */
  readonly dir: string;
  /** The far end: an RTP peer on loopback. */
  readonly peer: RtpPeer;
}

export function useMediaFixture(): MediaFixture {
  let testServer: TestServer | undefined;
  let peer: RtpPeer | undefined;
  beforeAll(async () => {
    testServer = startTestServer();
    peer = await RtpPeer.create();
  });
  afterAll(async () => {
    await peer?.close();
    await testServer?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the media fixture is used before beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(testServer).server;
    },
    get dir() {
      return started(testServer).dir;
    },
    get peer() {
      return started(peer);
    },
  };
}
