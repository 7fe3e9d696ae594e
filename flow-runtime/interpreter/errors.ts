// Typed errors of the flow runtime (Temporal style: a small hierarchy, one line of doc each).
import type { Problem } from '@/schemas';

/** Base class: every runtime error has a stable code. */
export class FlowRuntimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The flow document failed validateFlow(); it is never run. `problems` lists the errors to fix. */
export class InvalidFlowError extends FlowRuntimeError {
  constructor(readonly problems: Problem[]) {
    const first = problems.find((p) => p.severity === 'error');
    super('flow.invalid', `The flow is invalid and cannot run: ${first ? `${first.path || '/'}: ${first.message}` : 'unknown problem'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
}

/** An expression or template failed at call time (unknown function result, bad operand…); the step takes its failure path. */
export class ExpressionEvaluationError extends FlowRuntimeError {
  constructor(message: string) {
    super('expression.evaluation', message);
  }
}

/** The session was used after it ended, or started twice. */
export class SessionStateError extends FlowRuntimeError {
  constructor(message: string) {
    super('session.state', message);
  }
}
