// condition: the first branch whose expression is true is taken, else `else`. A branch whose
// expression fails to evaluate counts as false (and a warning is recorded).
import { isTruthy } from '../expressions';
import type { StepHandler } from '../step-run';

export const conditionStep: StepHandler<'condition'> = {
  enter(run) {
    for (const branch of run.config.branches) {
      const result = run.evaluate(branch.expression);
      if (!result.ok) {
        run.warn(`branch ${branch.id}: ${result.error}`);
        continue;
      }
      if (isTruthy(result.value)) return run.leave(branch.id);
    }
    run.leave('else');
  },
};
