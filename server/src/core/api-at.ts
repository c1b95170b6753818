import type { Node, Tree } from 'web-tree-sitter';
import type { TypeRef } from './go-types';
import { KNOWN_EMBEDS } from './known-apis';
import type { PackageIndex } from './package-index';
import type { Position } from './text';
import type { TypeResolver } from './type-resolver';

export interface ApiAt {
  /** Every name the API goes by, most specific first: `net/http.Server`, `database/sql.DB.Query`. */
  names: string[];
  /** The identifier under the cursor. */
  node: Node;
}

/**
 * The library API named at a position: a package member (`http.Server`, `sql.Open`) resolved
 * through the file's imports, or a method whose receiver type the resolver knows (`db.Query`
 * on a `*sqlx.DB` field is also `database/sql.DB.Query`, since sqlx embeds it).
 */
export function apiAt(tree: Tree, position: Position, types: TypeResolver, index: PackageIndex): ApiAt | undefined {
  const node = tree.rootNode.descendantForPosition({ row: position.line, column: position.character });
  if (!node || (node.type !== 'field_identifier' && node.type !== 'type_identifier')) return undefined;
  const parent = node.parent;
  if (!parent || !parent.childForFieldName(parent.type === 'qualified_type' ? 'name' : 'field')?.equals(node)) return undefined;
  if (parent.type === 'qualified_type') {
    const qualified = types.qualified(parent);
    return qualified && { names: [`${qualified.path}.${qualified.name}`], node };
  }
  if (parent.type !== 'selector_expression') return undefined;
  const qualified = types.qualified(parent);
  if (qualified) return { names: [`${qualified.path}.${qualified.name}`], node };
  const operand = parent.childForFieldName('operand');
  const receiver = operand && types.typeOf(operand);
  if (!receiver) return undefined;
  const names = ownersOf(receiver, index).map((owner) => `${owner}.${node.text}`);
  return names.length > 0 ? { names, node } : undefined;
}

/** `path.Type` for a type and every library type it embeds, directly or through local structs. */
function ownersOf(type: TypeRef, index: PackageIndex, seen = new Set<string>()): string[] {
  if (!type.name) return [];
  const key = `${type.pkg}.${type.name}`;
  if (seen.has(key)) return [];
  seen.add(key);
  if (type.pkg) return [key, ...(KNOWN_EMBEDS[key] ?? []).flatMap((embedded) => ownersOf(embedded, index, seen))];
  return (index.struct(type.name)?.embedded ?? []).flatMap((embedded) => ownersOf(embedded, index, seen));
}
