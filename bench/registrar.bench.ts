// Registrar figures (issue 11): time to read a typical Authorization header, and a 60 KB hostile
// one — with the scanner now (cap lifted, to measure the scan itself; in service such a header is
// refused unread at 4 KB) and with the regular expression it replaced.
// Run: npm run bench -- registrar
import { parseAuthParams } from '../flow-runtime/registrar/auth-params';

/** The Digest parameter pattern used before issue 11, kept here only to compare. */
function oldRegexParse(header: string): number {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return 0;
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  let n = 0;
  let part: RegExpExecArray | null;
  while ((part = re.exec(m[1])) !== null) {
    if (part[0] === '') break;
    n++;
  }
  return n;
}

function time(fn: () => unknown, runs = 1): number {
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - t) / runs;
}

export default function run() {
  const typical = 'Digest username="alice", realm="relais.local", nonce="1765080000000.AbCdEfGhIjKl.0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", uri="sip:relais.local", response="0123456789abcdef0123456789abcdef", algorithm=MD5, qop=auth, nc=00000001, cnonce="a1b2c3d4"';
  const perTypical = time(() => parseAuthParams(typical), 100_000);
  console.log(`typical Authorization (${typical.length} B): ${(perTypical * 1000).toFixed(2)} µs per parse (${Math.round(1000 / perTypical).toLocaleString('en')} / s)`);
  const hostile = `Digest ${'a'.repeat(60_000 - 7)}`;
  console.log(`60 KB hostile header, scanner (no cap): ${time(() => parseAuthParams(hostile, Infinity), 20).toFixed(2)} ms`);
  console.log(`60 KB hostile header, scanner (4 KB cap, as in service): ${(time(() => parseAuthParams(hostile), 1000) * 1000).toFixed(2)} µs`);
  console.log(`60 KB hostile header, old regular expression: ${time(() => oldRegexParse(hostile)).toFixed(0)} ms`);
}
