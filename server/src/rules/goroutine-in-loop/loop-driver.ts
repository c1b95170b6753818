// What drives a loop: whether it runs once per item of some data (a slice, a map, a channel, rows), and how to say so.
import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import type { RuleContext } from '../../core/rule';
import { snippet } from '../../core/text';
import type { Declaration } from '../../core/scope';
import { callArguments, unparen } from '../../core/syntax';
import { isBuiltin, localDeclaration, type FunctionFacts } from './analysis';
import { firstNamed } from './go-statement';
import { mutations } from './writes';

export const INTEGER_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune']);

export const LITERALS = new Set([
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'rune_literal',
  'interpreted_string_literal',
  'raw_string_literal',
  'true',
  'false',
  'nil',
  'iota',
]);

/** What drives a loop: the words of the message and the code they name. */
export interface Driver {
  /** "per element of `items`" / "对 `items` 的每个元素". */
  description: Localized;
  /**
   * A stream (values received from a channel, rows, lines of a scanner): nothing bounds how
   * many items come, so nothing bounds the goroutines. A collection is at least as large as
   * its length, which the code around it often keeps small.
   */
  stream: boolean;
}

const driver = (en: string, zh: string, stream = false): Driver => ({ description: { en, 'zh-cn': zh }, stream });

/**
 * What a range expression yields, as far as the syntax and the index tell. `code`: functions
 * (hooks, tasks), whose number the program decides, not its input. `sized`: a slice made with
 * a length that does not come from `len(…)`, a pool in disguise unless the length changes.
 */
type RangeKind = 'data' | 'channel' | 'fixed' | 'int' | 'code' | 'sized' | 'unknown';

/** The data a loop runs once per item of; undefined when it is not driven by data. */
export function loopDriver(loop: Node, facts: FunctionFacts, context: RuleContext): Driver | undefined {
  const clause = firstNamed(loop);
  if (!clause) return undefined;
  switch (clause.type) {
    case 'block':
      return undefined; // `for {}`: accept loops and event loops are servers, not bursts
    case 'range_clause':
      return rangeDriver(clause, facts, context);
    case 'for_clause':
      return countedDriver(clause, facts);
    default:
      return iteratorDriver(unparen(clause));
  }
}

function rangeDriver(range: Node, facts: FunctionFacts, context: RuleContext): Driver | undefined {
  const right = range.childForFieldName('right');
  if (!right) return undefined;
  const expression = unparen(right);
  const code = short(expression);
  if (lenDerived(expression, facts)) return driver(`per index up to \`${code}\``, `对 \`${code}\` 以内的每个下标`);
  if (isTimePaced(expression, context)) return undefined;
  const perElement = (): Driver => driver(`per element of \`${code}\``, `对 \`${code}\` 的每个元素`);
  switch (rangeKind(expression, facts, context)) {
    case 'channel':
      return driver(`per value received from \`${code}\``, `对从 \`${code}\` 收到的每个值`, true);
    case 'data':
      return perElement();
    case 'unknown': {
      // Two variables cannot range over an integer; before Go 1.22 nothing ranges over one.
      if (context.index.goAtLeast(1, 22) === false) return perElement();
      const left = range.childForFieldName('left');
      const variables = left ? left.namedChildren.filter((n) => n?.type !== 'comment').length : 0;
      return variables === 2 ? perElement() : undefined;
    }
    default:
      return undefined;
  }
}

