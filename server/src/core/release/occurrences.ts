// The identifiers spelled like a variable in a function, found from its text and kept while the
// tree is the same: the release rules ask for the same names several times per function.
import type { Node, Tree } from 'web-tree-sitter';
import { word } from './patterns';

/** Nodes whose identifier children are names being declared. */
const DECLARING_PARENTS = new Set(['var_spec', 'const_spec', 'parameter_declaration', 'variadic_parameter_declaration', 'type_parameter_declaration']);

/** An identifier spelled like the variable inside the function. */
export interface Occurrence {
  node: Node;
  parent: Node;
  start: number;
  /** The identifier is a name being declared: by `:=` (which may reuse a variable), or otherwise. */
  declares?: 'short' | 'other';
  /**
   * Set by `usesOfValue` on the target of the first assignment that replaces the value on every
   * path that goes on from its binding: the value must be released before that statement.
   */
  overwrites?: boolean;
}

let occurrenceTree: Tree | undefined;
const occurrenceMemo = new Map<string, Occurrence[]>();

/**
 * The identifiers named `name` in `fn`, found by searching its text rather than walking its tree;
 * kept for the other queries of the same function while the tree is the same.
 */
export function occurrencesIn(fn: Node, name: string, tree: Tree): Occurrence[] {
  if (occurrenceTree !== tree) {
    occurrenceTree = tree;
    occurrenceMemo.clear();
  }
  const key = `${fn.startIndex}:${name}`;
  const known = occurrenceMemo.get(key);
  if (known) return known;
  const found: Occurrence[] = [];
  const base = fn.startIndex;
  for (const hit of fn.text.matchAll(word(name))) {
    const start = base + hit.index;
    const node = fn.descendantForIndex(start, start + name.length);
    if (!node || node.startIndex !== start || node.type !== 'identifier') continue; // a field, a string, a comment
    const parent = node.parent;
    if (!parent) continue;
    found.push({ node, parent, start, declares: declarationKind(parent) });
  }
  occurrenceMemo.set(key, found);
  return found;
}

function declarationKind(parent: Node): Occurrence['declares'] {
  if (DECLARING_PARENTS.has(parent.type)) return 'other';
  // The left side of `:=` in a statement, a range clause, a type switch or a select case.
  if (parent.type !== 'expression_list' || parent.nextSibling?.type !== ':=') return undefined;
  return parent.parent?.type === 'short_var_declaration' ? 'short' : 'other';
}
