// Which loop variables a func literal reads: identifiers in its body that resolve to a range
// variable or the counter of a three-clause loop, declared with `:=`.
import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration } from '../../core/scope';
import { walk } from '../../core/syntax';

export interface Capture {
  /** The variable's name. */
  name: string;
  /** The first use inside the literal. */
  use: Node;
  /** The loop that declares the variable. */
  loop: Node;
  kind: 'range' | 'counter';
}

const IDENTIFIERS: ReadonlySet<string> = new Set(['identifier']);

export function loopVariablesRead(literal: Node): Capture[] {
  const body = literal.childForFieldName('body');
  if (!body) return [];
  const found = new Map<number, Capture>();
  walk(body, (node) => {
    if (node.type !== 'identifier' || !isRead(node)) return;
    const declaration = findLocalDeclaration(node);
    if (!declaration) return;
    let loop: Node | null = null;
    let kind: Capture['kind'] = 'range';
    if (declaration.kind === 'range' && declaration.node.type === 'range_clause') {
      loop = declaration.node.parent;
    } else if (declaration.kind === 'short' && declaration.node.parent?.type === 'for_clause') {
      const clause = declaration.node.parent;
      if (clause.childForFieldName('initializer')?.equals(declaration.node)) {
        loop = clause.parent;
        kind = 'counter';
      }
    }
    if (loop?.type !== 'for_statement') return;
    const key = declaration.name.id;
    if (!found.has(key)) found.set(key, { name: node.text, use: node, loop, kind });
  }, IDENTIFIERS);
  return [...found.values()];
}

/**
 * False for identifiers that declare a name or are only written: parameter and variable names,
 * the left side of `:=` and of a plain `=`, and the keys of composite literals (field names
 * there parse as identifiers, so `T{v: 1}` is not a use of `v`).
 */
function isRead(identifier: Node): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
    case 'var_spec':
    case 'const_spec':
      return !parent.childrenForFieldName('name').some((name) => name?.equals(identifier));
    case 'literal_element':
      return parent.parent?.type !== 'keyed_element' || !parent.parent.child(0)?.equals(parent);
    case 'expression_list': {
      const owner = parent.parent;
      if (!owner || !owner.childForFieldName('left')?.equals(parent)) return true;
      if (owner.type === 'short_var_declaration' || owner.type === 'range_clause' || owner.type === 'receive_statement') return false;
      if (owner.type === 'assignment_statement') return owner.childForFieldName('operator')?.text !== '=';
      return true;
    }
    default:
      return true;
  }
}
