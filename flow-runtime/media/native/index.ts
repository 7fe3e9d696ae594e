// The kernel receive filter of the RTP sockets (rtp-socket-filter.c), from TypeScript.
//
// `loadRtpSocketFilter()` gives the native module once built (scripts/build-native.mjs, run by
// npm install), or null: not built (no C compiler), another OS, or RELAIS_RTP_KERNEL_FILTER=0.
// Then the media server reads every packet, as it did before the filter existed.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type dgram from 'node:dgram';

export interface RtpSocketFilter {
  /** Keep only telephone-events and packets from another source than (address, port). `eventPayloadType` 128: none. */
  attachEventsOnly(fd: number, family: 4 | 6, eventPayloadType: number, ipv4: number, port: number): boolean;
  /** Remove the filter (every packet is queued again). */
  detach(fd: number): boolean;
  /** Packets the socket dropped: the filter's, and any dropped for a full receive buffer. */
  drops(fd: number): number;
}

/** Where scripts/build-native.mjs puts the module. */
const RTP_SOCKET_FILTER_PATH = path.join(import.meta.dirname, 'build', 'rtp-socket-filter.node');

let loaded: RtpSocketFilter | null | undefined;

export function loadRtpSocketFilter(env: NodeJS.ProcessEnv = process.env): RtpSocketFilter | null {
  if (env.RELAIS_RTP_KERNEL_FILTER === '0') return null;
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.platform !== 'linux' || !existsSync(RTP_SOCKET_FILTER_PATH)) return loaded;
  try {
    loaded = createRequire(import.meta.url)(RTP_SOCKET_FILTER_PATH) as RtpSocketFilter;
  } catch {
    loaded = null; // built for another Node.js, or broken: the media server reads every packet
  }
  return loaded;
}

/**
 * The file descriptor of a bound datagram socket, or null. Node keeps it on the socket's libuv
 * handle, in the state under its 'state symbol' (`socket._handle` reads the same, with a
 * deprecation warning, DEP0112).
 */
export function socketFd(socket: dgram.Socket): number | null {
  const key = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const state = key ? (socket as unknown as Record<symbol, { handle?: { fd?: unknown } } | undefined>)[key] : undefined;
  const fd = state?.handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

/** 'a.b.c.d' → the unsigned 32-bit number the filter compares, or null for anything else. */
export function ipv4ToU32(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    const b = Number(p);
    if (!/^\d{1,3}$/.test(p) || b > 255) return null;
    n = n * 256 + b;
  }
  return n;
}
