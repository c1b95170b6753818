import type { Node } from 'web-tree-sitter';

/**
 * A type as the index knows it: a named type with the import path of its package, or just the
 * text of an unnamed one (maps, funcs, channels). One level of pointer is kept apart because
 * rules care whether a value is `*sql.DB` or `sql.DB` only rarely, and `**T` never.
 */
export interface TypeRef {
  /** Import path of the declaring package; '' for the package being analysed or a builtin. */
  pkg?: string;
  /** Name of the named type (`DB`, `Server`, `error`); absent for unnamed types. */
  name?: string;
  pointer: boolean;
  /** The type as written in the source. */
  text: string;
  /** Not written but read off the value (`var peers = []string{…}`): the value is a literal. */
  inferred?: boolean;
  /** A package variable initialised with text from outside the process (`var dsn = flag.String(…)`). */
  input?: boolean;
  /**
   * A package variable initialised with a call of a function of its own package (`pkg` '') or of
   * another (`var repo = store.NewRepo()`): what the function returns is what it holds.
   */
  madeBy?: { pkg: string; name: string };
}

/** Resolves the qualifier of `pkg.Name` to an import path, using one file's imports. */
export type QualifierResolver = (qualifier: string) => string | undefined;

export function typeFromNode(node: Node, resolve: QualifierResolver): TypeRef {
  const text = node.text;
  let pointer = false;
  let current: Node | null = node;
  if (current.type === 'pointer_type') {
    pointer = true;
    current = current.namedChild(0);
  }
  if (current?.type === 'generic_type') current = current.childForFieldName('type');
  if (!current) return { pointer, text };
  if (current.type === 'type_identifier') return { pkg: '', name: current.text, pointer, text };
  if (current.type === 'qualified_type') {
    const qualifier = current.childForFieldName('package')?.text ?? '';
    const name = current.childForFieldName('name')?.text;
    const pkg = resolve(qualifier);
    return pkg === undefined ? { pointer, text } : { pkg, name, pointer, text };
  }
  return { pointer, text };
}

export function isNamed(type: TypeRef | undefined, pkg: string, ...names: string[]): boolean {
  return type?.pkg === pkg && type.name !== undefined && names.includes(type.name);
}

export function named(pkg: string, name: string, pointer = true): TypeRef {
  const last = pkg.slice(pkg.lastIndexOf('/') + 1);
  return { pkg, name, pointer, text: `${pointer ? '*' : ''}${last}.${name}` };
}

const BUILTIN_TYPES = new Set(['any', 'bool', 'byte', 'comparable', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int', 'int8', 'int16', 'int32', 'int64', 'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/**
 * A type read in the package at import path `path`, as another package sees it: the package's
 * own named types (`*Store`) become qualified by `path`; builtins and other packages' types stay.
 */
export function seenFrom(type: TypeRef, path: string): TypeRef {
  if (type.pkg !== '' || !type.name || BUILTIN_TYPES.has(type.name)) return type;
  return { ...type, pkg: path };
}
