// Size limits and linear time of every parser on the SIP path (issue 11, finding 2): header
// values 60,000 characters long made of the characters that make regexes backtrack, header
// line and count limits (513), and TCP framing that costs the same however a peer splits it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCSeq, parseHostPort, parseNameAddr, parseParams, parseSipUri, parseVia } from '@/sip-edge/header-values';
import { MAX_HEADERS, MAX_HEADER_LINE_BYTES, type ParseOutcome, parseDatagram } from '@/sip-edge/parser';
import { validateRequest } from '@/sip-edge/request-validator';
import { splitHeaderList } from '@/sip-edge/sip-message';
import { SipStreamReader } from '@/sip-edge/sip-stream-reader';

const UNITS = [' ', ',', '"', '\\', ';', '<', '>', ':', '@', '=', '\t', '.', '[', '\\"', ' ;', ';a', 'a=', '= ', '"a', ', ', 'sip:', ';a=', ' =', 'a ', ':1', ';tag', '; rport'];
const PREFIXES = ['', 'SIP/2.0/UDP a', 'SIP/2.0/UDP 1.2.3.4:5060', '<sip:a@b>', '"a" <sip:a@b>', 'sip:a@b', '1 ', '"', '<'];
const SUFFIXES = ['', '!', '>', '"'];

const msg = (...lines: string[]) => Buffer.from([...lines, '', ''].join('\r\n'), 'latin1');
const BASE = ['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:b@127.0.0.1>;tag=1',
  'To: <sip:a@127.0.0.1>', 'Call-ID: limits', 'CSeq: 1 OPTIONS', 'Max-Forwards: 70'];

function statusOf(o: ParseOutcome): number | string {
  return o.type === 'error' ? o.error.status : o.type;
}

describe('header value parsers on 60,000-character adversarial values', () => {
  it('each value parses in linear time (all of them together well under a second per parser)', () => {
    const parsers: Record<string, (s: string) => unknown> = {
      parseNameAddr, parseParams, parseVia, parseCSeq, parseSipUri, parseHostPort, splitHeaderList,
    };
    for (const [name, parse] of Object.entries(parsers)) {
      let worst = 0;
      for (const unit of UNITS) for (const prefix of PREFIXES) for (const suffix of SUFFIXES) {
        const value = prefix + unit.repeat(Math.ceil(60_000 / unit.length)).slice(0, 60_000) + suffix;
        const start = performance.now();
        parse(value);
        worst = Math.max(worst, performance.now() - start);
      }
      // a backtracking regex takes seconds to minutes on one of these; linear code takes milliseconds
      expect(worst, `${name}: slowest value`).toBeLessThan(250);
    }
  });
});

describe('message limits', () => {
  it('answers 513 to a header line over the limit, keeping the headers needed to address it', () => {
    const out = parseDatagram(msg(...BASE, `Authorization: Digest ${'a'.repeat(MAX_HEADER_LINE_BYTES)}`, 'Content-Length: 0'));
    expect(statusOf(out)).toBe(513);
    expect(out.type === 'error' && out.headers.some((h) => h.key === 'via')).toBe(true);
    expect(out.type === 'error' && out.error.message).toMatch(/header line over 16384 octets \(Authorization/);
  });

  it('counts folded continuation lines in the header line they belong to', () => {
    const folded = Array.from({ length: 3000 }, () => ' aaaaaa').join('\r\n');
    expect(statusOf(parseDatagram(msg(...BASE, `Subject: x\r\n${folded}`, 'Content-Length: 0')))).toBe(513);
  });

  it(`answers 513 to more than ${MAX_HEADERS} header lines`, () => {
    const many = Array.from({ length: MAX_HEADERS }, (_, i) => `X-H${i}: v`);
    expect(statusOf(parseDatagram(msg(...BASE, ...many, 'Content-Length: 0')))).toBe(513);
  });

  it('accepts a message just under the limits, and the validator is quick on it', () => {
    const long = `X-Long: ${'"\\'.repeat((MAX_HEADER_LINE_BYTES - 10) / 2)}`;
    const out = parseDatagram(msg(...BASE, long, 'Content-Length: 0'));
    expect(out.type).toBe('message');
    const start = performance.now();
    if (out.type === 'message' && out.message.kind === 'request') expect(validateRequest(out.message)).toBeNull();
    expect(performance.now() - start).toBeLessThan(250);
  });
});

describe('TCP stream framing (SipStreamReader)', () => {
  const one = msg(...BASE, 'Content-Type: text/plain', 'Content-Length: 5').toString('latin1') + 'hello';
  const two = one.replace('Call-ID: limits', 'Call-ID: second');
  const stream = Buffer.from(`\r\n\r\n${one}${two}\r\n`, 'latin1');

  const summarize = (outs: ParseOutcome[]) => outs.map((o) => (o.type === 'message' ? `msg:${o.message.headers.find((h) => h.key === 'call-id')?.value}:${o.message.body}`
    : o.type === 'keepalive' ? 'ka' : o.type));

  it('gives the same messages however the stream is split', () => {
    const whole = summarize(new SipStreamReader().push(stream)).filter((s) => s !== 'ka');
    expect(whole).toEqual(['msg:limits:hello', 'msg:second:hello']);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const reader = new SipStreamReader();
      const outs: ParseOutcome[] = [];
      let last = 0;
      for (const p of [...points, stream.length]) {
        outs.push(...reader.push(stream.subarray(last, p)));
        last = p;
      }
      expect(summarize(outs).filter((s) => s !== 'ka')).toEqual(whole);
    }), { numRuns: 300 });
  });

  it('never throws on random octets pushed in random pieces, and stops after a framing error', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 }), (pieces) => {
      const reader = new SipStreamReader();
      for (const piece of pieces) {
        const outs = reader.push(Buffer.from(piece));
        if (outs.some((o) => o.type === 'error' && o.framingLost)) {
          expect(reader.bufferedBytes).toBe(0);
          return;
        }
      }
    }), { numRuns: 500 });
  });

  it('is linear: a 60 KiB head pushed one octet at a time is framed in well under a second', () => {
    const head = msg(...BASE, `X-Pad: ${'a'.repeat(60_000)}`, 'Content-Length: 0');
    const reader = new SipStreamReader();
    const outs: ParseOutcome[] = [];
    const start = performance.now();
    for (let i = 0; i < head.length; i++) outs.push(...reader.push(head.subarray(i, i + 1)));
    // re-parsing the whole buffer on each octet (as before) took minutes here
    expect(performance.now() - start).toBeLessThan(1000);
    expect(outs.map((o) => o.type)).toEqual(['error']); // 513: the X-Pad line is over the limit
    expect(statusOf(outs[0])).toBe(513);
  });

  it('gives up without a blank line after 64 KiB (framing lost) and frees its buffer', () => {
    const reader = new SipStreamReader();
    const outs = reader.push(Buffer.alloc(70_000, 'a'));
    expect(outs).toHaveLength(1);
    expect(outs[0].type === 'error' && outs[0].framingLost).toBe(true);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reports its phase for the deadlines: head, then body once the head is in', () => {
    const reader = new SipStreamReader();
    const withBody = msg(...BASE, 'Content-Length: 10').toString('latin1');
    reader.push(Buffer.from(withBody.slice(0, 20), 'latin1'));
    expect(reader.phase).toBe('head');
    reader.push(Buffer.from(withBody.slice(20) + '01234', 'latin1'));
    expect(reader.phase).toBe('body');
    expect(reader.push(Buffer.from('56789', 'latin1')).map((o) => o.type)).toEqual(['message']);
    expect(reader.phase).toBe('idle');
  });
});
