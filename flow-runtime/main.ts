// The flow runtime process: connects to a drachtio server (the embedded sip-edge by default,
// or a real drachtio-server) with drachtio-srf and will run one call session per call.
// Call execution itself lands with issue 5; for now the process connects, answers OPTIONS
// pings, turns calls away with a clear 480, and stops cleanly.
import Srf from 'drachtio-srf';

const host = process.env.DRACHTIO_HOST ?? '127.0.0.1';
const port = Number(process.env.DRACHTIO_PORT ?? 9022);
const secret = process.env.DRACHTIO_SECRET ?? 'cymru';

const srf = new Srf();
let connected = false;

srf.on('connect', (err: Error | undefined, hostport: string) => {
  if (err) return console.error(`flow-runtime: drachtio connect failed: ${err.message}`);
  connected = true;
  console.log(`flow-runtime: connected to drachtio at ${host}:${port} (SIP ${hostport})`);
});
srf.on('error', (err: Error) => {
  // srf reconnects by itself; log once per failure so a missing edge is obvious.
  if (connected) console.error(`flow-runtime: drachtio connection lost: ${err.message}`);
  connected = false;
});

srf.invite((req, res) => {
  res.send(480, 'Temporarily Unavailable', { headers: { 'Retry-After': '60' } });
});

srf.connect({ host, port, secret });
console.log(`flow-runtime: started, connecting to drachtio at ${host}:${port}`);

function stop(): void {
  console.log('flow-runtime: stopping');
  srf.disconnect();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
