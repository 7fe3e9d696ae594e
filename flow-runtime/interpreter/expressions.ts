// A safe evaluator of the flow expression language over the AST of parseExpression():
// a tree walk over a whitelist of node types and functions. Never eval or Function.
// Failures (syntax, bad operands, too long strings) come back as { ok: false }, never a throw.
import { EXPRESSION_FUNCTIONS, parseExpression, type ExpressionNode } from '@/schemas';
import type { Value } from './types';

export type Scope = (name: string) => Value | undefined;
export type EvaluationResult = { ok: true; value: Value } | { ok: false; error: string };

/** Longest string an expression may build (protects memory against concatenation loops). */
const MAX_STRING = 10_000;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

class Failure extends Error {}

const compiled = new Map<string, ExpressionNode | Failure>();

function compile(source: string): ExpressionNode {
  let ast = compiled.get(source);
  if (ast === undefined) {
    try {
      ast = parseExpression(source);
    } catch (error) {
      ast = new Failure((error as Error).message);
    }
    if (compiled.size > 20_000) compiled.clear();
    compiled.set(source, ast);
  }
  if (ast instanceof Failure) throw ast;
  return ast;
}

function str(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function num(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new Failure(`${JSON.stringify(value)} is not a number`);
}

function truthy(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function checkedString(s: string): string {
  if (s.length > MAX_STRING) throw new Failure(`a string longer than ${MAX_STRING} characters was built`);
  return s;
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new Failure('the result is not a finite number (division by zero?)');
  return n;
}

/** == compares numbers numerically when both sides look like numbers ("42" == 42), else strictly. */
function looseEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof b === 'number') && a !== null && b !== null && typeof a !== 'object' && typeof b !== 'object') {
    try {
      return num(a) === num(b);
    } catch {
      return false;
    }
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const na = Number(a);
    const nb = Number(b);
    if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return num(a) - num(b);
}

const FUNCTIONS: Record<string, (args: Value[], now: number) => Value> = {
  len: ([v]) => (Array.isArray(v) ? v.length : str(v).length),
  lower: ([v]) => str(v).toLowerCase(),
  upper: ([v]) => str(v).toUpperCase(),
  trim: ([v]) => str(v).trim(),
  contains: ([a, b]) => (Array.isArray(a) ? a.some((x) => looseEquals(x, b)) : str(a).includes(str(b))),
  startsWith: ([a, b]) => str(a).startsWith(str(b)),
  endsWith: ([a, b]) => str(a).endsWith(str(b)),
  number: ([v]) => {
    try {
      return num(v);
    } catch {
      return null;
    }
  },
  string: ([v]) => str(v),
  round: ([v, digits]) => {
    const d = digits === undefined ? 0 : Math.max(0, Math.min(10, Math.trunc(num(digits))));
    const f = 10 ** d;
    return finite(Math.round(num(v) * f) / f);
  },
  substr: ([s, start, length]) => {
    const text = str(s);
    const from = Math.max(0, Math.trunc(num(start)));
    return length === undefined ? text.slice(from) : text.slice(from, from + Math.max(0, Math.trunc(num(length))));
  },
  now: (_args, now) => now,
};

// Every whitelisted function has an implementation (checked at module load, so a new one is never forgotten).
for (const name of Object.keys(EXPRESSION_FUNCTIONS)) if (!FUNCTIONS[name]) throw new Error(`expression function ${name} has no implementation`);

function member(object: Value, key: Value): Value {
  const k = str(key);
  if (FORBIDDEN.has(k)) throw new Failure(`property "${k}" is not allowed`);
  if (Array.isArray(object)) {
    if (k === 'length') return object.length;
    const index = Number(k);
    return Number.isInteger(index) && index >= 0 && index < object.length ? object[index] : null;
  }
  if (typeof object === 'string' && k === 'length') return object.length;
  if (object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, k)) return object[k];
  return null;
}

