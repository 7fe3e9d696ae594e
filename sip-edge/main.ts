// Command-line entry: `npx tsx sip-edge/main.ts [--sip-host H] [--sip-port P] [--drachtio-port P] [--secret S]`
// Environment: SIP_EDGE_SIP_HOST, SIP_EDGE_SIP_PORT, DRACHTIO_HOST, DRACHTIO_PORT, DRACHTIO_SECRET,
// SIP_EDGE_LOG_LEVEL, and the TCP caps/deadlines SIP_EDGE_TCP_MAX_CONNECTIONS,
// SIP_EDGE_TCP_MAX_CONNECTIONS_PER_ADDRESS, SIP_EDGE_TCP_HEAD_TIMEOUT_MS, SIP_EDGE_TCP_BODY_TIMEOUT_MS,
// SIP_EDGE_TCP_IDLE_TIMEOUT_MS. Flags win over environment.

import { parseArgs } from 'node:util';
import pino from 'pino';
import { startSipEdge } from './index';

const { values } = parseArgs({
  options: {
    'sip-host': { type: 'string' }, 'sip-port': { type: 'string' }, 'advertised-host': { type: 'string' },
    'drachtio-host': { type: 'string' }, 'drachtio-port': { type: 'string' }, secret: { type: 'string' },
    'log-level': { type: 'string' }, 'no-udp': { type: 'boolean' }, 'no-tcp': { type: 'boolean' },
  },
});
const env = process.env;
const num = (v: string | undefined, name: string, what = 'a port number'): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || (what !== 'a port number' && n < 1)) {
    console.error(`sip-edge: ${name} must be ${what}, got "${v}"`);
    process.exit(2);
  }
  return n;
};
const positive = (name: string) => num(env[name], name, 'a positive integer');

const logger = pino({ name: 'sip-edge', level: values['log-level'] ?? env.SIP_EDGE_LOG_LEVEL ?? 'info' });
const running = await startSipEdge({
  sipHost: values['sip-host'] ?? env.SIP_EDGE_SIP_HOST,
  sipPort: num(values['sip-port'] ?? env.SIP_EDGE_SIP_PORT, 'SIP_EDGE_SIP_PORT'),
  advertisedHost: values['advertised-host'] ?? env.SIP_EDGE_ADVERTISED_HOST,
  drachtioHost: values['drachtio-host'] ?? env.DRACHTIO_HOST,
  drachtioPort: num(values['drachtio-port'] ?? env.DRACHTIO_PORT, 'DRACHTIO_PORT'),
  secret: values.secret ?? env.DRACHTIO_SECRET,
  udp: !values['no-udp'], tcp: !values['no-tcp'],
  tcpLimits: {
    maxConnections: positive('SIP_EDGE_TCP_MAX_CONNECTIONS'),
    maxConnectionsPerAddress: positive('SIP_EDGE_TCP_MAX_CONNECTIONS_PER_ADDRESS'),
    headTimeoutMs: positive('SIP_EDGE_TCP_HEAD_TIMEOUT_MS'),
    bodyTimeoutMs: positive('SIP_EDGE_TCP_BODY_TIMEOUT_MS'),
    idleTimeoutMs: positive('SIP_EDGE_TCP_IDLE_TIMEOUT_MS'),
  },
  logger,
}).catch((err: Error) => {
  logger.fatal({ err }, 'sip-edge failed to start');
  process.exit(1);
});

logger.info(`SIP listening on ${running.sipHost}:${running.sipPort} (${running.edge.hostports}); drachtio protocol on ${running.drachtioHost}:${running.drachtioPort}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    void running.stop().then(() => process.exit(0));
  });
}