/** `for i := 0; i < len(items); i++` and `for i := len(items) - 1; i >= 0; i--`. */
function countedDriver(clause: Node, facts: FunctionFacts): Driver | undefined {
  const initializer = clause.childForFieldName('initializer');
  const condition = clause.childForFieldName('condition');
  if (!initializer || initializer.type !== 'short_var_declaration' || !condition) return undefined;
  const test = unparen(condition);
  if (test.type !== 'binary_expression') return undefined;
  const operator = test.childForFieldName('operator')?.type ?? '';
  if (!['<', '<=', '>', '>=', '!='].includes(operator)) return undefined;
  const left = test.childForFieldName('left');
  const right = test.childForFieldName('right');
  if (!left || !right) return undefined;
  const counters = new Set((initializer.childForFieldName('left')?.namedChildren ?? []).filter((n): n is Node => n?.type === 'identifier').map((n) => n.text));
  const l = unparen(left);
  const r = unparen(right);
  for (const [counter, bound] of [
    [l, r],
    [r, l],
  ]) {
    if (counter.type === 'identifier' && counters.has(counter.text) && lenDerived(bound, facts)) {
      return driver(`per index up to \`${short(bound)}\``, `对 \`${short(bound)}\` 以内的每个下标`);
    }
  }
  const start = initializer.childForFieldName('right')?.namedChildren.find((n) => n !== null && n.type !== 'comment');
  if (start && lenDerived(start, facts) && (counters.has(l.text) || counters.has(r.text))) {
    return driver(`per index counting down from \`${short(start)}\``, `对从 \`${short(start)}\` 倒数的每个下标`);
  }
  return undefined;
}

/** `for rows.Next()`, `for scanner.Scan()`, `for it.Next(ctx)`: one pass per item read. */
function iteratorDriver(condition: Node): Driver | undefined {
  if (condition.type !== 'call_expression') return undefined;
  const fn = condition.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const method = fn.childForFieldName('field')?.text;
  if (method !== 'Next' && method !== 'Scan') return undefined;
  return driver(`per \`${short(condition)}\` iteration`, `对每一轮 \`${short(condition)}\` 迭代`, true);
}

/** `len(x)`, `len(x) - 1`, or a local never reassigned that holds one of those. */
function lenDerived(expression: Node, facts: FunctionFacts, depth = 0): boolean {
  if (depth > 4 || !facts.text.includes('len')) return false;
  const node = unparen(expression);
  switch (node.type) {
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      return fn?.type === 'identifier' && fn.text === 'len' && isBuiltin(fn, facts);
    }
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      if (!['+', '-', '*', '/', '%', '>>'].includes(operator)) return false;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return (!!left && lenDerived(left, facts, depth + 1)) || (!!right && lenDerived(right, facts, depth + 1));
    }
    case 'identifier': {
      const declaration = localDeclaration(node, facts);
      if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return false;
      const value = initialValue(declaration);
      if (!value || !lenDerived(value, facts, depth + 1)) return false;
      return mutations(declaration, facts).length === 0;
    }
    default:
      return false;
  }
}

/** `ticker.C`, `timer.C`, `time.Tick(d)`: a loop paced by the clock. */
function isTimePaced(expression: Node, context: RuleContext): boolean {
  const type = expression.type;
  if (type === 'selector_expression') return expression.childForFieldName('field')?.text === 'C';
  if (type === 'call_expression') {
    const called = context.types.calledFunction(expression);
    return called?.path === 'time' && called.name === 'Tick';
  }
  return false;
}

/** A loop's code in the message, on one line and cut short. */
function short(node: Node): string {
  return snippet(node.text, 30);
}

// ---------------------------------------------------------------------------------------------
// What a range expression yields

function rangeKind(expression: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  switch (expression.type) {
    case 'int_literal':
      return 'int';
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'composite_literal':
      return 'fixed';
    case 'identifier':
      return identifierKind(expression, facts, context);
    case 'selector_expression': {
      // A variable of another package may well be a literal list we cannot see.
      if (context.types.qualified(expression)) return 'fixed';
      return typeRefKind(context.types.typeOf(expression), context);
    }
    case 'call_expression':
      return typeRefKind(context.types.typeOf(expression), context);
    default:
      return 'unknown';
  }
}

