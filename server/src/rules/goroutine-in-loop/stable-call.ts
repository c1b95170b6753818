// Whether `go f(x)` may become `go func() { …; f(x) }()`: every value the call reads is the same in the goroutine.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import type { Declaration } from '../../core/scope';
import { callArguments, enclosingFunction, unparen } from '../../core/syntax';
import { isBuiltin, localDeclaration, type FunctionFacts } from './analysis';
import { INTEGER_TYPES, LITERALS } from './loop-driver';
import { mutations } from './writes';

const BUILTIN_FUNCTIONS = new Set(['close', 'delete', 'copy', 'clear', 'panic', 'print', 'println']);

const CONVERSIONS = new Set([...INTEGER_TYPES, 'float32', 'float64', 'bool']);

/** Where the go statement and its loops are: byte ranges, read once. */
interface Place {
  goStart: number;
  goEnd: number;
  loops: Array<{ start: number; end: number }>;
}

/**
 * A go statement evaluates the function value and the arguments at once, in the loop; a func
 * literal evaluates them later, in the goroutine. The two agree when every variable involved
 * keeps its value from the go statement on (it is per-iteration, or never written after it)
 * and no call or receive is involved. Reading through a variable (`xs[i]`, `p.Name`) also
 * needs the variable not to be handed to a call that could change what it refers to.
 */
export function stableCall(call: Node, go: Node, loops: Node[], facts: FunctionFacts, context: RuleContext): boolean {
  const place: Place = { goStart: go.startIndex, goEnd: go.endIndex, loops: loops.map((loop) => ({ start: loop.startIndex, end: loop.endIndex })) };
  const fn = unparen(call.childForFieldName('function')!);
  const type = fn.type;
  let callee: boolean;
  if (type === 'identifier') {
    const declaration = localDeclaration(fn, facts);
    callee = declaration ? stableDeclaration(declaration, place, facts, context, false) : !!context.index.func(fn.text) || BUILTIN_FUNCTIONS.has(fn.text);
  } else if (type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    callee = !!context.types.qualified(fn) || (!!operand && stableExpression(operand, place, facts, context, false));
  } else {
    callee = false;
  }
  return callee && callArguments(call).every((argument) => stableExpression(argument, place, facts, context, false));
}

/** `reads`: the value is read through the expression (a field, an element), not just copied. */
function stableExpression(expression: Node, place: Place, facts: FunctionFacts, context: RuleContext, reads: boolean): boolean {
  const node = unparen(expression);
  const type = node.type;
  if (LITERALS.has(type) || type === 'func_literal') return true;
  const stable = (child: Node | null, childReads = reads): boolean => !!child && stableExpression(child, place, facts, context, childReads);
  switch (type) {
    case 'identifier': {
      const declaration = localDeclaration(node, facts);
      if (declaration) return stableDeclaration(declaration, place, facts, context, reads);
      return unchangeable(node.text, context);
    }
    case 'selector_expression':
      return !!context.types.qualified(node) || stable(node.childForFieldName('operand'), true);
    case 'unary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      const operand = node.childForFieldName('operand');
      if (operator === '&') {
        if (!operand) return false;
        const target = unparen(operand);
        return target.type === 'identifier' ? !!localDeclaration(target, facts) : stable(operand, false);
      }
      return ['-', '+', '!', '^'].includes(operator) && stable(operand);
    }
    case 'binary_expression':
      return stable(node.childForFieldName('left')) && stable(node.childForFieldName('right'));
    case 'index_expression':
      return stable(node.childForFieldName('operand'), true) && stable(node.childForFieldName('index'), false);
    case 'slice_expression':
      return node.namedChildren.every((child) => !child || child.type === 'comment' || stable(child, false));
    case 'variadic_argument':
      return stable(node.namedChild(0), false);
    case 'composite_literal':
      return literalElementsStable(node, (child) => stable(child, false));
    case 'call_expression': {
      // Numeric conversions copy a number; anything else may do work or read shared memory.
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'identifier' || !CONVERSIONS.has(fn.text) || !isBuiltin(fn, facts)) return false;
      const args = callArguments(node);
      return args.length === 1 && stable(args[0], false);
    }
    default:
      return false;
  }
}

/**
 * A package-level name that no code can change: a function, a constant or a type. The index
 * knows every package-level variable of the package; a dot import could bring in more.
 */
function unchangeable(name: string, context: RuleContext): boolean {
  if (context.index.func(name)) return true;
  return !context.index.packageVar(name) && context.index.imports(context.file.uri)?.dotImports.length === 0;
}

/** The values of a composite literal (and the keys of a map literal) are all stable. */
function literalElementsStable(literal: Node, stable: (node: Node) => boolean): boolean {
  const type = literal.childForFieldName('type');
  const body = literal.childForFieldName('body');
  if (!body) return false;
  const keysAreValues = type?.type === 'map_type';
  const element = (node: Node): boolean => {
    const inner = node.namedChild(0);
    if (!inner) return true;
    return inner.type === 'literal_value' ? values(inner) : stable(inner);
  };
  const values = (list: Node): boolean =>
    list.namedChildren.every((child) => {
      if (!child) return true;
      const childType = child.type;
      if (childType === 'comment') return true;
      if (childType === 'keyed_element') {
        const [key, value] = child.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
        if (!key || !value) return false;
        const keyOk = !keysAreValues && key.namedChild(0)?.type === 'identifier' ? true : element(key);
        return keyOk && element(value);
      }
      return childType === 'literal_element' ? element(child) : false;
    });
  return values(body);
}

/**
 * A local keeps its value from the go statement on unless it is written after the statement,
 * or in a loop around the statement that the variable outlives, or inside another func literal
 * that may run at any time. With `reads`, being handed to a call counts as a write.
 */
function stableDeclaration(declaration: Declaration, place: Place, facts: FunctionFacts, context: RuleContext, reads: boolean): boolean {
  if (declaration.kind === 'const') return true;
  if (context.index.goAtLeast(1, 22) === false && isLoopClause(declaration)) return false;
  const writes = mutations(declaration, facts, reads).filter((node) => node.startIndex < place.goStart || node.startIndex >= place.goEnd);
  if (writes.length === 0) return true;
  const home = enclosingFunction(declaration.name);
  const declared = declaration.name.startIndex;
  for (const write of writes) {
    if (write.startIndex >= place.goEnd) return false;
    if (!sameNode(enclosingFunction(write), home)) return false;
    for (const loop of place.loops) {
      const inLoop = (at: number) => at >= loop.start && at < loop.end;
      if (inLoop(write.startIndex) && !inLoop(declared)) return false;
    }
  }
  return true;
}

/** Whether the name is declared by a range clause or a three-clause loop's initializer. */
function isLoopClause(declaration: Declaration): boolean {
  return declaration.kind === 'range' || declaration.node.parent?.type === 'for_clause';
}

function sameNode(a: Node | null, b: Node | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
