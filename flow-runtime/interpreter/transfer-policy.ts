// The call's transfer policy (forbidden external destinations), built by forbidden-transfer
// steps and obeyed by every later redirect, callback number and agent transfer of the call.
//
// Every number is judged in the form the trunk dials it (../numbers dialNumber: +330899…,
// 00330899…, +33 (0)8 99… and 08 99… are all +33899…); judgeDestination returns that form so
// the caller of the policy dials exactly what was judged. Patterns and list entries are
// canonicalised the same way (0899* → +33899…).
// Presets for French numbering (numbers compared in E.164; home country code 33 by default):
// - premium-rate: +3381…, +3382… (majorated "SVA" numbers 081/082), +3389… (premium 089),
//   +33118XYZ (directory enquiries 118 XYZ; not 01 18…). 080 (free) and 087 (shared cost) are not included.
// - mobile: +336…, +337… (06, 07).
// - international: any number outside +<homeCountryCode>; with 33 the overseas departments
//   +262 (Réunion, Mayotte), +508, +590, +594, +596 count as national.
// - short-codes: numbers that are not a full national number: no "+" and at most 6 digits
//   (15, 17, 112, 3949, 10XX), or +33 followed by fewer than 9 digits, or 118 XYZ.
import type { TransferPolicy } from './types';
import { compilePattern, dialNumber, judgedNumber, matchesCompiled } from '../numbers';

export const TRANSFER_PRESETS = ['premium-rate', 'international', 'mobile', 'short-codes'] as const;
export type TransferPreset = (typeof TRANSFER_PRESETS)[number];

const DIRECTORY_ENQUIRIES = /^118[0-9]{3}$/;
const FRENCH_OVERSEAS = ['+262', '+508', '+590', '+594', '+596'];

export const OPEN_POLICY: TransferPolicy = { allExternal: false, presets: [], patterns: [], homeCountryCode: '33' };

export function matchesPreset(preset: string, rawNumber: string, homeCountryCode: string): boolean {
  const n = judgedNumber(rawNumber, homeCountryCode);
  const home = `+${homeCountryCode}`;
  const national = n.startsWith(home) ? n.slice(home.length) : null;
  switch (preset) {
    case 'premium-rate':
      // 118 XYZ is a 6-digit service number; 01 18 xx xx xx is an ordinary Paris-region line
      return national !== null && (/^8[129]/.test(national) || DIRECTORY_ENQUIRIES.test(national));
    case 'mobile':
      return national !== null && /^[67]/.test(national);
    case 'international':
      if (!n.startsWith('+')) return false;
      if (n.startsWith(home)) return false;
      return !(homeCountryCode === '33' && FRENCH_OVERSEAS.some((p) => n.startsWith(p)));
    case 'short-codes':
      if (!n.startsWith('+')) return /^[0-9]{1,6}$/.test(n);
      return national !== null && (national.length < 9 || DIRECTORY_ENQUIRIES.test(national));
    default:
      return false;
  }
}

/** An external destination as judged: what the trunk will dial, and why it may not. */
export interface JudgedDestination {
  /** The E.164 number the trunk dials (dial this, not the raw text), or null when it would not dial it. */
  dial: string | null;
  /** The form the rules compared: `dial`, else the cleaned digits (short codes). */
  judged: string;
  /** Why the policy forbids it, or null when allowed. */
  reason: string | null;
}

/**
 * Judges `number` (any spelling) in the form it will be dialled. `dialCountryCode` is the
 * trunk's home calling code (CallContext.homeCountryCode): national numbers and national
 * patterns are read with it; the policy's homeCountryCode says what the presets call national.
 */
export function judgeDestination(policy: TransferPolicy, number: string, dialCountryCode = policy.homeCountryCode): JudgedDestination {
  const dial = dialNumber(number, dialCountryCode);
  const judged = dial ?? judgedNumber(number, dialCountryCode);
  return { dial, judged, reason: reasonFor(policy, judged, dialCountryCode) };
}

function reasonFor(policy: TransferPolicy, judged: string, dialCountryCode: string): string | null {
  if (policy.allExternal) return 'all-external';
  for (const preset of policy.presets) if (matchesPreset(preset, judged, policy.homeCountryCode)) return preset;
  for (const p of policy.patterns) if (matchesCompiled(judged, compilePattern(p, dialCountryCode))) return 'pattern';
  return null;
}

/** Why a transfer to `number` is forbidden by the policy, or null when it is allowed. */
export function forbiddenReason(policy: TransferPolicy, number: string, dialCountryCode = policy.homeCountryCode): string | null {
  return judgeDestination(policy, number, dialCountryCode).reason;
}

/** The policy tightened by one more forbidden-transfer step (rules add up; nothing is ever lifted). */
export function tightenPolicy(
  policy: TransferPolicy,
  rules: { allExternal: boolean; presets: readonly string[]; patterns: readonly string[]; homeCountryCode: string },
): TransferPolicy {
  return {
    allExternal: policy.allExternal || rules.allExternal,
    presets: [...new Set([...policy.presets, ...rules.presets])],
    patterns: [...new Set([...policy.patterns, ...rules.patterns])],
    homeCountryCode: rules.homeCountryCode || policy.homeCountryCode,
  };
}
