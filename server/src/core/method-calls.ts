import type { Node, QueryCapture, QueryMatch } from 'web-tree-sitter';

/**
 * The one query pattern that finds the method calls of every rule (see `Rule.methods`); the
 * analyzer routes each by its name. Only what routing needs is captured.
 */
export const METHOD_CALL_PATTERN = '(call_expression function: (selector_expression field: (field_identifier) @method)) @call\n';

/**
 * A method call as a rule sees it: the captures a rule's own pattern would have had, each read
 * from the tree only when the rule asks for it (most calls are dismissed on the name alone).
 */
export function methodCallMatch(call: Node, method: Node): QueryMatch {
  let selector: Node | null | undefined;
  const callee = () => (selector === undefined ? (selector = call.childForFieldName('function')) : selector);
  const lazy = (name: string, read: () => Node | null | undefined): QueryCapture => {
    let node: Node | null | undefined;
    return {
      patternIndex: 0,
      name,
      get node() {
        return (node ??= read()) as Node;
      },
    };
  };
  return {
    patternIndex: 0,
    captures: [
      { patternIndex: 0, name: 'call', node: call },
      { patternIndex: 0, name: 'method', node: method },
      lazy('callee', callee),
      lazy('operand', () => callee()?.childForFieldName('operand')),
      lazy('arguments', () => call.childForFieldName('arguments')),
    ],
  };
}

/**
 * Where a call stands, in the places the resource rules follow: alone as a statement (nothing
 * else set), or as the whole right-hand side of `x, err := call`, `x, err = call` (`statement`,
 * any assignment operator) or `var x, err = call` (`spec`), with `names` the left-hand side.
 * Undefined anywhere else (returned, passed on, part of an expression).
 */
export interface CallSite {
  statement?: Node;
  spec?: Node;
  names: Node[];
}

export function callSite(call: Node): CallSite | undefined {
  const parent = call.parent;
  if (parent?.type === 'expression_statement') return { names: [] };
  if (parent?.type !== 'expression_list' || parent.namedChildCount !== 1) return undefined;
  const holder = parent.parent;
  if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
    const left = holder.childForFieldName('left');
    if (!left || !holder.childForFieldName('right')?.equals(parent)) return undefined;
    return { statement: holder, names: left.namedChildren.filter((n): n is Node => n !== null) };
  }
  if (holder?.type === 'var_spec' && holder.childForFieldName('value')?.equals(parent)) {
    return { spec: holder, names: holder.childrenForFieldName('name').filter((n): n is Node => n !== null) };
  }
  return undefined;
}
