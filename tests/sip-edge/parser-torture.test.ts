// RFC 4475 torture messages against the parser and the request validator: every valid message
// of §3.1.1 parses and is accepted; every invalid one gets the answer the RFC describes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatagram } from '@/sip-edge/parser';
import { validateRequest } from '@/sip-edge/request-validator';
import { getHeader } from '@/sip-edge/sip-message';
import { TORTURE_DIR } from './torture-dir';

const dir = TORTURE_DIR;
const load = (name: string) => parseDatagram(readFileSync(path.join(dir, `${name}.dat`)));

/** What the edge must do with each message: accept it, answer a status, or drop it. */
const expected: Record<string, 'accept' | 'drop' | number> = {
  // 3.1.1 valid messages
  wsinv: 'accept', intmeth: 'accept', esc01: 'accept', escnull: 'accept', esc02: 'accept',
  lwsdisp: 'accept', longreq: 'accept', dblreq: 'accept', semiuri: 'accept', transports: 'accept',
  mpart01: 'accept', unreason: 'accept', noreason: 'accept',
  // 3.1.2 invalid messages
  badinv01: 400, clerr: 400, ncl: 400, scalar02: 400, scalarlg: 'drop', quotbal: 400, ltgtruri: 400,
  lwsruri: 400, lwsstart: 400, trws: 400, escruri: 400, baddate: 'accept', regbadct: 400,
  badaspec: 400, baddn: 400, badvers: 505, mismatch01: 400, mismatch02: 400, bigcode: 'drop',
  // 3.2 transaction layer
  badbranch: 'accept',
  // 3.3 application layer
  insuf: 400, unkscm: 416, novelsc: 416, unksm2: 'accept', bext01: 420, invut: 415, regaut01: 'accept',
  multi01: 400, mcl01: 400, bcast: 'accept', zeromf: 'accept', cparam01: 'accept', cparam02: 'accept',
  regescrt: 'accept', sdp01: 406,
  // 3.4 backward compatibility
  inv2543: 'accept',
};

describe('RFC 4475 torture messages', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want}`, () => {
      const out = load(name);
      if (want === 'accept') {
        expect(out.type).toBe('message');
        if (out.type !== 'message') return;
        if (out.message.kind === 'request') expect(validateRequest(out.message)).toBeNull();
      } else if (want === 'drop') {
        // responses the edge cannot match or parse are discarded silently
        if (out.type === 'message') expect(out.message.kind).toBe('response');
        else expect(out.type === 'error' && !out.looksLikeRequest).toBe(true);
      } else if (out.type === 'error') {
        expect(out.looksLikeRequest).toBe(true);
        expect(out.error.status).toBe(want);
      } else {
        expect(out.type).toBe('message');
        if (out.type !== 'message' || out.message.kind !== 'request') throw new Error('expected a request');
        expect(validateRequest(out.message)?.status).toBe(want);
      }
    });
  }

  it('unfolds continuation lines and reads compact forms (wsinv)', () => {
    const out = load('wsinv');
    if (out.type !== 'message') throw new Error(out.type);
    expect(getHeader(out.message, 'call-id')).toBe('wsinv.ndaksdj@192.0.2.1');
    expect(getHeader(out.message, 'cseq')).toBe('0009 INVITE');
    expect(getHeader(out.message, 'subject')).toBe('');
    expect(out.message.body.length).toBe(150);
  });

  it('keeps only Content-Length octets of a datagram (dblreq)', () => {
    const out = load('dblreq');
    if (out.type !== 'message') throw new Error(out.type);
    expect(out.message.body).toBe('');
  });

  it('keeps non-UTF-8 octets intact (intmeth)', () => {
    const raw = readFileSync(path.join(dir, 'intmeth.dat'));
    const out = parseDatagram(raw);
    if (out.type !== 'message' || out.message.kind !== 'request') throw new Error(out.type);
    expect(out.message.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    const ext = out.message.headers.find((h) => h.name.startsWith('extensionHeader'));
    expect(Buffer.from(ext!.value, 'latin1').equals(raw.subarray(raw.indexOf(Buffer.from(ext!.value, 'latin1')), raw.indexOf(Buffer.from(ext!.value, 'latin1')) + ext!.value.length))).toBe(true);
  });

  it('covers all 49 files', () => {
    expect(Object.keys(expected)).toHaveLength(49);
  });
});
