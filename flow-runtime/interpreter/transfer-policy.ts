// The call's transfer policy (forbidden external destinations), built by forbidden-transfer
// steps and obeyed by every later redirect, callback number and agent transfer of the call.
//
// Presets for French numbering (numbers compared in E.164; home country code 33 by default):
// - premium-rate: +3381…, +3382… (majorated "SVA" numbers 081/082), +3389… (premium 089),
//   +33118… (directory enquiries 118 XYZ). 080 (free) and 087 (shared cost) are not included.
// - mobile: +336…, +337… (06, 07).
// - international: any number outside +<homeCountryCode>; with 33 the overseas departments
//   +262 (Réunion, Mayotte), +508, +590, +594, +596 count as national.
// - short-codes: numbers that are not a full national number: no "+" and at most 6 digits
//   (15, 17, 112, 3949, 10XX), or +33 followed by fewer than 9 digits, or 118 XYZ.
import type { TransferPolicy } from './types';
import { matchesAnyPattern, normalizeNumber } from './numbers';

export const TRANSFER_PRESETS = ['premium-rate', 'international', 'mobile', 'short-codes'] as const;
export type TransferPreset = (typeof TRANSFER_PRESETS)[number];

const FRENCH_OVERSEAS = ['+262', '+508', '+590', '+594', '+596'];

export const OPEN_POLICY: TransferPolicy = { allExternal: false, presets: [], patterns: [], homeCountryCode: '33' };

export function matchesPreset(preset: string, rawNumber: string, homeCountryCode: string): boolean {
  const n = normalizeNumber(rawNumber, homeCountryCode);
  const home = `+${homeCountryCode}`;
  const national = n.startsWith(home) ? n.slice(home.length) : null;
  switch (preset) {
    case 'premium-rate':
      return national !== null && (/^8[129]/.test(national) || national.startsWith('118'));
    case 'mobile':
      return national !== null && /^[67]/.test(national);
    case 'international':
      if (!n.startsWith('+')) return false;
      if (n.startsWith(home)) return false;
      return !(homeCountryCode === '33' && FRENCH_OVERSEAS.some((p) => n.startsWith(p)));
    case 'short-codes':
      if (!n.startsWith('+')) return /^[0-9]{1,6}$/.test(n);
      return national !== null && (national.length < 9 || national.startsWith('118'));
    default:
      return false;
  }
}

/** Why a transfer to `number` is forbidden by the policy, or null when it is allowed. */
export function forbiddenReason(policy: TransferPolicy, number: string): string | null {
  if (policy.allExternal) return 'all-external';
  for (const preset of policy.presets) if (matchesPreset(preset, number, policy.homeCountryCode)) return preset;
  if (matchesAnyPattern(number, policy.patterns, policy.homeCountryCode)) return 'pattern';
  return null;
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
