// E.164 helpers for the trunk. The dialled form comes from ../numbers (dialNumber), the same
// function the transfer policy judges with: national 0X XX XX XX XX → +33X…, 00… and +330… →
// +33…; this file adds the trunk's number formats and caller ID rules.
import { dialNumber } from '../numbers';
import type { CallerIdRule, NumberFormat } from './trunk-config';

/** A number the trunk cannot dial; `field` says which input was wrong. */
export class InvalidNumberError extends Error {
  readonly code = 'number_invalid';
  constructor(readonly field: string, readonly value: string) {
    super(`${field}: "${value}" is not a dialable number (expected E.164 like +33612345678 or a national 0612345678)`);
    this.name = 'InvalidNumberError';
  }
}

/** To E.164 (+ and 8 to 15 digits) as the trunk dials it, or null when the trunk would not dial it. */
export function toE164(raw: string, countryCode = '33'): string | null {
  return dialNumber(raw, countryCode);
}

/** Writes an E.164 number the way the trunk expects it. */
export function formatForTrunk(e164: string, format: NumberFormat, countryCode = '33'): string {
  if (format === 'e164-digits') return e164.slice(1);
  if (format === 'national' && e164.startsWith(`+${countryCode}`)) return `0${e164.slice(1 + countryCode.length)}`;
  if (format === 'national') return `00${e164.slice(1)}`;
  return e164;
}

/** The caller ID for an outbound call under `rule`; null when that number is unknown (anonymous). */
export function resolveCallerId(rule: CallerIdRule, call: { entryNumber: string | null; callerNumber: string | null }, countryCode = '33'): string | null {
  const raw = rule.kind === 'fixed' ? rule.number : rule.kind === 'entry' ? call.entryNumber : call.callerNumber;
  return raw ? toE164(raw, countryCode) : null;
}
