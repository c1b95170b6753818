import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration } from '../../core/scope';
import { FUNCTION_TYPES, unparen, walk } from '../../core/syntax';

/**
 * The one value a local variable holds at `use`: its declaration's value, provided nothing
 * assigns the variable again before `use` (a later `path = "other"` is often the very
 * normalisation that bounds it). Undefined otherwise.
 */
export function singleValue(identifier: Node, use: Node): Node | undefined {
  const declaration = findLocalDeclaration(identifier);
  if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return undefined;
  const names = declaration.node.type === 'short_var_declaration' ? declaration.node.childForFieldName('left')?.namedChildCount ?? 1 : 1;
  const value = declaration.values.length === names ? declaration.values[declaration.index] : undefined;
  if (!value) return undefined;
  let scope: Node | null = declaration.node;
  while (scope && !FUNCTION_TYPES.has(scope.type)) scope = scope.parent;
  const body = scope?.childForFieldName('body');
  let reassigned = false;
  if (body) {
    walk(body, (node) => {
      if (reassigned || node.startIndex >= use.startIndex) return false;
      if (node.type !== 'assignment_statement' && node.type !== 'inc_statement') return undefined;
      const left = node.childForFieldName('left');
      const targets = left?.type === 'expression_list' ? left.namedChildren : [left];
      reassigned = targets.some((target) => target?.type === 'identifier' && target.text === identifier.text && findLocalDeclaration(target)?.name.equals(declaration.name));
      return undefined;
    });
  }
  return reassigned ? undefined : unparen(value);
}
