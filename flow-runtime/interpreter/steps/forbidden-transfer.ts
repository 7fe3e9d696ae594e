// forbidden-transfer: tightens the call's transfer policy (all external numbers, or presets,
// patterns and organisation lists); every later redirect, callback number and agent transfer
// of the call obeys it. Presets are defined in ../transfer-policy.ts. Always `next`.
import { tightenPolicy } from '../transfer-policy';
import type { StepHandler } from '../step-run';

export const forbiddenTransferStep: StepHandler<'forbidden-transfer'> = {
  enter(run) {
    const { mode = 'lists', presets = [], patterns = [], forbiddenListIds = [], homeCountryCode = '33' } = run.config;
    const listed: string[] = [];
    for (const listId of forbiddenListIds) {
      const list = run.context.forbiddenLists[listId];
      if (list) listed.push(...list.patterns);
      else run.warn(`forbidden list ${listId} not found; its numbers are not blocked`);
    }
    run.state.policy = tightenPolicy(run.state.policy, {
      allExternal: mode === 'all-external',
      presets: mode === 'lists' ? presets : [],
      patterns: mode === 'lists' ? [...patterns, ...listed] : [],
      homeCountryCode,
    });
    run.persist('policy', { allExternal: run.state.policy.allExternal, presets: run.state.policy.presets, patterns: run.state.policy.patterns.length });
    run.leave('next');
  },
};
