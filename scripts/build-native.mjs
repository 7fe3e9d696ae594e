// Builds the media server's native module (flow-runtime/media/native/rtp-socket-filter.c) with
// the machine's C compiler against Node's own headers. Run by `npm install` (postinstall).
// Never fails the install: without a compiler or headers the media server reads every RTP
// packet in JavaScript, as before (slower, same behaviour); the reason is printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'flow-runtime/media/native');
const out = path.join(dir, 'build', 'rtp-socket-filter.node');
const headers = [path.resolve(path.dirname(process.execPath), '..', 'include', 'node'), '/usr/include/node', '/usr/local/include/node']
  .find((d) => existsSync(path.join(d, 'node_api.h')));

if (process.platform !== 'linux') {
  console.log('build-native: not Linux, the RTP kernel filter is not built (every packet is read in JavaScript)');
  process.exit(0);
}
if (!headers) {
  console.warn('build-native: Node.js headers (node_api.h) not found; the RTP kernel filter is not built (every packet is read in JavaScript)');
  process.exit(0);
}
mkdirSync(path.dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const cc = process.env.CC || 'cc';
const r = spawnSync(cc, ['-O2', '-Wall', '-shared', '-fPIC', `-I${headers}`, '-o', tmp, path.join(dir, 'rtp-socket-filter.c')], { encoding: 'utf8', timeout: 60_000 });
if (r.status !== 0) {
  console.warn(`build-native: ${cc} could not build the RTP kernel filter (every packet will be read in JavaScript): ${r.error?.message ?? ''}${r.stderr ?? ''}`);
  process.exit(0);
}
renameSync(tmp, out);
console.log(`build-native: ${path.relative(root, out)}`);
