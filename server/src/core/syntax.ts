import type { Node } from 'web-tree-sitter';
import { checkBudget } from './budget';

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The nearest function (declaration, method or literal) that contains the node. */
export function enclosingFunction(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return null;
}

let visits = 0;

/**
 * Visits every named descendant in source order. Return `false` from the visitor to skip a
 * subtree (for example a nested func literal, whose body runs at another time). With `only`, the
 * visitor sees just the nodes of those types (the others are entered all the same): a node object
 * is made for each node visited, which is most of a walk's cost. Rules walk subtrees the input
 * decides the size of, so a walk stops the analysis of a file past its budget.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void, only?: ReadonlySet<string>): void {
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    let depth = 1;
    for (;;) {
      if ((++visits & 1023) === 0) checkBudget();
      const enter = !cursor.nodeIsNamed || (only !== undefined && !only.has(cursor.nodeType)) || visit(cursor.currentNode) !== false;
      if (enter && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (--depth === 0 || !cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Descendants of the given types in source order, optionally not entering func literals. */
export function findAll(node: Node, types: ReadonlySet<string> | string, options: { skipFuncLiterals?: boolean } = {}): Node[] {
  const wanted = typeof types === 'string' ? new Set([types]) : types;
  const found: Node[] = [];
  walk(node, (child) => {
    if (wanted.has(child.type)) found.push(child);
    if (options.skipFuncLiterals && child.type === 'func_literal') return false;
    return undefined;
  });
  return found;
}

/** Callee of a call as `qualifier.name` parts: `sql.Open` → ['sql', 'Open'], `f` → [undefined, 'f']. */
export function calleeParts(call: Node): { operand: Node | null; name: string } | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return { operand: null, name: fn.text };
  if (fn.type === 'selector_expression') {
    const field = fn.childForFieldName('field');
    return field ? { operand: fn.childForFieldName('operand'), name: field.text } : undefined;
  }
  return undefined;
}

/** The name a method declaration gives its receiver (`s` in `func (s *Store) …`). */
export function receiverName(declaration: Node): string | undefined {
  if (declaration.type !== 'method_declaration') return undefined;
  const param = declaration.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  return param?.childForFieldName('name')?.text;
}

export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [];
}

/** Strips parentheses around an expression. */
export function unparen(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChild(0)) current = current.namedChild(0)!;
  return current;
}

export function isTestFile(uri: string): boolean {
  return uri.endsWith('_test.go');
}

/** English words that end in "test" but name no test helper. */
const NOT_TEST_HELPERS = new Set(['latest', 'contest', 'attest', 'protest', 'detest']);

/**
 * A package that exists to serve tests, named the way Go names them (`httptest`, `iotest`,
 * `fstest`) or the way projects do (`testutil`): its servers, clients and goroutines live as
 * long as a test.
 */
export function isTestSupportPackage(packageName: string): boolean {
  if (TEST_HELPER_PACKAGE.test(packageName)) return true;
  return packageName.length > 4 && packageName.endsWith('test') && !NOT_TEST_HELPERS.has(packageName);
}

/** `testutil`, `testutils`, `testhelpers`, `testenv`…: packages named for the tests they serve. */
const TEST_HELPER_PACKAGE = /^test_?(util|utils|helper|helpers|kit|support|env|server|fixture|fixtures|ing)$/;

const IDENTIFIER = new Set(['identifier']);

/**
 * The identifiers spelled `name` in `fn`, found from its text; with `types`, the nodes of those
 * types instead (`field_identifier` too, for a field's name after a selector's dot).
 */
export function identifiersNamed(fn: Node, name: string, types: ReadonlySet<string> = IDENTIFIER): Node[] {
  const found: Node[] = [];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(String.raw`(?<![\p{L}\p{Nd}_])${escaped}(?![\p{L}\p{Nd}_])`, 'gu');
  for (const hit of fn.text.matchAll(pattern)) {
    const start = fn.startIndex + hit.index;
    const node = fn.descendantForIndex(start, start + name.length);
    if (node && node.startIndex === start && types.has(node.type)) found.push(node);
  }
  return found;
}

/** The for statements around a node inside its own function, innermost first. */
export function enclosingLoops(node: Node): Node[] {
  const loops: Node[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) {
    const type = parent.type;
    if (FUNCTION_TYPES.has(type)) break;
    if (type === 'for_statement') loops.push(parent);
  }
  return loops;
}