function evaluateNode(node: ExpressionNode, scope: Scope, now: number): Value {
  switch (node.type) {
    case 'Literal': {
      const v = node.value as unknown;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      throw new Failure('unsupported literal');
    }
    case 'Identifier': {
      const name = node.name as string;
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (name === 'null') return null;
      return scope(name) ?? null;
    }
    case 'MemberExpression': {
      const object = evaluateNode(node.object as ExpressionNode, scope, now);
      const key = node.computed ? evaluateNode(node.property as ExpressionNode, scope, now) : ((node.property as ExpressionNode).name as string);
      return member(object, key);
    }
    case 'UnaryExpression': {
      const v = evaluateNode(node.argument as ExpressionNode, scope, now);
      if (node.operator === '!') return !truthy(v);
      if (node.operator === '-') return -num(v);
      return num(v);
    }
    case 'BinaryExpression': {
      const op = node.operator as string;
      if (op === '&&') {
        const left = evaluateNode(node.left as ExpressionNode, scope, now);
        return truthy(left) ? evaluateNode(node.right as ExpressionNode, scope, now) : left;
      }
      if (op === '||') {
        const left = evaluateNode(node.left as ExpressionNode, scope, now);
        return truthy(left) ? left : evaluateNode(node.right as ExpressionNode, scope, now);
      }
      const a = evaluateNode(node.left as ExpressionNode, scope, now);
      const b = evaluateNode(node.right as ExpressionNode, scope, now);
      switch (op) {
        case '+':
          if (typeof a === 'number' && typeof b === 'number') return finite(a + b);
          if ((typeof a === 'number' || typeof a === 'boolean' || a === null) && (typeof b === 'number' || typeof b === 'boolean' || b === null)) return finite(num(a) + num(b));
          return checkedString(str(a) + str(b));
        case '-':
          return finite(num(a) - num(b));
        case '*':
          return finite(num(a) * num(b));
        case '/':
          return finite(num(a) / num(b));
        case '%':
          return finite(num(a) % num(b));
        case '==':
        case '===':
          return looseEquals(a, b);
        case '!=':
        case '!==':
          return !looseEquals(a, b);
        case '<':
          return compare(a, b) < 0;
        case '>':
          return compare(a, b) > 0;
        case '<=':
          return compare(a, b) <= 0;
        case '>=':
          return compare(a, b) >= 0;
        default:
          throw new Failure(`operator "${op}" is not allowed`);
      }
    }
    case 'ConditionalExpression':
      return truthy(evaluateNode(node.test as ExpressionNode, scope, now))
        ? evaluateNode(node.consequent as ExpressionNode, scope, now)
        : evaluateNode(node.alternate as ExpressionNode, scope, now);
    case 'ArrayExpression':
      return ((node.elements as ExpressionNode[]) ?? []).map((e) => (e ? evaluateNode(e, scope, now) : null));
    case 'CallExpression': {
      const name = (node.callee as ExpressionNode).name as string;
      const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (!fn) throw new Failure(`function ${name}() is not allowed`);
      return fn((node.arguments as ExpressionNode[]).map((a) => evaluateNode(a, scope, now)), now);
    }
    default:
      throw new Failure(`"${node.type}" is not allowed`);
  }
}

/** Evaluates an expression; `now` is the call's current instant (the now() function). */
export function evaluateExpression(source: string, scope: Scope, now: number): EvaluationResult {
  try {
    return { ok: true, value: evaluateNode(compile(source), scope, now) };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.message };
    // A RangeError (deeply nested expression) or anything unexpected is a failure too.
    return { ok: false, error: `evaluation failed: ${(error as Error)?.message ?? String(error)}` };
  }
}

export function isTruthy(value: Value): boolean {
  return truthy(value);
}

const TEMPLATE_PART = /\{\{([\s\S]*?)\}\}/g;

/**
 * Replaces each {{expression}} by its value as text; a failing part renders as '' and is reported
 * in `errors`. `encode` (given the value and the text rendered so far) escapes values for where
 * they land, e.g. URL-encoding in an HTTP step's URL.
 */
export function renderTemplate(
  template: string,
  scope: Scope,
  now: number,
  encode?: (value: string, before: string) => string,
): { text: string; errors: string[] } {
  const errors: string[] = [];
  if (!template.includes('{{')) return { text: template, errors };
  let text = '';
  let last = 0;
  for (const match of template.matchAll(TEMPLATE_PART)) {
    text += template.slice(last, match.index);
    last = (match.index ?? 0) + match[0].length;
    const source = match[1];
    const result = evaluateExpression(source, scope, now);
    if (!result.ok) {
      errors.push(`{{${source}}}: ${result.error}`);
      continue;
    }
    const value = str(result.value);
    text += encode ? encode(value, text) : value;
  }
  text += template.slice(last);
  return { text, errors };
}

/** Identifiers an expression reads (to propagate sensitivity of variables). */
export function expressionIdentifiers(source: string): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as ExpressionNode;
    if (n.type === 'Identifier') names.push(n.name as string);
    for (const [key, child] of Object.entries(n)) {
      if (key === 'callee' || (key === 'property' && !n.computed)) continue;
      if (Array.isArray(child)) child.forEach(walk);
      else if (child && typeof child === 'object') walk(child);
    }
  };
  try {
    walk(compile(source));
  } catch {
    // an invalid expression reads nothing
  }
  return names;
}

export function valueToText(value: Value): string {
  return str(value);
}
