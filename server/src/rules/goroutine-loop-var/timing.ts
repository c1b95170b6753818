// Whether a closure still runs after its iteration is over, when the loop variable it reads has
// moved on. The analysis is of the statements that follow it in the same iteration.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import { walk } from '../../core/syntax';

/** Calls that cannot wait for a goroutine: builtins, conversions and a few pure packages. */
const BUILTINS = new Set(['len', 'cap', 'append', 'make', 'new', 'delete', 'copy', 'min', 'max', 'clear', 'string', 'int', 'int64', 'int32', 'uint', 'uint64', 'float64', 'byte', 'rune']);
const PURE_PACKAGES = new Set(['fmt', 'log', 'strings', 'strconv', 'errors', 'bytes', 'math', 'unicode/utf8']);

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/**
 * For a goroutine (or errgroup task) started in the body of `loop`: true when the rest of the
 * iteration neither leaves the loop nor does anything that could wait for the goroutine (a
 * call such as `wg.Wait()`, a channel operation, a select). Then the next iteration may
 * change the variable while the goroutine still reads it.
 */
export function goroutineOutlivesIteration(statement: Node, loop: Node, context: RuleContext): boolean {
  const body = loop.childForFieldName('body');
  let child = statement;
  for (let node = statement.parent; node && body && !node.equals(body); child = node, node = node.parent) {
    if (node.type === 'func_literal') return false;
    if (node.type === 'for_statement' && !node.equals(loop)) {
      // An inner loop's clauses run again before the outer variable changes.
      for (const clause of node.namedChildren) {
        if (clause && clause.type !== 'block' && mayWait(clause, context)) return false;
      }
    }
    if (node.type !== 'statement_list') continue;
    for (let next = child.nextNamedSibling; next; next = next.nextNamedSibling) {
      if (leavesLoop(next, loop)) return false;
      if (next.type === 'goto_statement' || mayWait(next, context)) return false;
    }
  }
  return Boolean(body);
}

/**
 * For a deferred closure in the body of `loop`: true unless the iteration leaves the loop right
 * after the defer (its block goes on to `return`, `panic` or a `break` out of the loop), in which
 * case the variable keeps the value the closure expects.
 */
export function deferOutlivesIteration(statement: Node, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  let child = statement;
  for (let node = statement.parent; node && body && !node.equals(body); child = node, node = node.parent) {
    if (node.type !== 'statement_list') continue;
    for (let next = child.nextNamedSibling; next; next = next.nextNamedSibling) {
      if (leavesLoop(next, loop)) return false;
    }
  }
  return Boolean(body);
}

/** `return`, `panic(…)`, or a `break` whose target is `loop` or a loop around it. */
function leavesLoop(statement: Node, loop: Node): boolean {
  if (statement.type === 'return_statement') return true;
  if (statement.type === 'expression_statement') {
    const call = statement.namedChild(0);
    return call?.type === 'call_expression' && call.childForFieldName('function')?.text === 'panic';
  }
  if (statement.type !== 'break_statement') return false;
  const label = statement.namedChild(0)?.text;
  let target: Node | null = statement.parent;
  if (label) {
    while (target && !(target.type === 'labeled_statement' && target.childForFieldName('label')?.text === label)) target = target.parent;
    const labelled = target?.namedChildren.find((n) => n?.type === 'for_statement');
    return Boolean(labelled && (labelled.equals(loop) || isAncestor(labelled, loop)));
  }
  while (target && !BREAK_TARGETS.has(target.type)) target = target.parent;
  return Boolean(target?.equals(loop));
}

function isAncestor(ancestor: Node, node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.equals(ancestor)) return true;
  return false;
}

/** Whether running `node` could block on, or synchronise with, another goroutine. */
function mayWait(node: Node, context: RuleContext): boolean {
  let waits = false;
  const visit = (current: Node): boolean | void => {
    if (waits || current.type === 'func_literal') return false;
    switch (current.type) {
      case 'send_statement':
      case 'select_statement':
        waits = true;
        return false;
      case 'unary_expression':
        if (current.child(0)?.type === '<-') waits = true;
        return undefined;
      case 'call_expression': {
        // The call of a go or defer statement does not run here; its arguments do.
        const owner = current.parent?.type;
        if (owner === 'go_statement' || owner === 'defer_statement') return undefined;
        if (!harmlessCall(current, context)) waits = true;
        return undefined;
      }
      default:
        return undefined;
    }
  };
  if (visit(node) !== false) walk(node, visit);
  return waits;
}

function harmlessCall(call: Node, context: RuleContext): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return BUILTINS.has(fn.text) && !context.types.declaration(fn) && !context.index.func(fn.text);
  const qualified = context.types.calledFunction(call);
  return qualified !== undefined && PURE_PACKAGES.has(qualified.path);
}
