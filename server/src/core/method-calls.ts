import type { Node, QueryCapture, QueryMatch, TreeCursor } from 'web-tree-sitter';

/** A method call a rule asked for by name: the call, and its method's name node. */
export interface MethodCall {
  call: Node;
  method: Node;
}

/**
 * Matches any of `names` where it is followed by `(`: every call of a method of that name has this
 * shape (Go ends a statement at a line break after a name, so the `(` is on the same line; only a
 * comment between the two would hide a call).
 */
export function methodNamesPattern(names: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{Nd}_])(?:${[...names].sort().join('|')})(?=[ \\t]*\\()`, 'gu');
}

/**
 * The calls of a method named by `names` (from `methodNamesPattern`) between two offsets of the
 * text, in order: each place the name is written before a `(` that the tree shows is the field of a
 * selector being called (`x.Close()`, `pkg.Errorf(…)`), not a function, a comment or a string.
 * A query pattern for every method call found the same calls, but made a match object for each
 * of all the calls in a file; a file calls the methods rules ask for about once in twenty.
 *
 * The cursor goes forward from each name to the next (see `moveTo`): the caller makes it at the node
 * it analyses, and keeps it from one call to the next over later offsets. A search from the root
 * for each name (and `Node.parent`, which searches from the root too) made 10,000 nested calls
 * quadratic.
 */
export function methodCallsIn(cursor: TreeCursor, text: string, from: number, to: number, names: RegExp | undefined): MethodCall[] {
  const calls: MethodCall[] = [];
  if (!names) return calls;
  // The slice bounds the search: past `to`, the next name may be far away.
  const slice = text.slice(from, to);
  names.lastIndex = 0;
  for (let found = names.exec(slice); found; found = names.exec(slice)) {
    const start = from + found.index;
    const end = start + found[0].length;
    if (!moveTo(cursor, start, end)) break;
    if (cursor.nodeType !== 'field_identifier' || cursor.startIndex !== start || cursor.endIndex !== end) continue;
    const method = cursor.currentNode;
    // A selector's only place as a child of a call is its function.
    if (!cursor.gotoParent() || (cursor.nodeType as string) !== 'selector_expression' || !cursor.gotoParent() || (cursor.nodeType as string) !== 'call_expression') continue;
    calls.push({ call: cursor.currentNode, method });
  }
  return calls;
}

/**
 * Moves the cursor to the smallest node around `[start, end)`, forward from where it is (the
 * names come in order): on to later siblings, up only when they are used up, then down. Web-tree-sitter's
 * `gotoFirstChildForIndex` is not used: in 0.27 it moves to the first child whatever the index.
 * False when the tree has no such node.
 */
function moveTo(cursor: TreeCursor, start: number, end: number): boolean {
  while (cursor.startIndex > start || cursor.endIndex < end) {
    if (cursor.endIndex <= start && cursor.gotoNextSibling()) continue;
    if (!cursor.gotoParent()) return false;
  }
  while (cursor.gotoFirstChild()) {
    while (cursor.endIndex <= start && cursor.gotoNextSibling());
    if (cursor.startIndex > start || cursor.endIndex < end) {
      cursor.gotoParent();
      break;
    }
  }
  return true;
}

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
