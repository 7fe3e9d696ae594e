// Public entry of the flow format: pure TypeScript, no I/O, no React. Used by the REST API,
// the visual editor and the flow runtime alike.
import type { Edge, Flow as GeneratedFlow, Node as GeneratedNode, StepConfigMap } from './generated/types';

export type * from './generated/types';
export { commonSchema, flowSchema, stepSchemas } from './generated/schema-bundle';
export type { JsonSchemaDocument } from './src/json-schema';

export { STEP_TYPES, isStepType, compareWithStepTypes, type StepType } from './src/step-types';
export {
  STEP_METADATA,
  type StepMetadata,
  type StepCategory,
  type Localized,
  type StaticOutputDeclaration,
  type DynamicOutputDeclaration,
} from './src/step-metadata';
export { stepOutputs, resolveTakenOutput, type StepOutput, type NodeLike } from './src/step-outputs';
export { validateFlowSchema, validateStepConfig, applyFlowDefaults, applyStepDefaults } from './src/ajv';
export { validateFlow, type ValidateFlowOptions, type ValidateFlowResult } from './src/validate-flow';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './src/problems';
export { findFlowReferences, listFlowReferences, REFERENCE_KINDS, type FoundReference, type ReferenceKind, type ReferenceSets } from './src/reference-rules';
export {
  parseExpression,
  checkTemplate,
  templateExpressions,
  ExpressionError,
  EXPRESSION_FUNCTIONS,
  SYSTEM_VARIABLES,
  type ExpressionNode,
} from './src/expressions';

/** A node whose `config` type follows its `type`. */
export type FlowNode<T extends keyof StepConfigMap = keyof StepConfigMap> = T extends keyof StepConfigMap
  ? Omit<GeneratedNode, 'type' | 'config'> & { type: T; config: StepConfigMap[T] }
  : never;
export type FlowEdge = Edge;
/** A flow document (what validateFlow() accepts), with typed node configs. */
export type FlowDocument = Omit<GeneratedFlow, 'nodes'> & { nodes: FlowNode[] };
