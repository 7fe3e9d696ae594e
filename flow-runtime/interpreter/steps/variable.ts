// variable: sets a call variable from an expression; on an evaluation error the variable
// becomes null, a warning is recorded, and the call still goes on by `next`.
import { expressionIdentifiers } from '../expressions';
import type { StepHandler } from '../step-run';

export const variableStep: StepHandler<'variable'> = {
  enter(run) {
    const { name, expression } = run.config;
    const result = run.evaluate(expression);
    // A value computed from sensitive digits stays masked in the path.
    const sensitive = run.state.sensitive.length > 0 && expressionIdentifiers(expression).some((id) => run.state.sensitive.includes(id));
    if (result.ok) run.setVariable(name, result.value, { sensitive });
    else {
      run.warn(`expression of ${name}: ${result.error}`);
      run.setVariable(name, null, { sensitive });
    }
    run.leave('next');
  },
};
