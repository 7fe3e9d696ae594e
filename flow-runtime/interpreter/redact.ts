// Makes effects and events safe to log: secret HTTP header values and digits typed in
// sensitive input steps never leave the interpreter in clear.
import type { CallEvent, Effect } from './types';

export const REDACTED = '[redacted]';

/** A copy of `effect` with secret header values replaced. */
export function redactEffect(effect: Effect): Effect {
  if (effect.type !== 'httpRequest') return effect;
  return { ...effect, headers: effect.headers.map((h) => (h.secret ? { ...h, value: REDACTED } : h)) };
}

/** A copy of `event` without the key pressed (digits may be sensitive: log that a key was pressed, not which). */
export function redactEvent(event: CallEvent): CallEvent {
  return event.type === 'dtmf' ? { ...event, key: '•' } : event;
}
