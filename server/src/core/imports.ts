import type { Node } from 'web-tree-sitter';

/** The names a file's imports bind, and the paths they bind to. */
export interface FileImports {
  /** Local name (alias or package name) → import path. Dot and blank imports are left out. */
  byName: Map<string, string>;
  /** Import path → every local name bound to it in this file. */
  byPath: Map<string, string[]>;
  /** Paths imported with `.`: their exported names are in scope unqualified. */
  dotImports: string[];
}

/**
 * The package name a path most likely declares. Without reading the package we follow the
 * conventions Go tooling itself assumes: the last element, skipping a `/vN` major version and
 * dropping a `go-` prefix, a `-go` suffix and a `.vN` suffix (`gopkg.in/yaml.v3` → `yaml`).
 */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/-go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The imports of a file, given the types of its root's children (`scanTopLevel`): the import
 * declarations are read from the tree by index. Walking the root's children with
 * `nextNamedSibling` cost twenty times as much (tree-sitter finds a node's parent from the root
 * for each step).
 */
export function readImports(root: Node, topLevelTypes: readonly string[]): FileImports {
  const imports: FileImports = { byName: new Map(), byPath: new Map(), dotImports: [] };
  // Imports come right after the package clause: stop at the first other declaration. The
  // statement terminators between them (`\n`, `;`) are the root's only unnamed children.
  for (let i = 0; i < topLevelTypes.length; i++) {
    const type = topLevelTypes[i];
    if (type === 'package_clause' || type === 'comment' || !/^\w/.test(type)) continue;
    if (type !== 'import_declaration') break;
    const declaration = root.child(i);
    if (!declaration) break;
    for (const spec of declaration.descendantsOfType('import_spec')) {
      const pathNode = spec?.childForFieldName('path');
      if (!spec || !pathNode) continue;
      const path = pathNode.text.slice(1, -1);
      const nameNode = spec.childForFieldName('name');
      if (nameNode?.type === 'dot') {
        imports.dotImports.push(path);
        continue;
      }
      if (nameNode?.type === 'blank_identifier') continue;
      const name = nameNode?.text ?? defaultPackageName(path);
      imports.byName.set(name, path);
      const names = imports.byPath.get(path) ?? [];
      names.push(name);
      imports.byPath.set(path, names);
    }
  }
  return imports;
}
