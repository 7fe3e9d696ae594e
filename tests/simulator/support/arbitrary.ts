// Random simulated calls on the fixture flows (fast-check): time (open, closed, holiday,
// Saturday, lunch break, another time zone), caller, presence overrides, who answers,
// caller actions (keys, silence, hang-up) and typed HTTP answers.
import fc from 'fast-check';
import type { AgentPresence } from '@/flow-runtime/interpreter';
import type { CallerAction, SimulationInput, TypedHttpAnswer } from '@/flow-runtime/simulator';
import type { Scenario } from './scenario';

export const FIXTURE_NAMES = ['all-steps', 'callback', 'demo', 'http-condition', 'reception-fr'];
const AGENTS = ['agt_marie', 'agt_lucas', 'agt_sophie', 'agt_hugo'];

const key = fc.constantFrom('0', '1', '2', '3', '4', '5', '9', '*', '#');
export const callerAction: fc.Arbitrary<CallerAction> = fc.oneof(
  { weight: 5, arbitrary: fc.array(key, { minLength: 1, maxLength: 10 }).map<CallerAction>((keys) => ({ kind: 'dtmf', digits: keys.join('') })) },
  { weight: 3, arbitrary: fc.constant<CallerAction>({ kind: 'silence' }) },
  { weight: 1, arbitrary: fc.constant<CallerAction>({ kind: 'hangup' }) },
);

const httpAnswer: fc.Arbitrary<TypedHttpAnswer> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(200, 201, 302, 404, 500, 503),
      fc.constantFrom('{}', '{"customer":{"tier":"gold","balance":-1}}', '{"customer":{"tier":"silver","balance":-20}}', 'not json', '{"status":"shipped"}'),
    )
    .map(([status, body]) => ({ nodeId: 'lookup', status, body })),
  fc.constantFrom<'network' | 'timeout' | 'refused'>('network', 'timeout', 'refused').map((error) => ({ nodeId: 'lookup', error })),
);

export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    flow: fc.constantFrom(...FIXTURE_NAMES),
    at: fc.constantFrom(
      { at: '2025-01-14T10:00' },
      { at: '2025-01-14T20:00' },
      { at: '2025-04-21T10:00' },
      { at: '2025-01-18T10:30' },
      { at: '2025-01-14T12:45' },
      { at: '2025-01-14T04:30', timezone: 'America/New_York' },
    ),
    caller: fc.constantFrom('+33145454545', '+33612345678', null, '0899123456', '0612345678'),
    language: fc.constantFrom<undefined | 'fr' | 'en'>(undefined, 'fr', 'en'),
    agents: fc.dictionary(fc.constantFrom(...AGENTS), fc.constantFrom<AgentPresence>('available', 'busy', 'paused', 'offline')),
    answer: fc.constantFrom('first', 'nobody', ...AGENTS),
    actions: fc.array(callerAction, { maxLength: 12 }),
    http: fc.array(httpAnswer, { maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map(({ flow, at, caller, language, agents, answer, actions, http, seed }) => {
    const input: SimulationInput = { caller, called: '+33184000000', ...at, agents, answer, actions, http, seed };
    if (language) input.language = language;
    return { flow, input };
  });
