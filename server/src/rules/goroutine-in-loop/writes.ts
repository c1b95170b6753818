// Where a declaration's locals are written or handed to calls, collected once per top-level declaration.
import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration, type Declaration } from '../../core/scope';
import { unparen } from '../../core/syntax';
import { compiledQuery, isBuiltin, type FunctionFacts } from './analysis';

export interface Write {
  root: Node;
  /** The variable itself is written (or its address taken), not an element or a field. */
  whole: boolean;
  /** Only passed to a call (or the receiver of a method call), not assigned. */
  passed: boolean;
}

/** The first patterns capture a written expression; the rest capture calls. */
const WRITE_PATTERNS = 7;
const WRITES_QUERY = `
(assignment_statement left: (expression_list (_) @write))
(short_var_declaration left: (expression_list (_) @write))
(receive_statement left: (expression_list (_) @write))
(range_clause left: (expression_list (_) @write))
(inc_statement (_) @write)
(dec_statement (_) @write)
(unary_expression operator: "&" operand: (_) @write)
(call_expression function: (_) @callee arguments: (argument_list (_) @argument))
(call_expression function: (selector_expression operand: (_) @receiver))
`;

/**
 * Where a local is assigned, incremented, redeclared or has its address taken; with `passed`,
 * also where it is an argument of a call or the receiver of a method call; with `wholeOnly`,
 * only where the variable itself is written, not one of its elements or fields.
 */
export function mutations(declaration: Declaration, facts: FunctionFacts, passed = false, wholeOnly = false): Node[] {
  const found: Node[] = [];
  for (const write of writesOf(facts).get(declaration.name.text) ?? []) {
    if ((write.passed && !passed) || (wholeOnly && !write.whole)) continue;
    if (write.root.equals(declaration.name)) continue;
    const resolved = findLocalDeclaration(write.root);
    if (resolved && resolved.name.equals(declaration.name)) found.push(write.root);
  }
  return found;
}

/** Every write (and, marked `passed`, every hand-over) in the declaration, by variable name. */
function writesOf(facts: FunctionFacts): Map<string, Write[]> {
  if (facts.writes) return facts.writes;
  const writes = new Map<string, Write[]>();
  const add = (target: Node, passed: boolean) => {
    const inner = unparen(target);
    const root = rootIdentifier(inner);
    if (!root) return;
    const name = root.text;
    const write = { root, passed, whole: root.id === inner.id };
    const list = writes.get(name);
    if (list) list.push(write);
    else writes.set(name, [write]);
  };
  for (const match of compiledQuery(facts.node.tree.language, WRITES_QUERY).matches(facts.node)) {
    const captures = match.captures;
    if (match.patternIndex < WRITE_PATTERNS) {
      add(captures[0].node, false);
      continue;
    }
    // A call: its arguments (unless the callee only reads them), or its receiver.
    const callee = captures.find((c) => c.name === 'callee')?.node;
    const argument = captures.find((c) => c.name === 'argument')?.node;
    const receiver = captures.find((c) => c.name === 'receiver')?.node;
    if (argument && callee && !readOnlyBuiltin(callee, facts)) add(argument, true);
    if (receiver && unparen(receiver).type === 'identifier') add(receiver, true);
  }
  facts.writes = writes;
  return writes;
}

/** `len(xs)`, `cap(xs)`, `min(…)`, `max(…)` only read their arguments. */
function readOnlyBuiltin(callee: Node, facts: FunctionFacts): boolean {
  return callee.type === 'identifier' && ['len', 'cap', 'min', 'max'].includes(callee.text) && isBuiltin(callee, facts);
}

/** The variable an expression is rooted in: `xs` in `xs[i].name`, `p` in `*p`. */
function rootIdentifier(expression: Node): Node | undefined {
  let node = unparen(expression);
  for (;;) {
    const type = node.type;
    if (type === 'identifier') return node;
    if (type === 'selector_expression' || type === 'index_expression' || type === 'slice_expression' || type === 'unary_expression') {
      const next = node.childForFieldName('operand');
      if (!next) return undefined;
      node = unparen(next);
      continue;
    }
    return undefined;
  }
}
