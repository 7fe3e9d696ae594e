// Every spelling of a forbidden number that the trunk would dial is refused, and allowed
// numbers stay allowed whatever their spelling. "Would dial" is the trunk's own Request-URI
// (trunkUri); "refused" is the redirect step leaving by `forbidden` without ringing a leg.
// The generated spellings are all numbers the trunk dials (asserted), so no case passes by
// simply not being dialled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '@/flow-runtime/interpreter';
import { canonicalPattern, dialNumber, judgedNumber, matchesNumberPattern } from '@/flow-runtime/numbers';
import { trunkUri } from '@/flow-runtime/trunk/dial-external';
import type { TrunkConfig } from '@/flow-runtime/trunk/trunk-config';
import { fixtureContext } from '../support/context';
import { buildFlow, bye, TestCall } from '../support/call';

const trunk: TrunkConfig = { host: '127.0.0.1', port: 5090, transport: 'udp', username: null, password: null, callerId: { kind: 'entry' }, numberFormat: 'e164', countryCode: '33' };

/** The number the trunk puts in its Request-URI for `raw`, or null when it would not dial it. */
function trunkDials(raw: string, t: TrunkConfig = trunk): string | null {
  try {
    return /^sip:([^@]+)@/.exec(trunkUri(t, raw))![1];
  } catch {
    return null;
  }
}

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const separator = fc.constantFrom('', '', ' ', '.', '-', ' ', '/', '\u00a0');

/** `s` cut in random chunks joined by random separators ("899123456" → "8 99.12-3456"). */
function grouped(s: string): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), separator), { minLength: s.length, maxLength: s.length }).map((cuts) => {
    let out = '';
    let i = 0;
    for (const [len, sep] of cuts) {
      if (i >= s.length) break;
      out += (i > 0 ? sep : '') + s.slice(i, i + len);
      i += len;
    }
    return out;
  });
}

/** Spellings of the French number whose national significant number is `nsn` (9 digits). */
function frenchSpelling(nsn: string): fc.Arbitrary<string> {
  const prefixes = ['0', '+33', '0033', '+330', '00330', '+33 (0)', '0033 (0)', '+33(0)', '+33 0', '00 33 ', '+ 33 '];
  return fc.tuple(fc.constantFrom(...prefixes), separator, grouped(nsn)).map(([p, sep, rest]) => `${p}${sep}${rest}`);
}

const FOREIGN = ['44', '49', '1', '34', '39', '32', '41', '212', '86'];
/** A foreign number and its spellings (+cc, 00cc, with (0) where the country has a trunk prefix). */
const foreignSpelling = fc.tuple(fc.constantFrom(...FOREIGN), fc.integer({ min: 1, max: 9 }), digits(7, 9)).chain(([cc, first, rest]) => {
  const national = `${first}${rest}`;
  const prefixes = [`+${cc}`, `00${cc}`, `+ ${cc}`, `00 ${cc}`, ...(['44', '49', '32', '41', '212'].includes(cc) ? [`+${cc} (0)`, `00${cc}0`] : [])];
  return fc.tuple(fc.constant(`+${cc}${national}`), fc.constantFrom(...prefixes), separator, grouped(national)).map(([e164, p, sep, g]) => ({ e164, spelling: `${p}${sep}${g}` }));
});

const premiumNsn = fc.tuple(fc.constantFrom('81', '82', '89', '899', '897'), digits(7, 7)).map(([p, d]) => (p + d).slice(0, 9));
const mobileNsn = fc.tuple(fc.constantFrom('6', '7'), digits(8, 8)).map(([p, d]) => p + d);
const listedNsn = digits(6, 6).map((d) => `899${d}`);
// geographic 01–05 and 09 non-premium: never forbidden by the presets nor by 0899*
const allowedNsn = fc.tuple(fc.constantFrom('1', '2', '3', '4', '5', '9'), digits(8, 8)).map(([p, d]) => p + d);

function redirectFlow(number: string, policy: Record<string, unknown>) {
  const outputs = ['no_answer', 'busy', 'failed', 'forbidden'];
  return buildFlow(
    [{ id: 'policy', type: 'forbidden-transfer', config: policy }, { id: 'r', type: 'redirect', config: { target: { kind: 'external', number }, ringTimeoutSeconds: 25 } }, ...outputs.map((o) => bye(o))],
    [['policy', 'next', 'r'], ...outputs.map((o) => ['r', o, o] as [string, string, string])],
    // not validated: the schema accepts the usual written forms (dialledNumber); the generator also
    // makes rarer ones (no-break spaces, "+ 33") that must be judged as they are dialled all the same
    { validate: false },
  );
}

