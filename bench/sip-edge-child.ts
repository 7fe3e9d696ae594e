// The edge alone in its own process, for bench/sip-edge.bench.ts to measure its memory apart from
// the load generators and the srf app (as in production, where the runtime is another process).
// Started with fork() and `--expose-gc`; answers the IPC message 'mem' with its memory (after a
// full GC) and its stats. TCP deadlines and caps come from the environment, as for main.ts.
import { startSipEdge } from '../sip-edge/index';

const env = process.env;
const n = (name: string) => (env[name] ? Number(env[name]) : undefined);
const edge = await startSipEdge({
  sipPort: 0, drachtioPort: 0, logger: 'silent',
  tcpLimits: {
    headTimeoutMs: n('SIP_EDGE_TCP_HEAD_TIMEOUT_MS'), bodyTimeoutMs: n('SIP_EDGE_TCP_BODY_TIMEOUT_MS'),
    maxConnections: n('SIP_EDGE_TCP_MAX_CONNECTIONS'), maxConnectionsPerAddress: n('SIP_EDGE_TCP_MAX_CONNECTIONS_PER_ADDRESS'),
  },
});
process.send!({ ready: true, sipPort: edge.sipPort, drachtioPort: edge.drachtioPort });
process.on('message', (m: unknown) => {
  if (m === 'mem-nogc') process.send!({ mem: process.memoryUsage(), stats: edge.edge.stats() });
  else if (m === 'mem') {
    // two full GCs apart: buffers found unreachable by the first are released in the background
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    gc();
    setTimeout(() => {
      gc();
      process.send!({ mem: process.memoryUsage(), stats: edge.edge.stats() });
    }, 200);
  } else if (m === 'stop') {
    void edge.stop().then(() => process.exit(0));
  }
});
