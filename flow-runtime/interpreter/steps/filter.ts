// filter: the caller's number against numbers and prefixes → `match` / `no_match`; hidden
// numbers go to `anonymous` (its fallback is no_match), or are treated as match / no_match.
import { isAnonymous, matchesAnyPattern } from '../numbers';
import type { StepHandler } from '../step-run';

export const filterStep: StepHandler<'filter'> = {
  enter(run) {
    const { patterns, anonymous = 'anonymous' } = run.config;
    const caller = run.state.caller;
    if (isAnonymous(caller)) return run.leave(anonymous);
    run.leave(matchesAnyPattern(caller as string, patterns, run.context.homeCountryCode) ? 'match' : 'no_match');
  },
};
