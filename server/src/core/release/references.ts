// Finds the uses of a resource variable in its function, resolving shadowing and reuse by `:=`.
import type { Node, Tree } from 'web-tree-sitter';
import { declarationIn, findLocalDeclaration, type Declaration } from '../scope';
import { varDeclarationOf, type Binding } from './binding';
import { word } from './patterns';

/** Nodes whose identifier children are names being declared. */
const DECLARING_PARENTS = new Set(['var_spec', 'const_spec', 'parameter_declaration', 'variadic_parameter_declaration', 'type_parameter_declaration']);

/** An identifier spelled like the rows variable inside the function. */
export interface Occurrence {
  node: Node;
  parent: Node;
  start: number;
  /** The identifier is a name being declared: by `:=` (which may reuse a variable), or otherwise. */
  declares?: 'short' | 'other';
}

let occurrenceTree: Tree | undefined;
const occurrenceMemo = new Map<string, Occurrence[]>();

/**
 * The identifiers named `name` in `fn`, found by searching its text rather than walking its tree;
 * kept for the other queries of the same function while the tree is the same.
 */
function occurrencesIn(fn: Node, name: string, tree: Tree): Occurrence[] {
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

/**
 * The uses of the rows variable in the function's body, or undefined when the variable outlives
 * the function: a named result, a package variable or a variable of an enclosing function.
 */
export function referencesOf(binding: Binding, name: string, fn: Node, body: Node, tree: Tree): Occurrence[] | undefined {
  const { target } = binding;
  const occurrences = occurrencesIn(fn, name, tree);
  const declaring = occurrences.filter((o) => o.declares);
  const bodyStart = body.startIndex;
  // One declaration of the name in the function and a plain scope: no need to resolve each use.
  let scope: [number, number] | undefined;
  if (binding.kind !== 'assign') {
    if (declaring.length === 1 && declaring[0].start === target.startIndex) scope = blockScope(binding.declarer!.endIndex, binding.statement);
  } else if (declaring.length === 0 || (declaring.length === 1 && declaring[0].start > target.startIndex)) {
    return undefined; // declared outside the function
  } else if (declaring.length === 1) {
    scope = declarationScope(declaring[0]);
    if (scope && (target.startIndex < scope[0] || target.startIndex >= scope[1])) return undefined;
  }
  if (scope) {
    const [from, to] = scope;
    return occurrences.filter((o) => !o.declares && o.start >= from && o.start < to && o.start !== target.startIndex);
  }
  const keys = variableKeys(binding, fn, body);
  if (!keys) return undefined;
  // Only `:=` can reuse the variable; any other declaration makes a new one.
  return occurrences.filter(
    (o) => o.start >= bodyStart && o.start !== target.startIndex && o.declares !== 'other' && keys.has(findLocalDeclaration(o.node)?.name.id ?? -1),
  );
}

/** Where a variable declared by `var` or `:=` is visible, when that is a plain block or clause. */
function declarationScope(occurrence: Occurrence): [number, number] | undefined {
  const { parent } = occurrence;
  if (parent.type === 'var_spec') {
    const declaration = varDeclarationOf(parent);
    return declaration?.type === 'var_declaration' ? blockScope(parent.endIndex, declaration) : undefined;
  }
  const statement = parent.type === 'expression_list' ? parent.parent : null;
  return statement?.type === 'short_var_declaration' ? blockScope(statement.endIndex, statement) : undefined;
}

/** From `from` to the end of the block or clause `statement` is directly in, if it is one. */
function blockScope(from: number, statement: Node): [number, number] | undefined {
  const container = statement.parent;
  switch (container?.type) {
    case 'statement_list':
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement':
      return [from, container.endIndex];
    default:
      return undefined;
  }
}

/**
 * The declarations (by the id of their name node) the rows variable may be known by inside the
 * function, or undefined when the variable outlives the function: a named result, a package
 * variable or a variable of an enclosing function.
 */
function variableKeys(binding: Binding, fn: Node, body: Node): Set<number> | undefined {
  const { target, statement, kind } = binding;
  const keys = new Set<number>();
  const prior = findLocalDeclaration(target);
  const inFunction = (node: Node) => node.startIndex >= fn.startIndex && node.startIndex < fn.endIndex;
  if (kind === 'assign') {
    if (!prior || prior.kind === 'result' || !inFunction(prior.node)) return undefined;
    keys.add(prior.name.id);
    return keys;
  }
  const own = declarationIn(statement, target.text);
  if (!own) return undefined;
  keys.add(own.name.id);
  // `rows, err := …` reuses a variable of the same scope; count its uses too. One of an outer
  // scope is another variable, shadowed here.
  if (kind === 'short' && prior && inFunction(prior.node)) {
    if (prior.kind === 'result') return undefined;
    if (sameScope(prior, statement, fn, body)) keys.add(prior.name.id);
  }
  return keys;
}

/** True when `prior` is declared in the block that `statement` is directly in. */
function sameScope(prior: Declaration, statement: Node, fn: Node, body: Node): boolean {
  const list = statement.parent;
  if (list?.type !== 'statement_list') return false;
  switch (prior.kind) {
    case 'short':
      return prior.node.parent?.equals(list) ?? false;
    case 'var':
      return varDeclarationOf(prior.node)?.parent?.equals(list) ?? false;
    case 'param':
    case 'receiver':
      // Parameters live in the function's outermost block.
      return (prior.node.parent?.parent?.equals(fn) ?? false) && (list.parent?.equals(body) ?? false);
    default:
      return false;
  }
}

