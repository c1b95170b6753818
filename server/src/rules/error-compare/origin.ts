import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration } from '../../core/scope';
import { FUNCTION_TYPES, unparen, walk } from '../../core/syntax';

/**
 * The value a local variable last received before `use`, reading the function top to bottom:
 * its declaration's value or the latest `name = …` (for `n, err = r.Read(b)`, the call).
 * Undefined when the variable is not local or the value cannot be told.
 */
export function lastValueBefore(identifier: Node, use: Node): Node | undefined {
  const declaration = findLocalDeclaration(identifier);
  if (!declaration || !['short', 'var', 'param', 'result'].includes(declaration.kind)) return undefined;
  const { values, index } = declaration;
  let last: Node | undefined = values.length === 1 ? values[0] : values[index];
  let scope: Node | null = declaration.node;
  while (scope && !FUNCTION_TYPES.has(scope.type)) scope = scope.parent;
  const body = scope?.childForFieldName('body');
  if (!body) return last && unparen(last);
  walk(body, (node) => {
    if (node.startIndex >= use.startIndex) return false;
    // A closure's assignments run whenever it is called, not in the order they are written.
    if (node.type === 'func_literal') return false;
    if (node.type !== 'assignment_statement' || node.endIndex > use.startIndex) return undefined;
    const left = listOf(node.childForFieldName('left'));
    const right = listOf(node.childForFieldName('right'));
    const at = left.findIndex((target) => target.type === 'identifier' && target.text === identifier.text && findLocalDeclaration(target)?.name.equals(declaration.name));
    if (at !== -1) last = right.length === left.length ? right[at] : right.length === 1 ? right[0] : undefined;
    return undefined;
  });
  return last && unparen(last);
}

function listOf(node: Node | null): Node[] {
  if (!node) return [];
  return node.type === 'expression_list' ? node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [node];
}

/**
 * What `value` was computed by: the expression itself when it is a call (or, with `selectors`,
 * a field read such as GORM's `.Error`), else the last value its variable got before `use`.
 */
export function originOf(value: Node, use: Node, selectors = false): Node | undefined {
  const node = unparen(value);
  if (node.type === 'call_expression' || (selectors && node.type === 'selector_expression')) return node;
  return node.type === 'identifier' ? lastValueBefore(node, use) : undefined;
}
