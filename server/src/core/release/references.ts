// Finds the uses of a resource variable in its function, resolving shadowing and reuse by `:=`,
// and keeps those that can see the value the binding assigns.
import type { Node, Tree } from 'web-tree-sitter';
import { declarationIn, findLocalDeclaration, type Declaration } from '../scope';
import { varDeclarationOf, type Binding } from './binding';
import { occurrencesIn, type Occurrence } from './occurrences';
import { usesOfValue } from './value';

export type { Occurrence } from './occurrences';

/**
 * The uses of the value the binding assigns (rows, a response, a span) in the function's body,
 * or undefined when the variable outlives the function: a named result, a package variable or a
 * variable of an enclosing function. Uses of other values the same variable holds are left out
 * (see `usesOfValue`); the assignment that replaces this value on every path is marked.
 */
export function referencesOf(binding: Binding, name: string, fn: Node, body: Node, tree: Tree): Occurrence[] | undefined {
  const uses = variableReferences(binding, name, fn, body, tree);
  return uses && usesOfValue(binding.statement, uses, fn);
}

/** The uses of the variable the binding assigns, whatever value it holds at each. */
function variableReferences(binding: Binding, name: string, fn: Node, body: Node, tree: Tree): Occurrence[] | undefined {
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

