// split: picks a branch at random with its percentage (the call's seeded PRNG, so replayable).
import type { StepHandler } from '../step-run';

export const splitStep: StepHandler<'split'> = {
  enter(run) {
    const branches = run.config.branches;
    const draw = run.random() * 100;
    let cumulative = 0;
    for (const branch of branches) {
      cumulative += branch.percent;
      if (draw < cumulative) return run.leave(branch.id, { draw: Math.floor(draw * 100) / 100 });
    }
    run.leave(branches[branches.length - 1].id);
  },
};
