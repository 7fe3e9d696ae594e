// Random mutations of real SIP messages never make the parser, the validator or the stream
// framer throw (fast-check, bounded iterations).
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDatagram, parseStream } from '@/sip-edge/parser';
import { validateRequest } from '@/sip-edge/request-validator';
import { parseNameAddr, parseSipUri, parseVia } from '@/sip-edge/header-values';
import { getHeaderList } from '@/sip-edge/sip-message';
import { serialize } from '@/sip-edge/serializer';
import { TORTURE_DIR } from './torture-dir';

const dir = TORTURE_DIR;
const corpus = readdirSync(dir).filter((f) => f.endsWith('.dat')).map((f) => readFileSync(`${dir}/${f}`));

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\r\n', ';', ',', '<', '>', '"', ' ', ':', '\0', '%', 'Content-Length: 99999\r\n', '\r\n\r\n', 'SIP/2.0') }),
  fc.record({ kind: fc.constant('dup' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
);

function mutate(buf: Buffer, ms: Array<{ kind: string; at: number; byte?: number; text?: string; len?: number }>): Buffer {
  let b = Buffer.from(buf);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip') b[at] = m.byte!;
    else if (m.kind === 'cut') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text!, 'latin1'), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + m.len!), b.subarray(at)]);
  }
  return b;
}

function exercise(buf: Buffer): void {
  for (const out of [parseDatagram(buf), parseStream(buf)]) {
    if (out.type !== 'message') continue;
    if (out.message.kind === 'request') validateRequest(out.message);
    for (const v of getHeaderList(out.message, 'via')) parseVia(v);
    for (const n of ['to', 'from', 'contact', 'route']) for (const v of getHeaderList(out.message, n)) parseNameAddr(v);
    if (out.message.kind === 'request') parseSipUri(out.message.uri);
    serialize(out.message);
  }
}

describe('parser fuzz', () => {
  it('never throws on mutated torture messages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (i, ms) => { expect(() => exercise(mutate(corpus[i], ms))).not.toThrow(); }),
      { numRuns: 3000, seed: 4475 },
    );
  });

  it('never throws on random octets', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      expect(() => exercise(Buffer.from(bytes))).not.toThrow();
    }), { numRuns: 2000, seed: 3261 });
  });
});
