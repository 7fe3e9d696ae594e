// The safe expression language shared by validateFlow() and the runtime: jsep's grammar
// (literals, identifiers, member access, + - * / %, comparisons, && || !, ?:) restricted
// to whitelisted functions and property names. Never evaluated with eval.
import jsepModule from 'jsep';

type Jsep = typeof jsepModule;
const jsep = ((jsepModule as unknown as { default?: Jsep }).default ?? jsepModule) as Jsep;
export type ExpressionNode = ReturnType<Jsep>;

/** Functions expressions may call, with their arity [min, max]. The runtime implements exactly these. */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  len: [1, 1],
  lower: [1, 1],
  upper: [1, 1],
  trim: [1, 1],
  contains: [2, 2],
  startsWith: [2, 2],
  endsWith: [2, 2],
  number: [1, 1],
  string: [1, 1],
  round: [1, 2],
  substr: [2, 3],
  now: [0, 0],
};

/** Variables every call has (besides those set by input, variable and http-request steps). */
export const SYSTEM_VARIABLES = ['caller', 'called', 'language', 'callId', 'hour', 'minute', 'weekday', 'date'] as const;

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype', 'this', 'eval', 'Function', 'globalThis', 'window', 'process']);

export class ExpressionError extends Error {}

function check(node: ExpressionNode): void {
  switch (node.type) {
    case 'Literal':
      return;
    case 'Identifier':
      if (FORBIDDEN_NAMES.has(node.name as string)) throw new ExpressionError(`"${node.name}" is not allowed`);
      return;
    case 'ThisExpression':
      throw new ExpressionError('"this" is not allowed');
    case 'MemberExpression':
      check(node.object as ExpressionNode);
      if (node.computed) check(node.property as ExpressionNode);
      else if (FORBIDDEN_NAMES.has((node.property as ExpressionNode).name as string)) {
        throw new ExpressionError(`property "${(node.property as ExpressionNode).name}" is not allowed`);
      }
      return;
    case 'UnaryExpression':
      if (!['!', '-', '+'].includes(node.operator as string)) throw new ExpressionError(`operator "${node.operator}" is not allowed`);
      return check(node.argument as ExpressionNode);
    case 'BinaryExpression':
      if (['=', '|', '&', '^', '<<', '>>', '>>>'].includes(node.operator as string)) {
        throw new ExpressionError(`operator "${node.operator}" is not allowed`);
      }
      check(node.left as ExpressionNode);
      return check(node.right as ExpressionNode);
    case 'ConditionalExpression':
      check(node.test as ExpressionNode);
      check(node.consequent as ExpressionNode);
      return check(node.alternate as ExpressionNode);
    case 'ArrayExpression':
      for (const element of (node.elements as ExpressionNode[]) ?? []) if (element) check(element);
      return;
    case 'CallExpression': {
      const callee = node.callee as ExpressionNode;
      const name = callee.type === 'Identifier' ? (callee.name as string) : undefined;
      const arity = name !== undefined ? EXPRESSION_FUNCTIONS[name] : undefined;
      if (!name || !arity) {
        throw new ExpressionError(`only these functions can be called: ${Object.keys(EXPRESSION_FUNCTIONS).join(', ')}`);
      }
      const args = node.arguments as ExpressionNode[];
      if (args.length < arity[0] || args.length > arity[1]) {
        const expected = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`;
        throw new ExpressionError(`${name}() takes ${expected} argument(s), got ${args.length}`);
      }
      for (const arg of args) check(arg);
      return;
    }
    case 'Compound':
      throw new ExpressionError('only one expression is allowed (no ";" or ",")');
    default:
      throw new ExpressionError(`"${node.type}" is not allowed`);
  }
}

/**
 * How deeply an expression may nest: brackets, unary operators and the operands of an
 * operator chain. jsep, check() and the runtime's evaluator are recursive, so nesting is
 * bounded here (a 20,000-character template of "((((…" overflowed the stack). Real
 * expressions nest a few levels.
 */
export const MAX_EXPRESSION_DEPTH = 64;

/** Bracket and unary-operator nesting, found by one linear scan (strings skipped) before jsep runs. */
function sourceNesting(source: string): number {
  let depth = 0;
  let max = 0;
  let unaryRun = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') max = Math.max(max, ++depth);
    else if (c === ')' || c === ']') depth--;
    if (c === '!' || c === '-' || c === '+') max = Math.max(max, depth + ++unaryRun);
    else if (c !== ' ' && c !== '(' && c !== '[') unaryRun = 0;
  }
  return max;
}

/** The depth of an AST, walked with an explicit stack (never recursive). */
function astDepth(root: ExpressionNode): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth]);
      continue;
    }
    if (depth > max) max = depth;
    if (max > MAX_EXPRESSION_DEPTH) return max;
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && typeof value === 'object') stack.push([value, depth + 1]);
  }
  return max;
}

const tooDeep = () => new ExpressionError(`it nests more than ${MAX_EXPRESSION_DEPTH} levels deep; simplify it`);

/** Parses and checks an expression; throws ExpressionError with a readable reason. */
export function parseExpression(source: string): ExpressionNode {
  if (sourceNesting(source) > MAX_EXPRESSION_DEPTH) throw tooDeep();
  let ast: ExpressionNode;
  try {
    ast = jsep(source);
  } catch (error) {
    throw new ExpressionError((error as Error).message);
  }
  if (astDepth(ast) > MAX_EXPRESSION_DEPTH) throw tooDeep();
  check(ast);
  return ast;
}

const TEMPLATE_PART = /\{\{([\s\S]*?)\}\}/g;

/** Checks a {{expression}} template; returns the reason it is invalid, or null. */
export function checkTemplate(template: string): string | null {
  for (const match of template.matchAll(TEMPLATE_PART)) {
    try {
      parseExpression(match[1]);
    } catch (error) {
      return `"{{${match[1]}}}": ${(error as Error).message}`;
    }
  }
  const rest = template.replace(TEMPLATE_PART, '');
  if (rest.includes('{{')) return 'a "{{" is not closed by "}}"';
  return null;
}

/** The {{expression}} parts of a template, in order. */
export function templateExpressions(template: string): string[] {
  return [...template.matchAll(TEMPLATE_PART)].map((m) => m[1].trim());
}
