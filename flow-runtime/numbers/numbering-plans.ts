// What the dialling rules need to know about a country calling code, read from
// libphonenumber-js's metadata (Google's numbering plans): which digits are a calling code
// (codes are prefix-free, 1 to 3 digits), the country's national (trunk) prefix and the
// possible lengths of its national significant numbers. Nothing here validates a number:
// ranges the metadata does not know are still dialled (see canonical-number.ts).
import { Metadata, type CountryCode } from 'libphonenumber-js/min';
import metadataJson from 'libphonenumber-js/min/metadata';

export interface NumberingPlan {
  callingCode: string;
  /** The national trunk prefix ("0" in France: 01 23 45 67 89), or null when the country has none. */
  nationalPrefix: string | null;
  /** Possible lengths of a national significant number (France: [9]); empty when unknown. */
  possibleLengths: readonly number[];
}

const callingCodes = (metadataJson as { country_calling_codes: Record<string, CountryCode[]> }).country_calling_codes;
const cache = new Map<string, NumberingPlan | null>();

/** The numbering plan of calling code `cc` ("33"), or null when no country uses it. */
export function numberingPlan(cc: string): NumberingPlan | null {
  const known = cache.get(cc);
  if (known !== undefined) return known;
  let plan: NumberingPlan | null = null;
  const country = callingCodes[cc]?.[0];
  if (country) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(country);
    // nationalPrefix() exists on the numbering plan but is missing from the package's types
    const np = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined; possibleLengths(): number[] } | undefined;
    plan = { callingCode: cc, nationalPrefix: np?.nationalPrefix() || null, possibleLengths: np?.possibleLengths() ?? [] };
  }
  cache.set(cc, plan);
  return plan;
}

/** The calling code at the start of `digits` (international digits without +), or null. */
export function leadingCallingCode(digits: string): string | null {
  for (let len = 1; len <= 3 && len <= digits.length; len++) {
    const cc = digits.slice(0, len);
    if (callingCodes[cc]) return cc;
  }
  return null;
}
