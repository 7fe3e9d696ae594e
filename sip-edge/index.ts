// Public API of the embedded SIP edge: start it in-process and get its ports back.
//
//   const edge = await startSipEdge({ sipPort: 5060, drachtioPort: 9022, secret: 'cymru' });
//   // srf.connect({ host: '127.0.0.1', port: edge.drachtioPort, secret: 'cymru' })
//   await edge.stop();

import pino, { type Logger } from 'pino';
import { SipEdge } from './edge';
import { SipEdgeError } from './errors';
import { DEFAULT_TIMERS, type SipTimers } from './timers';
import type { TcpLimits } from './transport-tcp';

function checkTcpLimits(limits: Partial<TcpLimits> | undefined): Partial<TcpLimits> | undefined {
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new SipEdgeError('CONFIG_ERROR', `tcpLimits.${name} must be a positive integer, got ${value}`);
    }
  }
  return limits;
}

export interface SipEdgeOptions {
  /** Address SIP listens on (UDP and TCP). Default 127.0.0.1. */
  sipHost?: string;
  /** SIP port for both UDP and TCP; 0 picks a free one. Default 5060. */
  sipPort?: number;
  /** Host written into Via and Contact when it differs from sipHost (e.g. behind NAT). */
  advertisedHost?: string;
  /** Enable the UDP / TCP transports. Both default to true. */
  udp?: boolean;
  tcp?: boolean;
  /** Address and port of the drachtio protocol listener for apps. Default 127.0.0.1:9022; 0 picks a free port. */
  drachtioHost?: string;
  drachtioPort?: number;
  /** Shared secret apps authenticate with. Default 'cymru' (drachtio-server's default). */
  secret?: string;
  /** RFC 3261 T1/T2/T4 in ms; shorten T1 in tests to make the ACK timeout (64*T1) quick. */
  timers?: Partial<SipTimers>;
  /** A pino logger, or a level for the built-in one ('silent' to mute). Default 'info'. */
  logger?: Logger | string;
  /**
   * SIP over TCP caps and deadlines: maxConnections (1000), maxConnectionsPerAddress (100),
   * headTimeoutMs (10 s), bodyTimeoutMs (10 s), idleTimeoutMs (10 min). See transport-tcp.ts.
   */
  tcpLimits?: Partial<TcpLimits>;
}

export interface RunningSipEdge {
  sipHost: string;
  sipPort: number;
  drachtioHost: string;
  drachtioPort: number;
  /** The running edge (stats(), dialogs) for tests and diagnostics. */
  edge: SipEdge;
  stop(): Promise<void>;
}

export async function startSipEdge(options: SipEdgeOptions = {}): Promise<RunningSipEdge> {
  const sipHost = options.sipHost ?? '127.0.0.1';
  const drachtioHost = options.drachtioHost ?? '127.0.0.1';
  const udp = options.udp ?? true;
  const tcp = options.tcp ?? true;
  if (!udp && !tcp) throw new SipEdgeError('CONFIG_ERROR', 'enable at least one of the udp and tcp transports');
  for (const [name, port] of [['sipPort', options.sipPort], ['drachtioPort', options.drachtioPort]] as const) {
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      throw new SipEdgeError('CONFIG_ERROR', `${name} must be an integer between 0 and 65535, got ${port}`);
    }
  }
  const logger = typeof options.logger === 'object'
    ? options.logger
    : pino({ name: 'sip-edge', level: options.logger ?? 'info' });
  const edge = new SipEdge({
    sipHost, sipPort: options.sipPort ?? 5060, advertisedHost: options.advertisedHost, udp, tcp,
    drachtioHost, drachtioPort: options.drachtioPort ?? 9022, secret: options.secret ?? 'cymru',
    timers: { ...DEFAULT_TIMERS, ...options.timers }, logger, tcpLimits: checkTcpLimits(options.tcpLimits),
  });
  await edge.start();
  return {
    sipHost, sipPort: edge.sipPort, drachtioHost, drachtioPort: edge.drachtioPort, edge,
    stop: () => edge.stop(),
  };
}

export { SipEdge } from './edge';
export { SipEdgeError, SipParseError } from './errors';
export type { SipTimers } from './timers';
export { DEFAULT_TCP_LIMITS, type TcpLimits, type TcpStats } from './transport-tcp';
