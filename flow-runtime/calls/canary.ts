// Canary publish (issue 17): which version a new call runs when its flow has a canary.
// Pure (no I/O): the FlowStore looks the canary up, this file decides.
//
//   bucket = first 32 bits of SHA-256(flowId NUL caller-or-Call-ID NUL local date) mod 100
//   canary when bucket < percent (and the number called is one of the canary's numbers, or it names none)
//
// Sticky: the same caller calling the same flow on the same day (in the organisation's time
// zone) always lands in the same bucket, so a caller does not hear two versions in one day.
// A hidden caller has no number to be sticky on: its Call-ID is used (one draw per call).
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

export interface CanaryRule {
  versionId: string;
  percent: number;
  /** PhoneNumber ids the canary applies to; empty = every number routing to the flow. */
  numberIds: string[];
}

/** The caller's local day, YYYY-MM-DD, in `timeZone` (an unknown zone falls back to UTC). */
export function localDay(at: Date, timeZone: string): string {
  const day = DateTime.fromJSDate(at, { zone: timeZone });
  return (day.isValid ? day : DateTime.fromJSDate(at, { zone: 'utc' })).toFormat('yyyy-MM-dd');
}

/** 0…99, the same for the same flow, caller key and day. */
export function canaryBucket(flowId: string, callerKey: string, day: string): number {
  const digest = createHash('sha256').update(`${flowId}\u0000${callerKey}\u0000${day}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/** What identifies the caller for stickiness: the number, else (hidden) the SIP Call-ID. */
export function callerKey(caller: string | null | undefined, sipCallId: string): string {
  return caller ? `n:${caller}` : `c:${sipCallId}`;
}

export interface CanaryChoiceInput {
  flowId: string;
  rule: CanaryRule | null;
  phoneNumberId: string;
  caller: string | null;
  sipCallId: string;
  timeZone: string;
  at: Date;
}

/** True when this call runs the canary version. */
export function choosesCanary(input: CanaryChoiceInput): boolean {
  const { rule } = input;
  if (!rule || rule.percent <= 0) return false;
  if (rule.numberIds.length > 0 && !rule.numberIds.includes(input.phoneNumberId)) return false;
  const day = localDay(input.at, input.timeZone);
  return canaryBucket(input.flowId, callerKey(input.caller, input.sipCallId), day) < rule.percent;
}
