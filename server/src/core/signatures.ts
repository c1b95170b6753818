// A function's signature for the package index, read with one tree cursor and the declaration's
// text. Every function and method of every file is read, so this avoids what the node API costs
// per node (an object for each, and a copy of its position in and out of WebAssembly): on the Go
// standard library, node objects were most of the summaries' allocations.
import type { Node, TreeCursor } from 'web-tree-sitter';
import type { Param, FuncSignature } from './file-summary';
import { typeFromNode, type QualifierResolver, type TypeRef } from './go-types';

const PARAMETERS = new Set(['parameter_declaration', 'variadic_parameter_declaration']);

/**
 * `*T`, `T`, `pkg.T`, `T[…]`, `*pkg.T[…]`: the shapes `typeFromNode` names, read from the text.
 * Anything else (`[]T`, `map[K]V`, `func(…)`, a comment inside) is left to the tree.
 */
const NAMED = /^(\*?)([\p{L}_][\p{L}\p{Nd}_]*)(?:\.([\p{L}_][\p{L}\p{Nd}_]*))?(\[[^]*\])?$/u;

/** Words that NAMED would take for a type's name: `map[K]V[…]` is a map. */
const NOT_NAMES = new Set(['map', 'chan', 'func', 'struct', 'interface']);

/**
 * `typeFromNode` for the node under the cursor, from its text (`text` starts at `offset` in the
 * file) when the text alone tells; from the node otherwise.
 */
function typeAt(cursor: TreeCursor, text: string, offset: number, resolve: QualifierResolver): TypeRef {
  const written = text.slice(cursor.startIndex - offset, cursor.endIndex - offset);
  const named = NAMED.exec(written);
  if (!named || NOT_NAMES.has(named[2])) return typeFromNode(cursor.currentNode, resolve);
  const [, star, first, second, typeArguments] = named;
  // `T[N]` is a generic type only where a type is expected, which is where we read it.
  if (typeArguments !== undefined && typeArguments.startsWith('[]')) return typeFromNode(cursor.currentNode, resolve);
  const pointer = star === '*';
  if (second === undefined) return { pkg: '', name: first, pointer, text: written };
  const pkg = resolve(first);
  return pkg === undefined ? { pointer, text: written } : { pkg, name: second, pointer, text: written };
}

/** The parameters of the parameter list under the cursor; the cursor is back on the list after. */
function paramsAt(cursor: TreeCursor, text: string, offset: number, resolve: QualifierResolver): Param[] {
  const params: Param[] = [];
  if (!cursor.gotoFirstChild()) return params;
  do {
    if (!PARAMETERS.has(cursor.nodeType) || !cursor.gotoFirstChild()) continue;
    const names: string[] = [];
    let type: TypeRef | undefined;
    do {
      const field = cursor.currentFieldName;
      if (field === 'name') names.push(text.slice(cursor.startIndex - offset, cursor.endIndex - offset));
      else if (field === 'type' && type === undefined) type = typeAt(cursor, text, offset, resolve);
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    if (!type) continue;
    if (names.length === 0) params.push({ type });
    for (const name of names) params.push({ name, type });
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return params;
}

/** The signature of a function or method declaration whose text is `text`; undefined without a name. */
export function readSignature(declaration: Node, text: string, resolve: QualifierResolver): FuncSignature | undefined {
  const offset = declaration.startIndex;
  const cursor = declaration.walk();
  try {
    let name: string | undefined;
    let params: Param[] = [];
    let receiver: TypeRef | undefined;
    let results: TypeRef[] = [];
    if (cursor.gotoFirstChild()) {
      do {
        switch (cursor.currentFieldName) {
          case 'name':
            name = text.slice(cursor.startIndex - offset, cursor.endIndex - offset);
            break;
          case 'parameters':
            params = paramsAt(cursor, text, offset, resolve);
            break;
          case 'receiver':
            receiver = paramsAt(cursor, text, offset, resolve)[0]?.type;
            break;
          case 'result':
            results = cursor.nodeType === 'parameter_list' ? paramsAt(cursor, text, offset, resolve).map((param) => param.type) : [typeAt(cursor, text, offset, resolve)];
            break;
        }
      } while (cursor.gotoNextSibling());
    }
    if (!name) return undefined;
    const signature: FuncSignature = { name, params, results };
    if (receiver) signature.receiver = receiver.name ?? receiver.text.replace(/^\*/, '');
    return signature;
  } finally {
    cursor.delete();
  }
}
