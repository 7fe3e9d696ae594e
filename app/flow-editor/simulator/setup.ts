// The simulator panel's set-up (who calls, which number, when, who is available) and the
// SimulationInput it gives. Pure: the panel keeps a Setup in its state.
import type { AgentPresence } from '@/flow-runtime/interpreter';
import type { SimulationInput } from '@/flow-runtime/simulator/types';

export interface Setup {
  caller: string;
  hidden: boolean;
  called: string;
  /** "YYYY-MM-DDTHH:mm" in `timezone`. */
  at: string;
  timezone: string;
  /** `directory`: the agents' presence now; `override`: the statuses in `agents`. */
  availability: 'directory' | 'override';
  agents: Record<string, AgentPresence>;
  /** 'first' | 'nobody' | an agent id. */
  answer: string;
}

export const DEFAULT_CALLER = '+33612345678';

/** "YYYY-MM-DDTHH:mm" of `instant` in `timeZone` (the browser's zone when it is unknown). */
export function localDateTime(instant: Date, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function defaultSetup(options: { timezone: string; numbers: { e164: string }[]; now?: Date }): Setup {
  return {
    caller: DEFAULT_CALLER,
    hidden: false,
    called: options.numbers[0]?.e164 ?? '',
    at: localDateTime(options.now ?? new Date(), options.timezone),
    timezone: options.timezone,
    availability: 'directory',
    agents: {},
    answer: 'first',
  };
}

/** Problems of the set-up, by field: nothing to start with until they are fixed. */
export function setupProblems(setup: Setup): Partial<Record<'caller' | 'at' | 'timezone', 'required' | 'invalid'>> {
  const problems: Partial<Record<'caller' | 'at' | 'timezone', 'required' | 'invalid'>> = {};
  if (!setup.hidden) {
    if (!setup.caller.trim()) problems.caller = 'required';
    else if (!/^\+?[0-9 .()-]{2,20}$/.test(setup.caller.trim())) problems.caller = 'invalid';
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(setup.at)) problems.at = setup.at ? 'invalid' : 'required';
  if (!setup.timezone.trim()) problems.timezone = 'required';
  else if (!isValidTimeZone(setup.timezone.trim())) problems.timezone = 'invalid';
  return problems;
}

export function inputFromSetup(setup: Setup): SimulationInput {
  return {
    caller: setup.hidden ? null : setup.caller.replace(/[ .()-]/g, ''),
    called: setup.called,
    at: setup.at,
    timezone: setup.timezone.trim(),
    ...(setup.availability === 'override' && Object.keys(setup.agents).length > 0 ? { agents: { ...setup.agents } } : {}),
    answer: setup.answer || 'first',
    actions: [],
  };
}