function identifierKind(identifier: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  const declaration = localDeclaration(identifier, facts);
  if (declaration) {
    if (declaration.kind === 'const') return 'int';
    if (declaration.node.type === 'variadic_parameter_declaration') return 'data';
    if (declaration.type) return typeNodeKind(declaration.type, context);
    const value = initialValue(declaration);
    if (value) {
      const kind = valueKind(unparen(value), facts, context);
      if (kind === 'fixed') return mutations(declaration, facts).length === 0 ? 'fixed' : 'data';
      if (kind === 'sized') return mutations(declaration, facts, false, true).length === 0 ? 'int' : 'data';
      if (kind !== 'unknown') return kind;
    }
    return typeRefKind(context.types.typeOfDeclaration(declaration), context);
  }
  // A package-level name. Without a written type its value may be a literal list, and whether
  // other functions change it is not this function's to see; a name the index does not know
  // as a variable is a constant.
  const type = context.index.packageVar(identifier.text);
  if (!type || type.text === '' || type.inferred) return 'fixed';
  return typeRefKind(type, context);
}

/** The expression a name is initialised from: its own in `a, b := x, y`, the one call in `a, b := f()`. */
function initialValue(declaration: Declaration): Node | undefined {
  return declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
}

/** The kind of a value an identifier was initialised with. */
function valueKind(value: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  const type = value.type;
  if (type === 'composite_literal') {
    const literalType = value.childForFieldName('type');
    return literalType && typeNodeKind(literalType, context) === 'code' ? 'code' : 'fixed';
  }
  if (type === 'call_expression') {
    const fn = value.childForFieldName('function');
    if (fn?.type === 'identifier' && fn.text === 'make' && isBuiltin(fn, facts)) {
      const [made, length] = callArguments(value);
      if (!made) return 'unknown';
      const kind = typeNodeKind(made, context);
      // `make([]T, n)` ranged over is `for range n`, unless n is `len(…)`.
      return kind === 'data' && length && made.type === 'slice_type' && !lenDerived(length, facts) ? 'sized' : kind;
    }
  }
  if (LITERALS.has(type)) return type === 'int_literal' ? 'int' : 'fixed';
  return 'unknown';
}

function typeNodeKind(type: Node, context: RuleContext): RangeKind {
  switch (type.type) {
    case 'slice_type':
      return funcType(type.childForFieldName('element')?.text ?? '', context) ? 'code' : 'data';
    case 'map_type':
      return 'data';
    case 'array_type':
      return 'fixed';
    case 'channel_type':
      return 'channel';
    case 'type_identifier':
      return namedKind(type.text, context);
    case 'pointer_type':
      return type.namedChild(0)?.type === 'array_type' ? 'fixed' : 'unknown';
    case 'parenthesized_type':
      return type.namedChild(0) ? typeNodeKind(type.namedChild(0)!, context) : 'unknown';
    default:
      return 'unknown';
  }
}

function typeRefKind(type: TypeRef | undefined, context: RuleContext, depth = 0): RangeKind {
  if (!type || depth > 4) return 'unknown';
  if (type.pkg === '' && type.name && !type.pointer) return namedKind(type.name, context, depth);
  return typeTextKind(type.text, context);
}

function namedKind(name: string, context: RuleContext, depth = 0): RangeKind {
  if (INTEGER_TYPES.has(name)) return 'int';
  if (name === 'string') return 'data';
  const underlying = context.index.namedType(name);
  return underlying ? typeRefKind(underlying, context, depth + 1) : 'unknown';
}

function typeTextKind(text: string, context: RuleContext): RangeKind {
  const type = text.trim();
  if (type.startsWith('[]')) return funcType(type.slice(2), context) ? 'code' : 'data';
  if (type.startsWith('map[')) return 'data';
  if (/^\[[^\]]+\]/.test(type)) return 'fixed';
  if (/^(<-\s*)?chan\b/.test(type)) return 'channel';
  if (INTEGER_TYPES.has(type)) return 'int';
  return 'unknown';
}

/** `func(…)`, or a type of this package declared as one (`type Hook func()`). */
function funcType(text: string, context: RuleContext): boolean {
  const type = text.trim();
  if (/^func\b/.test(type)) return true;
  return /^\w+$/.test(type) && /^func\b/.test(context.index.namedType(type)?.text.trim() ?? '');
}