/** What the redirect step does with `number` under `policy`: refused, or the number the trunk dials. */
function redirect(number: string, policy: Record<string, unknown>, context: CallContext = fixtureContext()): { refused: boolean; dialled: string | null } {
  const call = new TestCall(redirectFlow(number, policy), context).start();
  const legs = call.of('ringLegs').flatMap((e) => e.legs);
  if (call.taken().includes('r:forbidden')) {
    expect(legs).toHaveLength(0);
    return { refused: true, dialled: null };
  }
  expect(legs).toHaveLength(1);
  const target = legs[0].target as { kind: 'external'; number: string };
  return { refused: false, dialled: trunkDials(target.number) };
}

function callbackFlow(numberSource: 'typed' | 'caller') {
  return buildFlow(
    [
      { id: 'p', type: 'forbidden-transfer', config: { presets: ['premium-rate'] } },
      { id: 'cb', type: 'callback', config: { groupId: 'grp_support', numberSource, confirmNumber: false, retries: 0 } },
      bye('ok'),
      bye('ko'),
    ],
    [['p', 'next', 'cb'], ['cb', 'registered', 'ok'], ['cb', 'failed', 'ko']],
  );
}

const RUNS = { numRuns: 400 };

describe('forbidden numbers: every spelling the trunk would dial is refused', () => {
  it('premium rate (08 1x, 08 2x, 08 9x)', () => {
    fc.assert(fc.property(premiumNsn.chain((nsn) => fc.tuple(fc.constant(nsn), frenchSpelling(nsn))), ([nsn, spelling]) => {
      expect(trunkDials(spelling)).toBe(`+33${nsn}`);
      expect(redirect(spelling, { presets: ['premium-rate'] }).refused).toBe(true);
    }), RUNS);
  });

  it('mobile (06, 07), including +330 6…', () => {
    fc.assert(fc.property(mobileNsn.chain((nsn) => fc.tuple(fc.constant(nsn), frenchSpelling(nsn))), ([nsn, spelling]) => {
      expect(trunkDials(spelling)).toBe(`+33${nsn}`);
      expect(redirect(spelling, { presets: ['mobile'] }).refused).toBe(true);
    }), RUNS);
  });

  it('international (+cc, 00cc, (0) after the country code)', () => {
    fc.assert(fc.property(foreignSpelling, ({ e164, spelling }) => {
      expect(trunkDials(spelling)).toBe(e164);
      expect(redirect(spelling, { presets: ['international'] }).refused).toBe(true);
    }), RUNS);
  });

  it('custom patterns and list entries (0899*, list prefix 0899, any spelling of either)', () => {
    const patternSpelling = fc.constantFrom('0899*', '+33899*', '0033899*', '+330899*', '00330899*', '33899*');
    const listEntry = fc.constantFrom('0899', '+33899', '0033899', '+330899', '00330899');
    fc.assert(fc.property(listedNsn.chain((nsn) => fc.tuple(frenchSpelling(nsn), patternSpelling, listEntry)), ([spelling, pattern, entry]) => {
      expect(trunkDials(spelling)).not.toBeNull();
      expect(redirect(spelling, { patterns: [pattern] }).refused).toBe(true);
      // call-context.ts turns a list's prefix entry into "<entry>*"
      const context = { ...fixtureContext(), forbiddenLists: { fbl_custom: { id: 'fbl_custom', patterns: [`${entry}*`] } } };
      expect(redirect(spelling, { forbiddenListIds: ['fbl_custom'] }, context).refused).toBe(true);
    }), RUNS);
  });

  it('exact list entries in any spelling match every spelling of the number', () => {
    fc.assert(fc.property(premiumNsn.chain((nsn) => fc.tuple(frenchSpelling(nsn), frenchSpelling(nsn))), ([spelling, entry]) => {
      expect(matchesNumberPattern(spelling, entry.replace(/[^+0-9]/g, ''))).toBe(true);
      expect(redirect(spelling, { patterns: [entry.replace(/[^+0-9]/g, '')] }).refused).toBe(true);
    }), RUNS);
  });

  it('callback: typed digits (0…, 0033…, 00330…, *33…, *330…) and the caller’s own number are refused', () => {
    const typedPrefix = fc.constantFrom('0', '0033', '00330', '*33', '*330');
    fc.assert(fc.property(premiumNsn.chain((nsn) => fc.tuple(fc.constant(nsn), typedPrefix, frenchSpelling(nsn))), ([nsn, p, callerSpelling]) => {
      const keys = p + nsn;
      expect(trunkDials(keys.replace(/\*/g, '+'))).toBe(`+33${nsn}`);
      const typed = new TestCall(callbackFlow('typed')).start().press(`${keys}#`);
      expect(typed.taken()).toEqual(['p:next', 'cb:failed']);
      expect(typed.of('createCallback')).toHaveLength(0);
      const own = new TestCall(callbackFlow('caller')).start({ caller: callerSpelling });
      expect(own.taken()).toEqual(['p:next', 'cb:failed']);
    }), RUNS);
  });
});

