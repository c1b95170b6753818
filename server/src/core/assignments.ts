// The values a local variable receives, and the places it is read, before a given point of its function.
import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration, type Declaration } from './scope';
import { FUNCTION_TYPES, walk } from './syntax';

/** One way a local variable gets a value: its declaration or a later assignment. */
export interface Assignment {
  /** The value expression; for `a, b := f()` the call; absent for `var q string`. */
  value?: Node;
  /** `=` for plain assignments and declarations, `+=` for appends to the string. */
  operator: '=' | '+=';
  /**
   * The variable is one of several targets of a single call (`line, err := r.ReadString('\n')`),
   * at this position: only the first result of a library call is its text.
   */
  resultIndex?: number;
}

/**
 * Every value the variable declared by `declaration` receives before `use` in its function:
 * the declaration's own value and each `name = …` / `name += …` that refers to the same
 * declaration (a shadowing variable of the same name is someone else).
 */
export function assignmentsBefore(declaration: Declaration, use: Node): Assignment[] {
  const found: Assignment[] = [];
  const names = declaration.node.type === 'short_var_declaration' ? declaration.node.childForFieldName('left')?.namedChildCount ?? 1 : 1;
  if (declaration.kind === 'var' || declaration.kind === 'short') {
    const { values, index } = declaration;
    const spec = declaration.node.type === 'var_spec' ? declaration.node.childrenForFieldName('name').length : names;
    if (values.length === 0) found.push({ operator: '=' });
    else if (values.length === 1 && spec > 1) found.push({ value: values[0], operator: '=', resultIndex: index });
    else if (values[index]) found.push({ value: values[index], operator: '=' });
  }
  let scope: Node | null = declaration.node;
  while (scope && !FUNCTION_TYPES.has(scope.type)) scope = scope.parent;
  const body = scope?.childForFieldName('body');
  if (!body) return found;
  walk(body, (node) => {
    if (node.startIndex >= use.startIndex) return false;
    if (node.type !== 'assignment_statement') return undefined;
    const operator = node.childForFieldName('operator')?.type;
    const left = listOf(node.childForFieldName('left'));
    const right = listOf(node.childForFieldName('right'));
    left.forEach((target, i) => {
      if (target.type !== 'identifier' || target.text !== declaration.name.text) return;
      if (!findLocalDeclaration(target)?.name.equals(declaration.name)) return;
      if (right.length === left.length) found.push({ value: right[i], operator: operator === '+=' ? '+=' : '=' });
      else found.push({ value: right.length === 1 ? right[0] : undefined, operator: '=', resultIndex: i });
    });
    return undefined;
  });
  return found;
}

function listOf(node: Node | null): Node[] {
  if (!node) return [];
  return node.type === 'expression_list' ? node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [node];
}

/** Every identifier in the function of `declaration` that refers to it, before `use`. */
export function referencesBefore(declaration: Declaration, use: Node): Node[] {
  let scope: Node | null = declaration.node;
  while (scope && !FUNCTION_TYPES.has(scope.type)) scope = scope.parent;
  const body = scope?.childForFieldName('body');
  const found: Node[] = [];
  if (!body) return found;
  walk(body, (node) => {
    if (node.startIndex >= use.startIndex) return false;
    if (node.type === 'identifier' && node.text === declaration.name.text && !node.equals(declaration.name)) {
      if (findLocalDeclaration(node)?.name.equals(declaration.name)) found.push(node);
    }
    return undefined;
  });
  return found;
}