describe('allowed numbers stay allowed', () => {
  const everything = { presets: ['premium-rate', 'mobile', 'international', 'short-codes'], patterns: ['0899*', '+3381*'] };

  it('a geographic number (01–05, 09) in any spelling is dialled as itself', () => {
    fc.assert(fc.property(allowedNsn.chain((nsn) => fc.tuple(fc.constant(nsn), frenchSpelling(nsn))), ([nsn, spelling]) => {
      expect(redirect(spelling, everything)).toEqual({ refused: false, dialled: `+33${nsn}` });
    }), RUNS);
  });

  it('callback: an allowed typed number is stored in the form the trunk dials', () => {
    fc.assert(fc.property(allowedNsn.chain((nsn) => fc.tuple(fc.constant(nsn), fc.constantFrom('0', '0033', '00330', '*330'))), ([nsn, p]) => {
      const call = new TestCall(callbackFlow('typed')).start().press(`${p}${nsn}#`);
      const [request] = call.of('createCallback');
      expect(request.number).toBe(`+33${nsn}`);
      expect(trunkDials(request.number)).toBe(`+33${nsn}`);
    }), { numRuns: 100 });
  });

  it('the dialled form is stable: judging it again gives itself, whatever the trunk format', () => {
    fc.assert(fc.property(fc.oneof(allowedNsn, premiumNsn, mobileNsn).chain((nsn) => frenchSpelling(nsn)), (spelling) => {
      const dial = dialNumber(spelling)!;
      expect(dialNumber(dial)).toBe(dial);
      expect(judgedNumber(dial)).toBe(dial);
      expect(trunkDials(spelling, { ...trunk, numberFormat: 'national' })).toBe(`0${dial.slice(3)}`);
    }), RUNS);
  });
});

describe('spellings at the edges', () => {
  it.each([
    ['+330899123456', '+33899123456'],
    ['00330899123456', '+33899123456'],
    ['+33 (0)8 99 12 34 56', '+33899123456'],
    ['+330 6 12 34 56 78', '+33612345678'],
    ['08.99.12.34.56', '+33899123456'],
    ['+39 06 1234 5678', '+390612345678'], // Italy: the 0 is part of the number
    ['+44 (0)20 7946 0000', '+442079460000'],
    ['3949', null], // short codes are not dialled through the trunk
    ['0899', null],
    ['089912345', null], // a national number one digit short
    ['+33 8 99 12 34 56 x', null],
    ['0'.repeat(65), null],
  ])('%s is dialled as %s', (raw, dialled) => {
    expect(trunkDials(raw)).toBe(dialled);
  });

  it.each([
    ['0899*', '+33899*'],
    ['+330899*', '+33899*'],
    ['00330*', '+33*'],
    ['3389*', '+3389*'],
    ['08 99 12 34 56', '+33899123456'],
    ['3949', '3949'],
  ])('the admin sees pattern %s as %s', (pattern, shown) => {
    expect(canonicalPattern(pattern)).toBe(shown);
  });

  it('0899* and list prefix 0899 do not over-block: 0800 and 01 numbers pass', () => {
    for (const number of ['0800123456', '+33 1 45 45 45 45', '0033 (0)9 70 00 00 00']) {
      expect(redirect(number, { patterns: ['0899*'] }).refused).toBe(false);
    }
  });
});
